import { describe, expect, it } from "vitest";
import { standardNormalCdf, truncatedNormal } from "../../src/distributions/index.js";
import { thrown } from "../helpers/thrown.js";

describe("truncatedNormal", () => {
  // Half-normal: mean √(2/π), variance 1 − 2/π (Johnson, Kotz & Balakrishnan 1994, §13.10).
  it("truncatedNormal({ mean: 0, sd: 1, lower: 0 }) is the half-normal", () => {
    const half = truncatedNormal({ mean: 0, sd: 1, lower: 0 });
    expect(half.mean()).toBeCloseTo(Math.sqrt(2 / Math.PI), 14);
    expect(half.variance()).toBeCloseTo(1 - 2 / Math.PI, 14);
    expect(half.cdf(1)).toBeCloseTo(2 * standardNormalCdf(1) - 1, 14);
    expect(half.quantile(0)).toBe(0);
  });

  it("truncatedNormal with no bounds equals the normal", () => {
    const unbounded = truncatedNormal({ mean: 3, sd: 2 });
    expect(unbounded.mean()).toBe(3);
    expect(unbounded.variance()).toBeCloseTo(4, 14);
    expect(unbounded.def).toEqual({ kind: "truncatedNormal", mean: 3, sd: 2 });
  });

  it("truncatedNormal keeps draws and quantiles inside a window 20σ into the upper tail", () => {
    const tail = truncatedNormal({ mean: 0, sd: 1, lower: 20, upper: 21 });
    for (const p of [0, 1e-9, 0.5, 1 - 1e-9, 1]) {
      const x = tail.quantile(p);
      expect(x >= 20 && x <= 21).toBe(true);
      expect(Math.abs(tail.cdf(x) - p)).toBeLessThanOrEqual(1e-9);
    }
    // Beyond the bound the conditional law is nearly exponential with rate a: mean ≈ a + 1/a.
    expect(tail.mean()).toBeCloseTo(20 + 1 / 20, 3);
  });

  it("truncatedNormal with a window below the lower tail's resolution reports it", () => {
    const error = thrown(() => truncatedNormal({ mean: 0, sd: 1, lower: 50, upper: 51 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["truncatedNormal"]]);
    const reversed = thrown(() => truncatedNormal({ mean: 0, sd: 1, lower: 1, upper: 0 }));
    expect([reversed.code, reversed.path]).toEqual(["invalid_argument", ["truncatedNormal", "upper"]]);
  });
});
