import type { Rng } from "../../random/rng.js";
import type { SplineScale } from "../royston-parmar-survival.js";
import type { SurvivalCurve } from "../survival-curve.js";
import type { FlexsurvDistribution } from "../survival-from-coefficients.js";

/** One estimated parameter on its natural scale, with a 95% confidence interval. */
export interface FittedParameter {
  /** The parameter (`shape`, `scale`, `gamma0`, …) or covariate name. */
  readonly name: string;
  /** The maximum-likelihood estimate. */
  readonly estimate: number;
  /** Its standard error (delta method for parameters estimated on the log scale). */
  readonly standardError: number;
  /** Lower end of the 95% confidence interval (from the transformed scale). */
  readonly lower: number;
  /** Upper end of the 95% confidence interval. */
  readonly upper: number;
}

/**
 * A survival model fitted by maximum likelihood ({@link fitSurvival}, {@link fitSurvivalSpline}):
 * estimates on flexsurv's transformed scale with their covariance matrix, the natural-scale
 * parameters, and fit statistics.
 */
export interface SurvivalFit {
  /** flexsurv's `dist` name of the family, or `"spline"` for a Royston–Parmar model. */
  readonly distribution: FlexsurvDistribution | "spline";
  /** For a spline model: the knots on the log-time scale (boundary knots first and last), as flexsurv's `fit$knots`. */
  readonly knots?: readonly number[];
  /** For a spline model: its scale. */
  readonly scale?: SplineScale;
  /** The covariates on the location parameter, in coefficient order (as given). */
  readonly covariates: readonly string[];
  /** Coefficient names as flexsurv's `res.t`: `["log(shape)", "log(scale)", "arm"]`, `["gamma0", "gamma1", "gamma2"]`. */
  readonly coefficientNames: readonly string[];
  /** Estimates on the transformed scale, as flexsurv's `res.t[, "est"]` (covariate effects last). */
  readonly coefficients: Float64Array;
  /** Covariance matrix of `coefficients` (inverse of the observed information), as flexsurv's `vcov()`. */
  readonly covariance: readonly (readonly number[])[];
  /** Natural-scale baseline parameters (covariates at 0), then the covariate effects as estimated. */
  readonly parameters: readonly FittedParameter[];
  /** The maximised log-likelihood (including the constant terms, as flexsurv and survreg report it). */
  readonly logLikelihood: number;
  /** Akaike information criterion, −2·logLik + 2·k. */
  readonly aic: number;
  /** Bayesian information criterion, −2·logLik + log(n)·k with n the number of patients (flexsurv's default). */
  readonly bic: number;
  /** Number of patients. */
  readonly observations: number;
  /** Number of observed events. */
  readonly events: number;
  /** Newton iterations used. */
  readonly iterations: number;
  /**
   * The fitted curve for a covariate profile (missing covariates are 0); its `def` is a curve
   * definition a model can use.
   */
  curve(covariates?: Readonly<Record<string, number>>): SurvivalCurve;
  /**
   * The baseline coefficients and their covariance for a covariate profile (missing covariates are
   * 0): for a parametric family, the input {@link qaly!sampleSurvivalCurves} takes for PSA draws.
   */
  atCovariates(covariates?: Readonly<Record<string, number>>): {
    /** Coefficients on the transformed scale for the profile. */
    readonly coefficients: Float64Array;
    /** Their covariance matrix. */
    readonly covariance: number[][];
  };
  /**
   * Curves for a PSA: coefficients drawn from the multivariate normal with the fit's covariance
   * (for a covariate profile), one curve per draw.
   */
  drawCurves(draws: number, rng: Rng, covariates?: Readonly<Record<string, number>>): readonly SurvivalCurve[];
}

/** Options of {@link fitSurvival} and {@link fitSurvivalSpline}. */
export interface FitSurvivalOptions {
  /** Newton iterations allowed (default 200). */
  readonly maxIterations?: number;
}
