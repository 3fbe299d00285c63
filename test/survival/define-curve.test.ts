// powerGrid builds c·(k·step)^p from prime powers (j^p for prime j, products for composites); it
// must stay as accurate as pointwise Math.pow.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integerFactors, logIntegers, powerGrid } from "../../src/survival/define-curve.js";

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

  it("powerGrid from 0 forms each j^p as exp(p·log j) for a prime j and as (j/q)^p·q^p for q its smallest prime factor, bit for bit, for any length", () => {
    // The loops were reordered for speed (primes first, even composites without a table lookup);
    // every entry must still be this one rounded product, so that results do not move.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.double({ min: 0.2, max: 3.5, noNaN: true }), fc.double({ min: 1e-3, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), (n, power, coefficient, step) => {
        const factors = integerFactors(n);
        const logs = logIntegers(n);
        const table = new Float64Array(n);
        for (let j = 1; j <= n; j++) table[j - 1] = j === 1 ? 1 : factors[2 * j] === 0 ? Math.exp(power * logs[j]!) : table[factors[2 * j]! - 1]! * table[factors[2 * j + 1]! - 1]!;
        const scaled = coefficient * Math.pow(step, power);
        const out = powerGrid(coefficient, power, 0, step, new Float64Array(n));
        for (let k = 0; k < n; k++) if (!Object.is(out[k], scaled * table[k]!)) return false;
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
