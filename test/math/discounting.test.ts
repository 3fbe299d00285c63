// Discount factors, within-cycle correction weights and their combination (docs/conventions.md).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cycleWeights, discountFactor, discountedCycleWeights, eventDiscountTime } from "../../src/math/index.js";
import { QalyError } from "../../src/core/errors.js";

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);

describe("discountFactor", () => {
  it("discountFactor(rate, years) is (1 + rate)^−years, exactly 1 at time 0 or rate 0", () => {
    expect(discountFactor(0.03, 0)).toBe(1);
    expect(discountFactor(0, 10)).toBe(1);
    expect(discountFactor(0.06, 2)).toBe(1 / 1.06 ** 2);
    expect(discountFactor(-0.01, 1)).toBeNaN();
    expect(discountFactor(0.03, -1)).toBeNaN();
  });
});

describe("cycleWeights", () => {
  it("cycleWeights(correction, n) gives the documented vectors", () => {
    expect(Array.from(cycleWeights("none-beginning", 3))).toEqual([1, 1, 1, 0]);
    expect(Array.from(cycleWeights("none-end", 3))).toEqual([0, 1, 1, 1]);
    expect(Array.from(cycleWeights("half-cycle", 3))).toEqual([0.5, 1, 1, 0.5]);
    expect(Array.from(cycleWeights("trapezoid", 1))).toEqual([0.5, 0.5]);
    expect(Array.from(cycleWeights("simpson", 2))).toEqual([1 / 3, 4 / 3, 1 / 3]);
    expect(Array.from(cycleWeights("darth-simpson", 5))).toEqual([1 / 3, 2 / 3, 4 / 3, 2 / 3, 4 / 3, 1 / 3]);
    expect(Array.from(cycleWeights({ weights: [0.2, 0.8] }, 1))).toEqual([0.2, 0.8]);
  });

  it("cycleWeights(correction, n) sums to n for every built-in rule except DARTH's odd-n vector", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom("none-beginning", "none-end", "half-cycle", "trapezoid", "simpson" as const), (n, rule) => {
        expect(Math.abs(sum(cycleWeights(rule, n)) - n)).toBeLessThanOrEqual(1e-9 * n);
      }),
    );
    // DARTH's reversed parity makes its weights sum to n − 2/3 (even n) or n − 1/3 (odd n).
    expect(sum(cycleWeights("darth-simpson", 4))).toBeCloseTo(4 - 2 / 3, 12);
    expect(sum(cycleWeights("darth-simpson", 75))).toBeCloseTo(75 - 1 / 3, 12);
  });

  it("cycleWeights('simpson', n) integrates a cubic exactly for odd and even n", () => {
    for (const n of [2, 3, 5, 8]) {
      const w = cycleWeights("simpson", n);
      const integral = sum(Array.from(w, (weight, t) => weight * (t / n) ** 3)) / n;
      expect(integral).toBeCloseTo(0.25, 12);
    }
  });

  it("cycleWeights rejects bad cycles and wrong-length user weights with invalid_argument", () => {
    expect(() => cycleWeights("trapezoid", 0)).toThrow(QalyError);
    try {
      cycleWeights({ weights: [1, 2, 3] }, 1);
    } catch (error) {
      expect((error as QalyError).code).toBe("invalid_argument");
      expect((error as QalyError).path).toEqual(["cycleCorrection", "weights"]);
    }
    expect(() => cycleWeights({ weights: [1, Number.NaN] }, 1)).toThrow(/finite/);
    expect(() => cycleWeights("bogus" as "trapezoid", 2)).toThrow(/unknown within-cycle correction/);
  });
});

describe("discountedCycleWeights", () => {
  it("discountedCycleWeights with row timing multiplies weights by the row's discount factor and the cycle length", () => {
    const c = discountedCycleWeights({ cycles: 4, cycleLength: 0.5, discountRate: 0.03, correction: "trapezoid" });
    const w = cycleWeights("trapezoid", 4);
    for (let t = 0; t <= 4; t++) expect(c[t]).toBeCloseTo(0.5 * w[t]! * 1.03 ** (-0.5 * t), 15);
  });

  it("discountedCycleWeights('half-cycle', 'cycle-start') discounts cycle k at k − 1 (heemod first = FALSE)", () => {
    const c = discountedCycleWeights({ cycles: 2, cycleLength: 1, discountRate: 0.06, correction: "half-cycle", timing: "cycle-start" });
    expect(c[0]).toBeCloseTo(0.5, 15);
    expect(c[1]).toBeCloseTo(0.5 + 0.5 / 1.06, 15);
    expect(c[2]).toBeCloseTo(0.5 / 1.06, 15);
    const middle = discountedCycleWeights({ cycles: 1, cycleLength: 1, discountRate: 0.06, correction: "none-beginning", timing: "cycle-middle" });
    expect(middle[0]).toBeCloseTo(1.06 ** -0.5, 15);
  });

  it("discountedCycleWeights at rate 0 equals cycleLength × cycleWeights for every timing", () => {
    for (const timing of ["row", "cycle-start", "cycle-end", "cycle-middle"] as const) {
      const c = discountedCycleWeights({ cycles: 5, cycleLength: 2, discountRate: 0, correction: "half-cycle", timing });
      expect(Array.from(c)).toEqual(Array.from(cycleWeights("half-cycle", 5), (w) => 2 * w));
    }
  });

  it("discountedCycleWeights rejects a cycle timing with an integration rule, and bad rates", () => {
    expect(() => discountedCycleWeights({ cycles: 3, cycleLength: 1, discountRate: 0.03, correction: "simpson", timing: "cycle-end" })).toThrow(/per-cycle correction/);
    expect(() => discountedCycleWeights({ cycles: 3, cycleLength: 1, discountRate: -0.03 })).toThrow(QalyError);
    expect(() => discountedCycleWeights({ cycles: 3, cycleLength: 0, discountRate: 0.03 })).toThrow(QalyError);
  });

  it("eventDiscountTime(k, Δ, timing) places an event of cycle k at its start, middle or end", () => {
    expect(eventDiscountTime(3, 1, "cycle-start")).toBe(2);
    expect(eventDiscountTime(3, 1, "cycle-middle")).toBe(2.5);
    expect(eventDiscountTime(3, 0.5, "cycle-end")).toBe(1.5);
    expect(eventDiscountTime(3, 1, "row")).toBe(3);
  });
});
