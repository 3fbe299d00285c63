/**
 * The constant event rate whose median time to event is `median`: `rate = ln 2 / median`.
 *
 * Under a constant hazard the survival function is exp(−rate·t), which falls to one half at
 * t = ln 2 / rate; a trial that reports only a median time (to relapse, to death) gives the rate
 * this way (Briggs, Claxton & Sculpher 2006, §3.2; NICE DSU TSD 14 warns that a median alone cannot
 * check the constant-hazard assumption). The rate is per unit of the median: a median in years gives
 * a rate per year.
 *
 * @param median - Median time to the event, in (0, ∞), in years (or any unit: the rate is per that unit).
 * @returns The rate in (0, ∞) (0 for an infinite median); NaN when the median is not > 0.
 * @example rateFromMedian(10) // => 0.0693147
 * @example rateToProbability(rateFromMedian(2), 2) // => 0.5
 */
export function rateFromMedian(median: number): number {
  if (!(median > 0)) return Number.NaN;
  return Math.LN2 / median;
}
