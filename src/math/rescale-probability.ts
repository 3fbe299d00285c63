/**
 * Converts a probability over one period length into the probability over another.
 *
 * Assumes a constant hazard: `1 − (1 − p)^(toYears / fromYears)`. A 5-year survival probability
 * becomes a monthly one with `rescaleProbability(p, 5, 1 / 12)`; dividing `p` by 60 would be wrong
 * (Fleurence & Hollenbeak 2007, PharmacoEconomics 25:3-6).
 *
 * @param probability - Probability over `fromYears`, in [0, 1].
 * @param fromYears - Period of the given probability in years, in (0, ∞).
 * @param toYears - Period wanted in years, in [0, ∞).
 * @returns The probability over `toYears`, in [0, 1]; NaN outside the domain.
 * @example rescaleProbability(0.19, 2, 1) // => 0.1
 */
export function rescaleProbability(probability: number, fromYears: number, toYears: number): number {
  if (!(probability >= 0 && probability <= 1) || !(fromYears > 0) || !(toYears >= 0)) return Number.NaN;
  return -Math.expm1((toYears / fromYears) * Math.log1p(-probability));
}
