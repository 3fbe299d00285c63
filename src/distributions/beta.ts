import betaCdf from "@stdlib/stats-base-dists-beta-cdf/lib/main.js";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile/lib/main.js";
import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import { betaFromCounts, betaFromMeanSe } from "./beta-fit.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { marsagliaTsang } from "./draw-gamma.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireObject, requirePositive } from "./validate.js";

/** The definition of a beta distribution (a member of {@link DistributionDef}). */
export type BetaDef = Extract<DistributionDef, { readonly kind: "beta" }>;

const LOG4 = Math.log(4);
const ONE_PLUS_LOG5 = 1 + Math.log(5);

class Beta implements Distribution<BetaDef> {
  readonly def: BetaDef;
  private readonly a: number;
  private readonly b: number;
  // Marsaglia–Tsang constants of the two gamma draws (for shape + 1 when a shape is below 1).
  private readonly da: number;
  private readonly ca: number;
  private readonly db: number;
  private readonly cb: number;
  private readonly small: boolean;
  // Cheng's BB constants (both shapes > 1): p = min shape, q = max shape.
  private readonly p: number;
  private readonly q: number;
  private readonly bb: number;
  private readonly gg: number;
  private readonly swapped: boolean;

  constructor(alpha: number, beta: number) {
    this.def = Object.freeze({ kind: "beta", alpha, beta });
    this.a = alpha;
    this.b = beta;
    this.small = alpha < 1 || beta < 1;
    this.da = (alpha >= 1 ? alpha : alpha + 1) - 1 / 3;
    this.ca = 1 / Math.sqrt(9 * this.da);
    this.db = (beta >= 1 ? beta : beta + 1) - 1 / 3;
    this.cb = 1 / Math.sqrt(9 * this.db);
    this.swapped = alpha > beta;
    this.p = Math.min(alpha, beta);
    this.q = Math.max(alpha, beta);
    const sum = this.p + this.q;
    this.bb = Math.sqrt((sum - 2) / (2 * this.p * this.q - sum));
    this.gg = this.p + 1 / this.bb;
  }

  mean(): number {
    return this.a / (this.a + this.b);
  }

  variance(): number {
    const total = this.a + this.b;
    return (this.a * this.b) / (total * total * (total + 1));
  }

  cdf(x: number): number {
    return betaCdf(x, this.a, this.b);
  }

  quantile(p: number): number {
    return betaQuantile(p, this.a, this.b);
  }

  // Both shapes > 1: Cheng's algorithm BB (Cheng 1978, Commun ACM 21:317), two uniforms per try
  // and about 1.1 tries; shapes below 1: X = Ga / (Ga + Gb) with unit gammas (Devroye 1986, §IX.4.1).
  // The loop lives in each family so that its call to sample() stays monomorphic.
  fill(rng: Rng, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.sample(rng);
  }

  sample(rng: Rng): number {
    if (this.p > 1) {
      const { p, q, bb, gg } = this;
      const sum = p + q;
      for (;;) {
        const u1 = rng.uniform();
        const u2 = rng.uniform();
        const v = bb * Math.log(u1 / (1 - u1));
        const w = p * Math.exp(v);
        const z = u1 * u1 * u2;
        const r = gg * v - LOG4;
        const s = p + r - w;
        if (s + ONE_PLUS_LOG5 < 5 * z) {
          const t = Math.log(z);
          if (s <= t && r + sum * Math.log(sum / (q + w)) < t) continue;
        }
        // w / (q + w) is Beta(p, q); the complement when α was the larger shape.
        return this.swapped ? q / (q + w) : w / (q + w);
      }
    }
    if (!this.small) {
      // A shape of exactly 1 (BB needs both above 1).
      const x = marsagliaTsang(rng, this.da, this.ca);
      const y = marsagliaTsang(rng, this.db, this.cb);
      return x / (x + y);
    }
    // Shapes below 1 use the boost U^(1/k) on the log scale: both gammas may underflow to 0.
    let logX = Math.log(marsagliaTsang(rng, this.da, this.ca));
    if (this.a < 1) logX += Math.log(rng.uniform()) / this.a;
    let logY = Math.log(marsagliaTsang(rng, this.db, this.cb));
    if (this.b < 1) logY += Math.log(rng.uniform()) / this.b;
    return 1 / (1 + Math.exp(logY - logX));
  }

  toString(): string {
    return `Beta(α=${formatSignificant(this.a)}, β=${formatSignificant(this.b)})`;
  }
}

/**
 * The beta distribution on [0, 1] with shapes α and β (mean α/(α+β)). The usual choice for
 * probabilities and utilities bounded by 1 (Briggs, Claxton & Sculpher 2006, §4.2.1); with
 * α = events and β = non-events it is the posterior of a binomial proportion under a flat prior.
 *
 * @param params.alpha - shape α > 0 (events)
 * @param params.beta - shape β > 0 (non-events)
 * @returns the distribution Beta(α, β)
 * @throws QalyError `invalid_argument` at ["beta", "alpha" | "beta"]
 * @example
 * beta({ alpha: 95, beta: 5 }).mean() // => 0.95
 * beta({ alpha: 95, beta: 5 }).toString() // => "Beta(α=95, β=5)"
 */
export function beta(params: { readonly alpha: number; readonly beta: number }): Distribution<Extract<DistributionDef, { readonly kind: "beta" }>> {
  const raw = requireObject(params, ["beta"], "{ alpha, beta }");
  const alpha = requirePositive(raw.alpha, ["beta", "alpha"]);
  const b = requirePositive(raw.beta, ["beta", "beta"]);
  // The mean α/(α + β) and the variance need the sum: beyond double precision they would read 0 or NaN.
  if (!Number.isFinite(alpha + b)) fail("invalid_argument", ["beta"], `alpha + beta = ${alpha + b} (alpha ${alpha}, beta ${b}) is beyond what double-precision numbers hold`, { received: alpha + b, expected: "a finite alpha + beta" });
  return new Beta(alpha, b);
}

/**
 * A beta distribution with a given mean and standard error (method of moments, Briggs, Claxton &
 * Sculpher 2006, §4.2.1): α + β = mean(1 − mean)/se² − 1, α = mean(α + β), β = (1 − mean)(α + β).
 * Possible only when se² < mean(1 − mean).
 *
 * @param mean - mean in (0, 1)
 * @param se - standard error, 0 < se < √(mean(1 − mean))
 * @returns the fitted Beta(α, β)
 * @throws QalyError `impossible_fit` at ["beta", "fromMeanSe", "se"] when se² ≥ mean(1 − mean),
 *   naming the largest admissible SE; `invalid_argument` for a mean outside (0, 1) or se ≤ 0
 * @example
 * const uWell = beta.fromMeanSe(0.8, 0.04);
 * uWell.toString() // => "Beta(α=79.2, β=19.8)"
 * Math.sqrt(uWell.variance()) // => 0.04
 */
beta.fromMeanSe = function fromMeanSe(mean: number, se: number): Distribution<Extract<DistributionDef, { readonly kind: "beta" }>> {
  const { alpha, beta: b } = betaFromMeanSe(mean, se, ["beta", "fromMeanSe"]);
  return new Beta(alpha, b);
};

/** The same as {@link beta.fromMeanSe}: the SD of a parameter's uncertainty is its SE. */
beta.fromMeanSd = beta.fromMeanSe;

/**
 * A beta distribution from observed counts: Beta(events, total − events), the posterior of a
 * proportion under a flat prior as Briggs, Claxton & Sculpher (2006, §4.2.1) use it.
 *
 * @param counts.events - number of events (e.g. responders), 0 < events < total
 * @param counts.total - number of patients at risk
 * @returns Beta(events, total − events)
 * @throws QalyError `impossible_fit` at ["beta", "fromCounts", "events"] when events is 0 or
 *   equals total (add a prior, e.g. events + 0.5 and total + 1); `invalid_argument` for
 *   non-finite or negative counts
 * @example
 * beta.fromCounts({ events: 45, total: 100 }).toString() // => "Beta(α=45, β=55)"
 */
beta.fromCounts = function fromCounts(counts: { readonly events: number; readonly total: number }): Distribution<Extract<DistributionDef, { readonly kind: "beta" }>> {
  const { alpha, beta: b } = betaFromCounts(counts, ["beta", "fromCounts"]);
  return new Beta(alpha, b);
};
