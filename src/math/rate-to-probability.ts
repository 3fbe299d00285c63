/**
 * Converts a constant event rate into the probability of at least one event within a period.
 *
 * Under a constant hazard `rate` (events per person-year), the probability of the event within
 * `years` is `1 − exp(−rate · years)` (Briggs, Claxton & Sculpher 2006, §3.2; Fleurence & Hollenbeak
 * 2007). Use it for every rate that feeds a transition probability, never `rate · years`.
 *
 * @param rate - Event rate per year, in [0, ∞).
 * @param years - Length of the period in years, in [0, ∞) (usually the cycle length); default 1.
 * @returns The probability in [0, 1]; NaN when an argument is negative or NaN.
 * @example rateToProbability(0.15) // => 0.139292
 * @example rateToProbability(0.15, 1 / 12) // => 0.012422
 */
export function rateToProbability(rate: number, years = 1): number {
  if (!(rate >= 0) || !(years >= 0)) return Number.NaN;
  return -Math.expm1(-rate * years);
}
