// Hazard ratios, acceleration factors, joins, mixtures and cure.
import { describe, expect, it } from "vitest";
import {
  applyAccelerationFactor,
  applyHazardRatioToCurve,
  exponentialSurvival,
  gompertzSurvival,
  joinCurves,
  lognormalSurvival,
  mixCurves,
  mixtureCure,
  tabulatedSurvival,
  weibullPhSurvival,
  weibullSurvival,
} from "../../src/survival/index.js";
import { integrate } from "../../src/survival/integrate.js";
import { thrown } from "../helpers/thrown.js";

const TIMES = [0.5, 3, 10, 25, 60];
const relative = (a: number, b: number): number => Math.abs(a / b - 1);

describe("applyHazardRatioToCurve", () => {
  it("applyHazardRatioToCurve(weibullPH, hr) is the Weibull PH with scale·hr (flexsurv's PH Weibull)", () => {
    const treated = applyHazardRatioToCurve(weibullPhSurvival({ shape: 1.4, scale: 0.03 }), 0.6);
    const expected = weibullPhSurvival({ shape: 1.4, scale: 0.018 });
    for (const t of TIMES) {
      expect(relative(treated.survival(t), expected.survival(t))).toBeLessThan(1e-12);
      expect(relative(treated.hazard(t), expected.hazard(t))).toBeLessThan(1e-12);
      expect(relative(treated.restrictedMean(t), expected.restrictedMean(t))).toBeLessThan(1e-10);
    }
    for (const p of [0.1, 0.5, 0.9]) expect(relative(treated.quantile(p), expected.quantile(p))).toBeLessThan(1e-12);
  });
  it("applyHazardRatioToCurve(curve, hr) gives S^hr for a non-PH family", () => {
    const base = lognormalSurvival({ meanlog: 2, sdlog: 0.8 });
    const treated = applyHazardRatioToCurve(base, 1.7);
    for (const t of TIMES) expect(relative(treated.survival(t), base.survival(t) ** 1.7)).toBeLessThan(1e-12);
    expect(treated.survival(treated.quantile(0.4))).toBeCloseTo(0.6, 12);
  });
  it("applyHazardRatioToCurve rejects a hazard ratio ≤ 0 at path hazardRatio", () => {
    const error = thrown(() => applyHazardRatioToCurve(exponentialSurvival({ rate: 1 }), 0));
    expect([error.code, error.path]).toEqual(["invalid_parameter", ["hazardRatio"]]);
  });
});

describe("applyAccelerationFactor", () => {
  it("applyAccelerationFactor(weibull, af) is the Weibull with scale·af (flexsurv's AFT time ratio)", () => {
    const treated = applyAccelerationFactor(weibullSurvival({ shape: 0.9, scale: 14 }), 1.8);
    const expected = weibullSurvival({ shape: 0.9, scale: 14 * 1.8 });
    for (const t of TIMES) {
      expect(relative(treated.survival(t), expected.survival(t))).toBeLessThan(1e-13);
      expect(relative(treated.hazard(t), expected.hazard(t))).toBeLessThan(1e-13);
      expect(relative(treated.restrictedMean(t), expected.restrictedMean(t))).toBeLessThan(1e-12);
    }
    expect(relative(treated.median(), expected.median())).toBeLessThan(1e-14);
    expect(thrown(() => applyAccelerationFactor(expected, -2)).path).toEqual(["accelerationFactor"]);
  });
});

describe("joinCurves", () => {
  const first = tabulatedSurvival({ time: [0, 6, 12], survival: [1, 0.8, 0.62] });
  const second = weibullSurvival({ shape: 1.3, scale: 20 });
  it("joinCurves(first, second, t*) follows first up to t*, then second's conditional survival S₂(t)/S₂(t*)", () => {
    const joined = joinCurves(first, second, 12);
    expect(joined.survival(6)).toBe(first.survival(6));
    for (const t of [12, 15, 30, 70]) expect(relative(joined.survival(t), 0.62 * (second.survival(t) / second.survival(12)))).toBeLessThan(1e-12);
    expect(joined.hazard(20)).toBe(second.hazard(20));
    expect(joined.hazard(3)).toBe(first.hazard(3));
    for (const tau of [5, 12, 40]) expect(relative(joined.restrictedMean(tau), integrate(joined.survival, 0, tau, 1e-13))).toBeLessThan(1e-10);
    for (const p of [0.1, 0.38, 0.5, 0.9]) expect(joined.survival(joined.quantile(p))).toBeCloseTo(1 - p, 12);
  });
  it("joinCurves(first, second, t*, { restartClock: true }) evaluates second at t − t*", () => {
    const joined = joinCurves(first, second, 12, { restartClock: true });
    for (const t of [15, 30]) expect(relative(joined.survival(t), 0.62 * second.survival(t - 12))).toBeLessThan(1e-12);
    expect(joined.hazard(20)).toBe(second.hazard(8));
    expect(relative(joined.restrictedMean(40), integrate(joined.survival, 0, 40, 1e-13))).toBeLessThan(1e-10);
    expect(joined.survival(joined.quantile(0.6))).toBeCloseTo(0.4, 12);
  });
  it("joinCurves rejects a negative join time and a second curve with no survivors at the join", () => {
    expect(thrown(() => joinCurves(first, second, -1)).path).toEqual(["atTime"]);
    const ends = tabulatedSurvival({ time: [0, 5], survival: [1, 0] });
    expect(thrown(() => joinCurves(first, ends, 8)).path).toEqual(["second"]);
  });
});

describe("mixCurves and mixtureCure", () => {
  const fast = exponentialSurvival({ rate: 0.3 });
  const slow = weibullSurvival({ shape: 1.2, scale: 40 });
  it("mixCurves(curves, weights) has S = Σ w·S and the survivor-weighted hazard Σ w·S·h / S", () => {
    const mixture = mixCurves([fast, slow], [0.4, 0.6]);
    for (const t of TIMES) {
      const s = 0.4 * fast.survival(t) + 0.6 * slow.survival(t);
      expect(relative(mixture.survival(t), s)).toBeLessThan(1e-14);
      expect(relative(mixture.hazard(t), (0.4 * fast.survival(t) * 0.3 + 0.6 * slow.survival(t) * slow.hazard(t)) / s)).toBeLessThan(1e-13);
      expect(relative(mixture.cumulativeHazard(t), -Math.log(s))).toBeLessThan(1e-12);
      expect(relative(mixture.restrictedMean(t), 0.4 * fast.restrictedMean(t) + 0.6 * slow.restrictedMean(t))).toBeLessThan(1e-14);
    }
    expect(mixture.survival(mixture.quantile(0.7))).toBeCloseTo(0.3, 12);
  });
  it("mixCurves rejects weights that do not sum to 1 or do not match the curves", () => {
    expect(thrown(() => mixCurves([fast, slow], [0.5, 0.6])).path).toEqual(["weights"]);
    expect(thrown(() => mixCurves([fast, slow], [1])).code).toBe("dimension_mismatch");
    expect(thrown(() => mixCurves([fast, slow], [1.5, -0.5])).path).toEqual(["weights", 1]);
  });
  it("mixtureCure(uncured, π) has S = π + (1 − π)·S_u, plateau π and infinite quantiles beyond it", () => {
    const cure = mixtureCure(slow, 0.3);
    for (const t of TIMES) expect(relative(cure.survival(t), 0.3 + 0.7 * slow.survival(t))).toBeLessThan(1e-14);
    expect(cure.survival(1e9)).toBeCloseTo(0.3, 15);
    expect(cure.quantile(0.69)).toBeLessThan(Infinity);
    expect(cure.quantile(0.71)).toBe(Infinity);
    expect(cure.survival(cure.quantile(0.5))).toBeCloseTo(0.5, 12);
    expect(relative(cure.restrictedMean(50), integrate(cure.survival, 0, 50, 1e-13))).toBeLessThan(1e-10);
    expect(relative(cure.hazard(10), -((0.7 * -slow.hazard(10) * slow.survival(10)) / cure.survival(10)))).toBeLessThan(1e-13);
    expect(thrown(() => mixtureCure(slow, 1)).path).toEqual(["cureFraction"]);
  });
  it("mixtureCure matches the plateau of a Gompertz with negative shape when built to the same cure fraction", () => {
    const gompertz = gompertzSurvival({ shape: -0.3, rate: 0.2 });
    const plateau = gompertz.survival(Infinity);
    expect(mixtureCure(exponentialSurvival({ rate: 1 }), plateau).survival(1e6)).toBeCloseTo(plateau, 14);
  });
});
