import { describe, expect, it } from "vitest";
import fc from "fast-check";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { cholesky, distributionFromDef, multivariateNormal } from "../../src/distributions/index.js";
import type { MultivariateNormalDef } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { ksCritical, ksStatistic } from "./goodness-of-fit.js";
import { thrown } from "../helpers/thrown.js";

const N = 20_000;

describe("multivariateNormal", () => {
  // Weibull regression coefficients (intercept, log scale, treatment) with a realistic vcov.
  const mean = [2.1, -0.4, 0.3];
  const covariance = [
    [0.04, -0.01, 0.006],
    [-0.01, 0.01, -0.002],
    [0.006, -0.002, 0.0225],
  ];

  // For normal data Var(sᵢⱼ) ≈ (σᵢᵢσⱼⱼ + σᵢⱼ²)/n (Anderson 2003, §3.3), so each entry of the
  // sample covariance must lie within 4 such SE of the target.
  it("multivariateNormal({ mean, covariance }).sample(rng): marginals pass KS, means and covariance within 4 SE", () => {
    const distribution = multivariateNormal({ mean, covariance });
    const rng = createRng("mvn");
    const k = mean.length;
    const cols = Array.from({ length: k }, () => new Float64Array(N));
    const buffer = new Float64Array(k);
    for (let r = 0; r < N; r++) {
      distribution.sample(rng, buffer);
      for (let j = 0; j < k; j++) cols[j]![r] = buffer[j]!;
    }
    const sampleMean = cols.map((col) => col.reduce((a, b) => a + b, 0) / N);
    for (let i = 0; i < k; i++) {
      const sd = Math.sqrt(covariance[i]![i]!);
      expect(Math.abs(sampleMean[i]! - mean[i]!)).toBeLessThanOrEqual((4 * sd) / Math.sqrt(N));
      expect(ksStatistic(cols[i]!, (x) => normalCdf(x, mean[i]!, sd))).toBeLessThan(ksCritical(N));
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let r = 0; r < N; r++) s += (cols[i]![r]! - sampleMean[i]!) * (cols[j]![r]! - sampleMean[j]!);
        s /= N - 1;
        const target = covariance[i]![j]!;
        const se = Math.sqrt((covariance[i]![i]! * covariance[j]![j]! + target * target) / N);
        expect(Math.abs(s - target), `covariance[${i}][${j}]`).toBeLessThanOrEqual(4 * se);
      }
    }
  });

  it("multivariateNormal(...) returns its mean and covariance and round-trips through its def", () => {
    const distribution = multivariateNormal({ mean, covariance });
    expect(Array.from(distribution.mean())).toEqual(mean);
    expect(Array.from(distribution.covariance())).toEqual(covariance.flat());
    const rebuilt = distributionFromDef(JSON.parse(JSON.stringify(distribution.def)) as MultivariateNormalDef);
    expect(Array.from(rebuilt.sample(createRng(5)))).toEqual(Array.from(distribution.sample(createRng(5))));
  });

  it("multivariateNormal with a correlation above 1 throws not_positive_definite naming the row", () => {
    const error = thrown(() => multivariateNormal({ mean: [0, 0], covariance: [[1, 1.2], [1.2, 1]] }));
    expect([error.code, error.path]).toEqual(["not_positive_definite", ["multivariateNormal", "covariance", 1]]);
    expect(error.message).toMatchInlineSnapshot(`"multivariateNormal.covariance[1]: the covariance matrix is not positive definite: the first 2 rows imply a non-positive conditional variance (-0.44) for component 1: some correlation is above 1 in absolute value, or the correlations are mutually inconsistent (e.g. A~B and B~C strongly positive with A~C strongly negative)"`);
  });

  it("multivariateNormal with mutually inconsistent correlations throws not_positive_definite", () => {
    const inconsistent = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]];
    const error = thrown(() => multivariateNormal({ mean: [0, 0, 0], covariance: inconsistent }));
    expect([error.code, error.path]).toEqual(["not_positive_definite", ["multivariateNormal", "covariance", 2]]);
  });

  it("multivariateNormal with an asymmetric or zero-variance covariance throws not_positive_definite", () => {
    const asymmetric = thrown(() => multivariateNormal({ mean: [0, 0], covariance: [[1, 0.5], [0.4, 1]] }));
    expect([asymmetric.code, asymmetric.path]).toEqual(["not_positive_definite", ["multivariateNormal", "covariance", 1, 0]]);
    const zero = thrown(() => multivariateNormal({ mean: [0, 0], covariance: [[1, 0], [0, 0]] }));
    expect([zero.code, zero.path]).toEqual(["not_positive_definite", ["multivariateNormal", "covariance", 1]]);
  });

  it("multivariateNormal with a covariance of the wrong size throws dimension_mismatch", () => {
    const error = thrown(() => multivariateNormal({ mean: [0, 0, 0], covariance: [[1, 0], [0, 1]] }));
    expect([error.code, error.path]).toEqual(["dimension_mismatch", ["multivariateNormal", "covariance"]]);
  });
});

describe("cholesky", () => {
  it("cholesky(Σ) gives a lower-triangular L with L·Lᵀ = Σ for random SPD matrices (fast-check)", () => {
    const entry = fc.double({ min: -2, max: 2, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((k) => fc.array(fc.array(entry, { minLength: k, maxLength: k }), { minLength: k, maxLength: k })), (a) => {
        const k = a.length;
        // Σ = A·Aᵀ + I is symmetric positive definite with eigenvalues ≥ 1.
        const sigma = a.map((row, i) => a.map((other, j) => row.reduce((s, x, m) => s + x * other[m]!, 0) + (i === j ? 1 : 0)));
        const l = cholesky(sigma);
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            if (j > i) expect(l[i * k + j]).toBe(0);
            let s = 0;
            for (let m = 0; m < k; m++) s += l[i * k + m]! * l[j * k + m]!;
            expect(Math.abs(s - sigma[i]![j]!)).toBeLessThanOrEqual(1e-12 * (1 + 4 * 4 * k));
          }
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
