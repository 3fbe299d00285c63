/**
 * Applies a hazard ratio to a probability on the rate scale: `1 − (1 − p)^hr`.
 *
 * A hazard ratio multiplies the rate, not the probability: the probability is turned into the
 * constant rate that produces it, multiplied by `hazardRatio`, and turned back, which simplifies to
 * `1 − (1 − p)^hr` (same period length). It stays in [0, 1] for any hazard ratio (Briggs, Claxton
 * & Sculpher 2006, §3.2; the Sick-Sicker tutorial of Alarid-Escudero et al. 2023 does the same).
 *
 * @param probability - Baseline probability within one period, in [0, 1].
 * @param hazardRatio - Hazard ratio in [0, ∞).
 * @returns The probability under the hazard ratio, in [0, 1]; NaN outside the domain.
 * @example applyHazardRatio(0.1, 1) // => 0.1
 * @example applyHazardRatio(0.1, 2) // => 0.19
 */
export function applyHazardRatio(probability: number, hazardRatio: number): number {
  if (!(probability >= 0 && probability <= 1) || !(hazardRatio >= 0)) return Number.NaN;
  if (hazardRatio === 1) return probability;
  return -Math.expm1(hazardRatio * Math.log1p(-probability));
}
