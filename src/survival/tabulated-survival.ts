import { IssueCollector } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** How S(t) is interpolated between the knots of a tabulated curve. */
export type SurvivalInterpolation = "log-linear" | "linear";

/** The definition of a table curve (a member of {@link SurvivalCurveDef}). */
export type TabulatedSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "table" }>;

function validate(time: readonly number[], survival: readonly number[]): void {
  const issues = new IssueCollector();
  const path = ["table"];
  if (!Array.isArray(time) || !Array.isArray(survival) || time.length !== survival.length || time.length < 2) {
    issues.add({ code: "dimension_mismatch", path: [...path, "survival"], message: `time and survival must be arrays of the same length ≥ 2 (received ${time?.length} and ${survival?.length})` });
    issues.throwIfAny("tabulated survival curve");
  }
  time.forEach((t, i) => {
    if (!(Number.isFinite(t) && (i === 0 ? t >= 0 : t > time[i - 1]!))) issues.add({ code: "invalid_parameter", path: [...path, "time", i], message: `times must be finite, ≥ 0 and strictly increasing (received ${t})`, received: t });
  });
  survival.forEach((s, i) => {
    const previous = i === 0 ? 1 : survival[i - 1]!;
    if (!(s >= 0 && s <= previous)) issues.add({ code: "invalid_parameter", path: [...path, "survival", i], message: `survival must lie in [0, 1] and never increase (received ${s} after ${previous})`, received: s });
  });
  if (time[0] === 0 && survival[0] !== 1) issues.add({ code: "invalid_parameter", path: [...path, "survival", 0], message: `survival at time 0 must be 1 (received ${survival[0]})`, received: survival[0], expected: "1" });
  issues.throwIfAny("tabulated survival curve");
}

/**
 * A survival curve given as a table of (time, S(t)), for example a digitised Kaplan–Meier curve or
 * a published survival table, interpolated between the knots.
 *
 * `"log-linear"` (the default) interpolates log S linearly, i.e. a constant hazard between knots:
 * it is the piecewise exponential through the knots, hazards are never negative, and per-cycle
 * transition probabilities equal those of a constant-rate Markov model within each interval.
 * `"linear"` interpolates S itself (the hazard then rises within each interval). A segment that
 * ends at S = 0 is always linear. Beyond the last knot the curve continues with the constant hazard
 * of the last interval (log S_{k−1}/S_k per unit of time); join a parametric tail with `joinCurves`
 * when that is not wanted. A table that does not start at time 0 gets the knot (0, 1) added.
 *
 * @param params - `time` (strictly increasing, ≥ 0), `survival` (in [0, 1], non-increasing) and
 *   optionally `interpolation`
 * @returns a survival curve
 * @throws QalyError `dimension_mismatch` or `invalid_parameter` at `["table", "time" | "survival", index]`
 * @example
 * const km = tabulatedSurvival({ time: [0, 12, 24], survival: [1, 0.6, 0.36] }); // months
 * km.survival(6) // => 0.774597
 * km.hazard(30) // => 0.0425688
 * tabulatedSurvival({ time: [0, 12, 24], survival: [1, 0.6, 0.36], interpolation: "linear" }).survival(6) // => 0.8
 */
export function tabulatedSurvival(params: { readonly time: readonly number[]; readonly survival: readonly number[]; readonly interpolation?: "log-linear" | "linear" }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "table" }>> {
  validate(params.time, params.survival);
  const interpolation = params.interpolation ?? "log-linear";
  const prepend = params.time[0]! > 0;
  const time = Float64Array.from(prepend ? [0, ...params.time] : params.time);
  const value = Float64Array.from(prepend ? [1, ...params.survival] : params.survival);
  const last = time.length - 1;
  // Per interval i = [t_i, t_{i+1}]: its constant hazard (log-linear) and whether it is linear in S.
  const rate = new Float64Array(last + 1);
  const linear = new Uint8Array(last + 1);
  for (let i = 0; i < last; i++) {
    const width = time[i + 1]! - time[i]!;
    linear[i] = interpolation === "linear" || value[i + 1] === 0 ? 1 : 0;
    rate[i] = value[i + 1] === 0 ? Infinity : Math.log(value[i]! / value[i + 1]!) / width;
  }
  rate[last] = value[last] === 0 ? 0 : rate[last - 1]!;
  const segment = (t: number): number => {
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (time[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const survival = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 1 : NaN;
    const i = segment(t);
    if (linear[i] === 1) return value[i]! + ((value[i + 1]! - value[i]!) * (t - time[i]!)) / (time[i + 1]! - time[i]!);
    return value[i] === 0 ? 0 : value[i]! * Math.exp(-rate[i]! * (t - time[i]!));
  };
  const segmentIntegral = (i: number, to: number): number => {
    const from = time[i]!;
    if (linear[i] === 1) return 0.5 * (value[i]! + survival(to)) * (to - from);
    const r = rate[i]!;
    return r > 0 ? (value[i]! * -Math.expm1(-r * (to - from))) / r : value[i]! * (to - from);
  };
  return defineCurve({
    def: Object.freeze({ kind: "table", time: Object.freeze(Array.from(time)), survival: Object.freeze(Array.from(value)), interpolation }),
    label: () => `Table(${time.length} knots to t=${time[last]}, ${interpolation})`,
    survival,
    hazard: (t) => {
      if (!(t >= 0)) return t < 0 ? 0 : NaN;
      const i = segment(t);
      if (linear[i] === 0) return rate[i]!;
      const s = survival(t);
      return s > 0 ? (value[i]! - value[i + 1]!) / (time[i + 1]! - time[i]!) / s : Infinity;
    },
    cumulativeHazard: (t) => {
      if (!(t > 0)) return t <= 0 ? 0 : NaN;
      const i = segment(t);
      return linear[i] === 1 || value[i] === 0 ? -Math.log(survival(t)) : -Math.log(value[i]!) + rate[i]! * (t - time[i]!);
    },
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      let total = 0;
      for (let i = 0; i <= last && time[i]! < tau; i++) total += segmentIntegral(i, i < last ? Math.min(time[i + 1]!, tau) : tau);
      return total;
    },
    quantile: (p) => {
      if (!(p >= 0 && p <= 1)) return NaN;
      const target = 1 - p;
      if (target >= 1) return 0;
      let i = 0;
      while (i < last && value[i + 1]! > target) i++;
      if (i < last && linear[i] === 1) return time[i]! + ((value[i]! - target) * (time[i + 1]! - time[i]!)) / (value[i]! - value[i + 1]!);
      const r = rate[i]!;
      return value[i] === 0 || r === 0 ? (target === 0 && value[i] === 0 ? time[i]! : Infinity) : time[i]! + Math.log(value[i]! / target) / r;
    },
  });
}
