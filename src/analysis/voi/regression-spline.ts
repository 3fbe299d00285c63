/**
 * Least-squares fits of several responses on one or more covariates with natural cubic regression
 * splines (Hastie, Tibshirani & Friedman 2009, eq. 5.4–5.5): linear beyond the boundary knots,
 * knots at equally spaced quantiles of each covariate, no penalty. With several covariates the
 * basis is the tensor product of the covariates' bases (all interactions, as the tensor-product
 * smooths Strong, Oakley & Brennan 2014 recommend for a few parameters). Returns a function giving
 * the fitted values of a response. @internal
 */
export function regressionSpline(x: Float64Array | readonly Float64Array[], knotCount: number): (y: Float64Array) => Float64Array {
  const columns = x instanceof Float64Array ? [x] : x;
  const n = columns[0]!.length;
  let basis = new Float64Array(n).fill(1);
  let width = 1;
  for (const column of columns) {
    const own = splineBasis(column, knotCount);
    // Row-wise tensor (Kronecker) product of the basis so far with this covariate's basis.
    const next = new Float64Array(n * width * own.width);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < width; a++) {
        const va = basis[i * width + a]!;
        for (let b = 0; b < own.width; b++) next[(i * width + a) * own.width + b] = va * own.basis[i * own.width + b]!;
      }
    }
    basis = next;
    width *= own.width;
  }
  const gram = new Float64Array(width * width);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < width; a++) {
      const va = basis[i * width + a]!;
      if (va === 0) continue;
      for (let b = 0; b <= a; b++) gram[a * width + b]! += va * basis[i * width + b]!;
    }
  }
  for (let a = 0; a < width; a++) for (let b = 0; b < a; b++) gram[b * width + a] = gram[a * width + b]!;
  return (y: Float64Array): Float64Array => {
    const rhs = new Float64Array(width);
    for (let i = 0; i < n; i++) for (let a = 0; a < width; a++) rhs[a]! += basis[i * width + a]! * y[i]!;
    const beta = solve(Float64Array.from(gram), rhs, width);
    const fitted = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let a = 0; a < width; a++) v += basis[i * width + a]! * beta[a]!;
      fitted[i] = v;
    }
    return fitted;
  };
}

/** One covariate's natural-spline basis, row-major: 1, x and K − 2 spline terms (the constant only for one distinct knot). */
function splineBasis(x: Float64Array, knotCount: number): { readonly basis: Float64Array; readonly width: number } {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const lo = sorted[0]!;
  const range = sorted[n - 1]! - lo || 1;
  // Unique knots on the covariate scaled to [0, 1], so the cubic terms stay of order 1.
  const knots: number[] = [];
  for (let j = 0; j < knotCount; j++) {
    const value = (sorted[Math.round((j / Math.max(1, knotCount - 1)) * (n - 1))]! - lo) / range;
    if (knots.length === 0 || value > knots[knots.length - 1]! + 1e-9) knots.push(value);
  }
  const k = knots.length;
  // Basis: 1, x and K − 2 natural-spline terms d_j(x) − d_{K−1}(x); one knot gives the mean only.
  const width = k === 1 ? 1 : k;
  const basis = new Float64Array(n * width);
  const last = knots[k - 1]!;
  const cube = (v: number) => (v > 0 ? v * v * v : 0);
  const d = (u: number, j: number) => (cube(u - knots[j]!) - cube(u - last)) / (last - knots[j]!);
  for (let i = 0; i < n; i++) {
    const u = (x[i]! - lo) / range;
    const row = i * width;
    basis[row] = 1;
    if (width === 1) continue;
    basis[row + 1] = u;
    const dLast = k > 2 ? d(u, k - 2) : 0;
    for (let j = 0; j < k - 2; j++) basis[row + 2 + j] = d(u, j) - dLast;
  }
  return { basis, width };
}

/** Solves `A β = b` by Gaussian elimination with partial pivoting (A is small and symmetric positive semi-definite). */
function solve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const scale = Math.max(...Array.from({ length: m }, (_, i) => Math.abs(a[i * m + i]!))) || 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]!) > Math.abs(a[pivot * m + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < m; c++) [a[col * m + c], a[pivot * m + c]] = [a[pivot * m + c]!, a[col * m + c]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    const p = a[col * m + col]!;
    // A basis function that is (numerically) a combination of the others gets coefficient 0.
    if (Math.abs(p) <= 1e-12 * scale) {
      for (let c = 0; c < m; c++) a[col * m + c] = c === col ? 1 : 0;
      b[col] = 0;
      for (let r = 0; r < m; r++) if (r !== col) a[r * m + col] = 0;
      continue;
    }
    for (let r = col + 1; r < m; r++) {
      const factor = a[r * m + col]! / p;
      if (factor === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c]! -= factor * a[col * m + c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  const beta = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let v = b[r]!;
    for (let c = r + 1; c < m; c++) v -= a[r * m + c]! * beta[c]!;
    beta[r] = v / a[r * m + r]!;
  }
  return beta;
}
