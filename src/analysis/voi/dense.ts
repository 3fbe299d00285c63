// Small dense kernels for the EVPPI smoother: row-major Float64Array matrices of a few hundred rows
// at most. @internal

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive definite matrix, in place of a copy.
 * A pivot below 10⁻¹³ × `scale` (a direction the data and penalty leave undetermined) is replaced
 * by that tiny ridge, so the factor always exists. `scale` is the data's own size (the largest
 * diagonal entry of XᵀX): a large penalty must not make the unpenalised directions look
 * undetermined. @internal
 */
export function choleskyInPlace(a: Float64Array, m: number, scale: number): Float64Array {
  const floor = 1e-13 * (scale || 1);
  for (let j = 0; j < m; j++) {
    const rowJ = j * m;
    let pivot = a[rowJ + j]!;
    for (let k = 0; k < j; k++) pivot -= a[rowJ + k]! * a[rowJ + k]!;
    const d = Math.sqrt(pivot > floor ? pivot : floor);
    a[rowJ + j] = d;
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let v = a[rowI + j]!;
      for (let k = 0; k < j; k++) v -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = v / d;
    }
    for (let k = j + 1; k < m; k++) a[rowJ + k] = 0;
  }
  return a;
}

/** Solves L Lᵀ x = b for x with a Cholesky factor from {@link choleskyInPlace}. @internal */
export function choleskySolve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let v = x[i]!;
    for (let k = 0; k < i; k++) v -= l[i * m + k]! * x[k]!;
    x[i] = v / l[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = x[i]!;
    for (let k = i + 1; k < m; k++) v -= l[k * m + i]! * x[k]!;
    x[i] = v / l[i * m + i]!;
  }
  return x;
}

/**
 * The diagonal of (L Lᵀ)⁻¹ for a Cholesky factor L: the squared norms of the columns of L⁻¹, each
 * column found by forward substitution into one contiguous vector (no m × m inverse is stored).
 * @internal
 */
export function inverseDiagonal(l: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  const w = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    w[j] = 1 / l[j * m + j]!;
    let norm = w[j]! * w[j]!;
    for (let i = j + 1; i < m; i++) {
      const row = i * m;
      let v = 0;
      for (let k = j; k < i; k++) v -= l[row + k]! * w[k]!;
      v /= l[row + i]!;
      w[i] = v;
      norm += v * v;
    }
    out[j] = norm;
  }
  return out;
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan
 * 2013, §8.5): returns the eigenvalues and the eigenvectors as the columns of a row-major matrix.
 * @internal
 */
export function symmetricEigen(matrix: Float64Array, m: number): { readonly values: Float64Array; readonly vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) (i === j ? (total += a[i * m + j]! ** 2) : (off += a[i * m + j]! ** 2));
    if (off <= 1e-30 * (total + off) || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (apq === 0) continue;
        const theta = (a[q * m + q]! - a[p * m + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: m }, (_, i) => a[i * m + i]!), vectors: v };
}
