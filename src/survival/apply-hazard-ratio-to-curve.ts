import { fail } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a hazard-ratio curve (a member of {@link SurvivalCurveDef}). */
export type HazardRatioSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "hazard-ratio" }>;

/**
 * Applies a hazard ratio to a whole survival curve, under proportional hazards: h(t) = hr·h₀(t), S(t) = S₀(t)^hr.
 *
 * The standard way to build a treatment arm from a reference curve and a trial's (or a network
 * meta-analysis's) hazard ratio (NICE DSU TSD 14 and 18). Exact for every family: the quantile is
 * S₀'s at 1 − (1 − p)^(1/hr); the restricted mean is by adaptive quadrature.
 *
 * @param curve - the reference (comparator) curve
 * @param hazardRatio - hr (> 0); < 1 means fewer events than the reference
 * @returns the curve of the treated arm
 * @throws QalyError `invalid_parameter` at `["hazardRatio"]`
 * @example
 * const soc = exponentialSurvival({ rate: 0.1 });
 * const treated = applyHazardRatioToCurve(soc, 0.7);
 * treated.hazard(5) // => 0.07
 * treated.survival(10) // => 0.496585
 * treated.toString() // => "Exponential(rate=0.1) × HR 0.7"
 */
export function applyHazardRatioToCurve(curve: SurvivalCurve, hazardRatio: number): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "hazard-ratio" }>> {
  if (typeof hazardRatio !== "number" || !(hazardRatio > 0) || !Number.isFinite(hazardRatio)) {
    fail("invalid_parameter", ["hazardRatio"], `a hazard ratio must be a finite number > 0 (received ${String(hazardRatio)})`, { received: hazardRatio, expected: "a finite number > 0" });
  }
  const hr = hazardRatio;
  const cumulativeHazard = (t: number): number => hr * curve.cumulativeHazard(t);
  return defineCurve({
    def: Object.freeze({ kind: "hazard-ratio", curve: curve.def, hazardRatio: hr }),
    label: () => `${curve.toString()} × HR ${formatSignificant(hr)}`,
    // S₀^hr through the cumulative hazard keeps full precision where S₀ is near 1.
    survival: (t) => Math.exp(-cumulativeHazard(t)),
    hazard: (t) => hr * curve.hazard(t),
    cumulativeHazard,
    quantile: (p) => (p >= 0 && p <= 1 ? curve.quantile(-Math.expm1(Math.log1p(-p) / hr)) : NaN),
    ...(curve.cumulativeHazardGrid !== undefined ? { cumulativeHazardGrid: (start: number, step: number, out: Float64Array) => {
      curve.cumulativeHazardGrid!(start, step, out);
      for (let k = 0; k < out.length; k++) out[k] = hr * out[k]!;
      return out;
    } } : {}),
  });
}
