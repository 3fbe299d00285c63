import { sortedOrder } from "./sorted-order.js";

/**
 * Mid-ranks (1-based) of a sample: ties share the average of the ranks they span.
 *
 * @param values - the sample (no NaN)
 * @returns ranks in the original order
 * @example
 * Array.from(ranks([0.3, 0.1, 0.3, 0.2])) // => [3.5, 1, 3.5, 2]
 */
export function ranks(values: ArrayLike<number>): Float64Array {
  const order = sortedOrder(values);
  const out = new Float64Array(values.length);
  midRanksInto(order, (j) => values[order[j]!]!, out);
  return out;
}

/**
 * Writes mid-ranks given a sorting order: `out[order[j]]` is the 1-based mid-rank of the j-th
 * smallest value (`valueAt(j)`), ties sharing the average rank. Linear in n.
 *
 * @internal
 */
export function midRanksInto(order: Uint32Array, valueAt: (j: number) => number, out: Float64Array): void {
  const n = order.length;
  let i = 0;
  while (i < n) {
    let j = i;
    const x = valueAt(i);
    while (j + 1 < n && valueAt(j + 1) === x) j++;
    const rank = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) out[order[m]!] = rank;
    i = j + 1;
  }
}

/**
 * Spearman's rank correlation ρₛ of two samples: the Pearson correlation of their mid-ranks. It is
 * the measure `correlate()` targets, because it does not depend on the marginal distributions
 * (Iman & Conover 1982).
 *
 * @param x - first sample
 * @param y - second sample, same length
 * @returns ρₛ in [-1, 1] (`NaN` when a sample is constant)
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 30, 400]) // => 1
 * spearman([1, 2, 3, 4], [4, 3, 2, 1]) // => -1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}

/** Pearson correlation of two equally long samples (`NaN` when either is constant). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
