import normalCdf from "@stdlib/stats-base-dists-normal-cdf/lib/main.js";
import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { drawStandardNormal } from "./draw-standard-normal.js";
import { standardNormalQuantile } from "./standard-normal.js";
import { criticalValue, requireFinite, requireObject, requirePositive } from "./validate.js";

/** The definition of a normal distribution (a member of {@link DistributionDef}). */
export type NormalDef = Extract<DistributionDef, { readonly kind: "normal" }>;

class Normal implements Distribution<NormalDef> {
  readonly def: NormalDef;
  private readonly mu: number;
  private readonly sigma: number;

  constructor(mean: number, sd: number) {
    this.def = Object.freeze({ kind: "normal", mean, sd });
    this.mu = mean;
    this.sigma = sd;
  }

  mean(): number {
    return this.mu;
  }

  variance(): number {
    return this.sigma * this.sigma;
  }

  cdf(x: number): number {
    return normalCdf(x, this.mu, this.sigma);
  }

  quantile(p: number): number {
    return this.mu + this.sigma * standardNormalQuantile(p);
  }

  // The loop lives in each family so that its call to sample() stays monomorphic.
  fill(rng: Rng, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.sample(rng);
  }

  sample(rng: Rng): number {
    return this.mu + this.sigma * drawStandardNormal(rng);
  }

  toString(): string {
    return `Normal(μ=${formatSignificant(this.mu)}, σ=${formatSignificant(this.sigma)})`;
  }
}

/**
 * The normal distribution N(mean, sd²). In a PSA it suits quantities that may take any sign and
 * whose sampling distribution is symmetric, such as a log hazard ratio, a regression coefficient
 * or a utility decrement estimated from a large sample (Briggs, Claxton & Sculpher 2006, §4.2).
 *
 * @param params.mean - mean μ, finite
 * @param params.sd - standard deviation σ > 0 (the standard error of an estimate)
 * @returns the distribution N(μ, σ²)
 * @throws QalyError `invalid_argument` at ["normal", "mean" | "sd"]
 * @example
 * normal({ mean: 0.7, sd: 0.05 }).variance() // => 0.0025
 * normal({ mean: 0.7, sd: 0.05 }).toString() // => "Normal(μ=0.7, σ=0.05)"
 */
export function normal(params: { readonly mean: number; readonly sd: number }): Distribution<Extract<DistributionDef, { readonly kind: "normal" }>> {
  const { mean, sd } = requireObject(params, ["normal"], "{ mean, sd }");
  return new Normal(requireFinite(mean, ["normal", "mean"]), requirePositive(sd, ["normal", "sd"]));
}

/**
 * A normal distribution from a published confidence interval: mean = (lower + upper)/2 and
 * sd = (upper − lower)/(2z), with z = Φ⁻¹((1 + level)/2) (1.96 for a 95% interval).
 *
 * @param ci.lower - lower limit of the interval
 * @param ci.upper - upper limit, > lower
 * @param ci.level - confidence level in (0, 1), default 0.95
 * @returns N(mean, sd²) with the interval as its central `level` range
 * @throws QalyError `invalid_argument` at ["normal", "fromCi", "lower" | "upper" | "level"]
 * @example
 * normal.fromCi({ lower: -0.2, upper: 0.2 }).def.sd // => 0.102
 */
normal.fromCi = function fromCi(ci: { readonly lower: number; readonly upper: number; readonly level?: number }): Distribution<Extract<DistributionDef, { readonly kind: "normal" }>> {
  const { lower: rawLower, upper: rawUpper, level } = requireObject(ci, ["normal", "fromCi"], "{ lower, upper, level? }");
  const lower = requireFinite(rawLower, ["normal", "fromCi", "lower"]);
  const upper = requireFinite(rawUpper, ["normal", "fromCi", "upper"]);
  const z = criticalValue(level ?? 0.95, ["normal", "fromCi", "level"]);
  if (!(upper > lower)) fail("invalid_argument", ["normal", "fromCi", "upper"], `the upper limit must exceed the lower limit ${lower} (received ${upper})`, { received: upper, expected: `> ${lower}` });
  return new Normal((lower + upper) / 2, (upper - lower) / (2 * z));
};
