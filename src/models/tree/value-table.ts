import type { PathSegment } from "../../core/errors.js";
import type { Value } from "./tree-types.js";

/** Where a value sits, to name it in errors: the node's labels and the rest of the path. */
export interface ValueSite {
  readonly labels: readonly string[];
  readonly tail: readonly PathSegment[];
}

/**
 * Every number or parameter function of a tree in one table, so that each is evaluated exactly
 * once per draw into a preallocated `Float64Array`. A function used at several sites (the same
 * object, e.g. `(p) => p.pTreat` shared by many branches) is called once per draw: its later sites
 * copy the first site's value (`sameAs`).
 */
export class ValueTable<P> {
  readonly constants: number[] = [];
  readonly functions: (((params: P) => number) | undefined)[] = [];
  readonly sites: ValueSite[] = [];
  /** Per value, the index of the first value with the same function, or -1 (a number, or the first use). */
  readonly sameAs: number[] = [];
  private readonly first = new Map<(params: P) => number, number>();

  /** Adds a value and returns its index. */
  add(value: Value<P>, labels: readonly string[], tail: readonly PathSegment[]): number {
    const index = this.constants.length;
    this.constants.push(typeof value === "number" ? value : 0);
    this.functions.push(typeof value === "function" ? value : undefined);
    this.sites.push({ labels, tail });
    let same = -1;
    if (typeof value === "function") {
      const earlier = this.first.get(value);
      if (earlier === undefined) this.first.set(value, index);
      else same = earlier;
    }
    this.sameAs.push(same);
    return index;
  }
}
