import { fail } from "../core/errors.js";
import { exponentialCurve, exponentialSurvival } from "./exponential-survival.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/**
 * The exponential curve with a given median: rate = log(2) / median.
 *
 * Used when a trial reports only a median survival time (a common, if crude, route from a
 * published median to a constant-hazard model; NICE DSU TSD 14).
 *
 * @param median - the median event time (> 0), in the model's time unit
 * @returns an exponential survival curve
 * @throws QalyError `invalid_parameter` at `["exponential", "median"]`
 * @example
 * const pfs = exponentialFromMedian(10.4); // months
 * pfs.survival(10.4) // => 0.5
 * pfs.def.rate // => 0.0666488
 */
export function exponentialFromMedian(median: number): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "exponential" }>> {
  if (typeof median !== "number" || !(median > 0) || !Number.isFinite(median)) {
    fail("invalid_parameter", ["exponential", "median"], `median must be a finite number > 0 (received ${String(median)})`, { received: median, expected: "a finite number > 0" });
  }
  // A finite median > 0 gives a finite rate > 0, unless the median is below about 3.9e-309 (ln 2 / median overflows).
  const rate = Math.LN2 / median;
  return rate !== Infinity ? exponentialCurve(rate) : exponentialSurvival({ rate });
}
