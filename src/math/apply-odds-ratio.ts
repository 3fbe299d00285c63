/**
 * Applies an odds ratio to a probability: converts to odds, multiplies, converts back.
 *
 * The result is `or · p / (1 − p + or · p)`, which stays in [0, 1] for any odds ratio.
 *
 * @param probability - Baseline probability in [0, 1].
 * @param oddsRatio - Odds ratio in [0, ∞).
 * @returns The probability under the odds ratio; NaN outside the domain.
 * @example applyOddsRatio(0.2, 2) // => 0.333333
 */
export function applyOddsRatio(probability: number, oddsRatio: number): number {
  if (!(probability >= 0 && probability <= 1) || !(oddsRatio >= 0)) return Number.NaN;
  const treated = oddsRatio * probability;
  const denominator = 1 - probability + treated;
  return denominator === 0 ? 0 : treated / denominator;
}
