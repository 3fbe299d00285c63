/**
 * The probability of the event within a period (usually the cycle length) when the time to the
 * event has median `median` and a constant hazard: `1 − 2^(−years / median)`.
 *
 * The same as `rateToProbability(rateFromMedian(median), years)`, computed as
 * `−expm1(−ln 2 · years / median)` so that short cycles keep full precision. Half the cohort has had
 * the event after one median, not after `median / years` cycles of `years / (2 · median)` each
 * (Briggs, Claxton & Sculpher 2006, §3.2; Fleurence & Hollenbeak 2007).
 *
 * @param median - Median time to the event, in (0, ∞), in years.
 * @param years - Length of the period in years, in [0, ∞) (usually the cycle length); default 1.
 * @returns The probability in [0, 1]; NaN when the median is not > 0 or the period is negative.
 * @example probabilityFromMedian(2) // => 0.292893
 * @example probabilityFromMedian(14 / 12, 1 / 12) // => 0.0483048
 */
export function probabilityFromMedian(median: number, years = 1): number {
  if (!(median > 0) || !(years >= 0)) return Number.NaN;
  return -Math.expm1((-Math.LN2 * years) / median);
}
