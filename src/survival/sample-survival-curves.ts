import { IssueCollector } from "../core/errors.js";
import { multivariateNormal } from "../distributions/multivariate-normal.js";
import type { Rng } from "../random/rng.js";
import type { SurvivalCurve } from "./survival-curve.js";
import type { FlexsurvDistribution } from "./survival-from-coefficients.js";
import { flexsurvFamily, survivalFromCoefficients } from "./survival-from-coefficients.js";

/** Survival curves drawn for a probabilistic sensitivity analysis, with the coefficients behind them. */
export interface SurvivalCurveDraws {
  /** flexsurv's `dist` name. */
  readonly distribution: FlexsurvDistribution;
  /** Names of the coefficients on the transformed scale, e.g. `["log(shape)", "log(scale)"]`. */
  readonly coefficientNames: readonly string[];
  /** The drawn coefficients, row-major: draw i, coefficient j at `i * k + j`. */
  readonly coefficients: Float64Array;
  /** One curve per draw. */
  readonly curves: readonly SurvivalCurve[];
}

/**
 * Draws survival curves for a PSA: the coefficients of a fitted parametric model from a
 * multivariate normal with the fit's covariance matrix, on flexsurv's transformed scale.
 *
 * Drawing the coefficients jointly keeps their correlation (shape and scale of a Weibull are
 * strongly correlated); drawing them independently overstates the uncertainty in the curve
 * (Briggs, Claxton & Sculpher 2006, §4.3; NICE DSU TSD 14). Paste `fit$res.t[, "est"]` and
 * `vcov(fit)` from R. Each draw is mean + L·z with L the Cholesky factor and z standard normal
 * (`multivariateNormal`).
 *
 * @param distribution - flexsurv's `dist` name
 * @param fit - `coefficients` (transformed scale, flexsurv order) and `covariance` (k × k, symmetric positive definite)
 * @param draws - number of curves (≥ 1)
 * @param rng - the random source (pass a named substream, e.g. `rng.stream("os")`)
 * @returns the draws
 * @throws QalyError `dimension_mismatch` at `["coefficients"]`; from `multivariateNormal`, `not_positive_definite`
 *   or `dimension_mismatch` at `["multivariateNormal", "covariance", …]`
 * @example
 * const os = sampleSurvivalCurves("weibull", { coefficients: [0.4, 3], covariance: [[0.01, -0.002], [-0.002, 0.004]] }, 100, createRng(1));
 * os.curves.length // => 100
 * os.coefficientNames // => ["log(shape)", "log(scale)"]
 */
export function sampleSurvivalCurves(distribution: FlexsurvDistribution, fit: { readonly coefficients: ArrayLike<number>; readonly covariance: readonly (readonly number[])[] }, draws: number, rng: Rng): SurvivalCurveDraws {
  const family = flexsurvFamily(distribution);
  const k = family.parameters.length;
  const issues = new IssueCollector();
  if (fit.coefficients?.length !== k) issues.add({ code: "dimension_mismatch", path: ["coefficients"], message: `${distribution} has ${k} coefficients (${family.coefficientNames.join(", ")}); received ${fit.coefficients?.length}` });
  if (!(Number.isInteger(draws) && draws >= 1)) issues.add({ code: "invalid_argument", path: ["draws"], message: `the number of draws must be an integer ≥ 1 (received ${draws})`, received: draws });
  issues.throwIfAny(`${distribution} survival PSA`);
  // Validation of the covariance (square, finite, symmetric, positive definite) is the multivariate normal's.
  const coefficientDistribution = multivariateNormal({ mean: Array.from(fit.coefficients), covariance: fit.covariance });
  const coefficients = new Float64Array(draws * k);
  const curves: SurvivalCurve[] = [];
  for (let d = 0; d < draws; d++) {
    const row = coefficients.subarray(d * k, d * k + k);
    coefficientDistribution.sample(rng, row);
    curves.push(survivalFromCoefficients(distribution, row));
  }
  return Object.freeze({ distribution, coefficientNames: Object.freeze([...family.coefficientNames]), coefficients, curves: Object.freeze(curves) });
}
