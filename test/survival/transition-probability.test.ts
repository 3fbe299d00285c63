import { describe, expect, it } from "vitest";
import { applyAccelerationFactor, applyHazardRatioToCurve, exponentialSurvival, generalisedGammaSurvival, tabulatedSurvival, transitionProbabilities, transitionProbability, weibullPhSurvival, weibullSurvival } from "../../src/survival/index.js";
import { thrown } from "../helpers/thrown.js";

describe("transitionProbability and transitionProbabilities", () => {
  it("transitionProbability(curve, t, Δ) equals 1 − S(t)/S(t − Δ)", () => {
    const curve = weibullSurvival({ shape: 1.4, scale: 30 });
    for (const t of [1, 12, 60, 200]) expect(transitionProbability(curve, t, 1)).toBeCloseTo(1 - curve.survival(t) / curve.survival(t - 1), 13);
  });
  it("transitionProbability of an exponential curve is the constant 1 − e^{−λΔ} (a constant-rate Markov model)", () => {
    const curve = exponentialSurvival({ rate: 0.03 });
    // H(t) − H(t − Δ) from values of size λ·t loses about λ·t·ε (4e-15 at t = 400).
    for (const t of [1, 50, 400]) expect(transitionProbability(curve, t, 1)).toBeCloseTo(-Math.expm1(-0.03), 13);
  });
  it("transitionProbability keeps relative accuracy where S is near 1 and is 1 once no one is left", () => {
    const curve = weibullSurvival({ shape: 3, scale: 1000 });
    const exact = -Math.expm1(-((1 / 1000) ** 3 - 0));
    expect(transitionProbability(curve, 1, 1) / exact - 1).toBeCloseTo(0, 14);
    const ended = tabulatedSurvival({ time: [0, 5], survival: [1, 0] });
    expect(transitionProbability(ended, 8, 1)).toBe(1);
    expect(transitionProbability(ended, 5, 1)).toBe(1);
  });
  it("transitionProbabilities(curve, Δ, out) fills out[k] for the cycle from k·Δ to (k+1)·Δ, as the scalar form does", () => {
    const curve = generalisedGammaSurvival({ mu: 3, sigma: 0.9, Q: -0.4 });
    const out = transitionProbabilities(curve, 1, new Float64Array(480));
    for (const k of [0, 1, 17, 240, 479]) expect(out[k]).toBeCloseTo(transitionProbability(curve, k + 1, 1), 14);
    const shifted = transitionProbabilities(curve, 0.5, new Float64Array(10), 24);
    expect(shifted[3]).toBeCloseTo(transitionProbability(curve, 26, 0.5), 14);
    // Survival rebuilt from the per-cycle probabilities telescopes back to S.
    let alive = 1;
    for (const p of out) alive *= 1 - p;
    expect(alive / curve.survival(480) - 1).toBeCloseTo(0, 10);
  });
  it("transitionProbabilities through the cumulativeHazardGrid fast path (Weibull, gengamma, HR, AF) equals the point-by-point form", () => {
    const weibull = weibullSurvival({ shape: 1.3, scale: 24 });
    const curves = [
      weibull,
      applyHazardRatioToCurve(weibull, 0.7),
      applyAccelerationFactor(weibullPhSurvival({ shape: 0.8, scale: 0.05 }), 1.4),
      generalisedGammaSurvival({ mu: 3, sigma: 0.7, Q: 0.6 }),
      generalisedGammaSurvival({ mu: 2, sigma: 1.1, Q: -1.2 }),
    ];
    for (const curve of curves) {
      expect(curve.cumulativeHazardGrid).toBeDefined();
      for (const start of [0, 7.5]) {
        const fast = transitionProbabilities(curve, 0.5, new Float64Array(480), start);
        for (const k of [0, 1, 100, 479]) expect(Math.abs(fast[k]! / transitionProbability(curve, start + (k + 1) * 0.5, 0.5) - 1)).toBeLessThan(1e-12);
      }
    }
  });
  it("transitionProbabilities rejects a cycle length ≤ 0 and a negative start time", () => {
    const curve = exponentialSurvival({ rate: 1 });
    expect(thrown(() => transitionProbabilities(curve, 0, new Float64Array(2))).path).toEqual(["cycleLength"]);
    expect(thrown(() => transitionProbabilities(curve, 1, new Float64Array(2), -1)).path).toEqual(["startTime"]);
  });
});
