import fc from "fast-check";
import { describe, it } from "vitest";
import type { SurvivalCurve } from "../../src/survival/index.js";
import {
  applyAccelerationFactor,
  applyHazardRatioToCurve,
  joinCurves,
  mixCurves,
  mixtureCure,
  piecewiseExponentialSurvival,
  tabulatedSurvival,
  exponentialSurvival,
  gammaSurvival,
  generalisedGammaSurvival,
  gompertzSurvival,
  logLogisticSurvival,
  lognormalSurvival,
  transitionProbabilities,
  weibullPhSurvival,
  weibullSurvival,
} from "../../src/survival/index.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const parametric: fc.Arbitrary<SurvivalCurve> = fc.oneof(
  positive(0.001, 2).map((rate) => exponentialSurvival({ rate })),
  fc.tuple(positive(0.2, 5), positive(0.5, 200)).map(([shape, scale]) => weibullSurvival({ shape, scale })),
  fc.tuple(positive(0.2, 5), positive(0.001, 1)).map(([shape, scale]) => weibullPhSurvival({ shape, scale })),
  fc.tuple(fc.double({ min: -0.5, max: 0.5, noNaN: true }), positive(0.001, 1)).map(([shape, rate]) => gompertzSurvival({ shape, rate })),
  fc.tuple(positive(0.3, 6), positive(0.5, 200)).map(([shape, scale]) => logLogisticSurvival({ shape, scale })),
  fc.tuple(fc.double({ min: -1, max: 5, noNaN: true }), positive(0.2, 2.5)).map(([meanlog, sdlog]) => lognormalSurvival({ meanlog, sdlog })),
  fc.tuple(positive(0.2, 30), positive(0.01, 3)).map(([shape, rate]) => gammaSurvival({ shape, rate })),
  fc.tuple(fc.double({ min: -1, max: 5, noNaN: true }), positive(0.2, 2), fc.double({ min: -2.5, max: 2.5, noNaN: true })).map(([mu, sigma, Q]) => generalisedGammaSurvival({ mu, sigma, Q })),
);
const time = fc.double({ min: 0, max: 500, noNaN: true });
const increasing = (n: number, max: number) => fc.uniqueArray(fc.double({ min: 0.01, max, noNaN: true }), { minLength: n, maxLength: n }).map((xs) => [...xs].sort((a, b) => a - b));
const composite: fc.Arbitrary<SurvivalCurve> = fc.oneof(
  fc.tuple(increasing(3, 100), fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 4, maxLength: 4 })).map(([cuts, rates]) => piecewiseExponentialSurvival({ cuts, rates })),
  fc.tuple(increasing(4, 100), increasing(4, 1), fc.constantFrom("log-linear" as const, "linear" as const)).map(([times, s, interpolation]) => tabulatedSurvival({ time: [0, ...times], survival: [1, ...s.reverse()], interpolation })),
  fc.tuple(parametric, positive(0.1, 5)).map(([curve, hr]) => applyHazardRatioToCurve(curve, hr)),
  fc.tuple(parametric, positive(0.1, 5)).map(([curve, af]) => applyAccelerationFactor(curve, af)),
  fc.tuple(parametric, parametric, positive(0.5, 60), fc.boolean()).map(([a, b, at, restartClock]) => {
    try {
      return joinCurves(a, b, at, { restartClock });
    } catch {
      return a; // the second curve has no survivors at the join: nothing to join
    }
  }),
  fc.tuple(parametric, parametric, fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b, w]) => mixCurves([a, b], [w, 1 - w])),
  fc.tuple(parametric, fc.double({ min: 0, max: 0.9, noNaN: true })).map(([curve, cure]) => mixtureCure(curve, cure)),
);

describe("survival curve invariants (fast-check)", () => {
  // @stdlib's special functions are accurate to a few ulp, not monotone to the last bit, so S may
  // rise by ~1e-16 between two nearly equal times: non-increasing is checked to 4ε relative.
  it("every parametric curve has S in [0, 1], non-increasing in t (to 4ε)", () => {
    fc.assert(
      fc.property(parametric, time, time, (curve, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const s1 = curve.survival(early);
        const s2 = curve.survival(late);
        return s1 >= 0 && s1 <= 1 && s2 >= 0 && s2 <= s1 * (1 + 4 * Number.EPSILON);
      }),
      { numRuns: 300 },
    );
  });
  it("every parametric curve has H = −log S (to 1e-9 relative, or 1e-13 absolute where S ≈ 1)", () => {
    fc.assert(
      fc.property(parametric, time, (curve, t) => {
        const s = curve.survival(t);
        if (!(s > 1e-300)) return true;
        const h = curve.cumulativeHazard(t);
        return Math.abs(h + Math.log(s)) <= 1e-13 + 1e-9 * h;
      }),
      { numRuns: 300 },
    );
  });
  it("every parametric curve has quantile(1 − S(t)) ≈ t where S(t) is away from 0 and 1", () => {
    fc.assert(
      fc.property(parametric, fc.double({ min: 0.01, max: 500, noNaN: true }), (curve, t) => {
        const s = curve.survival(t);
        // Inverting S at t moves t by about δS/f(t) = δS/(S·h(t)): with S known to a few ε, the relative
        // error is ~1e-15/(t·h(t)). Where t·h(t) < 1e-6 (S flat, e.g. on a cure plateau) t is not
        // determined by S to useful precision, so those points are skipped; elsewhere 1e-7 is ample.
        if (!(s > 1e-6 && s < 1 - 1e-6) || !(t * curve.hazard(t) > 1e-6)) return true;
        return Math.abs(curve.quantile(1 - s) - t) <= 1e-7 * t;
      }),
      { numRuns: 300 },
    );
  });
  it("transitionProbabilities of every parametric curve lie in [0, 1] for 120 monthly cycles", () => {
    const out = new Float64Array(120);
    fc.assert(
      fc.property(parametric, fc.double({ min: 0.05, max: 3, noNaN: true }), (curve, cycleLength) => {
        transitionProbabilities(curve, cycleLength, out);
        return out.every((p) => p >= 0 && p <= 1);
      }),
      { numRuns: 150 },
    );
  });
  it("composite curves (piecewise, table, HR, AF, joins, mixtures, cure) keep S in [0, 1] non-increasing, H = −log S and probabilities in [0, 1]", () => {
    const out = new Float64Array(60);
    fc.assert(
      fc.property(composite, time, time, (curve, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const s1 = curve.survival(early);
        const s2 = curve.survival(late);
        const h = curve.cumulativeHazard(late);
        transitionProbabilities(curve, 2, out);
        return (
          s1 >= 0 && s1 <= 1 && s2 >= 0 && s2 <= s1 * (1 + 4 * Number.EPSILON) &&
          (!(s2 > 1e-300) || Math.abs(h + Math.log(s2)) <= 1e-12 + 1e-9 * h) &&
          out.every((p) => p >= 0 && p <= 1)
        );
      }),
      { numRuns: 200 },
    );
  });
  it("every parametric curve has a restricted mean in [0, τ], non-decreasing in τ", () => {
    fc.assert(
      fc.property(parametric, fc.double({ min: 0.1, max: 200, noNaN: true }), (curve, tau) => {
        const r = curve.restrictedMean(tau);
        const r2 = curve.restrictedMean(tau * 1.5);
        return r >= 0 && r <= tau * (1 + 1e-12) && r2 >= r * (1 - 1e-12);
      }),
      { numRuns: 150 },
    );
  });
});
