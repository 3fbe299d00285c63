import { symmetricEigen } from "./dense.js";

/** One covariate's penalised spline basis, rotated so that its penalty is diagonal. @internal */
export interface MarginalBasis {
  /** Row-major n × width basis. */
  readonly basis: Float64Array;
  /** Number of basis functions. */
  readonly width: number;
  /** The penalty's eigenvalues: the penalty is Σ penalty[a]·β[a]² (0 for the constant and linear terms). */
  readonly penalty: Float64Array;
  /**
   * basis · β for every draw, in O(width² + n) rather than O(n · width): a row is a combination of
   * four rows of two width × width matrices, so those are multiplied by β once.
   */
  /** Basis × β, one value per draw; written into `into` (length n) when given, else a new array. */
  times(beta: Float64Array, into?: Float64Array): Float64Array;
}

/**
 * The parts of one covariate's cubic regression spline that do not depend on the draws' order: the
 * knots on the covariate scaled to [0, 1] and the rotation of the knot values to the penalty's
 * eigenvectors. A row of the rotated basis at a scaled value in knot interval j is
 * am·V[j] + ap·V[j + 1] + cm·FV[j] + cp·FV[j + 1] (see {@link splineRow}). @internal
 */
export interface SplineSetup {
  /** Number of knots (and basis functions); 1 when the covariate has a single value. */
  readonly width: number;
  /** The covariate's smallest value and range (the scaled value is (x − lo) / range). */
  readonly lo: number;
  readonly range: number;
  /** Knots on the scaled covariate, the first 0 and the last 1. */
  readonly knots: Float64Array;
  /** Interval widths, knots[j + 1] − knots[j]. */
  readonly h: Float64Array;
  /** The penalty's eigenvectors V (row-major width × width; row j: knot j's value per basis function). */
  readonly vectors: Float64Array;
  /** F·V, F mapping knot values to second derivatives at the knots. */
  readonly fv: Float64Array;
  /** The penalty's eigenvalues, 0 for the constant and linear terms. */
  readonly penalty: Float64Array;
  /** The draws in increasing order (a copy, which the single-parameter EVPPI turns into its local coordinates). */
  readonly sorted: Float64Array;
}

/**
 * A cubic regression spline of one covariate with its wiggliness penalty ∫ f''(x)² dx (Wood 2017,
 * Generalized Additive Models, 2nd ed., §5.3.1; mgcv's `bs = "cr"`): a natural cubic spline
 * parameterised by its values at `knotCount` knots placed evenly through the sorted unique values,
 * the first and last at the extremes, rotated by the penalty's eigenvectors so that the penalty is
 * diagonal. Fewer distinct values than knots give fewer knots; one distinct value gives the
 * constant only. `into` (length n), when given, receives the sorted copy. @internal
 */
export function splineSetup(x: Float64Array, knotCount: number, into?: Float64Array): SplineSetup {
  // The sorted copy goes into `into` when given (the EVPPI ranking reuses one buffer for every parameter).
  const sorted = into === undefined ? Float64Array.from(x).sort() : (into.set(x), into.sort());
  const n = sorted.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  if (count < 2) {
    const one = Float64Array.of(1);
    return { width: 1, lo: sorted[0] ?? 0, range: 0, knots: Float64Array.of(0), h: new Float64Array(0), vectors: one, fv: new Float64Array(1), penalty: new Float64Array(1), sorted };
  }
  const lo = sorted[0]!;
  const range = sorted[n - 1]! - lo;
  const k = Math.min(knotCount, count);
  // The knots sit at evenly spaced ranks of the distinct values, between two of them when a rank is
  // fractional: only those 2k distinct values are picked out (in one pass), not all n kept.
  const ranks = Array.from({ length: k }, (_, j) => (j * (count - 1)) / (k - 1));
  const wanted = new Map<number, number>();
  for (const at of ranks) {
    wanted.set(Math.floor(at), NaN);
    if (Math.floor(at) + 1 < count) wanted.set(Math.floor(at) + 1, NaN);
  }
  // The wanted ranks in increasing order, met one after the other by the pass: one comparison per
  // distinct value instead of a Map lookup, and the pass ends at the last one.
  const order = [...wanted.keys()].sort((a, b) => a - b);
  for (let i = 0, rank = -1, next = 0; i < n && next < order.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    rank++;
    if (rank === order[next]) wanted.set(order[next++]!, sorted[i]!);
  }
  // Work on the covariate scaled to [0, 1]: the fitted values do not depend on it, the conditioning does.
  const u = (rank: number): number => (wanted.get(rank)! - lo) / range;
  const knots = Float64Array.from(ranks, (at) => {
    const below = Math.floor(at);
    const frac = at - below;
    return frac === 0 ? u(below) : u(below) * (1 - frac) + u(below + 1) * frac;
  });
  knots[k - 1] = 1;
  const h = Float64Array.from({ length: k - 1 }, (_, j) => knots[j + 1]! - knots[j]!);
  // F maps the values at the knots to the second derivatives at the interior knots (natural: 0 at the ends).
  const inner = k - 2;
  const f = new Float64Array(k * k); // row j: second derivative at knot j; rows 0 and k − 1 stay 0
  const penalty = new Float64Array(k * k);
  if (inner > 0) {
    const d = new Float64Array(inner * k);
    const b = new Float64Array(inner * inner);
    for (let i = 0; i < inner; i++) {
      d[i * k + i] = 1 / h[i]!;
      d[i * k + i + 1] = -1 / h[i]! - 1 / h[i + 1]!;
      d[i * k + i + 2] = 1 / h[i + 1]!;
      b[i * inner + i] = (h[i]! + h[i + 1]!) / 3;
      if (i + 1 < inner) b[i * inner + i + 1] = b[(i + 1) * inner + i] = h[i + 1]! / 6;
    }
    const bInvD = solveTridiagonal(b, d, inner, k);
    f.set(bInvD, k);
    // S = Dᵀ B⁻¹ D.
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) {
      let v = 0;
      for (let i = 0; i < inner; i++) v += d[i * k + r]! * bInvD[i * k + c]!;
      penalty[r * k + c] = v;
    }
  }
  const { values, vectors } = symmetricEigen(penalty, k);
  const top = Math.max(0, ...values);
  // A row of the rotated basis is am·V[j] + ap·V[j + 1] + cm·(FV)[j] + cp·(FV)[j + 1]: four rows of
  // k, so the rotation costs 4k per draw instead of k².
  const fv = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) {
    let v = 0;
    for (let t = 0; t < k; t++) v += f[r * k + t]! * vectors[t * k + c]!;
    fv[r * k + c] = v;
  }
  // The null space (constant and linear) has eigenvalues 0 up to rounding.
  const eigen = values.map((e) => (e > 1e-9 * top ? e : 0));
  return { width: k, lo, range, knots, h, vectors, fv, penalty: eigen, sorted };
}

/**
 * The knot interval of a draw (`x` on the covariate's own scale) and the weights of V[j], V[j + 1],
 * FV[j] and FV[j + 1] in its basis row, written to `weights` at `at`; returns the interval j.
 * @internal
 */
export function splineRow(setup: SplineSetup, x: number, weights: Float64Array, at: number): number {
  const { knots, h } = setup;
  const v = (x - setup.lo) / setup.range;
  let j = 0;
  let hi = knots.length - 2;
  // The interval [knots[j], knots[j + 1]] holding v (binary search).
  while (j < hi) {
    const mid = (j + hi + 1) >> 1;
    if (knots[mid]! <= v) j = mid;
    else hi = mid - 1;
  }
  const hj = h[j]!;
  weights[at] = (knots[j + 1]! - v) / hj;
  weights[at + 1] = (v - knots[j]!) / hj;
  weights[at + 2] = ((knots[j + 1]! - v) ** 3 / hj - hj * (knots[j + 1]! - v)) / 6;
  weights[at + 3] = ((v - knots[j]!) ** 3 / hj - hj * (v - knots[j]!)) / 6;
  return j;
}

/**
 * One covariate's penalised spline basis ({@link splineSetup}) evaluated at every draw, for the
 * tensor products of several covariates. @internal
 */
export function cubicRegressionSpline(x: Float64Array, knotCount: number): MarginalBasis {
  const n = x.length;
  const setup = splineSetup(x, knotCount);
  const { width: k, vectors, fv } = setup;
  if (k === 1) return { basis: new Float64Array(n).fill(1), width: 1, penalty: new Float64Array(1), times: (beta, into) => (into ?? new Float64Array(n)).fill(beta[0]!) };
  const basis = new Float64Array(n * k);
  // Per draw: its interval and the weights of V[j], V[j + 1], FV[j], FV[j + 1].
  const interval = new Int32Array(n);
  const weights = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const j = splineRow(setup, x[i]!, weights, 4 * i);
    const am = weights[4 * i]!;
    const ap = weights[4 * i + 1]!;
    const cm = weights[4 * i + 2]!;
    const cp = weights[4 * i + 3]!;
    const row = i * k;
    const left = j * k;
    const right = left + k;
    for (let c = 0; c < k; c++) basis[row + c] = am * vectors[left + c]! + ap * vectors[right + c]! + cm * fv[left + c]! + cp * fv[right + c]!;
    interval[i] = j;
  }
  const times = (beta: Float64Array, into?: Float64Array): Float64Array => {
    const vb = new Float64Array(k);
    const fvb = new Float64Array(k);
    knotProducts(vectors, fv, beta, k, vb, fvb);
    const out = into ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = interval[i]!;
      const w = 4 * i;
      out[i] = weights[w]! * vb[j]! + weights[w + 1]! * vb[j + 1]! + weights[w + 2]! * fvb[j]! + weights[w + 3]! * fvb[j + 1]!;
    }
    return out;
  };
  return { basis, width: k, penalty: setup.penalty, times };
}

/** B⁻¹ D for a symmetric tridiagonal B (m × m) and D (m × cols), by the Thomas algorithm. */
function solveTridiagonal(b: Float64Array, d: Float64Array, m: number, cols: number): Float64Array {
  const out = Float64Array.from(d);
  const diag = Float64Array.from({ length: m }, (_, i) => b[i * m + i]!);
  for (let i = 1; i < m; i++) {
    const w = b[i * m + i - 1]! / diag[i - 1]!;
    diag[i] = diag[i]! - w * b[(i - 1) * m + i]!;
    for (let c = 0; c < cols; c++) out[i * cols + c] = out[i * cols + c]! - w * out[(i - 1) * cols + c]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let c = 0; c < cols; c++) {
      let v = out[i * cols + c]!;
      if (i + 1 < m) v -= b[i * m + i + 1]! * out[(i + 1) * cols + c]!;
      out[i * cols + c] = v / diag[i]!;
    }
  }
  return out;
}

/**
 * The spline's values and second derivatives at the knots for coefficients `beta`: `vb = V·β` and
 * `fvb = F·V·β` with the k × k row-major matrices `vectors` (V) and `fv` (F·V). @internal
 */
export function knotProducts(vectors: Float64Array, fv: Float64Array, beta: Float64Array, k: number, vb: Float64Array, fvb: Float64Array): void {
  for (let r = 0; r < k; r++) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < k; c++) {
      a += vectors[r * k + c]! * beta[c]!;
      b += fv[r * k + c]! * beta[c]!;
    }
    vb[r] = a;
    fvb[r] = b;
  }
}
