import { fail } from "../core/errors.js";
import type { Rng } from "./rng.js";

/**
 * Stratified uniforms for one dimension of a Latin hypercube: (0, 1) is cut into `n` equal
 * strata, the strata are put in a random order (Fisher–Yates), and draw `i` is uniform within its
 * stratum: `u[i] = (perm[i] + U) / n`. Each stratum holds exactly one draw, so the quantile
 * transform of these uniforms covers a distribution's tails evenly (McKay, Beckman & Conover 1979).
 *
 * @param n - number of draws (a positive integer)
 * @param rng - the source of randomness (one substream per dimension keeps dimensions independent)
 * @param out - optional buffer of length ≥ `n` to write into (no allocation)
 * @returns `out` (or a new `Float64Array(n)`) holding values in the open interval (0, 1)
 * @example
 * const u = latinHypercubeColumn(4, createRng(1));
 * Array.from(u, (x) => Math.floor(x * 4)).sort() // => [0, 1, 2, 3]
 */
export function latinHypercubeColumn(n: number, rng: Rng, out?: Float64Array): Float64Array {
  if (!Number.isInteger(n) || n < 1) fail("invalid_argument", ["n"], `the number of draws must be a positive integer (received ${n})`, { received: n });
  const result = out ?? new Float64Array(n);
  if (result.length < n) fail("invalid_argument", ["out"], `buffer too short: length ${result.length} for ${n} draws`);
  // Strata indices are written as numbers into the output, shuffled, then turned into uniforms in
  // place, so one pass needs no second buffer.
  for (let i = 0; i < n; i++) result[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const swap = result[i]!;
    result[i] = result[j]!;
    result[j] = swap;
  }
  const width = 1 / n;
  for (let i = 0; i < n; i++) {
    // (k + U)/n with U in (0,1) stays inside (k/n, (k+1)/n); rounding can reach the edge, so clamp
    // into the open unit interval that quantile functions need.
    const u = (result[i]! + rng.uniform()) * width;
    result[i] = u >= 1 ? 1 - Number.EPSILON / 2 : u;
  }
  return result;
}

/**
 * A Latin hypercube sample of `n` points in `dimensions` dimensions: one column of stratified
 * uniforms per dimension, each drawn from its own substream `rng.stream("lhs:" + d)`, so columns
 * are independent and each has exactly one point per stratum.
 *
 * @param n - number of points (a positive integer)
 * @param dimensions - number of dimensions (a non-negative integer)
 * @param rng - the source of randomness
 * @returns one `Float64Array(n)` per dimension, values in (0, 1)
 * @example
 * const columns = latinHypercube(10, 3, createRng("lhs"));
 * columns.length // => 3
 * columns[2].length // => 10
 */
export function latinHypercube(n: number, dimensions: number, rng: Rng): Float64Array[] {
  if (!Number.isInteger(dimensions) || dimensions < 0) {
    fail("invalid_argument", ["dimensions"], `the number of dimensions must be a non-negative integer (received ${dimensions})`, { received: dimensions });
  }
  const columns: Float64Array[] = [];
  for (let d = 0; d < dimensions; d++) columns.push(latinHypercubeColumn(n, rng.stream(`lhs:${d}`)));
  return columns;
}
