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
 * A cubic regression spline basis of one covariate with its wiggliness penalty ∫ f''(x)² dx
 * (Wood 2017, Generalized Additive Models, 2nd ed., §5.3.1; mgcv's `bs = "cr"`): a natural cubic
 * spline parameterised by its values at `knotCount` knots placed evenly through the sorted unique
 * values, the first and last at the extremes. The basis is rotated by the penalty's eigenvectors, so
 * the penalty is diagonal and tensor products of such bases have diagonal penalties too. Fewer
 * distinct values than knots give fewer knots; one distinct value gives the constant only. @internal
 */
export function cubicRegressionSpline(x: Float64Array, knotCount: number): MarginalBasis {
  const n = x.length;
  const unique = Array.from(new Set(Float64Array.from(x).sort()));
  if (unique.length < 2) return { basis: new Float64Array(n).fill(1), width: 1, penalty: new Float64Array(1), times: (beta, into) => (into ?? new Float64Array(n)).fill(beta[0]!) };
  const lo = unique[0]!;
  const range = unique[unique.length - 1]! - lo;
  // Work on the covariate scaled to [0, 1]: the fitted values do not depend on it, the conditioning does.
  const u = unique.map((v) => (v - lo) / range);
  const k = Math.min(knotCount, u.length);
  const knots = Float64Array.from({ length: k }, (_, j) => {
    const at = (j * (u.length - 1)) / (k - 1);
    const below = Math.floor(at);
    const frac = at - below;
    return frac === 0 ? u[below]! : u[below]! * (1 - frac) + u[below + 1]! * frac;
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
  const basis = new Float64Array(n * k);
  // Per draw: its interval and the weights of V[j], V[j + 1], FV[j], FV[j + 1].
  const interval = new Int32Array(n);
  const weights = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const v = (x[i]! - lo) / range;
    let j = 0;
    let hi = k - 2;
    // The interval [knots[j], knots[j + 1]] holding v (binary search).
    while (j < hi) {
      const mid = (j + hi + 1) >> 1;
      if (knots[mid]! <= v) j = mid;
      else hi = mid - 1;
    }
    const hj = h[j]!;
    const am = (knots[j + 1]! - v) / hj;
    const ap = (v - knots[j]!) / hj;
    const cm = ((knots[j + 1]! - v) ** 3 / hj - hj * (knots[j + 1]! - v)) / 6;
    const cp = ((v - knots[j]!) ** 3 / hj - hj * (v - knots[j]!)) / 6;
    const row = i * k;
    const left = j * k;
    const right = left + k;
    for (let c = 0; c < k; c++) basis[row + c] = am * vectors[left + c]! + ap * vectors[right + c]! + cm * fv[left + c]! + cp * fv[right + c]!;
    interval[i] = j;
    weights[4 * i] = am;
    weights[4 * i + 1] = ap;
    weights[4 * i + 2] = cm;
    weights[4 * i + 3] = cp;
  }
  const times = (beta: Float64Array, into?: Float64Array): Float64Array => {
    const vb = new Float64Array(k);
    const fvb = new Float64Array(k);
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
    const out = into ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = interval[i]!;
      const w = 4 * i;
      out[i] = weights[w]! * vb[j]! + weights[w + 1]! * vb[j + 1]! + weights[w + 2]! * fvb[j]! + weights[w + 3]! * fvb[j + 1]!;
    }
    return out;
  };
  // The null space (constant and linear) has eigenvalues 0 up to rounding.
  const eigen = values.map((e) => (e > 1e-9 * top ? e : 0));
  return { basis, width: k, penalty: eigen, times };
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
