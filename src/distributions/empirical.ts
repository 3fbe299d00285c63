import type { Rng } from "../random/rng.js";
import type { Distribution, DistributionDef } from "./distribution.js";
import { formatSignificant } from "../core/format-significant.js";
import { bisectRight } from "d3-array";
import { requireFiniteArray } from "./validate.js";

/** The definition of an empirical distribution (a member of {@link DistributionDef}). */
export type EmpiricalDef = Extract<DistributionDef, { readonly kind: "empirical" }>;

class Empirical implements Distribution<EmpiricalDef> {
  readonly def: EmpiricalDef;
  private readonly values: Float64Array;
  private readonly sorted: Float64Array;

  constructor(def: EmpiricalDef) {
    this.def = def;
    this.values = Float64Array.from(def.values);
    this.sorted = Float64Array.from(def.values).sort();
  }

  mean(): number {
    let sum = 0;
    for (const value of this.values) sum += value;
    return sum / this.values.length;
  }

  /** The variance of the resampling distribution (divisor n, not n − 1). */
  variance(): number {
    const mean = this.mean();
    let sum = 0;
    for (const value of this.values) sum += (value - mean) ** 2;
    return sum / this.values.length;
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return Number.NaN;
    return bisectRight(this.sorted, x) / this.sorted.length;
  }

  // The inverse of the empirical CDF (R's quantile type 1).
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) return Number.NaN;
    return this.sorted[Math.max(0, Math.ceil(p * this.sorted.length) - 1)]!;
  }

  // Uniform resampling: U·n with U in (0, 1) is an index in [0, n).
  sample(rng: Rng): number {
    return this.values[Math.floor(rng.uniform() * this.values.length)]!;
  }

  toString(): string {
    const n = this.sorted.length;
    return `Empirical(n=${n}, min=${formatSignificant(this.sorted[0]!)}, max=${formatSignificant(this.sorted[n - 1]!)})`;
  }
}

/**
 * The empirical distribution of a vector: each draw picks one of `values` with equal probability
 * (bootstrap resampling). Used to carry a bootstrap or MCMC sample of a parameter, for instance
 * posterior draws from a network meta-analysis, into a PSA unchanged.
 *
 * @param values - the sample, at least one finite number
 * @returns the distribution that resamples `values`
 * @throws QalyError `invalid_argument` at ["empirical", "values", index?]
 * @example
 * const hrDraws = empirical([0.61, 0.72, 0.75, 0.8]);
 * hrDraws.mean() // => 0.72
 * hrDraws.toString() // => "Empirical(n=4, min=0.61, max=0.8)"
 */
export function empirical(values: readonly number[]): Distribution<Extract<DistributionDef, { readonly kind: "empirical" }>> {
  const checked = requireFiniteArray(values, ["empirical", "values"], 1);
  return new Empirical(Object.freeze({ kind: "empirical", values: Object.freeze(checked) }));
}
