import type { Rng } from "../random/rng.js";

/**
 * The serialisable definition of a distribution: a `kind` and its natural parameters, e.g.
 * `{ kind: "beta", alpha: 95, beta: 5 }`. Definitions are plain data, so they can be written to
 * JSON, printed in a report and hashed into a run's provenance.
 */
export interface DistributionDef {
  /** The family, e.g. `"beta"`; see `distributionFromDef` for the known kinds. */
  readonly kind: string;
}

/**
 * A univariate probability distribution: moments, CDF, quantile and sampling from an {@link Rng}.
 * Kernels are total: `cdf` and `quantile` return `NaN` outside their domain and never throw.
 */
export interface Distribution<D extends DistributionDef = DistributionDef> {
  /** The serialisable definition (natural parameters). */
  readonly def: D;
  /** Expected value. */
  mean(): number;
  /** Variance. */
  variance(): number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The value x with P(X ≤ x) = p, for p in [0, 1]. */
  quantile(p: number): number;
  /** One draw. */
  sample(rng: Rng): number;
  /**
   * Fills `out` with independent draws: the same values as `out.length` calls of `sample`, in a
   * loop the engine can specialise for one family (columnar PSA sampling). Optional.
   */
  fill?(rng: Rng, out: Float64Array): void;
  /** A readable form such as `Beta(α=95, β=5)`. */
  toString(): string;
}

/**
 * A distribution over vectors (Dirichlet, multivariate normal). Draws are written into a
 * caller-supplied buffer so that sampling many draws allocates nothing per draw.
 */
export interface MultivariateDistribution<D extends DistributionDef = DistributionDef> {
  /** The serialisable definition. */
  readonly def: D;
  /** Number of components. */
  readonly dimension: number;
  /** Expected value of each component. */
  mean(): Float64Array;
  /** Covariance matrix, row-major, `dimension × dimension`. */
  covariance(): Float64Array;
  /** One draw, written into `out` (allocated when omitted) and returned. */
  sample(rng: Rng, out?: Float64Array): Float64Array;
  /** A readable form such as `Dirichlet(α=[10, 5, 5])`. */
  toString(): string;
}
