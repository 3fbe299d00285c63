import { describe, expect, it } from "vitest";
import { fitSurvival, fitSurvivalModels } from "../../../src/survival/fit/index.js";
import { thrown } from "../../helpers/thrown.js";
import { readDataset, reference } from "./fixtures.js";

const ovarian = readDataset("ovarian");

describe("fitSurvivalModels", () => {
  it("fitSurvivalModels(ovarian) ranks all eight families by the AICs R reports (fit-reference.json)", () => {
    const comparison = fitSurvivalModels({ time: ovarian.time!, event: ovarian.event! }, { horizon: 1200 });
    const expected = reference.fits.filter((f) => f.dataset === "ovarian" && f.covariates.length === 0);
    expect(comparison.failures).toEqual([]);
    expect(comparison.table).toHaveLength(8);
    // The two Weibull parameterisations are one model, so their AICs tie: checked by value, not by order.
    for (const row of comparison.table) expect(Math.abs(row.aic - expected.find((f) => f.dist === row.distribution)!.aic)).toBeLessThan(1e-6);
    for (let i = 1; i < 8; i++) expect(comparison.table[i]!.aic).toBeGreaterThanOrEqual(comparison.table[i - 1]!.aic);
    expect(comparison.table[0]!.deltaAic).toBe(0);
    for (const [i, row] of comparison.table.entries()) {
      const curve = comparison.fits[i]!.curve();
      expect(row.median).toBe(curve.median());
      expect(row.restrictedMean).toBe(curve.restrictedMean(1200));
      expect(row.bic).toBeGreaterThanOrEqual(row.aic); // log(26) > 2
    }
  });

  it("fitSurvivalModels lists a family that does not converge in failures, naming it, and fits the others", () => {
    const comparison = fitSurvivalModels({ time: [3, 5], event: [1, 1] }, { distributions: ["exp", "gengamma"] });
    expect(comparison.table.map((row) => row.distribution)).toEqual(["exp"]);
    expect(comparison.failures).toHaveLength(1);
    expect(comparison.failures[0]!.distribution).toBe("gengamma");
    expect(comparison.failures[0]!.message).toMatch(/^gengamma did not converge/);
  });

  it("fitSurvivalModels evaluates medians at the covariate profile and rejects bad data once and a bad horizon", () => {
    const data = { time: ovarian.time!, event: ovarian.event!, covariates: { rx2: ovarian.rx2! } };
    const comparison = fitSurvivalModels(data, { distributions: ["weibull"], covariates: { rx2: 1 } });
    expect(comparison.table[0]!.median).toBe(fitSurvival(data, "weibull").curve({ rx2: 1 }).median());
    expect(comparison.table[0]!.restrictedMean).toBeUndefined();
    expect(thrown(() => fitSurvivalModels(data, { horizon: -1 })).path).toEqual(["horizon"]);
    expect(thrown(() => fitSurvivalModels({ time: [-1], event: [1] })).issues.map((issue) => issue.path)).toEqual([["time", 0]]);
  });
});
