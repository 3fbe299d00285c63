import { fail } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a mixture-cure curve (a member of {@link SurvivalCurveDef}). */
export type MixtureCureSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "mixture-cure" }>;

/**
 * A mixture cure curve: S(t) = π + (1 − π)·S_u(t), a cured proportion π who never have the
 * event and an uncured group with survival S_u.
 *
 * Used for treatments after which part of the cohort is functionally cured (immunotherapy, CAR-T;
 * NICE DSU TSD 21). "Cured" means free of the disease-related event only: combine with
 * `capByBackgroundMortality` so that the cured still die at general-population rates. The quantile is
 * `Infinity` for p ≥ 1 − π; restricted mean π·τ + (1 − π)·RMST_u(τ) (exact).
 *
 * @param uncured - the survival of the uncured
 * @param cureFraction - π in [0, 1)
 * @returns the mixture cure curve
 * @throws QalyError `invalid_parameter` at `["cureFraction"]`
 * @example
 * const os = mixtureCure(weibullSurvival({ shape: 1.3, scale: 14 }), 0.25); // months
 * os.survival(1000) // => 0.25
 * os.quantile(0.8) // => Infinity
 * os.restrictedMean(24) // => 14.8528
 */
export function mixtureCure(uncured: SurvivalCurve, cureFraction: number): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "mixture-cure" }>> {
  if (typeof cureFraction !== "number" || !(cureFraction >= 0 && cureFraction < 1)) {
    fail("invalid_parameter", ["cureFraction"], `a cure fraction must be a number in [0, 1) (received ${String(cureFraction)})`, { received: cureFraction, expected: "a number in [0, 1)" });
  }
  const cure = cureFraction;
  const survival = (t: number): number => cure + (1 - cure) * uncured.survival(t);
  return defineCurve({
    def: Object.freeze({ kind: "mixture-cure", curve: uncured.def, cureFraction: cure }),
    label: () => `MixtureCure(cure=${formatSignificant(cure)}, uncured=${uncured.toString()})`,
    survival,
    hazard: (t) => {
      const su = uncured.survival(t);
      return su > 0 ? ((1 - cure) * su * uncured.hazard(t)) / survival(t) : 0;
    },
    // −log(1 − (1 − π)·F_u) keeps small H accurate; −log(π + (1 − π)·S_u) keeps tiny S accurate.
    cumulativeHazard: (t) => {
      const h = uncured.cumulativeHazard(t);
      const failed = (1 - cure) * -Math.expm1(-h);
      if (failed < 0.5 || Number.isNaN(failed)) return -Math.log1p(-failed);
      return cure > 0 ? -Math.log(cure + (1 - cure) * Math.exp(-h)) : h - Math.log1p(-cure);
    },
    restrictedMean: (tau) => (tau >= 0 && Number.isFinite(tau) ? cure * tau + (1 - cure) * uncured.restrictedMean(tau) : NaN),
    quantile: (p) => (p >= 0 && p <= 1 ? (p >= 1 - cure ? (p === 1 - cure && cure === 0 ? uncured.quantile(1) : Infinity) : uncured.quantile(p / (1 - cure))) : NaN),
  });
}
