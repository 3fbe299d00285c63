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
 * object, e.g. `(p) => p.pTreat` shared by many branches) is one entry, called once per draw: its
 * later sites get the first site's index (errors name the first site, the one evaluated first).
 */
export class ValueTable<P> {
  readonly constants: number[] = [];
  readonly functions: (((params: P) => number) | undefined)[] = [];
  readonly sites: ValueSite[] = [];
  private readonly first = new Map<(params: P) => number, number>();

  /** Adds a value and returns its index (a function already added: its first index). */
  add(value: Value<P>, labels: readonly string[], tail: readonly PathSegment[]): number {
    if (typeof value === "function") {
      const earlier = this.first.get(value);
      if (earlier !== undefined) return earlier;
      this.first.set(value, this.constants.length);
    }
    const index = this.constants.length;
    this.constants.push(typeof value === "number" ? value : 0);
    this.functions.push(typeof value === "function" ? value : undefined);
    this.sites.push({ labels, tail });
    return index;
  }
}
