/**
 * The discount factor for a value occurring `years` after the start of the analysis:
 * `(1 + rate)^(−years)`.
 *
 * Annual discrete discounting as in NICE and TLV guidance (TLV: 3 % for costs and effects).
 *
 * @param rate - Annual discount rate, in [0, ∞) (0.03 for 3 %).
 * @param years - Time since the start of the analysis in years, in [0, ∞).
 * @returns The factor in (0, 1]; NaN when an argument is outside its domain.
 * @example discountFactor(0.03, 0) // => 1
 * @example discountFactor(0.06, 2) // => 0.889996
 */
export function discountFactor(rate: number, years: number): number {
  if (!(rate >= 0) || !(years >= 0)) return Number.NaN;
  if (rate === 0 || years === 0) return 1;
  return Math.pow(1 + rate, -years);
}
