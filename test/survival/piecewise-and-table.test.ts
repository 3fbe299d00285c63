import { describe, expect, it } from "vitest";
import { exponentialSurvival, piecewiseExponentialSurvival, tabulatedSurvival } from "../../src/survival/index.js";
import { integrate } from "../../src/survival/integrate.js";
import { thrown } from "../helpers/thrown.js";

describe("piecewiseExponentialSurvival", () => {
  const curve = piecewiseExponentialSurvival({ cuts: [6, 12, 24], rates: [0.1, 0.05, 0, 0.02] });
  it("piecewiseExponentialSurvival with equal rates is the exponential", () => {
    const flat = piecewiseExponentialSurvival({ cuts: [3, 9], rates: [0.2, 0.2, 0.2] });
    const exponential = exponentialSurvival({ rate: 0.2 });
    for (const t of [1, 3, 5, 9, 20]) expect(flat.survival(t)).toBeCloseTo(exponential.survival(t), 15);
    expect(flat.restrictedMean(20)).toBeCloseTo(exponential.restrictedMean(20), 13);
  });
  it("piecewiseExponentialSurvival has H piecewise linear with the given hazards, including a zero-rate interval", () => {
    expect(curve.cumulativeHazard(6)).toBeCloseTo(0.6, 15);
    expect(curve.cumulativeHazard(15)).toBeCloseTo(0.9, 15);
    expect(curve.cumulativeHazard(30)).toBeCloseTo(0.9 + 0.12, 14);
    expect([curve.hazard(0), curve.hazard(6), curve.hazard(20), curve.hazard(24)]).toEqual([0.1, 0.05, 0, 0.02]);
  });
  it("piecewiseExponentialSurvival(...).restrictedMean and quantile are exact", () => {
    for (const tau of [3, 6, 18, 40]) expect(curve.restrictedMean(tau)).toBeCloseTo(integrate(curve.survival, 0, tau, 1e-14), 11);
    for (const p of [0.2, 0.4, 0.6]) expect(curve.survival(curve.quantile(p))).toBeCloseTo(1 - p, 13);
    // S = e^{−0.9} throughout [12, 24): the quantile at that level is where the plateau starts.
    expect(curve.quantile(1 - Math.exp(-0.9))).toBeCloseTo(12, 12);
  });
  it("piecewiseExponentialSurvival reports mismatched lengths and invalid cuts and rates with paths", () => {
    expect(thrown(() => piecewiseExponentialSurvival({ cuts: [1], rates: [0.1] })).code).toBe("dimension_mismatch");
    const error = thrown(() => piecewiseExponentialSurvival({ cuts: [2, 1], rates: [0.1, -1, 0.2] }));
    expect(error.issues.map((issue) => issue.path)).toEqual([["piecewise-exponential", "cuts", 1], ["piecewise-exponential", "rates", 1]]);
  });
});

describe("tabulatedSurvival", () => {
  const time = [0, 6, 12, 24];
  const survival = [1, 0.8, 0.55, 0.3];
  it("tabulatedSurvival (log-linear, the default) is the piecewise exponential through the knots", () => {
    const table = tabulatedSurvival({ time, survival });
    const rates = [0, 1, 2].map((i) => Math.log(survival[i]! / survival[i + 1]!) / (time[i + 1]! - time[i]!));
    const piecewise = piecewiseExponentialSurvival({ cuts: [6, 12, 24], rates: [...rates, rates[2]!] });
    for (const t of [0, 2, 6, 9, 12, 20, 24, 40]) {
      expect(table.survival(t)).toBeCloseTo(piecewise.survival(t), 14);
      expect(table.hazard(t)).toBeCloseTo(piecewise.hazard(t), 14);
      expect(table.restrictedMean(t)).toBeCloseTo(piecewise.restrictedMean(t), 12);
    }
    for (const p of [0.1, 0.3, 0.6, 0.8]) expect(table.quantile(p)).toBeCloseTo(piecewise.quantile(p), 11);
    for (let i = 0; i < time.length; i++) expect(table.survival(time[i]!)).toBeCloseTo(survival[i]!, 15);
  });
  it("tabulatedSurvival with interpolation 'linear' interpolates S, with exact trapezoid restricted mean and quantiles", () => {
    const table = tabulatedSurvival({ time, survival, interpolation: "linear" });
    expect(table.survival(9)).toBeCloseTo(0.675, 15);
    expect(table.hazard(9)).toBeCloseTo(0.25 / 6 / 0.675, 14);
    expect(table.restrictedMean(24)).toBeCloseTo(6 * 0.9 + 6 * 0.675 + 12 * 0.425, 13);
    expect(table.quantile(0.325)).toBeCloseTo(9, 13);
    expect(table.cumulativeHazard(9)).toBeCloseTo(-Math.log(0.675), 15);
  });
  it("tabulatedSurvival continues with the last interval's hazard beyond the last knot, and reaches 0 where the table does", () => {
    const table = tabulatedSurvival({ time, survival });
    const lastRate = Math.log(0.55 / 0.3) / 12;
    expect(table.survival(36)).toBeCloseTo(0.3 * Math.exp(-lastRate * 12), 14);
    const toZero = tabulatedSurvival({ time: [0, 10, 20], survival: [1, 0.4, 0] });
    expect(toZero.survival(15)).toBeCloseTo(0.2, 15); // a segment ending at 0 is linear
    expect(toZero.survival(25)).toBe(0);
    expect(toZero.cumulativeHazard(25)).toBe(Infinity);
    expect(toZero.quantile(1)).toBe(20);
    expect(toZero.restrictedMean(30)).toBeCloseTo(integrate(toZero.survival, 0, 30, 1e-14), 10);
  });
  it("tabulatedSurvival adds the knot (0, 1) when the table starts later", () => {
    const table = tabulatedSurvival({ time: [5, 10], survival: [0.9, 0.7] });
    expect(table.def.time).toEqual([0, 5, 10]);
    expect(table.survival(2.5)).toBeCloseTo(Math.sqrt(0.9), 15);
  });
  it("tabulatedSurvival rejects increasing survival, unsorted times and S(0) ≠ 1 with paths", () => {
    const error = thrown(() => tabulatedSurvival({ time: [0, 5, 5], survival: [0.9, 0.95, 0.5] }));
    expect(error.issues.map((issue) => issue.path)).toEqual([["table", "time", 2], ["table", "survival", 1], ["table", "survival", 0]]);
    expect(thrown(() => tabulatedSurvival({ time: [0], survival: [1] })).code).toBe("dimension_mismatch");
  });
});
