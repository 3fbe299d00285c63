import { describe, expect, it } from "vitest";
import { drawStandardNormal, standardNormalCdf, standardNormalQuantile } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { ksCritical, ksStatistic } from "./goodness-of-fit.js";

describe("drawStandardNormal (ziggurat)", () => {
  const n = 200_000;
  const rng = createRng("ziggurat");
  const sample = new Float64Array(n);
  for (let i = 0; i < n; i++) sample[i] = drawStandardNormal(rng);

  // A larger sample than the per-family tests: the ziggurat is our own code under every normal,
  // lognormal, gamma and beta draw, so its fit gets a sharper test.
  it("drawStandardNormal(rng) passes KS against Φ at α = 0.001 with n = 200 000", () => {
    expect(ksStatistic(sample, standardNormalCdf)).toBeLessThan(ksCritical(n));
  });

  // The tail (|z| > r = 3.4426, drawn by Marsaglia's tail method) and the wedges (rejection) are
  // the rarely used branches; their frequencies must match Φ within 4 SE.
  for (const [low, high] of [[3.442619855899, Infinity], [2, 3.442619855899], [-Infinity, -3.442619855899], [-0.05, 0.05], [4, Infinity]] as const) {
    it(`drawStandardNormal(rng) lands in (${low}, ${high}) with probability Φ(${high}) − Φ(${low}) within 4 SE`, () => {
      const p = standardNormalCdf(high) - standardNormalCdf(low);
      const share = sample.filter((z) => z > low && z < high).length / n;
      expect(Math.abs(share - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n));
    });
  }
});

describe("standardNormalQuantile", () => {
  it("standardNormalQuantile(p) inverts Φ to 1e-12 relative from p = 1e-300 to 1 − 1e-12", () => {
    for (let e = -300; e <= -1; e += 7) {
      const p = 10 ** e;
      expect(Math.abs(standardNormalCdf(standardNormalQuantile(p)) / p - 1)).toBeLessThanOrEqual(1e-12 * Math.max(1, -e / 10));
    }
    for (const p of [0.3, 0.5, 0.9, 0.975, 1 - 1e-6, 1 - 1e-12]) expect(standardNormalCdf(standardNormalQuantile(p))).toBeCloseTo(p, 15);
  });

  it("standardNormalQuantile is total: ±∞ at 0 and 1, NaN outside [0, 1]", () => {
    expect([standardNormalQuantile(0), standardNormalQuantile(1), standardNormalQuantile(1.5), standardNormalQuantile(Number.NaN)]).toEqual([-Infinity, Infinity, Number.NaN, Number.NaN]);
  });
});
