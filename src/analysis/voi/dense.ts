// Small dense kernels for the EVPPI smoother: row-major Float64Array matrices of a few hundred rows
// at most. @internal

/**
 * Σ_k x[i + k]·y[j + k] for k < length, with four running sums: one sum would wait for each
 * addition to finish before the next (the loop's cost is the adder's latency, not its throughput).
 * @internal
 */
export function dot(x: Float64Array, i: number, y: Float64Array, j: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += x[i + k]! * y[j + k]!;
    s1 += x[i + k + 1]! * y[j + k + 1]!;
    s2 += x[i + k + 2]! * y[j + k + 2]!;
    s3 += x[i + k + 3]! * y[j + k + 3]!;
  }
  for (; k < length; k++) s0 += x[i + k]! * y[j + k]!;
  return s0 + s1 + (s2 + s3);
}

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
    const pivot = a[rowJ + j]! - dot(a, rowJ, a, rowJ, j);
    const d = Math.sqrt(pivot > floor ? pivot : floor);
    a[rowJ + j] = d;
    // Four rows at a time, then two: each entry of row j is loaded once for all of them. Every row
    // keeps its own two running sums (even and odd k), so the result does not depend on the grouping.
    let i = j + 1;
    for (; i + 3 < m; i += 4) {
      const r0 = i * m;
      const r1 = r0 + m;
      const r2 = r1 + m;
      const r3 = r2 + m;
      let s0 = 0;
      let s1 = 0;
      let t0 = 0;
      let t1 = 0;
      let u0 = 0;
      let u1 = 0;
      let v0 = 0;
      let v1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        const x = a[rowJ + k]!;
        const y = a[rowJ + k + 1]!;
        s0 += a[r0 + k]! * x;
        t0 += a[r1 + k]! * x;
        u0 += a[r2 + k]! * x;
        v0 += a[r3 + k]! * x;
        s1 += a[r0 + k + 1]! * y;
        t1 += a[r1 + k + 1]! * y;
        u1 += a[r2 + k + 1]! * y;
        v1 += a[r3 + k + 1]! * y;
      }
      if (k < j) {
        const x = a[rowJ + k]!;
        s0 += a[r0 + k]! * x;
        t0 += a[r1 + k]! * x;
        u0 += a[r2 + k]! * x;
        v0 += a[r3 + k]! * x;
      }
      a[r0 + j] = (a[r0 + j]! - (s0 + s1)) / d;
      a[r1 + j] = (a[r1 + j]! - (t0 + t1)) / d;
      a[r2 + j] = (a[r2 + j]! - (u0 + u1)) / d;
      a[r3 + j] = (a[r3 + j]! - (v0 + v1)) / d;
    }
    for (; i + 1 < m; i += 2) {
      const r0 = i * m;
      const r1 = r0 + m;
      let s0 = 0;
      let s1 = 0;
      let t0 = 0;
      let t1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        const x = a[rowJ + k]!;
        const y = a[rowJ + k + 1]!;
        s0 += a[r0 + k]! * x;
        t0 += a[r1 + k]! * x;
        s1 += a[r0 + k + 1]! * y;
        t1 += a[r1 + k + 1]! * y;
      }
      if (k < j) {
        const x = a[rowJ + k]!;
        s0 += a[r0 + k]! * x;
        t0 += a[r1 + k]! * x;
      }
      a[r0 + j] = (a[r0 + j]! - (s0 + s1)) / d;
      a[r1 + j] = (a[r1 + j]! - (t0 + t1)) / d;
    }
    if (i < m) a[i * m + j] = (a[i * m + j]! - dot(a, i * m, a, rowJ, j)) / d;
    for (let k = j + 1; k < m; k++) a[rowJ + k] = 0;
  }
  return a;
}

/**
 * The diagonal of (L Lᵀ)⁻¹ for a Cholesky factor L: the squared norms of the columns of L⁻¹, each
 * column found by forward substitution into one contiguous vector (no m × m inverse is stored), two
 * columns at a time so that each entry of L is loaded once for both. @internal
 */
export function inverseDiagonal(l: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  const w0 = new Float64Array(m);
  const w1 = new Float64Array(m);
  let j = 0;
  for (; j + 1 < m; j += 2) {
    // Columns j and j + 1 of L⁻¹ (the second is 0 in row j).
    const d1 = l[(j + 1) * m + j + 1]!;
    w0[j] = 1 / l[j * m + j]!;
    w1[j] = 0;
    w0[j + 1] = (-l[(j + 1) * m + j]! * w0[j]!) / d1;
    w1[j + 1] = 1 / d1;
    let n0 = w0[j]! * w0[j]! + w0[j + 1]! * w0[j + 1]!;
    let n1 = w1[j + 1]! * w1[j + 1]!;
    for (let i = j + 2; i < m; i++) {
      const row = i * m;
      let a0 = 0;
      let a1 = 0;
      let b0 = 0;
      let b1 = 0;
      let k = j;
      for (; k + 1 < i; k += 2) {
        const x = l[row + k]!;
        const y = l[row + k + 1]!;
        a0 += x * w0[k]!;
        b0 += x * w1[k]!;
        a1 += y * w0[k + 1]!;
        b1 += y * w1[k + 1]!;
      }
      if (k < i) {
        const x = l[row + k]!;
        a0 += x * w0[k]!;
        b0 += x * w1[k]!;
      }
      const d = l[row + i]!;
      const v0 = -(a0 + a1) / d;
      const v1 = -(b0 + b1) / d;
      w0[i] = v0;
      w1[i] = v1;
      n0 += v0 * v0;
      n1 += v1 * v1;
    }
    out[j] = n0;
    out[j + 1] = n1;
  }
  if (j < m) out[j] = 1 / l[j * m + j]! ** 2;
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
  jacobiSweeps(a, v, m);
  return { values: Float64Array.from({ length: m }, (_, i) => a[i * m + i]!), vectors: v };
}

/**
 * Rotates `a` towards diagonal and accumulates the rotations in `v`. Apart from symmetricEigen so
 * that the code V8 (Node 20) compiles for these loops on stack replacement, and reuses at every later
 * call, has nothing after them that had not yet run (it left that code again there at every call).
 */
function jacobiSweeps(a: Float64Array, v: Float64Array, m: number): void {
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
}
