import { type HomogeneousKernel, homogeneousKernel } from "./homogeneous-kernel.js";

/** At most this many distinct structures are compiled per model (beyond, the generic loop runs). */
const MAX_STRUCTURES = 64;

/**
 * Remembers the generated kernel of each strategy's last sparsity pattern, so that a PSA (where
 * the pattern almost never changes between draws) compiles once and then only compares integers.
 */
export class KernelCache {
  private readonly lastEnd: Int32Array[];
  private readonly lastCol: Int32Array[];
  private readonly lastKernel: (HomogeneousKernel | undefined)[];
  private readonly lastValued: Uint8Array[];
  private readonly known = new Map<string, HomogeneousKernel | undefined>();

  constructor(strategies: number, private readonly expanded: number, width: number, private readonly sameCoefficients: boolean) {
    this.lastValued = Array.from({ length: strategies }, () => new Uint8Array(expanded));
    this.lastEnd = Array.from({ length: strategies }, () => new Int32Array(expanded).fill(-1));
    this.lastCol = Array.from({ length: strategies }, () => new Int32Array(expanded * width));
    this.lastKernel = new Array<HomogeneousKernel | undefined>(strategies).fill(undefined);
  }

  /** The kernel for the current structure of a strategy, or undefined for the generic loop. */
  kernelFor(strategy: number, rowStart: Int32Array, rowEnd: Int32Array, col: Int32Array, valued: Uint8Array): HomogeneousKernel | undefined {
    const lastEnd = this.lastEnd[strategy]!;
    const lastCol = this.lastCol[strategy]!;
    const lastValued = this.lastValued[strategy]!;
    let same = true;
    for (let e = 0; e < this.expanded && same; e++) {
      const end = rowEnd[e]!;
      if (lastValued[e] !== valued[e]) same = false;
      if (lastEnd[e] !== end) same = false;
      else for (let index = rowStart[e]!; index < end; index++) if (lastCol[index] !== col[index]) { same = false; break; }
    }
    if (same) return this.lastKernel[strategy];
    let key = "";
    for (let e = 0; e < this.expanded; e++) {
      lastEnd[e] = rowEnd[e]!;
      lastValued[e] = valued[e]!;
      key += valued[e] === 0 ? "|" : "|v";
      for (let index = rowStart[e]!; index < rowEnd[e]!; index++) {
        lastCol[index] = col[index]!;
        key += `${col[index]},`;
      }
    }
    let kernel: HomogeneousKernel | undefined;
    if (this.known.has(key)) kernel = this.known.get(key);
    else {
      kernel = this.known.size < MAX_STRUCTURES ? homogeneousKernel(this.expanded, rowStart, rowEnd, col, valued, this.sameCoefficients) : undefined;
      if (this.known.size < MAX_STRUCTURES) this.known.set(key, kernel);
    }
    this.lastKernel[strategy] = kernel;
    return kernel;
  }
}
