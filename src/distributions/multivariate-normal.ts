import { fail } from "../core/errors.js";
import type { Rng } from "../random/rng.js";
import { cholesky } from "./cholesky.js";
import type { MultivariateDistribution, DistributionDef } from "./distribution.js";
import { formatList } from "../core/format-significant.js";
import { drawStandardNormal } from "./draw-standard-normal.js";
import { requireFiniteArray, requireObject } from "./validate.js";

/** The definition of a multivariateNormal distribution (a member of {@link DistributionDef}). */
export type MultivariateNormalDef = Extract<DistributionDef, { readonly kind: "multivariateNormal" }>;

class MultivariateNormal implements MultivariateDistribution<MultivariateNormalDef> {
  readonly def: MultivariateNormalDef;
  readonly dimension: number;
  private readonly mu: Float64Array;
  private readonly factor: Float64Array;
  private readonly z: Float64Array; // scratch for one draw's standard normals

  constructor(def: MultivariateNormalDef, factor: Float64Array) {
    this.def = def;
    this.dimension = def.mean.length;
    this.mu = Float64Array.from(def.mean);
    this.factor = factor;
    this.z = new Float64Array(this.dimension);
  }

  mean(): Float64Array {
    return this.mu.slice();
  }

  covariance(): Float64Array {
    return Float64Array.from(this.def.covariance.flat());
  }

  // x = μ + L·z with z ~ N(0, I) and Σ = L·Lᵀ.
  sample(rng: Rng, out: Float64Array = new Float64Array(this.dimension)): Float64Array {
    const k = this.dimension;
    const z = this.z;
    for (let i = 0; i < k; i++) z[i] = drawStandardNormal(rng);
    for (let i = 0; i < k; i++) {
      let x = this.mu[i]!;
      for (let j = 0; j <= i; j++) x += this.factor[i * k + j]! * z[j]!;
      out[i] = x;
    }
    return out;
  }

  toString(): string {
    return `MultivariateNormal(μ=${formatList(this.def.mean)}, Σ=[${this.def.covariance.map(formatList).join(", ")}])`;
  }
}

/**
 * The multivariate normal distribution N(mean, covariance), sampled through the Cholesky factor
 * of the covariance. Used for correlated regression coefficients, e.g. the intercept and log-scale
 * of a fitted Weibull survival curve or a utility regression, where sampling each coefficient
 * independently would overstate uncertainty (Briggs, Claxton & Sculpher 2006, §4.3.2).
 *
 * @param params.mean - mean vector μ, at least one finite entry
 * @param params.covariance - k×k symmetric positive definite matrix (e.g. `vcov()` of a fit)
 * @returns the multivariate normal distribution
 * @throws QalyError `not_positive_definite` at ["multivariateNormal", "covariance", row?] for a
 *   covariance that is not symmetric positive definite; `dimension_mismatch` when sizes differ;
 *   `invalid_argument` for non-finite entries
 * @example
 * const coefficients = multivariateNormal({ mean: [2.1, -0.4], covariance: [[0.04, -0.01], [-0.01, 0.01]] });
 * coefficients.dimension // => 2
 * multivariateNormal({ mean: [0, 1], covariance: [[1, 0.5], [0.5, 2]] }).toString() // => "MultivariateNormal(μ=[0, 1], Σ=[[1, 0.5], [0.5, 2]])"
 */
export function multivariateNormal(params: { readonly mean: readonly number[]; readonly covariance: readonly (readonly number[])[] }): MultivariateDistribution<Extract<DistributionDef, { readonly kind: "multivariateNormal" }>> {
  const raw = requireObject(params, ["multivariateNormal"], "{ mean, covariance }");
  const mean = requireFiniteArray(raw.mean, ["multivariateNormal", "mean"], 1);
  const path = ["multivariateNormal", "covariance"];
  if (!Array.isArray(raw.covariance) || raw.covariance.length !== mean.length) {
    fail("dimension_mismatch", path, `must be a ${mean.length}×${mean.length} matrix to match the mean (received ${Array.isArray(raw.covariance) ? `${raw.covariance.length} rows` : typeof raw.covariance})`, { received: raw.covariance, expected: `${mean.length}×${mean.length}` });
  }
  const covariance = raw.covariance as readonly (readonly number[])[];
  const factor = cholesky(covariance, path);
  const copy = Object.freeze(covariance.map((row) => Object.freeze([...row])));
  return new MultivariateNormal(Object.freeze({ kind: "multivariateNormal", mean: Object.freeze(mean), covariance: copy }), factor);
}
