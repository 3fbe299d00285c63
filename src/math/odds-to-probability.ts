/**
 * Converts odds into a probability, `odds / (1 + odds)`.
 *
 * The inverse of {@link probabilityToOdds}.
 *
 * @param odds - Odds in [0, ∞].
 * @returns The probability in [0, 1]; NaN when the odds are negative or NaN.
 * @example oddsToProbability(0.25) // => 0.2
 * @example oddsToProbability(Infinity) // => 1
 */
export function oddsToProbability(odds: number): number {
  if (!(odds >= 0)) return Number.NaN;
  if (odds === Number.POSITIVE_INFINITY) return 1;
  return odds / (1 + odds);
}
