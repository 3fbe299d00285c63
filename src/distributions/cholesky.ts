import { fail, type PathSegment } from "../core/errors.js";
import { formatSignificant } from "../core/format-significant.js";

/**
 * Relative tolerance for symmetry and for a pivot counted as zero: entries are compared against
 * the largest diagonal entry, so the check does not depend on the parameters' units.
 */
const RELATIVE_TOLERANCE = 1e-10;

/**
 * The lower-triangular Cholesky factor L of a symmetric positive definite matrix Σ (Σ = L·Lᵀ),
 * row-major. Correlated normal draws are μ + L·z with z independent standard normals (Briggs,
 * Claxton & Sculpher 2006, §4.3.2).
 *
 * @param matrix - square, symmetric, positive definite, rows as arrays
 * @param path - where the matrix is, for errors (e.g. ["multivariateNormal", "covariance"])
 * @returns L as a row-major `Float64Array` of length k²
 * @throws QalyError `not_positive_definite` naming the first failing row, `dimension_mismatch`
 *   for a matrix that is not square, `invalid_argument` for a non-finite entry
 * @example
 * Array.from(cholesky([[4, 2], [2, 2]])) // => [2, 0, 1, 1]
 */
export function cholesky(matrix: readonly (readonly number[])[], path: readonly PathSegment[] = ["covariance"]): Float64Array {
  if (!Array.isArray(matrix)) fail("invalid_argument", path, "must be a square matrix given as an array of rows", { received: matrix });
  const k = matrix.length;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) fail("dimension_mismatch", [...path, i], `a ${k}×${k} matrix needs ${k} entries in every row (received ${Array.isArray(row) ? row.length : typeof row})`, { received: row });
    row.forEach((entry, j) => {
      if (typeof entry !== "number" || !Number.isFinite(entry)) fail("invalid_argument", [...path, i, j], `must be a finite number (received ${String(entry)})`, { received: entry });
    });
  });
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(matrix[i]![i]!));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const upper = matrix[j]![i]!;
      const lower = matrix[i]![j]!;
      if (Math.abs(upper - lower) > RELATIVE_TOLERANCE * Math.max(scale, Number.MIN_VALUE)) {
        fail("not_positive_definite", [...path, i, j], `a covariance matrix must be symmetric, but entry [${i}][${j}] = ${lower} differs from [${j}][${i}] = ${upper}`, { received: lower, expected: String(upper) });
      }
    }
  }
  const factor = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let pivot = matrix[j]![j]!;
    for (let m = 0; m < j; m++) pivot -= factor[j * k + m]! ** 2;
    if (!(pivot > RELATIVE_TOLERANCE * scale)) {
      const why = matrix[j]![j]! <= 0
        ? `the variance on the diagonal is ${formatSignificant(matrix[j]![j]!)}, but every variance must be > 0`
        : `the first ${j + 1} rows imply a non-positive conditional variance (${formatSignificant(pivot)}) for component ${j}: some correlation is above 1 in absolute value, or the correlations are mutually inconsistent (e.g. A~B and B~C strongly positive with A~C strongly negative)`;
      fail("not_positive_definite", [...path, j], `the covariance matrix is not positive definite: ${why}`, { received: matrix, expected: "a symmetric positive definite matrix" });
    }
    const diagonal = Math.sqrt(pivot);
    factor[j * k + j] = diagonal;
    for (let i = j + 1; i < k; i++) {
      let sum = matrix[i]![j]!;
      for (let m = 0; m < j; m++) sum -= factor[i * k + m]! * factor[j * k + m]!;
      factor[i * k + j] = sum / diagonal;
    }
  }
  return factor;
}
