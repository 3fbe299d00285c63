import { describe, expect, it } from "vitest";
import { scenarios } from "../../../src/analysis/dsa/index.js";
import { BASE, linearModel, STRATEGIES } from "./toy-models.js";
import { thrown } from "../../helpers/thrown.js";

describe("scenarios", () => {
  const model = linearModel();

  it("scenarios(model, base, { scenarios }) runs the base case, parameter overrides and a differently built model side by side", () => {
    const result = scenarios(model, BASE, {
      wtp: 500_000,
      scenarios: {
        "Price cut 50%": { parameters: { cDrug: 50_000 } },
        "Low response": { parameters: { pResponse: 0.2 } },
        // A structural option (e.g. another discount rate) arrives as a differently built model.
        "QALYs scaled by 0.8": { model: linearModel(0.8) },
      },
    });
    expect(result.rows.map((row) => row.scenario)).toEqual(["Base case", "Price cut 50%", "Low response", "QALYs scaled by 0.8"]);
    const incremental = result.rows.map((row) => row.results["New drug"].incrementalNmb);
    // ΔNMB = wtp·scale·pResponse·uGain − cDrug; a few float operations on ~1e6: 1e-9 relative.
    const expected = [150_000 - 100_000, 150_000 - 50_000, 60_000 - 100_000, 120_000 - 100_000];
    incremental.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1e-9 * 3e6));
    expect(result.rows.map((row) => row.optimal)).toEqual(["New drug", "New drug", "Standard care", "New drug"]);
    expect(result.rows[3]!.results["Standard care"].outcomes.qaly).toBe(4);
  });

  it("scenarios(..., { derive }) recomputes derived parameters in each scenario", () => {
    const base = { ...BASE, pNoResponse: 0.5 };
    const result = scenarios(model, base, {
      derive: (p) => ({ ...p, pResponse: 1 - p.pNoResponse! }),
      scenarios: { "Poor responders": { parameters: { pNoResponse: 0.9 } } },
    });
    expect(result.rows[1]!.results["New drug"].outcomes.lifeYears).toBeCloseTo(10.1, 12);
  });

  it("scenarios(...) names the scenario in errors: unknown parameter, other strategies, reserved name", () => {
    const parameter = thrown(() => scenarios(model, BASE, { scenarios: { Cheap: { parameters: { cdrug: 1 } as never } } }));
    expect([parameter.code, parameter.path]).toEqual(["unknown_parameter", ["scenarios", "Cheap", "parameters", "cdrug"]]);
    expect(parameter.message).toContain("did you mean 'cDrug'?");
    const other = { ...linearModel(), strategies: [...STRATEGIES].reverse() as typeof STRATEGIES[number][] };
    const strategies = thrown(() => scenarios(model, BASE, { scenarios: { Other: { model: other } } }));
    expect([strategies.code, strategies.path]).toEqual(["dimension_mismatch", ["scenarios", "Other", "model", "strategies"]]);
    const reserved = thrown(() => scenarios(model, BASE, { scenarios: { "Base case": {} } }));
    expect([reserved.code, reserved.path]).toEqual(["invalid_argument", ["scenarios", "Base case"]]);
    const value = thrown(() => scenarios(model, BASE, { scenarios: { Bad: { parameters: { cDrug: NaN } } } }));
    expect([value.code, value.path]).toEqual(["non_finite_value", ["scenarios", "Bad", "parameters", "cDrug"]]);
  });
});
