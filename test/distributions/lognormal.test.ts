import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lognormal, normal, standardNormalQuantile } from "../../src/distributions/index.js";
import { thrown } from "../helpers/thrown.js";

describe("lognormal", () => {
  it("lognormal({ meanlog, sdlog }) has mean exp(μ + σ²/2) and median exp(μ)", () => {
    const distribution = lognormal({ meanlog: 1, sdlog: 0.5 });
    expect(distribution.mean()).toBeCloseTo(Math.exp(1.125), 12);
    expect(distribution.variance()).toBeCloseTo((Math.exp(0.25) - 1) * Math.exp(2.25), 12);
    expect(distribution.quantile(0.5)).toBeCloseTo(Math.E, 14);
  });

  it("lognormal.fromMeanSe(mean, se) round-trips on the natural scale (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), (mean, cv) => {
        const fitted = lognormal.fromMeanSe(mean, cv * mean);
        expect(Math.abs(fitted.mean() - mean)).toBeLessThanOrEqual(1e-12 * mean);
        expect(Math.abs(Math.sqrt(fitted.variance()) - cv * mean)).toBeLessThanOrEqual(1e-10 * cv * mean);
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(lognormal.fromMeanSd(10, 2).def).toEqual(lognormal.fromMeanSe(10, 2).def);
  });

  // A log-symmetric interval (estimate = √(lower·upper)) is reproduced exactly by the fit.
  it("lognormal.fromCi({ estimate, lower, upper }) puts lower and upper at the 2.5% and 97.5% quantiles (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 20, noNaN: true }), (lower, ratio) => {
        const upper = lower * ratio;
        const fitted = lognormal.fromCi({ estimate: Math.sqrt(lower * upper), lower, upper });
        expect(fitted.quantile(0.025)).toBeCloseTo(lower, 10 - Math.ceil(Math.log10(upper)));
        expect(Math.abs(fitted.quantile(0.975) / upper - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("lognormal.fromCi({ estimate: 0.72, lower: 0.55, upper: 0.94 }) has meanlog ln 0.72 and sdlog (ln 0.94 − ln 0.55)/(2·1.96)", () => {
    const hr = lognormal.fromCi({ estimate: 0.72, lower: 0.55, upper: 0.94 });
    expect(hr.def.meanlog).toBe(Math.log(0.72));
    expect(hr.def.sdlog).toBeCloseTo((Math.log(0.94) - Math.log(0.55)) / (2 * standardNormalQuantile(0.975)), 15);
    const ninety = lognormal.fromCi({ estimate: 0.72, lower: 0.58, upper: 0.9, level: 0.9 });
    expect(ninety.def.sdlog).toBeCloseTo((Math.log(0.9) - Math.log(0.58)) / (2 * 1.6448536269514722), 12);
  });

  it("lognormal.fromCi rejects an estimate outside its interval, at the offending limit", () => {
    const error = thrown(() => lognormal.fromCi({ estimate: 0.5, lower: 0.55, upper: 0.94 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["lognormal", "fromCi", "lower"]]);
    const level = thrown(() => lognormal.fromCi({ estimate: 0.72, lower: 0.55, upper: 0.94, level: 95 }));
    expect([level.code, level.path]).toEqual(["invalid_argument", ["lognormal", "fromCi", "level"]]);
  });

  it("lognormal.fromMeanSe(0, 1) is an impossible fit: a lognormal is positive", () => {
    const error = thrown(() => lognormal.fromMeanSe(0, 1));
    expect([error.code, error.path]).toEqual(["impossible_fit", ["lognormal", "fromMeanSe", "mean"]]);
  });
});

describe("normal", () => {
  it("normal.fromCi({ lower, upper }) is centred on the interval with sd = width/(2·1.96) (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (lower, width) => {
        const fitted = normal.fromCi({ lower, upper: lower + width });
        const scale = Math.max(Math.abs(lower), width);
        expect(Math.abs(fitted.quantile(0.025) - lower)).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(fitted.quantile(0.975) - (lower + width))).toBeLessThanOrEqual(1e-12 * scale);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("normal.fromCi({ lower: 1, upper: 1 }) reports an empty interval at ['normal', 'fromCi', 'upper']", () => {
    const error = thrown(() => normal.fromCi({ lower: 1, upper: 1 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["normal", "fromCi", "upper"]]);
  });

  it("normal({ mean: 0, sd: -1 }) reports the sd at ['normal', 'sd']", () => {
    const error = thrown(() => normal({ mean: 0, sd: -1 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["normal", "sd"]]);
  });
});
