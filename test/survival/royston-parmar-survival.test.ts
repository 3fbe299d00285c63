import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logLogisticSurvival, lognormalSurvival, roystonParmarSurvival, survivalCurveFromDef, weibullSurvival } from "../../src/survival/index.js";
import { thrown } from "../helpers/thrown.js";

describe("roystonParmarSurvival", () => {
  // Without internal knots the three scales are the Weibull, log-logistic and lognormal exactly
  // (Royston & Parmar 2002, §2): only rounding separates them (1e-12 relative asserted).
  it("roystonParmarSurvival without internal knots is the Weibull (hazard), log-logistic (odds) and lognormal (normal)", () => {
    const [a, b] = [1.4, 12];
    const cases = [
      [roystonParmarSurvival({ gamma: [-a * Math.log(b), a], knots: [0, 3], scale: "hazard" }), weibullSurvival({ shape: a, scale: b })],
      [roystonParmarSurvival({ gamma: [-a * Math.log(b), a], knots: [0, 3], scale: "odds" }), logLogisticSurvival({ shape: a, scale: b })],
      [roystonParmarSurvival({ gamma: [-Math.log(b) / 0.9, 1 / 0.9], knots: [0, 3], scale: "normal" }), lognormalSurvival({ meanlog: Math.log(b), sdlog: 0.9 })],
    ] as const;
    for (const [spline, family] of cases) {
      for (const t of [0.1, 1, 5, 12, 30, 100]) {
        expect(spline.survival(t) / family.survival(t) - 1).toBeCloseTo(0, 12);
        expect(spline.hazard(t) / family.hazard(t) - 1).toBeCloseTo(0, 11);
        expect(spline.cumulativeHazard(t) / family.cumulativeHazard(t) - 1).toBeCloseTo(0, 11);
      }
      expect(spline.median() / family.median() - 1).toBeCloseTo(0, 9);
      expect(spline.restrictedMean(24) / family.restrictedMean(24) - 1).toBeCloseTo(0, 8);
    }
  });

  it("roystonParmarSurvival: the hazard is the derivative of the cumulative hazard, S = exp(−H), and S falls (property, fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("hazard", "odds", "normal"),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (scale, slope, curvature, t) => {
          let curve;
          try {
            curve = roystonParmarSurvival({ gamma: [-2, slope, curvature], knots: [-1, 1.5, 4], scale });
          } catch {
            return; // a non-monotone spline is rejected; tested below
          }
          const h = 1e-6 * t;
          const numerical = (curve.cumulativeHazard(t + h) - curve.cumulativeHazard(t - h)) / (2 * h);
          expect(Math.abs(numerical - curve.hazard(t))).toBeLessThanOrEqual(1e-5 * Math.max(1, curve.hazard(t)));
          expect(Math.abs(curve.survival(t) - Math.exp(-curve.cumulativeHazard(t)))).toBeLessThan(1e-12);
          expect(curve.survival(t * 1.1)).toBeLessThanOrEqual(curve.survival(t));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("roystonParmarSurvival round-trips through its definition and rejects bad parameters, naming them", () => {
    const curve = roystonParmarSurvival({ gamma: [-3, 1.2, 0.05], knots: [0, 1.5, 3.5], scale: "odds" });
    const copy = survivalCurveFromDef(JSON.parse(JSON.stringify(curve.def)));
    expect(copy.survival(7)).toBe(curve.survival(7));
    // Right of the last knot the slope is γ₁ + 3γ₂·(k₁² − λk_min² − (1 − λ)k_max²) = 1.2 − 9·0.5 < 0.
    expect(thrown(() => roystonParmarSurvival({ gamma: [-3, 1.2, 0.5], knots: [0, 1.5, 3.5], scale: "odds" })).code).toBe("survival_increasing");
    expect(thrown(() => roystonParmarSurvival({ gamma: [-3, -1], knots: [0, 3], scale: "hazard" })).code).toBe("survival_increasing");
    expect(thrown(() => roystonParmarSurvival({ gamma: [-3, 1], knots: [0, 1.5, 3.5], scale: "hazard" })).path).toEqual(["royston-parmar", "gamma"]);
    expect(thrown(() => roystonParmarSurvival({ gamma: [-3, 1], knots: [3, 0], scale: "hazard" })).path).toEqual(["royston-parmar", "knots", 1]);
    expect(thrown(() => roystonParmarSurvival({ gamma: [-3, 1], knots: [0, 3], scale: "log" as "odds" })).path).toEqual(["royston-parmar", "scale"]);
  });
});
