import lognormalCdf from "@stdlib/stats-base-dists-lognormal-cdf/lib/main.js";
import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { drawStandardNormal } from "./draw-standard-normal.js";
import { standardNormalQuantile } from "./standard-normal.js";
import { criticalValue, requireFinite, requireFitted, requireObject, requirePositive } from "./validate.js";

/** The definition of a lognormal distribution (a member of {@link DistributionDef}). */
export type LognormalDef = Extract<DistributionDef, { readonly kind: "lognormal" }>;

class Lognormal implements Distribution<LognormalDef> {
  readonly def: LognormalDef;
  private readonly mu: number;
  private readonly sigma: number;

  constructor(meanlog: number, sdlog: number) {
    this.def = Object.freeze({ kind: "lognormal", meanlog, sdlog });
    this.mu = meanlog;
    this.sigma = sdlog;
  }

  mean(): number {
    return Math.exp(this.mu + (this.sigma * this.sigma) / 2);
  }

  variance(): number {
    const s2 = this.sigma * this.sigma;
    return Math.expm1(s2) * Math.exp(2 * this.mu + s2);
  }

  cdf(x: number): number {
    return lognormalCdf(x, this.mu, this.sigma);
  }

  quantile(p: number): number {
    return Math.exp(this.mu + this.sigma * standardNormalQuantile(p));
  }

  // The loop lives in each family so that its call to sample() stays monomorphic.
  fill(rng: Rng, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.sample(rng);
  }

  sample(rng: Rng): number {
    return Math.exp(this.mu + this.sigma * drawStandardNormal(rng));
  }

  toString(): string {
    return `Lognormal(meanlog=${formatSignificant(this.mu)}, sdlog=${formatSignificant(this.sigma)})`;
  }
}

/**
 * The lognormal distribution: ln X ~ N(meanlog, sdlog²). The usual choice for relative effects
 * (hazard ratios, relative risks, odds ratios), which are estimated and reported on the log scale
 * (Briggs, Claxton & Sculpher 2006, §4.2.3), and for right-skewed costs.
 *
 * @param params.meanlog - mean of ln X, finite (ln of the median)
 * @param params.sdlog - standard deviation of ln X, > 0
 * @returns the lognormal distribution
 * @throws QalyError `invalid_argument` at ["lognormal", "meanlog" | "sdlog"]
 * @example
 * lognormal({ meanlog: 0, sdlog: 0.5 }).quantile(0.5) // => 1
 * lognormal({ meanlog: -0.3, sdlog: 0.1 }).toString() // => "Lognormal(meanlog=-0.3, sdlog=0.1)"
 */
export function lognormal(params: { readonly meanlog: number; readonly sdlog: number }): Distribution<Extract<DistributionDef, { readonly kind: "lognormal" }>> {
  const { meanlog, sdlog } = requireObject(params, ["lognormal"], "{ meanlog, sdlog }");
  return new Lognormal(requireFinite(meanlog, ["lognormal", "meanlog"]), requirePositive(sdlog, ["lognormal", "sdlog"]));
}

/**
 * A lognormal distribution with a given mean and standard error on the natural scale (method of
 * moments): sdlog² = ln(1 + se²/mean²) and meanlog = ln(mean) − sdlog²/2.
 *
 * @param mean - mean on the natural scale, > 0
 * @param se - standard error (or SD) on the natural scale, > 0
 * @returns the lognormal with that mean and SD
 * @throws QalyError `impossible_fit` at ["lognormal", "fromMeanSe", "mean"] when mean ≤ 0;
 *   `invalid_argument` for a non-finite input or se ≤ 0
 * @example
 * lognormal.fromMeanSe(1000, 300).mean() // => 1000
 */
lognormal.fromMeanSe = function fromMeanSe(mean: number, se: number): Distribution<Extract<DistributionDef, { readonly kind: "lognormal" }>> {
  const m = requireFinite(mean, ["lognormal", "fromMeanSe", "mean"]);
  const s = requirePositive(se, ["lognormal", "fromMeanSe", "se"]);
  if (!(m > 0)) fail("impossible_fit", ["lognormal", "fromMeanSe", "mean"], `a lognormal distribution only takes positive values, so its mean must be > 0 (received ${m})`, { received: m, expected: "> 0" });
  const cv = s / m;
  const s2 = Math.log1p(cv * cv);
  const sdlog = Math.sqrt(s2);
  requireFitted({ sdlog }, ["lognormal", "fromMeanSe", "se"], `mean ${m} and SE ${s}`);
  return new Lognormal(Math.log(m) - s2 / 2, sdlog);
};

/** The same as {@link lognormal.fromMeanSe}: the SD of a parameter's uncertainty is its SE. */
lognormal.fromMeanSd = lognormal.fromMeanSe;

/**
 * A lognormal distribution for a ratio (hazard ratio, relative risk, odds ratio) from its point
 * estimate and confidence interval: meanlog = ln(estimate), sdlog = (ln upper − ln lower)/(2z),
 * z = Φ⁻¹((1 + level)/2). The standard way to carry a published HR into a PSA (Briggs, Claxton &
 * Sculpher 2006, §4.2.3). The estimate is the median of the result, not its mean.
 *
 * @param ci.estimate - point estimate, > 0
 * @param ci.lower - lower confidence limit, 0 < lower < estimate
 * @param ci.upper - upper confidence limit, > estimate
 * @param ci.level - confidence level in (0, 1), default 0.95
 * @returns the lognormal distribution of the ratio
 * @throws QalyError `invalid_argument` at ["lognormal", "fromCi", "estimate" | "lower" | "upper" | "level"]
 * @example
 * const hrProgression = lognormal.fromCi({ estimate: 0.72, lower: 0.55, upper: 0.94 });
 * hrProgression.quantile(0.5) // => 0.72
 * hrProgression.quantile(0.975) / hrProgression.quantile(0.025) // => 1.709
 */
lognormal.fromCi = function fromCi(ci: { readonly estimate: number; readonly lower: number; readonly upper: number; readonly level?: number }): Distribution<Extract<DistributionDef, { readonly kind: "lognormal" }>> {
  const path = ["lognormal", "fromCi"];
  const { estimate: rawEstimate, lower: rawLower, upper: rawUpper, level } = requireObject(ci, path, "{ estimate, lower, upper, level? }");
  const estimate = requirePositive(rawEstimate, [...path, "estimate"]);
  const lower = requirePositive(rawLower, [...path, "lower"]);
  const upper = requirePositive(rawUpper, [...path, "upper"]);
  const z = criticalValue(level ?? 0.95, [...path, "level"]);
  if (!(lower < estimate)) fail("invalid_argument", [...path, "lower"], `the lower limit must be below the estimate ${estimate} (received ${lower})`, { received: lower, expected: `< ${estimate}` });
  if (!(upper > estimate)) fail("invalid_argument", [...path, "upper"], `the upper limit must be above the estimate ${estimate} (received ${upper})`, { received: upper, expected: `> ${estimate}` });
  return new Lognormal(Math.log(estimate), (Math.log(upper) - Math.log(lower)) / (2 * z));
};
