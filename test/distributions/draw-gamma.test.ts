import { describe, expect, it } from "vitest";
import gammaCdf from "@stdlib/stats-base-dists-gamma-cdf";
import { drawGamma, drawLogGamma } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { ksCritical, ksStatistic } from "./goodness-of-fit.js";

const N = 20_000;

describe("drawGamma / drawLogGamma (Marsaglia–Tsang)", () => {
  for (const shape of [0.05, 0.5, 1, 1.5, 30]) {
    it(`drawGamma(rng, ${shape}) passes KS against Gamma(${shape}, 1) at α = 0.001`, () => {
      const rng = createRng(`gamma-${shape}`);
      const sample = Float64Array.from({ length: N }, () => drawGamma(rng, shape));
      expect(ksStatistic(sample, (x) => gammaCdf(x, shape, 1))).toBeLessThan(ksCritical(N));
    });
  }

  // Gamma(0.01) draws are mostly below 1e-30; on the log scale they stay finite, and
  // P(log G ≤ t) = P(G ≤ eᵗ) gives the CDF to test against.
  it("drawLogGamma(rng, 0.01) is finite and passes KS against ln of Gamma(0.01, 1)", () => {
    const rng = createRng("log-gamma");
    const sample = Float64Array.from({ length: N }, () => drawLogGamma(rng, 0.01));
    expect(sample.every(Number.isFinite)).toBe(true);
    expect(ksStatistic(sample, (t) => gammaCdf(Math.exp(t), 0.01, 1))).toBeLessThan(ksCritical(N));
  });

  it("drawGamma(rng, shape) is NaN for shape ≤ 0 (kernels are total)", () => {
    expect(drawGamma(createRng(1), 0)).toBeNaN();
    expect(drawLogGamma(createRng(1), -1)).toBeNaN();
  });
});
