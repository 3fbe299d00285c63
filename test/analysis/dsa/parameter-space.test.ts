// The deterministic analyses take a ParameterSpace from defineParameters as their base: derived
// parameters are recomputed through space.base(overrides), and "distribution" ranges come from
// the space's parameter table (2.5% and 97.5% quantiles).
import { describe, expect, it } from "vitest";
import { oneWay, scenarios, threshold } from "../../../src/analysis/dsa/index.js";
import { QalyError } from "../../../src/core/errors.js";
import { uniform as uniformDistribution } from "../../../src/distributions/uniform.js";
import { defineParameters } from "../../../src/parameters/index.js";
import { linearModel } from "./toy-models.js";

/** Uniform(lo, hi): its quantiles are closed form, so expected ranges are exact. */
const uniform = (lo: number, hi: number) => uniformDistribution({ min: lo, max: hi });

describe("deterministic analyses on a ParameterSpace", () => {
  const space = defineParameters({ cCare: 50_000, cDrug: 100_000, uBase: 5, pResponse: uniform(0.2, 0.8), uResponded: 5.6 }).derive((p) => ({
    uGain: p.uResponded - p.uBase,
  }));
  const model = linearModel();

  it("oneWay(model, space, { parameters: { x: 'distribution' } }) uses the space's 95% interval and recomputes derived values", () => {
    const result = oneWay(model, space, { parameters: { pResponse: "distribution", uResponded: { low: 5.2, high: 6 } } });
    const [pResponse, uResponded] = result.parameters;
    expect(pResponse!.low).toBeCloseTo(0.2 + 0.025 * 0.6, 12);
    expect(pResponse!.high).toBeCloseTo(0.2 + 0.975 * 0.6, 12);
    // qaly(New) = uBase + pResponse·(uResponded − uBase), with pResponse at its mean 0.5.
    const qalys = uResponded!.points.map((point) => point.results["New drug"].outcomes.qaly!);
    expect(qalys[0]).toBeCloseTo(5 + 0.5 * 0.2, 12);
    expect(qalys[1]).toBeCloseTo(5 + 0.5 * 1, 12);
  });

  it("oneWay(model, space, ...) refuses to vary a derived parameter directly", () => {
    expect(() => oneWay(model, space, { parameters: { uGain: { low: 0, high: 1 } } })).toThrow(QalyError);
  });

  it("threshold(model, space, ...) and scenarios(model, space, ...) see derived values follow their inputs", () => {
    // ΔNMB = wtp·pResponse·(uResponded − 5) − cDrug = 0 at uResponded = 5 + 100 000 / (500 000·0.5) = 5.4.
    const found = threshold(model, space, { parameter: "uResponded", range: [5, 6], strategies: ["New drug", "Standard care"], wtp: 500_000 });
    expect(found.status).toBe("found");
    expect(Math.abs(found.roots[0]!.value - 5.4)).toBeLessThanOrEqual(1e-9);
    const table = scenarios(model, space, { scenarios: { "Small gain": { parameters: { uResponded: 5.1 } } } });
    expect(table.rows[1]!.results["New drug"].outcomes.qaly).toBeCloseTo(5.05, 12);
  });
});
