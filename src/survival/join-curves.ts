import { fail } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a joined curve (a member of {@link SurvivalCurveDef}). */
export type JoinedSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "joined" }>;

/** Options of {@link joinCurves}. */
export interface JoinCurvesOptions {
  /** Evaluate the second curve at t − atTime instead of t (default false). */
  readonly restartClock?: boolean;
}

/**
 * Joins two curves: `first` up to `atTime`, then the conditional survival of `second`.
 *
 * The usual way to follow observed (Kaplan–Meier) survival during a trial's follow-up and a
 * parametric extrapolation after it (NICE DSU TSD 14, "piecewise" models). For t > t* = atTime,
 * S(t) = S₁(t*)·S₂(t)/S₂(t*): the hazard after the join is the second curve's hazard at the same
 * model time t. With `restartClock: true`, S(t) = S₁(t*)·S₂(t − t*) instead (the second curve was
 * fitted to times measured from the join). Restricted mean and quantiles are exact compositions.
 *
 * @param first - the curve up to the join
 * @param second - the curve after the join
 * @param atTime - the join time t* (≥ 0, finite), in the curves' time unit
 * @param options - `restartClock`
 * @returns the joined curve
 * @throws QalyError `invalid_argument` at `["atTime"]`, or at `["restartClock"]` when it is not a
 *   boolean; `invalid_argument` at `["second"]` when
 *   S₂(t*) = 0 (no conditional survival to follow)
 * @example
 * const km = tabulatedSurvival({ time: [0, 6, 12], survival: [1, 0.8, 0.62] });
 * const tail = exponentialSurvival({ rate: 0.03 });
 * const os = joinCurves(km, tail, 12);
 * os.survival(12) // => 0.62
 * os.survival(22) // => 0.459307
 * os.hazard(20) // => 0.03
 */
export function joinCurves(first: SurvivalCurve, second: SurvivalCurve, atTime: number, options: JoinCurvesOptions = {}): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "joined" }>> {
  if (typeof atTime !== "number" || !(atTime >= 0) || !Number.isFinite(atTime)) {
    fail("invalid_argument", ["atTime"], `the join time must be a finite number ≥ 0 (received ${String(atTime)})`, { received: atTime });
  }
  const flag: unknown = options.restartClock;
  // From JSON or JavaScript a 1 or "yes" would otherwise be read silently as false.
  if (flag !== undefined && typeof flag !== "boolean") fail("invalid_argument", ["restartClock"], `restartClock is true or false (received ${JSON.stringify(flag)})`, { received: flag, expected: "true | false" });
  const restart = flag === true;
  const firstAtJoin = first.cumulativeHazard(atTime);
  const secondAtJoin = restart ? 0 : second.cumulativeHazard(atTime);
  if (!Number.isFinite(secondAtJoin)) {
    fail("invalid_argument", ["second"], `the second curve has no survivors at the join time ${atTime} (S = 0), so its conditional survival is undefined`);
  }
  const secondTime = (t: number): number => (restart ? t - atTime : t);
  const cumulativeHazard = (t: number): number => (t <= atTime || Number.isNaN(t) ? first.cumulativeHazard(t) : firstAtJoin + second.cumulativeHazard(secondTime(t)) - secondAtJoin);
  // S₁(t*)/S₂(t*) (or S₁(t*) when the clock restarts), the factor on the second curve after the join.
  const factor = Math.exp(secondAtJoin - firstAtJoin);
  return defineCurve({
    def: Object.freeze({ kind: "joined", first: first.def, second: second.def, atTime, restartClock: restart }),
    label: () => `${first.toString()} until t=${formatSignificant(atTime)}, then ${second.toString()}${restart ? " (clock restarted)" : ""}`,
    survival: (t) => (t <= atTime || Number.isNaN(t) ? first.survival(t) : Math.exp(-cumulativeHazard(t))),
    hazard: (t) => (t < atTime || Number.isNaN(t) ? first.hazard(t) : second.hazard(secondTime(t))),
    cumulativeHazard,
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      if (tau <= atTime) return first.restrictedMean(tau);
      const after = restart ? second.restrictedMean(tau - atTime) : second.restrictedMean(tau) - second.restrictedMean(atTime);
      return first.restrictedMean(atTime) + factor * after;
    },
    quantile: (p) => {
      if (!(p >= 0 && p <= 1)) return NaN;
      const target = -Math.log1p(-p);
      if (target <= firstAtJoin) return Math.min(first.quantile(p), atTime);
      return (restart ? atTime : 0) + second.quantile(-Math.expm1(-(target - firstAtJoin + secondAtJoin)));
    },
  });
}
