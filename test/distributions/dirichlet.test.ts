import { describe, expect, it } from "vitest";
import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import { dirichlet, distributionFromDef } from "../../src/distributions/index.js";
import type { DirichletDef, MultivariateDistribution } from "../../src/distributions/index.js";
import { createRng } from "../../src/random/rng.js";
import { ksCritical, ksStatistic } from "./goodness-of-fit.js";
import { thrown } from "../helpers/thrown.js";

const N = 20_000;

/** n draws as one column per component. */
function columns(distribution: MultivariateDistribution, seed: string, n: number): Float64Array[] {
  const rng = createRng(seed);
  const out = Array.from({ length: distribution.dimension }, () => new Float64Array(n));
  const buffer = new Float64Array(distribution.dimension);
  for (let i = 0; i < n; i++) {
    distribution.sample(rng, buffer);
    buffer.forEach((x, j) => (out[j]![i] = x));
  }
  return out;
}

describe("dirichlet", () => {
  // Each component of Dirichlet(α) is Beta(αⱼ, α₀ − αⱼ): a KS test per marginal, plus the
  // covariance −αᵢαⱼ/(α₀²(α₀+1)) within 4 SE (SE of a sample covariance ≈ √(Var(XᵢXⱼ…)/n),
  // estimated from the draws).
  for (const alpha of [[10, 5, 5], [1251, 350, 116, 17], [0.3, 0.5, 2]]) {
    it(`dirichlet({ alpha: [${alpha}] }).sample(rng): components sum to 1, marginals pass KS, covariance within 4 SE`, () => {
      const distribution = dirichlet({ alpha });
      const cols = columns(distribution, `dirichlet-${alpha}`, N);
      const total = alpha.reduce((a, b) => a + b, 0);
      for (let i = 0; i < N; i++) {
        let sum = 0;
        for (const col of cols) sum += col[i]!;
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(4 * Number.EPSILON * alpha.length);
      }
      alpha.forEach((a, j) => {
        expect(ksStatistic(cols[j]!, (x) => betaCdf(x, a, total - a))).toBeLessThan(ksCritical(N));
      });
      const mean = distribution.mean();
      const covariance = distribution.covariance();
      const k = alpha.length;
      for (let i = 0; i < k; i++) {
        for (let j = i; j < k; j++) {
          const products = Float64Array.from(cols[i]!, (x, r) => (x - mean[i]!) * (cols[j]![r]! - mean[j]!));
          const average = products.reduce((a, b) => a + b, 0) / N;
          const spread = Math.sqrt(products.reduce((a, p) => a + (p - average) ** 2, 0) / N);
          expect(Math.abs(average - covariance[i * k + j]!)).toBeLessThanOrEqual((4 * spread) / Math.sqrt(N));
        }
      }
    });
  }

  it("dirichlet({ alpha: [0.01, 0.01, 0.01] }).sample(rng) stays finite and sums to 1 where every gamma underflows", () => {
    const distribution = dirichlet({ alpha: [0.01, 0.01, 0.01] });
    const rng = createRng("tiny");
    for (let i = 0; i < 1000; i++) {
      const x = distribution.sample(rng);
      expect(x.every(Number.isFinite)).toBe(true);
      expect(Math.abs(x.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-15);
    }
  });

  it("dirichlet(...).sample(rng, out) writes into out and the same seed gives identical draws", () => {
    const distribution = dirichlet({ alpha: [2, 3, 4] });
    const out = new Float64Array(3);
    expect(distribution.sample(createRng(1), out)).toBe(out);
    expect(Array.from(distribution.sample(createRng(1)))).toEqual(Array.from(out));
  });

  it("dirichlet.fromCounts(counts, names) has α = counts, mean counts/total and round-trips through its def", () => {
    const fromWell = dirichlet.fromCounts([1251, 350, 116, 17], ["A", "B", "C", "D"]);
    expect(fromWell.def).toEqual({ kind: "dirichlet", alpha: [1251, 350, 116, 17], names: ["A", "B", "C", "D"] });
    expect(Array.from(fromWell.mean())).toEqual([1251 / 1734, 350 / 1734, 116 / 1734, 17 / 1734]);
    const rebuilt = distributionFromDef(JSON.parse(JSON.stringify(fromWell.def)) as DirichletDef);
    expect(rebuilt.toString()).toBe(fromWell.toString());
    expect(Array.from(rebuilt.sample(createRng(3)))).toEqual(Array.from(fromWell.sample(createRng(3))));
  });

  it("dirichlet.fromCounts([10, 0, 5]) is an impossible fit at the zero count", () => {
    const error = thrown(() => dirichlet.fromCounts([10, 0, 5]));
    expect([error.code, error.path]).toEqual(["impossible_fit", ["dirichlet", "fromCounts", "counts", 1]]);
  });

  it("dirichlet rejects a non-positive α, a single component and mismatched or duplicate names", () => {
    const negative = thrown(() => dirichlet({ alpha: [1, -2] }));
    expect([negative.code, negative.path]).toEqual(["invalid_argument", ["dirichlet", "alpha", 1]]);
    const single = thrown(() => dirichlet({ alpha: [1] }));
    expect([single.code, single.path]).toEqual(["invalid_argument", ["dirichlet", "alpha"]]);
    const mismatch = thrown(() => dirichlet({ alpha: [1, 2], names: ["a"] }));
    expect([mismatch.code, mismatch.path]).toEqual(["dimension_mismatch", ["dirichlet", "names"]]);
    const duplicate = thrown(() => dirichlet({ alpha: [1, 2], names: ["a", "a"] }));
    expect([duplicate.code, duplicate.path]).toEqual(["invalid_argument", ["dirichlet", "names"]]);
  });
});
