import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { QalyError } from "../../../src/core/errors.js";
import { costComparison } from "../../../src/analysis/cea/cost-comparison.js";
import { icerTable } from "../../../src/analysis/cea/icer-table.js";

describe("costComparison", () => {
  it("costComparison sorts by cost and gives each strategy's difference from the least costly, by hand", () => {
    const table = costComparison([{ strategy: "Foam", cost: 360 }, { strategy: "Gauze", cost: 345 }, { strategy: "Film", cost: 345 }, { strategy: "Silver", cost: 420 }]);
    expect(table.map((row) => [row.strategy, row.rank, row.comparator, row.incrementalCost, row.leastCostly])).toEqual([
      ["Film", 1, null, null, true],
      ["Gauze", 1, "Film", 0, true],
      ["Foam", 3, "Film", 15, false],
      ["Silver", 4, "Film", 75, false],
    ]);
  });

  it("costComparison refuses no rows, repeated names and non-finite costs with typed issues", () => {
    expect(() => costComparison([])).toThrow(QalyError);
    try {
      costComparison([{ strategy: "A", cost: Number.NaN }, { strategy: "A", cost: 1 }]);
    } catch (error) {
      expect((error as QalyError).issues.map((issue) => [issue.code, issue.path.join(".")])).toEqual([["non_finite_value", "rows.0.cost"], ["invalid_argument", "rows.1.strategy"]]);
    }
  });

  it("with equal effects, the ICER table keeps only the least costly strategy on the frontier (no ICER, no division by zero), matching costComparison", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (costs) => {
        const rows = costs.map((cost, i) => ({ strategy: `S${i}`, cost }));
        const icers = icerTable(rows.map((row) => ({ ...row, effect: 0 })));
        const comparison = costComparison(rows);
        expect(icers.filter((row) => row.status === "non-dominated").map((row) => row.strategy)).toEqual([comparison[0]!.strategy]);
        expect(icers.every((row) => row.icer === null)).toBe(true);
        expect(comparison.every((row) => row.incrementalCost === null || row.incrementalCost > 0)).toBe(true);
      }),
    );
  });
});
