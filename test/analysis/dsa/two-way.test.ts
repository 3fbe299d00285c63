import { describe, expect, it } from "vitest";
import { twoWay } from "../../../src/analysis/dsa/index.js";
import { affineModel, BASE, linearModel } from "./toy-models.js";
import { thrown } from "../../helpers/thrown.js";

describe("twoWay", () => {
  const model = linearModel();

  it("twoWay(model, base, { x, y }) fills the grid row by row with closed-form NMB and the optimal strategy", () => {
    const wtp = 500_000;
    const x = [50_000, 100_000, 200_000];
    const y = [0.2, 0.5, 0.8];
    const grid = twoWay(model, BASE, { wtp, x: { name: "cDrug", values: x }, y: { name: "pResponse", values: y } });
    expect(grid.cells).toHaveLength(9);
    for (const cell of grid.cells) {
      expect(cell).toBe(grid.cells[cell.yIndex * 3 + cell.xIndex]);
      expect([cell.x, cell.y]).toEqual([x[cell.xIndex], y[cell.yIndex]]);
      const incrementalNmb = wtp * cell.y * 0.6 - cell.x;
      // A few float operations on values of order 1e6: 1e-9 relative to the NMB scale.
      expect(Math.abs(cell.results["New drug"].incrementalNmb - incrementalNmb)).toBeLessThanOrEqual(1e-9 * 3e6);
      expect(cell.optimal).toBe(incrementalNmb > 0 ? "New drug" : "Standard care");
      expect(cell.results["New drug"].outcomes.cost).toBe(50_000 + cell.x);
    }
    // ΔNMB = 300 000·pResponse − cDrug: New drug wins where that is positive.
    expect(grid.cells.map((cell) => cell.optimal)).toEqual([
      "New drug", "Standard care", "Standard care",
      "New drug", "New drug", "Standard care",
      "New drug", "New drug", "New drug",
    ]);
  });

  it("twoWay(...) picks the highest-NMB strategy among three, the first in model order on exact ties", () => {
    // S0: NMB = 0; S1: NMB = wtp·x − 10; S2: NMB = wtp·y − 10 (x, y are QALY gains, wtp = 10).
    const three = affineModel([{ a: 0, c: 0, b: 0, e: 0 }, { a: 0, c: 10, b: 1, e: 0 }, { a: 0, c: 10, b: 0, e: 0 }]);
    const model3 = { ...three, evaluateInto: (p: Readonly<Record<string, number>>, out: Float64Array) => out.set([0, 0, 10, p.x!, 10, p.y!]) };
    const grid = twoWay(model3, { x: 0, y: 0 }, { wtp: 10, x: { name: "x", values: [0, 1, 2] }, y: { name: "y", values: [0, 1, 3] } });
    expect(grid.cells.map((cell) => cell.optimal)).toEqual(["S0", "S0", "S1", "S0", "S0", "S1", "S2", "S2", "S2"]);
  });

  it("twoWay(...) rejects unknown or identical parameters and empty or non-finite values", () => {
    const cases: [() => unknown, string, readonly (string | number)[]][] = [
      [() => twoWay(model, BASE, { x: { name: "cdrug" as never, values: [1] }, y: { name: "uGain", values: [1] } }), "unknown_parameter", ["x", "name"]],
      [() => twoWay(model, BASE, { x: { name: "cDrug", values: [1] }, y: { name: "cDrug", values: [1] } }), "invalid_argument", ["y", "name"]],
      [() => twoWay(model, BASE, { x: { name: "cDrug", values: [] }, y: { name: "uGain", values: [1] } }), "invalid_argument", ["x", "values"]],
      [() => twoWay(model, BASE, { x: { name: "cDrug", values: [1] }, y: { name: "uGain", values: [0, Infinity] } }), "non_finite_value", ["y", "values", 1]],
    ];
    for (const [run, code, path] of cases) {
      const error = thrown(run);
      expect([error.code, error.path]).toEqual([code, path]);
    }
  });
});
