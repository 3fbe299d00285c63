import { IssueCollector } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a mixture curve (a member of {@link SurvivalCurveDef}). */
export type MixtureSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "mixture" }>;

/** Weights may miss 1 by this much (rounded published proportions are normalised, not rejected). */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * Mixes survival curves by weight: S(t) = Σ wᵢ·Sᵢ(t), the survival of a population made of
 * sub-groups (responders and non-responders, biomarker-positive and negative patients).
 *
 * The hazard of the mixture is the survivor-weighted average h(t) = Σ wᵢ·Sᵢ(t)·hᵢ(t) / S(t), not the
 * weighted average of the hazards: as the high-risk group dies, the survivors are increasingly
 * low-risk. Restricted mean Σ wᵢ·RMSTᵢ(τ) (exact); quantiles by bisection.
 *
 * @param curves - the component curves (at least one)
 * @param weights - the proportion in each component (≥ 0, summing to 1 within 1e-9)
 * @returns the mixture curve
 * @throws QalyError `dimension_mismatch` at `["weights"]`, `invalid_parameter` at `["weights", i]`
 * @example
 * const responders = exponentialSurvival({ rate: 0.02 });
 * const nonResponders = exponentialSurvival({ rate: 0.2 });
 * const os = mixCurves([responders, nonResponders], [0.3, 0.7]);
 * os.survival(10) // => 0.340354
 * os.hazard(0) // => 0.146
 * os.restrictedMean(10) // => 5.74537
 */
export function mixCurves(curves: readonly SurvivalCurve[], weights: readonly number[]): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "mixture" }>> {
  const issues = new IssueCollector();
  if (!Array.isArray(curves) || !Array.isArray(weights) || curves.length === 0 || curves.length !== weights.length) {
    issues.add({ code: "dimension_mismatch", path: ["weights"], message: `one weight per curve is needed (received ${weights?.length} weights for ${curves?.length} curves)` });
    issues.throwIfAny("survival mixture");
  }
  weights.forEach((w, i) => {
    if (!(Number.isFinite(w) && w >= 0)) issues.add({ code: "invalid_parameter", path: ["weights", i], message: `weights must be finite and ≥ 0 (received ${w})`, received: w });
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!issues.hasIssues && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) issues.add({ code: "invalid_parameter", path: ["weights"], message: `weights must sum to 1 (received ${sum})`, received: sum, expected: "1 ± 1e-9" });
  issues.throwIfAny("survival mixture");
  const w = Float64Array.from(weights, (x) => x / sum);
  const n = curves.length;
  const cumulative = new Float64Array(n); // scratch, so H allocates nothing per call
  const survival = (t: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i]! * curves[i]!.survival(t);
    return s;
  };
  return defineCurve({
    def: Object.freeze({ kind: "mixture", curves: Object.freeze(curves.map((c) => c.def)), weights: Object.freeze([...weights]) }),
    label: () => `Mixture(${curves.map((c, i) => `${formatSignificant(weights[i]!)}·${c.toString()}`).join(" + ")})`,
    survival,
    hazard: (t) => {
      let numerator = 0;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const si = w[i]! * curves[i]!.survival(t);
        s += si;
        if (si > 0) numerator += si * curves[i]!.hazard(t);
      }
      return s > 0 ? numerator / s : curves.reduce((h, c, i) => (w[i]! > 0 ? Math.min(h, c.hazard(t)) : h), Infinity);
    },
    // Near S = 1, −log(1 − Σ wᵢ·Fᵢ) with Fᵢ = −expm1(−Hᵢ) keeps the relative accuracy of small H;
    // elsewhere −log Σ wᵢ·e^{−Hᵢ}, shifted by the smallest Hᵢ so that tiny S does not underflow.
    cumulativeHazard: (t) => {
      let failed = 0;
      let smallest = Infinity;
      for (let i = 0; i < n; i++) {
        const h = curves[i]!.cumulativeHazard(t);
        cumulative[i] = h;
        if (w[i]! > 0) {
          failed += w[i]! * -Math.expm1(-h);
          if (h < smallest) smallest = h;
        }
      }
      if (failed < 0.5 || Number.isNaN(failed)) return -Math.log1p(-failed);
      if (smallest === Infinity) return Infinity;
      let sum = 0;
      for (let i = 0; i < n; i++) if (w[i]! > 0) sum += w[i]! * Math.exp(smallest - cumulative[i]!);
      return smallest - Math.log(sum);
    },
    restrictedMean: (tau) => {
      let total = 0;
      for (let i = 0; i < n; i++) total += w[i]! * curves[i]!.restrictedMean(tau);
      return total;
    },
  });
}
