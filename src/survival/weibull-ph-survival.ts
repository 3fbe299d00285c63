import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import { checkParameters } from "./check-parameters.js";
import { POWER_LAW, defineCurve, powerGrid } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a weibull-ph curve (a member of {@link SurvivalCurveDef}). */
export type WeibullPhSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "weibull-ph" }>;

/**
 * Weibull survival, proportional-hazards form: h(t) = shape·scale·t^(shape−1), S(t) = exp(−scale·t^shape).
 *
 * The form in which a hazard ratio multiplies `scale` directly, as in flexsurv's `"weibullPH"`
 * (`pweibullPH(q, shape, scale)`); it is the same curve as the AFT Weibull with AFT scale
 * = scale^(−1/shape). Restricted mean in closed form through the incomplete gamma function.
 *
 * @param params - `shape` (> 0) and `scale` m (> 0), as flexsurv reports them
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["weibull-ph", "shape"]` or `["weibull-ph", "scale"]`
 * @example
 * const pfs = weibullPhSurvival({ shape: 1.2, scale: 0.03 }); // months
 * pfs.cumulativeHazard(10) // => 0.475468
 * pfs.hazard(10) // => 0.0570562
 * pfs.toString() // => "WeibullPH(shape=1.2, scale=0.03)"
 */
export function weibullPhSurvival(params: { readonly shape: number; readonly scale: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "weibull-ph" }>> {
  checkParameters("weibull-ph", params, { shape: "positive", scale: "positive" });
  const { shape, scale } = params;
  // Method shorthand, not arrows: cheaper to create per PSA draw (see weibullSurvival).
  return defineCurve({
    def: Object.freeze({ kind: "weibull-ph", shape, scale }),
    label() {
      return `WeibullPH(shape=${formatSignificant(shape)}, scale=${formatSignificant(scale)})`;
    },
    survival(t) {
      return Math.exp(-(t > 0 ? scale * Math.pow(t, shape) : t <= 0 ? 0 : NaN));
    },
    hazard(t) {
      return t >= 0 ? shape * scale * Math.pow(t, shape - 1) : t < 0 ? 0 : NaN;
    },
    cumulativeHazard(t) {
      return t > 0 ? scale * Math.pow(t, shape) : t <= 0 ? 0 : NaN;
    },
    restrictedMean(tau) {
      const gammaFactor = Math.pow(scale, -1 / shape) * Math.exp(gammaln(1 + 1 / shape));
      return tau >= 0 && Number.isFinite(tau) ? gammaFactor * gammainc(scale * Math.pow(tau, shape), 1 / shape) : NaN;
    },
    quantile(p) {
      return p >= 0 && p <= 1 ? Math.pow(-Math.log1p(-p) / scale, 1 / shape) : NaN;
    },
    cumulativeHazardGrid(start, step, out) {
      return powerGrid(scale, shape, start, step, out);
    },
  }, undefined, [POWER_LAW, { coefficient: scale, power: shape }]);
}
