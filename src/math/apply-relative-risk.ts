/**
 * Applies a relative risk to a probability: `p · rr`.
 *
 * A relative risk multiplies the probability directly (Briggs, Claxton & Sculpher 2006, Ex. 2.5:
 * combination therapy multiplies each progression probability by 0.509). The result may exceed 1
 * for large risks; the Markov engine then reports it as `probability_out_of_range`, so prefer
 * {@link applyHazardRatio} when the effect was estimated as a hazard ratio.
 *
 * @param probability - Baseline probability in [0, 1].
 * @param relativeRisk - Relative risk in [0, ∞).
 * @returns `probability · relativeRisk`; NaN when an argument is outside its domain.
 * @example applyRelativeRisk(0.2, 0.509) // => 0.1018
 */
export function applyRelativeRisk(probability: number, relativeRisk: number): number {
  if (!(probability >= 0 && probability <= 1) || !(relativeRisk >= 0)) return Number.NaN;
  return probability * relativeRisk;
}
