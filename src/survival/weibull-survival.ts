import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import { checkParameters } from "./check-parameters.js";
import { POWER_LAW, defineCurve, powerGrid } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a weibull curve (a member of {@link SurvivalCurveDef}). */
export type WeibullSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "weibull" }>;

/**
 * Weibull survival, accelerated-failure-time form: S(t) = exp(−(t/scale)^shape).
 *
 * The workhorse of extrapolated overall and progression-free survival in oncology appraisals
 * (NICE DSU TSD 14). Same parameterisation as R's `pweibull(q, shape, scale)` and
 * `flexsurvreg(dist = "weibull")`; from `survreg`, shape = 1/`scale` and scale = exp(intercept).
 * Restricted mean in closed form: scale·Γ(1 + 1/shape)·P(1/shape, (τ/scale)^shape), with P the
 * regularised lower incomplete gamma function.
 *
 * @param params - `shape` (> 0) and `scale` (> 0, in the curve's time unit)
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["weibull", "shape"]` or `["weibull", "scale"]`
 * @example
 * const os = weibullSurvival({ shape: 1.5, scale: 20 }); // months
 * os.survival(20) // => 0.367879
 * os.hazard(20) // => 0.075
 * os.restrictedMean(24) // => 15.2614
 * os.toString() // => "Weibull(shape=1.5, scale=20)"
 */
export function weibullSurvival(params: { readonly shape: number; readonly scale: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "weibull" }>> {
  checkParameters("weibull", params, { shape: "positive", scale: "positive" });
  const { shape, scale } = params;
  const coefficient = Math.pow(scale, -shape);
  // Method shorthand, not arrows: PSA builds two curves per draw, and named arrow functions cost
  // more to create under some toolchains (esbuild's keepNames wraps each in a defineProperty call).
  return defineCurve({
    def: Object.freeze({ kind: "weibull", shape, scale }),
    label() {
      return `Weibull(shape=${formatSignificant(shape)}, scale=${formatSignificant(scale)})`;
    },
    survival(t) {
      return Math.exp(-(t > 0 ? Math.pow(t / scale, shape) : t <= 0 ? 0 : NaN));
    },
    hazard(t) {
      return t >= 0 ? (shape / scale) * Math.pow(t / scale, shape - 1) : t < 0 ? 0 : NaN;
    },
    cumulativeHazard(t) {
      return t > 0 ? Math.pow(t / scale, shape) : t <= 0 ? 0 : NaN;
    },
    restrictedMean(tau) {
      // Γ(1 + 1/shape) only when asked for: PSA draws rarely need it.
      return tau >= 0 && Number.isFinite(tau) ? scale * Math.exp(gammaln(1 + 1 / shape)) * gammainc(Math.pow(tau / scale, shape), 1 / shape) : NaN;
    },
    quantile(p) {
      return p >= 0 && p <= 1 ? scale * Math.pow(-Math.log1p(-p), 1 / shape) : NaN;
    },
    cumulativeHazardGrid(start, step, out) {
      return powerGrid(coefficient, shape, start, step, out);
    },
  }, undefined, [POWER_LAW, { coefficient, power: shape }]);
}
