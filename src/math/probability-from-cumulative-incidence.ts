import { rescaleProbability } from "./rescale-probability.js";

/**
 * The probability of an event within one period (usually the cycle length) from a cumulative
 * incidence reported over a longer (or shorter) time, assuming a constant hazard:
 * `1 − (1 − incidence)^(years / overYears)`.
 *
 * A 5-year cumulative incidence of relapse of 30 % is a monthly probability of
 * `probabilityFromCumulativeIncidence(0.3, 5, 1 / 12)` = 0.59 %, not 0.3 / 60 = 0.5 %: dividing a
 * probability by the number of cycles ignores that those who had the event cannot have it again
 * (Fleurence & Hollenbeak 2007, PharmacoEconomics 25:3-6; Briggs, Claxton & Sculpher 2006, §3.2).
 * The constant rate itself is `probabilityToRate(incidence, overYears)`. With competing risks, a
 * cumulative incidence function (e.g. relapse with death as a competing event) is not 1 − S of the
 * cause-specific hazard; the conversion is then an approximation that is good only while the
 * competing risk is small.
 *
 * @param incidence - Cumulative incidence (proportion with the event) by `overYears`, in [0, 1].
 * @param overYears - Time over which the incidence was observed, in years, in (0, ∞).
 * @param years - Length of the period wanted in years, in [0, ∞) (usually the cycle length); default 1.
 * @returns The probability over `years`, in [0, 1]; NaN outside the domain.
 * @example probabilityFromCumulativeIncidence(0.3, 5, 1 / 12) // => 0.00592695
 * @example probabilityFromCumulativeIncidence(0.3, 3) // => 0.112096
 */
export function probabilityFromCumulativeIncidence(incidence: number, overYears: number, years = 1): number {
  return rescaleProbability(incidence, overYears, years);
}
