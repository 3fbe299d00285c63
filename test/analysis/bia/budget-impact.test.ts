import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { budgetImpact } from "../../../src/analysis/bia/index.js";
import { thrown } from "../../helpers/thrown.js";

// Sums of a few products of shares like 0.1 with integers: 1e-12 relative covers their rounding.
function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[i]!))));
}

describe("budgetImpact", () => {
  // Hand computation (written out in the comments) for three stacked yearly cohorts.
  const options = {
    years: 3,
    population: [100, 120, 150],
    costPerPatient: { Old: [1000, 800, 600], New: [5000, 400] },
    marketShares: { reference: { Old: 1 }, new: { Old: [0.9, 0.7, 0.5], New: [0.1, 0.3, 0.5] } },
  };

  it("budgetImpact(options) stacks incident cohorts and matches a hand computation", () => {
    const result = budgetImpact(options);
    expect(result.years).toEqual([1, 2, 3]);
    expect(result.strategies).toEqual(["Old", "New"]);
    // Reference: y1 100·1000; y2 100·800 + 120·1000; y3 100·600 + 120·800 + 150·1000.
    expectAllClose(result.reference.total, [100_000, 200_000, 306_000]);
    expectAllClose(result.reference.byStrategy.New, [0, 0, 0]);
    // New world: Old starters 90, 84, 75; New starters 10, 36, 75.
    expectAllClose(result.new.patients.Old, [90, 84, 75]);
    expectAllClose(result.new.patients.New, [10, 36, 75]);
    // Old: 90·1000; 90·800 + 84·1000; 90·600 + 84·800 + 75·1000.
    expectAllClose(result.new.byStrategy.Old, [90_000, 156_000, 196_200]);
    // New: 10·5000; 10·400 + 36·5000; 36·400 + 75·5000 (the stream ends after two years).
    expectAllClose(result.new.byStrategy.New, [50_000, 184_000, 389_400]);
    expectAllClose(result.netImpact, [40_000, 140_000, 279_600]);
    expectAllClose(result.cumulativeNetImpact, [40_000, 180_000, 459_600]);
  });

  it("budgetImpact({ discountRate }) discounts year y by (1 + r)^−(y − 1), year 1 undiscounted", () => {
    const result = budgetImpact({ ...options, discountRate: 0.03 });
    expectAllClose(result.netImpact, [40_000, 140_000 / 1.03, 279_600 / 1.03 ** 2]);
    expectAllClose(result.cumulativeNetImpact, [40_000, 40_000 + 140_000 / 1.03, 40_000 + 140_000 / 1.03 + 279_600 / 1.03 ** 2]);
  });

  it("budgetImpact(...) with equal shares in both worlds has zero net impact (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (years, share, population) => {
        const shares = { A: share, B: 1 - share };
        const result = budgetImpact({ years, population, costPerPatient: { A: [10, 5, 1], B: [3] }, marketShares: { reference: shares, new: shares } });
        expect(result.netImpact.every((net) => net === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("budgetImpact(...) collects every input issue: unknown strategy, shares not summing to 1, lengths, negatives", () => {
    const error = thrown(() =>
      budgetImpact({
        years: 2,
        population: [100, -1],
        costPerPatient: { Old: [1000, NaN], New: [5000] },
        marketShares: { reference: { Old: 1, Nwe: 0 } as never, new: { Old: [0.5, 0.5], New: [0.6, 0.5, 0.1] } },
      }),
    );
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_argument", ["population", 1]],
      ["non_finite_value", ["costPerPatient", "Old", 1]],
      ["unknown_strategy", ["marketShares", "reference", "Nwe"]],
      ["dimension_mismatch", ["marketShares", "new", "New"]],
      ["invalid_argument", ["marketShares", "new", "year", 1]],
      ["invalid_argument", ["marketShares", "new", "year", 2]],
    ]);
    expect(error.issues[2]!.message).toContain("did you mean 'New'?");
  });

  it("budgetImpact(...) rejects a bad horizon or discount rate", () => {
    const years = thrown(() => budgetImpact({ ...options, years: 0 }));
    expect([years.code, years.path]).toEqual(["invalid_argument", ["years"]]);
    const rate = thrown(() => budgetImpact({ ...options, discountRate: -1 }));
    expect([rate.code, rate.path]).toEqual(["invalid_argument", ["discountRate"]]);
  });
});
