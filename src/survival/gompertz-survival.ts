import { checkParameters } from "./check-parameters.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a gompertz curve (a member of {@link SurvivalCurveDef}). */
export type GompertzSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "gompertz" }>;

/**
 * Gompertz survival: h(t) = rate·exp(shape·t), S(t) = exp(−(rate/shape)·(e^{shape·t} − 1)).
 *
 * The classical law of adult mortality; in oncology appraisals a negative shape (a hazard that
 * falls towards zero) implies a cure fraction: S(∞) = exp(rate/shape) > 0 (NICE DSU TSD 14).
 * Same parameterisation as R's `flexsurvreg(dist = "gompertz")` and `pgompertz(q, shape, rate)`;
 * shape = 0 is the exponential. Restricted mean by adaptive Gauss–Kronrod quadrature.
 *
 * @param params - `shape` (finite, per unit of time) and `rate` (> 0, per unit of time)
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["gompertz", "shape"]` or `["gompertz", "rate"]`
 * @example
 * const os = gompertzSurvival({ shape: -0.1, rate: 0.05 }); // years
 * os.survival(Infinity) // => 0.606531
 * os.quantile(0.5) // => Infinity
 * os.hazard(10) // => 0.0183940
 */
export function gompertzSurvival(params: { readonly shape: number; readonly rate: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "gompertz" }>> {
  checkParameters("gompertz", params, { shape: "finite", rate: "positive" });
  const { shape, rate } = params;
  const cumulativeHazard = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 0 : NaN;
    if (t === Infinity && shape < 0) return -rate / shape; // the plateau
    // (rate/shape)·(e^x − 1) with x = shape·t, non-decreasing in t even on the plateau; for |x| tiny
    // (shape = 0, or a denormal shape where rate/shape would overflow) its series rate·t·(1 + x/2).
    const x = shape * t;
    return Math.abs(x) < 1e-10 ? rate * t * (1 + 0.5 * x) : (rate / shape) * Math.expm1(x);
  };
  return defineCurve({
    def: Object.freeze({ kind: "gompertz", shape, rate }),
    label: () => `Gompertz(shape=${formatSignificant(shape)}, rate=${formatSignificant(rate)})`,
    survival: (t) => Math.exp(-cumulativeHazard(t)),
    hazard: (t) => (t >= 0 ? (t === Infinity && shape < 0 ? 0 : rate * Math.exp(shape * t)) : t < 0 ? 0 : NaN),
    cumulativeHazard,
    quantile: (p) => {
      if (!(p >= 0 && p <= 1)) return NaN;
      const target = -Math.log1p(-p);
      const x = (shape * target) / rate;
      if (x <= -1) return Infinity;
      // t = log(1 + x)/shape = (target/rate)·log(1 + x)/x, the latter form exact as shape → 0.
      return Math.abs(x) < 1e-10 ? (target / rate) * (1 - 0.5 * x) : Math.log1p(x) / shape;
    },
  });
}
