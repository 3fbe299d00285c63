import { fail } from "../core/errors.js";
import type { SurvivalCurve } from "./survival-curve.js";

/**
 * The probability of the event within (t − Δ, t] for someone event-free at t − Δ:
 * p = 1 − S(t)/S(t − Δ) = 1 − exp(−(H(t) − H(t − Δ))).
 *
 * This is how a survival curve becomes a time-dependent transition probability in a Markov model
 * (Briggs, Claxton & Sculpher 2006, §3.3.3; NICE DSU TSD 14). It is computed from the cumulative
 * hazard, so it stays accurate when S is close to 1 or tiny; where no one is left at t − Δ
 * (S = 0) it is 1, and a rounding-level negative value where H is flat is returned as 0.
 *
 * @param curve - the survival curve
 * @param t - the end of the cycle, in the curve's time unit
 * @param dt - the cycle length Δ (≥ 0), in the same unit
 * @returns the per-cycle probability in [0, 1] (NaN for NaN inputs or Δ < 0)
 * @example
 * const os = weibullSurvival({ shape: 1.5, scale: 20 }); // months
 * transitionProbability(os, 12, 1) // => 0.0552804
 * transitionProbability(exponentialSurvival({ rate: 0.1 }), 5, 1) // => 0.0951626
 */
export function transitionProbability(curve: SurvivalCurve, t: number, dt: number): number {
  if (!(dt >= 0)) return NaN;
  const before = curve.cumulativeHazard(t - dt);
  if (before === Infinity) return 1;
  const p = -Math.expm1(before - curve.cumulativeHazard(t));
  // H never decreases; a last-bit decrease where H is flat (a cure plateau) would give −1e-17.
  return p < 0 ? 0 : p;
}

/**
 * Fills `out` with per-cycle transition probabilities from a survival curve: `out[k]` is the
 * probability of the event during the cycle from model time start + k·Δ to start + (k+1)·Δ
 * (the transition from cycle k to cycle k + 1, cycle 0 being the start), for k = 0 … out.length − 1.
 *
 * Evaluates the cumulative hazard once per cycle boundary (through the curve's
 * `cumulativeHazardGrid` fast path when it has one) and allocates nothing, for use inside PSA loops
 * (one array per curve, reused across draws).
 *
 * @param curve - the survival curve
 * @param cycleLength - Δ (> 0), in the curve's time unit (e.g. 1 for monthly cycles on a curve in months)
 * @param out - the array to fill; its length is the number of cycles
 * @param startTime - model time of cycle 0 on the curve's clock (default 0; e.g. time already spent in the state)
 * @returns `out`
 * @throws QalyError `invalid_argument` at `["cycleLength"]` or `["startTime"]`, `non_finite_value` at `["cycle", k]` when the curve returns NaN
 * @example
 * const probabilities = transitionProbabilities(exponentialSurvival({ rate: 0.1 }), 1, new Float64Array(3));
 * probabilities[2] // => 0.0951626
 */
export function transitionProbabilities(curve: SurvivalCurve, cycleLength: number, out: Float64Array, startTime = 0): Float64Array {
  if (!(cycleLength > 0) || !Number.isFinite(cycleLength)) fail("invalid_argument", ["cycleLength"], `the cycle length must be a finite number > 0 (received ${cycleLength})`, { received: cycleLength });
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail("invalid_argument", ["startTime"], `the start time must be a finite number ≥ 0 (received ${startTime})`, { received: startTime });
  let before = curve.cumulativeHazard(startTime);
  // With a grid fast path, out first holds H at each cycle's end and is turned into probabilities in place.
  const grid = curve.cumulativeHazardGrid !== undefined;
  if (grid) curve.cumulativeHazardGrid!(startTime, cycleLength, out);
  for (let k = 0; k < out.length; k++) {
    const after = grid ? out[k]! : curve.cumulativeHazard(startTime + (k + 1) * cycleLength);
    let p = before === Infinity ? 1 : -Math.expm1(before - after);
    if (p < 0) p = 0;
    if (Number.isNaN(p)) fail("non_finite_value", ["cycle", k], `the survival curve ${curve.toString()} gave no transition probability for cycle ${k} (cumulative hazard ${before} → ${after})`);
    out[k] = p;
    before = after;
  }
  return out;
}
