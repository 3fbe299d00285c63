import { describe, expect, it } from "vitest";
import { runBaseCase } from "../../../src/index.js";
import { baseCaseReportTable } from "../../../src/report/index.js";

/** A model with `k` outcomes o0 … o(k−1) whose value is strategy index + outcome index / 10. */
function modelWith(k: number) {
  const outcomes = Array.from({ length: k }, (_, i) => `o${i}`);
  return {
    title: "Wide",
    strategies: ["A", "B", "C"],
    outcomes,
    evaluateInto(_p: Readonly<Record<string, number>>, out: Float64Array) {
      for (let s = 0; s < 3; s++) for (let o = 0; o < k; o++) out[s * k + o] = s + o / 10;
    },
  };
}

describe("baseCaseReportTable", () => {
  it("baseCaseReportTable(base) puts one strategy per row up to 8 outcomes", () => {
    const table = baseCaseReportTable(runBaseCase(modelWith(8), {}, { cost: "o0", effect: "o1" }));
    expect(table.columns).toEqual(["Strategy", "o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7"]);
    expect(table.rows.map((row) => row[0]!.text)).toEqual(["A", "B", "C"]);
  });

  it("baseCaseReportTable(base) puts one outcome per row beyond 8 outcomes, with the same values", () => {
    const table = baseCaseReportTable(runBaseCase(modelWith(9), {}, { cost: "o0", effect: "o1" }));
    expect(table.columns).toEqual(["Outcome", "A", "B", "C"]);
    expect(table.rows).toHaveLength(9);
    expect(table.rows[8]!.map((cell) => cell.text)).toEqual(["o8", "0.8", "1.8", "2.8"]);
  });

  it("baseCaseReportTable(base, { rowsBy }) overrides the default layout", () => {
    expect(baseCaseReportTable(runBaseCase(modelWith(2), {}, { cost: "o0", effect: "o1" }), { rowsBy: "outcomes" }).columns).toEqual(["Outcome", "A", "B", "C"]);
    expect(baseCaseReportTable(runBaseCase(modelWith(12), {}, { cost: "o0", effect: "o1" }), { rowsBy: "strategies" }).rows).toHaveLength(3);
  });
});
