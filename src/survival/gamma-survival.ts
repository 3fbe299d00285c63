import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import gammaQuantile from "@stdlib/stats-base-dists-gamma-quantile/lib/main.js";
import { checkParameters } from "./check-parameters.js";
import { defineCurve } from "./define-curve.js";
import { generalisedGammaByQuadrature } from "./generalised-gamma-by-quadrature.js";
import { MAX_INCOMPLETE_GAMMA_ORDER } from "./generalised-gamma-survival.js";
import { formatSignificant } from "../core/format-significant.js";
import { logUpperGamma } from "./log-tails.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a gamma curve (a member of {@link SurvivalCurveDef}). */
export type GammaSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "gamma" }>;

/**
 * Gamma survival: T ~ Gamma(shape, rate), S(t) = Q(shape, rate·t) (regularised upper incomplete gamma).
 *
 * One of the standard candidate models for extrapolation (NICE DSU TSD 14); the hazard rises to
 * `rate` when shape > 1 and falls to it when shape < 1. Same parameterisation as R's
 * `pgamma(q, shape, rate)` and `flexsurvreg(dist = "gamma")`. Restricted mean in closed form:
 * τ·S(τ) + (shape/rate)·P(shape + 1, rate·τ). Shapes above 500 (where stdlib's incomplete gamma
 * function loses accuracy) are computed by quadrature of the density, like the generalised gamma.
 *
 * @param params - `shape` (> 0) and `rate` (> 0, per unit of time)
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["gamma", "shape"]` or `["gamma", "rate"]`
 * @example
 * const os = gammaSurvival({ shape: 2, rate: 0.1 }); // per month
 * os.survival(20) // => 0.406006
 * os.restrictedMean(20) // => 14.5866
 */
export function gammaSurvival(params: { readonly shape: number; readonly rate: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "gamma" }>> {
  checkParameters("gamma", params, { shape: "positive", rate: "positive" });
  const { shape, rate } = params;
  const def = Object.freeze({ kind: "gamma" as const, shape, rate });
  const label = `Gamma(shape=${formatSignificant(shape)}, rate=${formatSignificant(rate)})`;
  // The gamma is the generalised gamma with Q = σ = shape^(−1/2) and μ = log(shape/rate); past the
  // order where @stdlib's incomplete gamma is accurate, that curve's quadrature route is used.
  if (shape > MAX_INCOMPLETE_GAMMA_ORDER) return generalisedGammaByQuadrature(def, label, Math.log(shape / rate), 1 / Math.sqrt(shape), 1 / Math.sqrt(shape));
  const logNormaliser = shape * Math.log(rate) - gammaln(shape);
  const survival = (t: number): number => (t > 0 ? gammainc(rate * t, shape, true, true) : t <= 0 ? 1 : NaN);
  return defineCurve({
    def,
    label,
    survival,
    hazard: (t) => {
      if (!(t > 0)) return t === 0 ? (shape < 1 ? Infinity : shape === 1 ? rate : 0) : t < 0 ? 0 : NaN;
      return Math.exp(logNormaliser + (shape - 1) * Math.log(t) - rate * t - logUpperGamma(shape, rate * t));
    },
    cumulativeHazard: (t) => (t > 0 ? -logUpperGamma(shape, rate * t) : t <= 0 ? 0 : NaN),
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      return tau * survival(tau) + (shape / rate) * gammainc(rate * tau, shape + 1);
    },
    quantile: (p) => (p >= 0 && p <= 1 ? gammaQuantile(p, shape, rate) : NaN),
  });
}
