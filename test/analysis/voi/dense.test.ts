import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { choleskyInPlace, inverseDiagonal } from "../../../src/analysis/voi/dense.js";

/** A symmetric positive definite m × m matrix BBᵀ + I from entries in [−1, 1]. */
function spd(entries: readonly number[], m: number): Float64Array {
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < m; k++) s += entries[i * m + k]! * entries[j * m + k]!;
      a[i * m + j] = s;
    }
  }
  return a;
}

/** The inverse by Gauss–Jordan elimination: an independent route to diag(A⁻¹). */
function inverse(a: Float64Array, m: number): Float64Array {
  const w = Float64Array.from(a);
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  for (let c = 0; c < m; c++) {
    const pivot = w[c * m + c]!;
    for (let k = 0; k < m; k++) {
      w[c * m + k] = w[c * m + k]! / pivot;
      inv[c * m + k] = inv[c * m + k]! / pivot;
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = w[r * m + c]!;
      for (let k = 0; k < m; k++) {
        w[r * m + k] = w[r * m + k]! - f * w[c * m + k]!;
        inv[r * m + k] = inv[r * m + k]! - f * inv[c * m + k]!;
      }
    }
  }
  return inv;
}

describe("EVPPI smoother's dense kernels", () => {
  it("Cholesky: L Lᵀ reproduces A and L is lower triangular, for odd and even sizes (rows are done in fours, then pairs, then one)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }).chain((m) => fc.tuple(fc.constant(m), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m * m, maxLength: m * m }))), ([m, entries]) => {
        const a = spd(entries, m);
        const l = choleskyInPlace(Float64Array.from(a), m, 1);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            if (j > i) expect(l[i * m + j]).toBe(0);
            let s = 0;
            for (let k = 0; k < m; k++) s += l[i * m + k]! * l[j * m + k]!;
            expect(Math.abs(s - a[i * m + j]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(a[i * m + j]!)) * m);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("diagonal of the inverse equals Gauss–Jordan's within 1e-10 (relative), for odd and even sizes (columns are done in pairs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((m) => fc.tuple(fc.constant(m), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m * m, maxLength: m * m }))), ([m, entries]) => {
        const a = spd(entries, m);
        const diag = inverseDiagonal(choleskyInPlace(Float64Array.from(a), m, 1), m);
        const inv = inverse(a, m);
        for (let i = 0; i < m; i++) expect(Math.abs(diag[i]! - inv[i * m + i]!)).toBeLessThanOrEqual(1e-10 * inv[i * m + i]!);
      }),
      { numRuns: 60 },
    );
  });
});
