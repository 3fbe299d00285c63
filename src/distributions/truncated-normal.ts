import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { standardNormalCdf, standardNormalDensity, standardNormalQuantile } from "./standard-normal.js";
import { requireFinite, requireObject, requirePositive } from "./validate.js";

/** The definition of a truncatedNormal distribution (a member of {@link DistributionDef}). */
export type TruncatedNormalDef = Extract<DistributionDef, { readonly kind: "truncatedNormal" }>;

class TruncatedNormal implements Distribution<TruncatedNormalDef> {
  readonly def: TruncatedNormalDef;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly a: number; // standardised bounds
  private readonly b: number;
  // When the window lies in the upper tail, work with −Z so that Φ stays far from 1, where its
  // double-precision resolution is lost (a window 9σ above the mean has Φ(a) = 1 exactly).
  private readonly flip: boolean;
  private readonly lowCdf: number; // Φ of the lower standardised bound (of −Z when flipped)
  private readonly mass: number; // P(a ≤ Z ≤ b)

  constructor(def: TruncatedNormalDef) {
    this.def = def;
    this.mu = def.mean;
    this.sigma = def.sd;
    this.a = ((def.lower ?? -Infinity) - def.mean) / def.sd;
    this.b = ((def.upper ?? Infinity) - def.mean) / def.sd;
    this.flip = this.a > 0;
    this.lowCdf = this.flip ? standardNormalCdf(-this.b) : standardNormalCdf(this.a);
    this.mass = (this.flip ? standardNormalCdf(-this.a) : standardNormalCdf(this.b)) - this.lowCdf;
  }

  /** Whether the window carries probability mass that double precision can resolve. */
  get resolvable(): boolean {
    return this.mass > 0 && Number.isFinite(this.mass);
  }

  mean(): number {
    const phiA = standardNormalDensity(this.a);
    const phiB = standardNormalDensity(this.b);
    return this.mu + (this.sigma * (phiA - phiB)) / this.mass;
  }

  variance(): number {
    const phiA = standardNormalDensity(this.a);
    const phiB = standardNormalDensity(this.b);
    const aPhiA = Number.isFinite(this.a) ? this.a * phiA : 0;
    const bPhiB = Number.isFinite(this.b) ? this.b * phiB : 0;
    const shift = (phiA - phiB) / this.mass;
    return this.sigma * this.sigma * (1 + (aPhiA - bPhiB) / this.mass - shift * shift);
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    const z = (x - this.mu) / this.sigma;
    if (z <= this.a) return 0;
    if (z >= this.b) return 1;
    const p = this.flip ? 1 - (standardNormalCdf(-z) - this.lowCdf) / this.mass : (standardNormalCdf(z) - this.lowCdf) / this.mass;
    return Math.min(1, Math.max(0, p));
  }

  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    const q = this.flip ? 1 - p : p;
    let z = standardNormalQuantile(this.lowCdf + q * this.mass);
    if (this.flip) z = -z;
    // Rounding in Φ⁻¹ can step a hair outside the window; the window is the support.
    return this.mu + this.sigma * Math.min(this.b, Math.max(this.a, z));
  }

  // Inverse-CDF sampling: exact, one uniform per draw, and efficient however narrow the window
  // (rejection from the untruncated normal is not).
  sample(rng: Rng): number {
    return this.quantile(rng.uniform());
  }

  toString(): string {
    const bounds = `${this.def.lower === undefined ? "" : `, lower=${formatSignificant(this.def.lower)}`}${this.def.upper === undefined ? "" : `, upper=${formatSignificant(this.def.upper)}`}`;
    return `TruncatedNormal(μ=${formatSignificant(this.mu)}, σ=${formatSignificant(this.sigma)}${bounds})`;
  }
}

/**
 * A normal distribution N(mean, sd²) restricted to [lower, upper] and renormalised. Used for a
 * quantity estimated as roughly normal but with a hard bound, e.g. a utility that cannot exceed 1
 * or a duration that cannot be negative. `mean` and `sd` are those of the untruncated normal.
 *
 * @param params.mean - location μ of the parent normal, finite
 * @param params.sd - scale σ > 0 of the parent normal
 * @param params.lower - lower bound (omit for none)
 * @param params.upper - upper bound (omit for none), > lower
 * @returns the truncated normal distribution
 * @throws QalyError `invalid_argument` at ["truncatedNormal", "mean" | "sd" | "lower" | "upper"],
 *   also when the window is so far in the tail that it has no probability in double precision
 * @example
 * const halfNormal = truncatedNormal({ mean: 0, sd: 1, lower: 0 });
 * halfNormal.mean() // => 0.797885
 * truncatedNormal({ mean: 0.8, sd: 0.1, upper: 1 }).toString() // => "TruncatedNormal(μ=0.8, σ=0.1, upper=1)"
 */
export function truncatedNormal(params: { readonly mean: number; readonly sd: number; readonly lower?: number; readonly upper?: number }): Distribution<Extract<DistributionDef, { readonly kind: "truncatedNormal" }>> {
  const raw = requireObject(params, ["truncatedNormal"], "{ mean, sd, lower?, upper? }");
  const mean = requireFinite(raw.mean, ["truncatedNormal", "mean"]);
  const sd = requirePositive(raw.sd, ["truncatedNormal", "sd"]);
  const lower = raw.lower === undefined || raw.lower === -Infinity ? undefined : requireFinite(raw.lower, ["truncatedNormal", "lower"]);
  const upper = raw.upper === undefined || raw.upper === Infinity ? undefined : requireFinite(raw.upper, ["truncatedNormal", "upper"]);
  if (lower !== undefined && upper !== undefined && !(upper > lower)) {
    fail("invalid_argument", ["truncatedNormal", "upper"], `must be greater than lower = ${lower} (received ${upper})`, { received: upper, expected: `> ${lower}` });
  }
  const def: TruncatedNormalDef = Object.freeze({ kind: "truncatedNormal", mean, sd, ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) });
  const distribution = new TruncatedNormal(def);
  if (!distribution.resolvable) {
    fail("invalid_argument", ["truncatedNormal"], `the window [${lower ?? "-∞"}, ${upper ?? "∞"}] lies so far in the tail of N(${mean}, ${sd}²) that it has no probability in double precision; check the units of mean, sd and the bounds`, { received: { mean, sd, lower, upper } });
  }
  return distribution;
}
