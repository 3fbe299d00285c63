/**
 * Lower-triangular Cholesky factor L of a symmetric `k × k` matrix A (row-major), A = L Lᵀ.
 * Returns `undefined` when A is not positive definite (a pivot ≤ `minPivot`, default 1e-12), so
 * callers can report which correlation matrix is impossible (or, fitting, damp a Newton step).
 *
 * @internal
 */
export function cholesky(a: Float64Array, k: number, minPivot = 1e-12): Float64Array | undefined {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (!(sum > minPivot)) return undefined;
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j]!;
      }
    }
  }
  return l;
}

/**
 * Solves L X = B for X where L is lower triangular `k × k` and B is `k × k` (row-major), i.e.
 * returns L⁻¹ B.
 *
 * @internal
 */
export function solveLower(l: Float64Array, b: Float64Array, k: number): Float64Array {
  const x = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < k; i++) {
      let sum = b[i * k + c]!;
      for (let m = 0; m < i; m++) sum -= l[i * k + m]! * x[m * k + c]!;
      x[i * k + c] = sum / l[i * k + i]!;
    }
  }
  return x;
}

/**
 * Solves L Lᵀ x = b for x, with L from {@link cholesky} (`k × k`, row-major): forward then back
 * substitution.
 *
 * @internal
 */
export function solveCholesky(l: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let m = 0; m < i; m++) sum -= l[i * k + m]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let m = i + 1; m < k; m++) sum -= l[m * k + i]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  return y;
}
