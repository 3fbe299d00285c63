import weibullCdf from "@stdlib/stats-base-dists-weibull-cdf/lib/main.js";
import weibullQuantile from "@stdlib/stats-base-dists-weibull-quantile/lib/main.js";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireObject, requirePositive } from "./validate.js";

/** The definition of a weibull distribution (a member of {@link DistributionDef}). */
export type WeibullDef = Extract<DistributionDef, { readonly kind: "weibull" }>;

class Weibull implements Distribution<WeibullDef> {
  readonly def: WeibullDef;
  private readonly shape: number;
  private readonly scale: number;
  private readonly inverseShape: number;

  constructor(shape: number, scale: number) {
    this.def = Object.freeze({ kind: "weibull", shape, scale });
    this.shape = shape;
    this.scale = scale;
    this.inverseShape = 1 / shape;
  }

  // E[X^r] = scale^r Γ(1 + r/shape); computed through ln Γ so that large ratios do not overflow.
  mean(): number {
    return this.scale * Math.exp(gammaln(1 + this.inverseShape));
  }

  variance(): number {
    const m1 = Math.exp(gammaln(1 + this.inverseShape));
    const m2 = Math.exp(gammaln(1 + 2 * this.inverseShape));
    return this.scale * this.scale * (m2 - m1 * m1);
  }

  cdf(x: number): number {
    return weibullCdf(x, this.shape, this.scale);
  }

  quantile(p: number): number {
    return weibullQuantile(p, this.shape, this.scale);
  }

  // Inverse CDF: scale · (−ln U)^(1/shape).
  sample(rng: Rng): number {
    return this.scale * Math.pow(-Math.log(rng.uniform()), this.inverseShape);
  }

  toString(): string {
    return `Weibull(shape=${formatSignificant(this.shape)}, scale=${formatSignificant(this.scale)})`;
  }
}

/**
 * The Weibull distribution with S(t) = exp(−(t/scale)^shape): a time to event whose hazard rises
 * (shape > 1) or falls (shape < 1) with time; shape = 1 is the exponential (NICE DSU TSD 14).
 * This is R's `dweibull(shape, scale)` parameterisation.
 *
 * @param params.shape - shape k > 0
 * @param params.scale - scale λ > 0, in units of time
 * @returns the distribution Weibull(k, λ)
 * @throws QalyError `invalid_argument` at ["weibull", "shape" | "scale"]
 * @example
 * weibull({ shape: 1, scale: 10 }).mean() // => 10
 * weibull({ shape: 1.5, scale: 10 }).toString() // => "Weibull(shape=1.5, scale=10)"
 */
export function weibull(params: { readonly shape: number; readonly scale: number }): Distribution<Extract<DistributionDef, { readonly kind: "weibull" }>> {
  const raw = requireObject(params, ["weibull"], "{ shape, scale }");
  return new Weibull(requirePositive(raw.shape, ["weibull", "shape"]), requirePositive(raw.scale, ["weibull", "scale"]));
}
