import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gamma } from "../../src/distributions/index.js";
import { thrown } from "../helpers/thrown.js";

describe("gamma", () => {
  it("gamma({ shape, rate }) stores the scale 1/rate in its definition", () => {
    expect(gamma({ shape: 4, rate: 0.5 }).def).toEqual({ kind: "gamma", shape: 4, scale: 2 });
    expect(gamma({ shape: 100, scale: 20 }).mean()).toBe(2000);
    expect(gamma({ shape: 100, scale: 20 }).variance()).toBe(40_000);
  });

  it("gamma.fromMeanSe(mean, se) round-trips: mean ≈ mean and sd ≈ se (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), (mean, cv) => {
        const se = cv * mean;
        const fitted = gamma.fromMeanSe(mean, se);
        expect(Math.abs(fitted.mean() - mean)).toBeLessThanOrEqual(1e-12 * mean);
        expect(Math.abs(Math.sqrt(fitted.variance()) - se)).toBeLessThanOrEqual(1e-12 * se);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("gamma.fromMeanSd is gamma.fromMeanSe, and gamma.fromMeanSe(1850, 400) has shape (1850/400)²", () => {
    expect(gamma.fromMeanSd(1850, 400).def).toEqual(gamma.fromMeanSe(1850, 400).def);
    expect(gamma.fromMeanSe(1850, 400).def.shape).toBeCloseTo((1850 / 400) ** 2, 12);
  });

  it("gamma.fromMeanSe(-5, 1) is an impossible fit: a gamma is positive", () => {
    const error = thrown(() => gamma.fromMeanSe(-5, 1));
    expect([error.code, error.path]).toEqual(["impossible_fit", ["gamma", "fromMeanSe", "mean"]]);
    expect(error.message).toMatchInlineSnapshot(`"gamma.fromMeanSe.mean: a gamma distribution only takes positive values, so its mean must be > 0 (received -5); for a quantity that can be negative use normal()"`);
  });

  it("gamma.fromMeanSe(100, 0) reports se ≤ 0 as invalid_argument", () => {
    const error = thrown(() => gamma.fromMeanSe(100, 0));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["gamma", "fromMeanSe", "se"]]);
  });

  it("gamma({ shape, scale, rate }) rejects both scale and rate; gamma({ shape }) asks for one", () => {
    const both = thrown(() => gamma({ shape: 2, scale: 1, rate: 1 } as never));
    expect([both.code, both.path]).toEqual(["invalid_argument", ["gamma", "rate"]]);
    const neither = thrown(() => gamma({ shape: 2 } as never));
    expect([neither.code, neither.path]).toEqual(["invalid_argument", ["gamma", "scale"]]);
  });

  it("gamma({ shape: 0, scale: 1 }) reports the shape at ['gamma', 'shape']", () => {
    const error = thrown(() => gamma({ shape: 0, scale: 1 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["gamma", "shape"]]);
  });
});
