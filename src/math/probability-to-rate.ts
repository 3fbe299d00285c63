/**
 * Converts the probability of an event within a period into the constant rate that produces it.
 *
 * The inverse of {@link rateToProbability}: `rate = −ln(1 − p) / years`, assuming a constant hazard
 * over the period (Briggs, Claxton & Sculpher 2006, §3.2).
 *
 * @param probability - Probability of the event within the period, in [0, 1].
 * @param years - Length of the period in years, in (0, ∞); default 1.
 * @returns The rate per year in [0, ∞] (∞ when the probability is 1); NaN outside the domain.
 * @example probabilityToRate(0.5) // => 0.693147
 * @example probabilityToRate(0.2, 5) // => 0.044629
 */
export function probabilityToRate(probability: number, years = 1): number {
  if (!(probability >= 0 && probability <= 1) || !(years > 0)) return Number.NaN;
  return -Math.log1p(-probability) / years;
}
