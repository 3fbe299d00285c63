/**
 * Converts a probability into odds, `p / (1 − p)`.
 *
 * Odds are the scale on which odds ratios from logistic regressions and meta-analyses act.
 *
 * @param probability - A probability in [0, 1].
 * @returns The odds in [0, ∞] (∞ when the probability is 1); NaN outside [0, 1].
 * @example probabilityToOdds(0.2) // => 0.25
 */
export function probabilityToOdds(probability: number): number {
  if (!(probability >= 0 && probability <= 1)) return Number.NaN;
  return probability / (1 - probability);
}
