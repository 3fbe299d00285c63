import { fail } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of an acceleration-factor curve (a member of {@link SurvivalCurveDef}). */
export type AccelerationFactorSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "acceleration-factor" }>;

/**
 * Applies an acceleration factor under accelerated failure time: S(t) = S₀(t / af).
 *
 * Convention: `af` is a time ratio, as flexsurv and survreg report it (exp of the treatment
 * coefficient on the AFT scale): every quantile of the event time is multiplied by af, so af > 1
 * means events happen later (longer survival) and af < 1 earlier. Then h(t) = h₀(t/af)/af,
 * quantile(p) = af·quantile₀(p) and restrictedMean(τ) = af·restrictedMean₀(τ/af), all exact.
 *
 * @param curve - the reference (comparator) curve
 * @param accelerationFactor - af (> 0), the ratio of event times, treated over reference
 * @returns the curve of the treated arm
 * @throws QalyError `invalid_parameter` at `["accelerationFactor"]`
 * @example
 * const soc = weibullSurvival({ shape: 1.2, scale: 10 });
 * const treated = applyAccelerationFactor(soc, 1.5);
 * treated.median() / soc.median() // => 1.5
 * treated.survival(15) === soc.survival(10) // => true
 */
export function applyAccelerationFactor(curve: SurvivalCurve, accelerationFactor: number): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "acceleration-factor" }>> {
  if (typeof accelerationFactor !== "number" || !(accelerationFactor > 0) || !Number.isFinite(accelerationFactor)) {
    fail("invalid_parameter", ["accelerationFactor"], `an acceleration factor must be a finite number > 0 (received ${String(accelerationFactor)})`, { received: accelerationFactor, expected: "a finite number > 0" });
  }
  const af = accelerationFactor;
  return defineCurve({
    def: Object.freeze({ kind: "acceleration-factor", curve: curve.def, accelerationFactor: af }),
    label: () => `${curve.toString()} × AF ${formatSignificant(af)}`,
    survival: (t) => curve.survival(t / af),
    hazard: (t) => curve.hazard(t / af) / af,
    cumulativeHazard: (t) => curve.cumulativeHazard(t / af),
    restrictedMean: (tau) => af * curve.restrictedMean(tau / af),
    quantile: (p) => af * curve.quantile(p),
    ...(curve.cumulativeHazardGrid !== undefined ? { cumulativeHazardGrid: (start: number, step: number, out: Float64Array) => curve.cumulativeHazardGrid!(start / af, step / af, out) } : {}),
  });
}
