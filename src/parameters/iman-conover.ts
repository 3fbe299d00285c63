import normalQuantile from "@stdlib/stats-base-dists-normal-quantile/lib/main.js";
import { fail, type PathSegment } from "../core/errors.js";
import { cholesky, solveLower } from "./cholesky.js";
import { midRanksInto, ranks } from "./spearman.js";
import { sortedOrder } from "./sorted-order.js";

/**
 * The Pearson correlation of normal scores that gives Spearman's rank correlation ρₛ:
 * r = 2 sin(π ρₛ / 6) (Pearson 1907; Kruskal 1958). Iman–Conover pins the Pearson correlation of
 * the scores, so targeting r rather than ρₛ makes the achieved rank correlation match ρₛ.
 *
 * @param rho - target Spearman rank correlation in [-1, 1]
 * @returns the matching Pearson correlation of the normal scores
 * @example
 * scoreCorrelation(1) // => 1
 * scoreCorrelation(0.5) // => 0.5176
 */
export function scoreCorrelation(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/**
 * Rearranges sampled columns in place so that their rank correlations approach a target, while
 * each column keeps exactly the same values (Iman & Conover 1982, "A distribution-free approach
 * to inducing rank correlation among input variables", Commun Stat Simul Comput 11:311–334).
 *
 * Each column's ranks are turned into van der Waerden scores Φ⁻¹(r/(n+1)), giving a score matrix
 * R with sample correlation T = Q Qᵀ. With P Pᵀ the target correlation of scores, R* = R (P Q⁻¹)ᵀ
 * has sample correlation exactly P Pᵀ; each column is then reordered to follow the ranks of R*.
 * The columns' own ranks stand in for the random score permutations of the original paper, so
 * the rearrangement adds no randomness.
 *
 * @param columns - `k` columns of `n` draws each (rearranged in place)
 * @param target - target Spearman correlation, `k × k` row-major, 1 on the diagonal
 * @param path - where to report a failure (e.g. `["correlations"]`)
 * @returns the mid-ranks of each rearranged column (for the achieved Spearman correlations)
 * @example
 * const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
 * const y = Float64Array.of(3, 9, 1, 7, 5, 10, 2, 8, 4, 6);
 * imanConover([x, y], Float64Array.of(1, 0.8, 0.8, 1));
 * spearman(x, y) > 0.6 // => true
 * Array.from(y).sort((a, b) => a - b) // => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
 */
export function imanConover(columns: readonly Float64Array[], target: Float64Array, path: readonly PathSegment[] = ["correlations"]): Float64Array[] {
  const k = columns.length;
  if (k < 2) return columns.map(ranks);
  const n = columns[0]!.length;
  if (n <= k) fail("invalid_argument", path, `rank correlation of ${k} parameters needs more than ${k} draws (received ${n})`);
  const scores = vanDerWaerdenScores(n);

  // Sorted copies are kept: the rearranged column is the sorted values put in a new order.
  const sortedColumns: Float64Array[] = [];
  const r = columns.map((column) => {
    const order = sortedOrder(column);
    const sorted = new Float64Array(n);
    for (let j = 0; j < n; j++) sorted[j] = column[order[j]!]!;
    sortedColumns.push(sorted);
    const rk = new Float64Array(n);
    midRanksInto(order, (j) => sorted[j]!, rk);
    // Mid-ranks of ties fall between two scores; averaging the neighbours keeps ties tied.
    for (let i = 0; i < n; i++) {
      const lo = Math.floor(rk[i]!) - 1;
      const hi = Math.ceil(rk[i]!) - 1;
      rk[i] = (scores[lo]! + scores[hi]!) / 2;
    }
    return rk;
  });

  const t = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      const ra = r[a]!;
      const rb = r[b]!;
      for (let i = 0; i < n; i++) {
        sab += ra[i]! * rb[i]!;
        saa += ra[i]! * ra[i]!;
        sbb += rb[i]! * rb[i]!;
      }
      const c = sab / Math.sqrt(saa * sbb);
      t[a * k + b] = c;
      t[b * k + a] = c;
    }
  }
  const c = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) c[i] = i % (k + 1) === 0 ? 1 : scoreCorrelation(target[i]!);
  const q = cholesky(t, k);
  const p = cholesky(c, k);
  if (p === undefined) fail("not_positive_definite", path, "the requested rank correlations are not a valid correlation matrix (not positive definite)");
  if (q === undefined) fail("not_positive_definite", path, "the sampled columns are collinear, so rank correlation cannot be induced (constant or tied columns?)");
  // S = P Q⁻¹ is lower triangular, so column a of R* mixes only score columns 0..a.
  const s = multiply(p, solveLower(q, identity(k), k), k);

  const goal = new Float64Array(n);
  const finalRanks: Float64Array[] = [];
  for (let a = 0; a < k; a++) {
    goal.fill(0);
    for (let m = 0; m <= a; m++) {
      const w = s[a * k + m]!;
      if (w === 0) continue;
      const rm = r[m]!;
      for (let i = 0; i < n; i++) goal[i] = goal[i]! + w * rm[i]!;
    }
    const column = columns[a]!;
    const sorted = sortedColumns[a]!;
    const order = sortedOrder(goal);
    for (let j = 0; j < n; j++) column[order[j]!] = sorted[j]!;
    const rk = new Float64Array(n);
    midRanksInto(order, (j) => sorted[j]!, rk);
    finalRanks.push(rk);
  }
  return finalRanks;
}

let cachedScores: Float64Array | undefined;

/** Φ⁻¹(i/(n+1)) for i = 1..n, cached for the last n (a PSA samples the same n again and again). */
function vanDerWaerdenScores(n: number): Float64Array {
  if (cachedScores?.length !== n) {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = normalQuantile((i + 1) / (n + 1), 0, 1);
    cachedScores = scores;
  }
  return cachedScores;
}

function identity(k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) m[i * k + i] = 1;
  return m;
}

function multiply(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let m = 0; m < k; m++) sum += a[i * k + m]! * b[m * k + j]!;
      out[i * k + j] = sum;
    }
  }
  return out;
}
