import { describe, expect, it } from "vitest";
import { oneWay } from "../../../src/analysis/dsa/index.js";
import { uniform as uniformDistribution } from "../../../src/distributions/uniform.js";
import { BASE, linearModel } from "./toy-models.js";
import { thrown } from "../../helpers/thrown.js";

// Closed-form values are exact up to rounding in a handful of float operations: 1e-12 relative.
const REL = 1e-12;
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(expected)));
}

/** Uniform(lo, hi): its quantiles are closed form, so expected ranges are exact. */
const uniform = (lo: number, hi: number) => uniformDistribution({ min: lo, max: hi });

describe("oneWay", () => {
  const model = linearModel();

  it("oneWay(model, base, { parameters }) gives the base case and every outcome per strategy at low and high", () => {
    const result = oneWay(model, BASE, { wtp: 500_000, parameters: { cDrug: { low: 50_000, high: 200_000 } } });
    expect(result.strategies).toEqual(["Standard care", "New drug"]);
    expect(result.comparator).toBe("Standard care");
    expect(result.base["New drug"].outcomes).toEqual({ cost: 150_000, qaly: 5 + 0.5 * 0.6, lifeYears: 10.5 });
    const [entry] = result.parameters;
    expect(entry!.parameter).toBe("cDrug");
    expect(entry!.baseValue).toBe(100_000);
    expect([entry!.low, entry!.high]).toEqual([50_000, 200_000]);
    expect(entry!.points.map((p) => p.value)).toEqual([50_000, 200_000]);
    expect(entry!.points.map((p) => p.results["New drug"].outcomes.cost)).toEqual([100_000, 250_000]);
  });

  it("oneWay(...) reports NMB = wtp·qaly − cost, incremental NMB and ICER vs the comparator in closed form", () => {
    const wtp = 1_000_000;
    const result = oneWay(model, BASE, { wtp, parameters: { pResponse: { low: 0.2, high: 0.8, points: 4 } } });
    const entry = result.parameters[0]!;
    expect(entry.points.map((p) => p.value)).toEqual([0.2, 0.4, 0.6000000000000001, 0.8]);
    for (const point of entry.points) {
      const x = point.value;
      const newDrug = point.results["New drug"];
      expectClose(newDrug.nmb, wtp * (5 + x * 0.6) - 150_000);
      expectClose(newDrug.incrementalNmb, wtp * x * 0.6 - 100_000);
      expectClose(newDrug.incrementalCost, 100_000);
      expectClose(newDrug.icer!, 100_000 / (x * 0.6));
      expect(point.results["Standard care"].icer).toBeNull();
      expect(point.results["Standard care"].incrementalNmb).toBe(0);
    }
  });

  it("oneWay(..., { values }) evaluates explicit values in ascending order", () => {
    const result = oneWay(model, BASE, { parameters: { uGain: { values: [0.9, 0.1, 0.5] } } });
    expect(result.parameters[0]!.points.map((p) => p.value)).toEqual([0.1, 0.5, 0.9]);
    expect([result.parameters[0]!.low, result.parameters[0]!.high]).toEqual([0.1, 0.9]);
  });

  it("oneWay(..., { fromDistribution }) uses the 2.5% and 97.5% quantiles (or other probabilities)", () => {
    const result = oneWay(model, BASE, {
      parameters: { uGain: { fromDistribution: uniform(0.4, 0.8) }, cDrug: { fromDistribution: uniform(0, 200_000), probabilities: [0.25, 0.75] } },
    });
    const [uGain, cDrug] = result.parameters;
    expectClose(uGain!.low, 0.4 + 0.025 * 0.4);
    expectClose(uGain!.high, 0.4 + 0.975 * 0.4);
    expect([cDrug!.low, cDrug!.high]).toEqual([50_000, 150_000]);
  });

  it('oneWay(source, { parameters: { x: "distribution" } }) takes the distribution from a parameter source', () => {
    const source = { base: () => ({ ...BASE }), distribution: (name: string) => (name === "pResponse" ? uniform(0, 1) : undefined) };
    const result = oneWay(model, source, { parameters: { pResponse: "distribution" } });
    expect([result.parameters[0]!.low, result.parameters[0]!.high]).toEqual([0.025, 0.975]);
    const error = thrown(() => oneWay(model, source, { parameters: { cDrug: "distribution" } }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["parameters", "cDrug"]]);
  });

  it("oneWay(..., { derive }) recomputes derived parameters, and refuses to vary a derived one directly", () => {
    // uGain derived from a response utility: varying uResponded must move uGain.
    const base = { ...BASE, uResponded: 5.6 };
    const derive = (p: Readonly<Record<string, number>>) => ({ ...p, uGain: p.uResponded! - p.uBase! });
    const result = oneWay(model, base, { derive, parameters: { uResponded: { low: 5.2, high: 6 } } });
    const qalys = result.parameters[0]!.points.map((p) => p.results["New drug"].outcomes.qaly!);
    expectClose(qalys[0]!, 5 + 0.5 * (5.2 - 5));
    expectClose(qalys[1]!, 5 + 0.5 * (6 - 5));
    const error = thrown(() => oneWay(model, base, { derive, parameters: { uGain: { low: 0.1, high: 0.2 } } }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["parameters", "uGain"]]);
  });

  it("oneWay(...) names an unknown parameter, strategy or outcome with the closest known name", () => {
    const parameter = thrown(() => oneWay(model, BASE, { parameters: { cDurg: { low: 1, high: 2 } } as never }));
    expect([parameter.code, parameter.path]).toEqual(["unknown_parameter", ["parameters", "cDurg"]]);
    expect(parameter.message).toContain("did you mean 'cDrug'?");
    const strategy = thrown(() => oneWay(model, BASE, { comparator: "Standard Care" as never, parameters: { cDrug: { low: 1, high: 2 } } }));
    expect([strategy.code, strategy.path]).toEqual(["unknown_strategy", ["comparator"]]);
    expect(strategy.message).toContain("did you mean 'Standard care'?");
    const outcome = thrown(() => oneWay(model, BASE, { effect: "qalys", parameters: { cDrug: { low: 1, high: 2 } } }));
    expect([outcome.code, outcome.path]).toEqual(["unknown_outcome", ["effect"]]);
  });

  it("oneWay(...) rejects empty, reversed or non-finite ranges and a negative WTP", () => {
    const cases: [() => unknown, string, readonly (string | number)[]][] = [
      [() => oneWay(model, BASE, { parameters: {} }), "invalid_argument", ["parameters"]],
      [() => oneWay(model, BASE, { parameters: { cDrug: { low: 2, high: 1 } } }), "invalid_argument", ["parameters", "cDrug"]],
      [() => oneWay(model, BASE, { parameters: { cDrug: { low: 0, high: Infinity } } }), "non_finite_value", ["parameters", "cDrug"]],
      [() => oneWay(model, BASE, { parameters: { cDrug: { values: [] } } }), "invalid_argument", ["parameters", "cDrug", "values"]],
      [() => oneWay(model, BASE, { parameters: { cDrug: { values: [1, NaN] } } }), "non_finite_value", ["parameters", "cDrug", "values", 1]],
      [() => oneWay(model, BASE, { parameters: { cDrug: { low: 0, high: 1, points: 1 } } }), "invalid_argument", ["parameters", "cDrug", "points"]],
      [() => oneWay(model, BASE, { wtp: -1, parameters: { cDrug: { low: 0, high: 1 } } }), "invalid_argument", ["wtp"]],
    ];
    for (const [run, code, path] of cases) {
      const error = thrown(run);
      expect([error.code, error.path]).toEqual([code, path]);
    }
  });

  it("oneWay(...) fails loudly when the model returns a non-finite outcome, naming strategy, outcome and value", () => {
    const bad = { ...model, evaluateInto: (p: Readonly<Record<string, number>>, out: Float64Array) => { model.evaluateInto(p, out); out[4] = p.cDrug! > 150_000 ? NaN : out[4]!; } };
    const error = thrown(() => oneWay(bad, BASE, { parameters: { cDrug: { low: 0, high: 200_000 } } }));
    expect([error.code, error.path]).toEqual(["non_finite_value", ["strategies", "New drug", "outcomes", "qaly"]]);
    expect(error.message).toContain("cDrug = 200000");
  });
});
