import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { beta } from "../../src/distributions/index.js";
import { thrown } from "../helpers/thrown.js";

describe("beta", () => {
  it("beta({ alpha, beta }) has mean α/(α+β) and variance αβ/((α+β)²(α+β+1))", () => {
    const distribution = beta({ alpha: 2, beta: 3 });
    expect(distribution.mean()).toBe(0.4);
    expect(distribution.variance()).toBeCloseTo(6 / (25 * 6), 15);
    expect(distribution.def).toEqual({ kind: "beta", alpha: 2, beta: 3 });
  });

  // Method-of-moments identities; 1e-12 relative covers the few roundings in the algebra.
  it("beta.fromMeanSe(m, se) round-trips: mean ≈ m and sd ≈ se for every admissible pair (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (m, fraction) => {
        const se = fraction * Math.sqrt(m * (1 - m));
        const fitted = beta.fromMeanSe(m, se);
        expect(Math.abs(fitted.mean() - m)).toBeLessThanOrEqual(1e-12 * m);
        expect(Math.abs(Math.sqrt(fitted.variance()) - se)).toBeLessThanOrEqual(1e-9 * se);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("beta.fromMeanSd is beta.fromMeanSe", () => {
    expect(beta.fromMeanSd(0.82, 0.03).def).toEqual(beta.fromMeanSe(0.82, 0.03).def);
  });

  it("beta.fromMeanSe(0.8, 0.04) is Beta(α=79.2, β=19.8)", () => {
    const fitted = beta.fromMeanSe(0.8, 0.04);
    expect(fitted.def.alpha).toBeCloseTo(79.2, 10);
    expect(fitted.def.beta).toBeCloseTo(19.8, 10);
  });

  it("beta.fromMeanSe(0.9, 0.31) is an impossible fit naming the largest admissible SE 0.3", () => {
    const error = thrown(() => beta.fromMeanSe(0.9, 0.31));
    expect(error.code).toBe("impossible_fit");
    expect(error.path).toEqual(["beta", "fromMeanSe", "se"]);
    expect(error.message).toMatchInlineSnapshot(`"beta.fromMeanSe.se: no beta distribution has mean 0.9 and SE 0.31: its variance must be below mean·(1 − mean) = 0.09, so the SE must be below √(mean·(1 − mean)) = 0.3 (the largest admissible SE, exclusive)"`);
  });

  it("beta.fromMeanSe(m, √(m(1−m))) is impossible: the bound is exclusive", () => {
    expect(thrown(() => beta.fromMeanSe(0.5, 0.5)).code).toBe("impossible_fit");
  });

  it("beta.fromMeanSe(1.2, 0.1) reports a mean outside (0, 1) as invalid_argument", () => {
    const error = thrown(() => beta.fromMeanSe(1.2, 0.1));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["beta", "fromMeanSe", "mean"]]);
  });

  it("beta.fromCounts({ events: 45, total: 100 }) is Beta(45, 55)", () => {
    expect(beta.fromCounts({ events: 45, total: 100 }).def).toEqual({ kind: "beta", alpha: 45, beta: 55 });
  });

  it("beta.fromCounts({ events: 0, total: 20 }) is an impossible fit that suggests a prior", () => {
    const error = thrown(() => beta.fromCounts({ events: 0, total: 20 }));
    expect([error.code, error.path]).toEqual(["impossible_fit", ["beta", "fromCounts", "events"]]);
    expect(error.message).toMatchInlineSnapshot(`"beta.fromCounts.events: no events (0 of 20): Beta(0, 20) has a zero shape and is not a distribution; add a prior to both counts, e.g. Jeffreys' half an event each: beta({ alpha: 0.5, beta: 20.5 })"`);
  });

  it("beta.fromCounts({ events: 30, total: 20 }) reports events above total", () => {
    const error = thrown(() => beta.fromCounts({ events: 30, total: 20 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["beta", "fromCounts", "events"]]);
  });

  it("beta({ alpha: -1, beta: 2 }) reports the invalid shape at ['beta', 'alpha']", () => {
    const error = thrown(() => beta({ alpha: -1, beta: 2 }));
    expect([error.code, error.path]).toEqual(["invalid_argument", ["beta", "alpha"]]);
    expect(error.message).toMatchInlineSnapshot(`"beta.alpha: must be greater than 0 (received -1)"`);
  });

  it("beta({ alpha: 0.01, beta: 0.01 }).sample(rng) stays in [0, 1] where both gammas underflow", async () => {
    const { createRng } = await import("../../src/random/rng.js");
    const rng = createRng("tiny-shapes");
    const distribution = beta({ alpha: 0.01, beta: 0.01 });
    for (let i = 0; i < 2000; i++) {
      const x = distribution.sample(rng);
      expect(x >= 0 && x <= 1).toBe(true);
    }
  });
});
