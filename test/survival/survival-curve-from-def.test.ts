import { describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import type { SurvivalCurve } from "../../src/survival/index.js";
import {
  applyAccelerationFactor,
  applyHazardRatioToCurve,
  capByBackgroundMortality,
  exponentialSurvival,
  gammaSurvival,
  generalisedGammaSurvival,
  gompertzSurvival,
  joinCurves,
  lifeTable,
  lifeTableSurvival,
  logLogisticSurvival,
  lognormalSurvival,
  mixCurves,
  mixtureCure,
  piecewiseExponentialSurvival,
  survivalCurveFromDef,
  tabulatedSurvival,
  weibullPhSurvival,
  weibullSurvival,
} from "../../src/survival/index.js";

const table = lifeTable({ ages: [0, 60, 70], rates: { female: [0.001, 0.01, 0.05], male: [0.002, 0.02, 0.08] }, source: "test", year: 2019 });
const weibull = weibullSurvival({ shape: 1.2, scale: 30 });
const curves: SurvivalCurve[] = [
  exponentialSurvival({ rate: 0.1 }),
  weibull,
  weibullPhSurvival({ shape: 0.9, scale: 0.05 }),
  gompertzSurvival({ shape: -0.05, rate: 0.04 }),
  logLogisticSurvival({ shape: 1.5, scale: 20 }),
  lognormalSurvival({ meanlog: 3, sdlog: 1 }),
  gammaSurvival({ shape: 2, rate: 0.1 }),
  generalisedGammaSurvival({ mu: 3, sigma: 0.8, Q: 0.4 }),
  piecewiseExponentialSurvival({ cuts: [12], rates: [0.05, 0.02] }),
  tabulatedSurvival({ time: [0, 12, 24], survival: [1, 0.7, 0.5], interpolation: "linear" }),
  applyHazardRatioToCurve(weibull, 0.7),
  applyAccelerationFactor(weibull, 1.3),
  joinCurves(tabulatedSurvival({ time: [0, 12], survival: [1, 0.7] }), weibull, 12, { restartClock: true }),
  mixCurves([weibull, exponentialSurvival({ rate: 0.2 })], [0.3, 0.7]),
  mixtureCure(weibull, 0.2),
  lifeTableSurvival(table, { startAge: 62, sexMix: { female: 0.4, male: 0.6 }, timeUnit: "months" }),
  capByBackgroundMortality(weibull, table, { startAge: 62, sexMix: { male: 1 }, timeUnit: "months" }),
];

describe("survivalCurveFromDef", () => {
  it("survivalCurveFromDef(JSON round trip of curve.def) rebuilds every kind of curve with identical values and text", () => {
    for (const curve of curves) {
      const copy = survivalCurveFromDef(JSON.parse(JSON.stringify(curve.def)));
      expect(copy.def).toEqual(curve.def);
      expect(copy.toString()).toBe(curve.toString());
      for (const t of [0, 3, 15, 40]) {
        expect(copy.survival(t)).toBe(curve.survival(t));
        expect(copy.hazard(t)).toBe(curve.hazard(t));
      }
    }
  });
  it("survivalCurveFromDef rejects an unknown kind at path kind", () => {
    try {
      survivalCurveFromDef({ kind: "weibul" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QalyError);
      expect((error as QalyError).path).toEqual(["kind"]);
    }
  });
});
