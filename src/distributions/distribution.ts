import type { Rng } from "../random/rng.js";

/**
 * The serialisable definition of a distribution, discriminated by `kind`: the family and its
 * natural parameters, e.g. `{ kind: "beta", alpha: 95, beta: 5 }`. Definitions are plain data, so
 * they can be written to JSON, printed in a report and hashed into a run's provenance;
 * {@link distributionFromDef} turns one back into a distribution. One family's definition is
 * `Extract<DistributionDef, { kind: "beta" }>`.
 */
export type DistributionDef =
  /** Definition of a {@link fixed} value: `{ kind: "fixed", value }`. */
  | {
      /** Always `"fixed"`. */
      readonly kind: "fixed";
      /** The value, in the parameter's unit. */
      readonly value: number;
    }
  /** Definition of a {@link uniform} distribution: `{ kind: "uniform", min, max }`. */
  | {
      /** Always `"uniform"`. */
      readonly kind: "uniform";
      /** Lower bound. */
      readonly min: number;
      /** Upper bound, > min. */
      readonly max: number;
    }
  /** Definition of a {@link normal} distribution: `{ kind: "normal", mean, sd }`. */
  | {
      /** Always `"normal"`. */
      readonly kind: "normal";
      /** Mean μ. */
      readonly mean: number;
      /** Standard deviation σ > 0. */
      readonly sd: number;
    }
  /**
   * Definition of a {@link truncatedNormal} distribution. An omitted bound is unbounded (omitted
   * rather than ±Infinity so that the definition survives JSON).
   */
  | {
      /** Always `"truncatedNormal"`. */
      readonly kind: "truncatedNormal";
      /** Location μ of the untruncated normal. */
      readonly mean: number;
      /** Scale σ > 0 of the untruncated normal. */
      readonly sd: number;
      /** Lower bound; absent when unbounded below. */
      readonly lower?: number;
      /** Upper bound; absent when unbounded above. */
      readonly upper?: number;
    }
  /** Definition of a {@link lognormal} distribution: `{ kind: "lognormal", meanlog, sdlog }`. */
  | {
      /** Always `"lognormal"`. */
      readonly kind: "lognormal";
      /** Mean of ln X (ln of the median). */
      readonly meanlog: number;
      /** Standard deviation of ln X, > 0. */
      readonly sdlog: number;
    }
  /** Definition of a {@link gamma} distribution: `{ kind: "gamma", shape, scale }` (rate = 1/scale). */
  | {
      /** Always `"gamma"`. */
      readonly kind: "gamma";
      /** Shape k > 0. */
      readonly shape: number;
      /** Scale θ > 0 (1/rate), in the parameter's unit. */
      readonly scale: number;
    }
  /** Definition of a {@link beta} distribution: `{ kind: "beta", alpha, beta }`. */
  | {
      /** Always `"beta"`. */
      readonly kind: "beta";
      /** Shape α > 0 (events). */
      readonly alpha: number;
      /** Shape β > 0 (non-events). */
      readonly beta: number;
    }
  /** Definition of a {@link triangular} distribution: `{ kind: "triangular", min, mode, max }`. */
  | {
      /** Always `"triangular"`. */
      readonly kind: "triangular";
      /** Lowest value. */
      readonly min: number;
      /** Most likely value. */
      readonly mode: number;
      /** Highest value. */
      readonly max: number;
    }
  /** Definition of a {@link pert} distribution: `{ kind: "pert", min, mode, max, lambda }`. */
  | {
      /** Always `"pert"`. */
      readonly kind: "pert";
      /** Lowest value. */
      readonly min: number;
      /** Most likely value. */
      readonly mode: number;
      /** Highest value. */
      readonly max: number;
      /** Weight λ > 0 of the mode (4 in classic PERT). */
      readonly lambda: number;
    }
  /** Definition of an {@link exponential} distribution: `{ kind: "exponential", rate }`. */
  | {
      /** Always `"exponential"`. */
      readonly kind: "exponential";
      /** Hazard λ > 0 per unit of time. */
      readonly rate: number;
    }
  /** Definition of a {@link weibull} distribution: `{ kind: "weibull", shape, scale }`. */
  | {
      /** Always `"weibull"`. */
      readonly kind: "weibull";
      /** Shape k > 0. */
      readonly shape: number;
      /** Scale λ > 0, in units of time. */
      readonly scale: number;
    }
  /** Definition of a {@link categorical} distribution: `{ kind: "categorical", values, probabilities }`. */
  | {
      /** Always `"categorical"`. */
      readonly kind: "categorical";
      /** The possible values. */
      readonly values: readonly number[];
      /** One probability per value, summing to 1. */
      readonly probabilities: readonly number[];
    }
  /** Definition of an {@link empirical} distribution: `{ kind: "empirical", values }`. */
  | {
      /** Always `"empirical"`. */
      readonly kind: "empirical";
      /** The sample that draws resample. */
      readonly values: readonly number[];
    }
  /** Definition of a {@link dirichlet} distribution: `{ kind: "dirichlet", alpha, names? }`. */
  | {
      /** Always `"dirichlet"`. */
      readonly kind: "dirichlet";
      /** Concentration per component, each > 0. */
      readonly alpha: readonly number[];
      /** Component names, one per α; absent when unnamed. */
      readonly names?: readonly string[];
    }
  /** Definition of a {@link multivariateNormal} distribution: `{ kind: "multivariateNormal", mean, covariance }`. */
  | {
      /** Always `"multivariateNormal"`. */
      readonly kind: "multivariateNormal";
      /** Mean vector μ. */
      readonly mean: readonly number[];
      /** Covariance matrix Σ, rows as arrays, symmetric positive definite. */
      readonly covariance: readonly (readonly number[])[];
    };

/**
 * A univariate probability distribution: moments, CDF, quantile and sampling from an {@link Rng}.
 * Kernels are total: `cdf` and `quantile` return `NaN` outside their domain and never throw.
 */
export interface Distribution<D = {
  /** The family, e.g. `"beta"`. */
  readonly kind: string;
}> {
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
export interface MultivariateDistribution<D = {
  /** The family, e.g. `"beta"`. */
  readonly kind: string;
}> {
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
