import betainc from "@stdlib/math-base-special-betainc";
import { checkParameters } from "./check-parameters.js";
import { defineCurve, numericalRestrictedMean } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a log-logistic curve (a member of {@link SurvivalCurveDef}). */
export type LogLogisticSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "log-logistic" }>;

/**
 * Log-logistic survival: S(t) = 1 / (1 + (t/scale)^shape).
 *
 * A hazard that first rises and then falls, often fitted to overall survival after a treatment
 * response (NICE DSU TSD 14). Same parameterisation as R's `flexsurvreg(dist = "llogis")` and
 * `pllogis(q, shape, scale)`; the odds of the event by t are (t/scale)^shape. The restricted mean
 * is in closed form for shape > 1, (scale/shape)·B(1/shape, 1 − 1/shape)·I_w(1/shape, 1 − 1/shape)
 * with w = u/(1 + u), u = (τ/scale)^shape, and by adaptive quadrature otherwise.
 *
 * @param params - `shape` (> 0) and `scale` (> 0, in the curve's time unit)
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["log-logistic", "shape"]` or `["log-logistic", "scale"]`
 * @example
 * const os = logLogisticSurvival({ shape: 2, scale: 15 }); // months
 * os.median() // => 15
 * os.survival(30) // => 0.2
 * os.restrictedMean(30) // => 16.6072
 */
export function logLogisticSurvival(params: { readonly shape: number; readonly scale: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "log-logistic" }>> {
  checkParameters("log-logistic", params, { shape: "positive", scale: "positive" });
  const { shape, scale } = params;
  const odds = (t: number): number => Math.pow(t / scale, shape);
  const survival = (t: number): number => (t > 0 ? 1 / (1 + odds(t)) : t <= 0 ? 1 : NaN);
  // B(1/a, 1 − 1/a) = π / sin(π/a) by the reflection formula.
  const betaFactor = shape > 1 ? (scale / shape) * (Math.PI / Math.sin(Math.PI / shape)) : NaN;
  return defineCurve({
    def: Object.freeze({ kind: "log-logistic", shape, scale }),
    label: () => `LogLogistic(shape=${formatSignificant(shape)}, scale=${formatSignificant(scale)})`,
    survival,
    hazard: (t) => {
      if (!(t >= 0)) return t < 0 ? 0 : NaN;
      const u = odds(t);
      return Number.isFinite(u) ? ((shape / scale) * Math.pow(t / scale, shape - 1)) / (1 + u) : shape / t;
    },
    cumulativeHazard: (t) => (t > 0 ? Math.log1p(odds(t)) : t <= 0 ? 0 : NaN),
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      if (!(shape > 1)) return numericalRestrictedMean(survival, tau);
      const u = odds(tau);
      return betaFactor * betainc(u / (1 + u), 1 / shape, 1 - 1 / shape);
    },
    quantile: (p) => (p >= 0 && p <= 1 ? scale * Math.pow(p / (1 - p), 1 / shape) : NaN),
  });
}
