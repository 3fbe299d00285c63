import erf from "@stdlib/math-base-special-erf";
import { describe, expect, it } from "vitest";
import { exponentialFromMedian, exponentialSurvival, weibullPhSurvival, weibullSurvival } from "../../src/survival/index.js";
import { integrate } from "../../src/survival/integrate.js";
import { thrown } from "../helpers/thrown.js";

const TIMES = [0.1, 1, 5, 12, 30, 80];

describe("exponentialSurvival", () => {
  it("exponentialSurvival({ rate }).restrictedMean(τ) equals (1 − e^{−λτ})/λ", () => {
    const curve = exponentialSurvival({ rate: 0.07 });
    for (const tau of TIMES) expect(curve.restrictedMean(tau)).toBeCloseTo(-Math.expm1(-0.07 * tau) / 0.07, 13);
    expect(curve.restrictedMean(0)).toBe(0);
  });
  it("exponentialSurvival is total: S = 1 and h = 0 before time 0, NaN for NaN and p outside [0, 1]", () => {
    const curve = exponentialSurvival({ rate: 0.2 });
    expect([curve.survival(-1), curve.hazard(-1), curve.cumulativeHazard(-1)]).toEqual([1, 0, 0]);
    expect(curve.survival(Number.NaN)).toBeNaN();
    expect(curve.quantile(1.2)).toBeNaN();
    expect(curve.quantile(1)).toBe(Infinity);
    expect(curve.restrictedMean(-1)).toBeNaN();
  });
  it("exponentialFromMedian(m) has S(m) = 1/2 and rate log 2 / m", () => {
    const curve = exponentialFromMedian(8);
    expect(curve.survival(8)).toBeCloseTo(0.5, 15);
    expect(curve.def).toEqual({ kind: "exponential", rate: Math.LN2 / 8 });
  });
  it("exponentialSurvival and exponentialFromMedian reject non-positive parameters with code and path", () => {
    const error = thrown(() => exponentialSurvival({ rate: -1 }));
    expect(error.code).toBe("invalid_parameter");
    expect(error.path).toEqual(["exponential", "rate"]);
    expect(thrown(() => exponentialFromMedian(0)).path).toEqual(["exponential", "median"]);
  });
});

describe("weibullSurvival (flexsurv 'weibull', AFT)", () => {
  it("weibullSurvival({ shape: 2, scale }).restrictedMean(τ) equals the closed form scale·(√π/2)·erf(τ/scale)", () => {
    // ∫₀^τ exp(−(t/b)²) dt = b·(√π/2)·erf(τ/b): independent of the incomplete gamma function.
    const curve = weibullSurvival({ shape: 2, scale: 9 });
    for (const tau of TIMES) expect(curve.restrictedMean(tau) / (9 * (Math.sqrt(Math.PI) / 2) * erf(tau / 9)) - 1).toBeCloseTo(0, 12);
  });
  it("weibullSurvival({ shape: 1, scale }) is the exponential with rate 1/scale", () => {
    const weibull = weibullSurvival({ shape: 1, scale: 4 });
    const exponential = exponentialSurvival({ rate: 0.25 });
    for (const t of TIMES) {
      expect(weibull.survival(t)).toBeCloseTo(exponential.survival(t), 15);
      expect(weibull.restrictedMean(t)).toBeCloseTo(exponential.restrictedMean(t), 12);
    }
  });
  it("weibullSurvival(...).restrictedMean(τ) (incomplete gamma) equals adaptive quadrature of S for shapes below and above 1", () => {
    for (const shape of [0.4, 0.9, 1.7, 4]) {
      const curve = weibullSurvival({ shape, scale: 11 });
      for (const tau of TIMES) expect(curve.restrictedMean(tau) / integrate(curve.survival, 0, tau, 1e-13) - 1).toBeCloseTo(0, 10);
    }
  });
  it("weibullSurvival hazard at 0 is ∞, 1/scale or 0 as shape is below, at or above 1", () => {
    expect(weibullSurvival({ shape: 0.5, scale: 2 }).hazard(0)).toBe(Infinity);
    expect(weibullSurvival({ shape: 1, scale: 2 }).hazard(0)).toBe(0.5);
    expect(weibullSurvival({ shape: 2, scale: 2 }).hazard(0)).toBe(0);
  });
  it("weibullSurvival reports every invalid parameter at once", () => {
    const error = thrown(() => weibullSurvival({ shape: 0, scale: Number.NaN }));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_parameter", ["weibull", "shape"]],
      ["invalid_parameter", ["weibull", "scale"]],
    ]);
  });
});

describe("weibullPhSurvival (flexsurv 'weibullPH')", () => {
  it("weibullPhSurvival({ shape: a, scale: m }) is the AFT Weibull with scale m^(−1/a), with h(t) = a·m·t^(a−1)", () => {
    const ph = weibullPhSurvival({ shape: 1.3, scale: 0.04 });
    const aft = weibullSurvival({ shape: 1.3, scale: 0.04 ** (-1 / 1.3) });
    for (const t of TIMES) {
      expect(ph.survival(t) / aft.survival(t) - 1).toBeCloseTo(0, 12);
      expect(ph.hazard(t)).toBeCloseTo(1.3 * 0.04 * t ** 0.3, 14);
      expect(ph.restrictedMean(t) / aft.restrictedMean(t) - 1).toBeCloseTo(0, 12);
    }
    expect(ph.quantile(0.3) / aft.quantile(0.3) - 1).toBeCloseTo(0, 12);
  });
});
