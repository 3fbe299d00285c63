// powerGrid builds c·(k·step)^p from prime powers (j^p for prime j, products for composites); it
// must stay as accurate as pointwise Math.pow.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integerFactors, powerGrid } from "../../src/survival/define-curve.js";

describe("powerGrid", () => {
  it("integerFactors(n) stores k = a·b with b the smallest prime factor, and 0, 0 for 1 and primes", () => {
    const table = integerFactors(500);
    for (let k = 2; k <= 500; k++) {
      const a = table[2 * k]!;
      const b = table[2 * k + 1]!;
      let smallest = 2;
      while (k % smallest !== 0) smallest++;
      if (smallest === k) expect([a, b]).toEqual([0, 0]);
      else expect([a * b, b]).toEqual([k, smallest]);
    }
  });

  it("powerGrid(c, p, 0, step, out) is within 1e-14 relative of c·Math.pow((k + 1)·step, p)", () => {
    // Error bound: each j^p is a product of ≤ log2(1000) ≈ 10 prime powers, each exp(p·log q) within
    // about p·ln(1000) + 1 ulps; with p ≤ 3.5 that is ≤ (3.5·6.9 + 10 + 2) ulps ≈ 36 ulps ≈ 8e-15,
    // the same order as Math.pow's own exp/log route.
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 3.5, noNaN: true }), fc.double({ min: 1e-3, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), (power, coefficient, step) => {
        const out = powerGrid(coefficient, power, 0, step, new Float64Array(1000));
        for (let k = 0; k < 1000; k++) {
          const exact = coefficient * Math.pow((k + 1) * step, power);
          if (!(Math.abs(out[k]! / exact - 1) < 1e-14)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
