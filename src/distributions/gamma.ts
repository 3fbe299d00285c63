import gammaCdf from "@stdlib/stats-base-dists-gamma-cdf/lib/main.js";
import gammaQuantile from "@stdlib/stats-base-dists-gamma-quantile/lib/main.js";
import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { marsagliaTsang } from "./draw-gamma.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireFinite, requireFitted, requireObject, requirePositive } from "./validate.js";

/** The definition of a gamma distribution (a member of {@link DistributionDef}). */
export type GammaDef = Extract<DistributionDef, { readonly kind: "gamma" }>;

class Gamma implements Distribution<GammaDef> {
  readonly def: GammaDef;
  private readonly shape: number;
  private readonly scale: number;
  private readonly rate: number;
  // Marsaglia–Tsang constants for max(shape, shape + 1); see draw-gamma.ts.
  private readonly d: number;
  private readonly c: number;
  private readonly inverseShape: number;

  constructor(shape: number, scale: number) {
    this.def = Object.freeze({ kind: "gamma", shape, scale });
    this.shape = shape;
    this.scale = scale;
    this.rate = 1 / scale;
    this.d = (shape >= 1 ? shape : shape + 1) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.inverseShape = 1 / shape;
  }

  mean(): number {
    return this.shape * this.scale;
  }

  variance(): number {
    return this.shape * this.scale * this.scale;
  }

  cdf(x: number): number {
    return gammaCdf(x, this.shape, this.rate);
  }

  quantile(p: number): number {
    return gammaQuantile(p, this.shape, this.rate);
  }

  // The loop lives in each family so that its call to sample() stays monomorphic.
  fill(rng: Rng, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.sample(rng);
  }

  sample(rng: Rng): number {
    const g = marsagliaTsang(rng, this.d, this.c);
    return this.shape >= 1 ? g * this.scale : g * Math.pow(rng.uniform(), this.inverseShape) * this.scale;
  }

  toString(): string {
    return `Gamma(shape=${formatSignificant(this.shape)}, scale=${formatSignificant(this.scale)})`;
  }
}

/**
 * The gamma distribution with shape k and scale θ (mean kθ, variance kθ²). The usual choice for
 * costs and resource use, which are positive and right-skewed (Briggs, Claxton & Sculpher 2006,
 * §4.2.2). Give either `scale` or `rate` (= 1/scale), not both.
 *
 * @param params.shape - shape k > 0
 * @param params.scale - scale θ > 0, in the parameter's unit (e.g. GBP)
 * @returns the distribution Gamma(k, θ)
 * @throws QalyError `invalid_argument` at ["gamma", "shape" | "scale" | "rate"]
 * @example
 * gamma({ shape: 100, scale: 20 }).mean() // => 2000
 * gamma({ shape: 4, rate: 0.5 }).toString() // => "Gamma(shape=4, scale=2)"
 */
export function gamma(params: { readonly shape: number; readonly scale: number } | { readonly shape: number; readonly rate: number }): Distribution<Extract<DistributionDef, { readonly kind: "gamma" }>> {
  const raw = requireObject(params, ["gamma"], "{ shape, scale } or { shape, rate }");
  const shape = requirePositive(raw.shape, ["gamma", "shape"]);
  const hasScale = raw.scale !== undefined;
  const hasRate = raw.rate !== undefined;
  if (hasScale === hasRate) {
    fail("invalid_argument", ["gamma", hasScale ? "rate" : "scale"], hasScale ? "give either scale or rate, not both" : "give a scale (or a rate = 1/scale)", { expected: "exactly one of scale, rate" });
  }
  const scale = hasScale ? requirePositive(raw.scale, ["gamma", "scale"]) : 1 / requirePositive(raw.rate, ["gamma", "rate"]);
  return new Gamma(shape, scale);
}

/**
 * A gamma distribution with a given mean and standard error (method of moments):
 * shape = mean²/se², scale = se²/mean (Briggs, Claxton & Sculpher 2006, §4.2.2).
 *
 * @param mean - mean, > 0 (e.g. a mean cost in GBP)
 * @param se - standard error of the mean, > 0, same unit
 * @returns Gamma(mean²/se², se²/mean)
 * @throws QalyError `impossible_fit` at ["gamma", "fromMeanSe", "mean"] when mean ≤ 0;
 *   `invalid_argument` for a non-finite input or se ≤ 0
 * @example
 * const cSick = gamma.fromMeanSe(1850, 400);
 * cSick.mean() // => 1850
 * Math.sqrt(cSick.variance()) // => 400
 */
gamma.fromMeanSe = function fromMeanSe(mean: number, se: number): Distribution<Extract<DistributionDef, { readonly kind: "gamma" }>> {
  const m = requireFinite(mean, ["gamma", "fromMeanSe", "mean"]);
  const s = requirePositive(se, ["gamma", "fromMeanSe", "se"]);
  if (!(m > 0)) fail("impossible_fit", ["gamma", "fromMeanSe", "mean"], `a gamma distribution only takes positive values, so its mean must be > 0 (received ${m}); for a quantity that can be negative use normal()`, { received: m, expected: "> 0" });
  const shape = (m * m) / (s * s);
  const scale = (s * s) / m;
  requireFitted({ shape, scale }, ["gamma", "fromMeanSe", "se"], `mean ${m} and SE ${s}`);
  return new Gamma(shape, scale);
};

/** The same as {@link gamma.fromMeanSe}: the SD of a parameter's uncertainty is its SE. */
gamma.fromMeanSd = gamma.fromMeanSe;
