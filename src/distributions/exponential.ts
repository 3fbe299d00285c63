import exponentialCdf from "@stdlib/stats-base-dists-exponential-cdf/lib/main.js";
import exponentialQuantile from "@stdlib/stats-base-dists-exponential-quantile/lib/main.js";
import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireObject, requirePositive } from "./validate.js";

/** The definition of an exponential distribution (a member of {@link DistributionDef}). */
export type ExponentialDef = Extract<DistributionDef, { readonly kind: "exponential" }>;

class Exponential implements Distribution<ExponentialDef> {
  readonly def: ExponentialDef;
  private readonly rate: number;

  constructor(rate: number) {
    this.def = Object.freeze({ kind: "exponential", rate });
    this.rate = rate;
  }

  mean(): number {
    return 1 / this.rate;
  }

  variance(): number {
    return 1 / (this.rate * this.rate);
  }

  cdf(x: number): number {
    return exponentialCdf(x, this.rate);
  }

  quantile(p: number): number {
    return exponentialQuantile(p, this.rate);
  }

  // Inverse CDF; −ln U with U in (0, 1) is always finite and positive.
  sample(rng: Rng): number {
    return -Math.log(rng.uniform()) / this.rate;
  }

  toString(): string {
    return `Exponential(rate=${formatSignificant(this.rate)})`;
  }
}

/**
 * The exponential distribution with constant hazard `rate` (mean 1/rate): the time to an event
 * under a constant hazard, the assumption behind a Markov model's fixed transition rates.
 *
 * @param params.rate - hazard λ > 0, per unit of time (e.g. per year)
 * @returns the distribution Exp(λ)
 * @throws QalyError `invalid_argument` at ["exponential", "rate"]
 * @example
 * exponential({ rate: 0.1 }).mean() // => 10
 * exponential({ rate: 0.1 }).toString() // => "Exponential(rate=0.1)"
 */
export function exponential(params: { readonly rate: number }): Distribution<Extract<DistributionDef, { readonly kind: "exponential" }>> {
  const raw = requireObject(params, ["exponential"], "{ rate }");
  return new Exponential(requirePositive(raw.rate, ["exponential", "rate"]));
}
