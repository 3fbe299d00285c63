import { IssueCollector } from "../core/errors.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a piecewise-exponential curve (a member of {@link SurvivalCurveDef}). */
export type PiecewiseExponentialSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "piecewise-exponential" }>;

function validate(cuts: readonly number[], rates: readonly number[]): void {
  const issues = new IssueCollector();
  if (!Array.isArray(cuts) || !Array.isArray(rates) || rates.length !== cuts.length + 1) {
    issues.add({ code: "dimension_mismatch", path: ["piecewise-exponential", "rates"], message: `rates must have one more entry than cuts (received ${rates?.length} rates for ${cuts?.length} cuts)`, received: rates?.length, expected: `${(cuts?.length ?? 0) + 1}` });
    issues.throwIfAny("piecewise exponential survival curve");
  }
  cuts.forEach((cut, i) => {
    const previous = i === 0 ? 0 : cuts[i - 1]!;
    if (!(Number.isFinite(cut) && cut > previous)) issues.add({ code: "invalid_parameter", path: ["piecewise-exponential", "cuts", i], message: `cut points must be finite, > 0 and strictly increasing (received ${cut} after ${previous})`, received: cut });
  });
  rates.forEach((rate, i) => {
    if (!(Number.isFinite(rate) && rate >= 0)) issues.add({ code: "invalid_parameter", path: ["piecewise-exponential", "rates", i], message: `rates must be finite and ≥ 0 (received ${rate})`, received: rate, expected: "a finite number ≥ 0" });
  });
  issues.throwIfAny("piecewise exponential survival curve");
}

/**
 * Piecewise exponential survival: a constant hazard `rates[i]` between consecutive cut points.
 *
 * The usual way to follow published interval hazards or a Kaplan–Meier curve in pieces, or to use
 * observed data up to a time and a constant hazard after it. In flexsurv terms this is
 * `ppexp(q, rate = rates, t = c(0, cuts))` (msm's parameterisation). The restricted mean and the
 * quantiles are exact.
 *
 * @param params - `cuts`: strictly increasing times (> 0) where the hazard changes; `rates`: the
 *   hazards (≥ 0, per unit of time) on [0, c₁), [c₁, c₂), …, [c_k, ∞)
 * @returns a survival curve
 * @throws QalyError `dimension_mismatch` at `["piecewise-exponential", "rates"]`, `invalid_parameter`
 *   at `["piecewise-exponential", "cuts" | "rates", index]`
 * @example
 * const pfs = piecewiseExponentialSurvival({ cuts: [6, 12], rates: [0.1, 0.05, 0.02] }); // months
 * pfs.cumulativeHazard(15) // => 0.96
 * pfs.hazard(12) // => 0.02
 * pfs.toString() // => "PiecewiseExponential(cuts=[6, 12], rates=[0.1, 0.05, 0.02])"
 */
export function piecewiseExponentialSurvival(params: { readonly cuts: readonly number[]; readonly rates: readonly number[] }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "piecewise-exponential" }>> {
  validate(params.cuts, params.rates);
  const cuts = Float64Array.from(params.cuts);
  const rates = Float64Array.from(params.rates);
  const n = cuts.length;
  // Cumulative hazard at each cut, so that H(t) is one lookup and one multiply.
  const atCut = new Float64Array(n);
  for (let i = 0; i < n; i++) atCut[i] = i === 0 ? rates[0]! * cuts[0]! : atCut[i - 1]! + rates[i]! * (cuts[i]! - cuts[i - 1]!);
  const interval = (t: number): number => {
    let i = 0;
    while (i < n && t >= cuts[i]!) i++;
    return i;
  };
  const cumulativeHazard = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 0 : NaN;
    const i = interval(t);
    return i === 0 ? rates[0]! * t : atCut[i - 1]! + rates[i]! * (t - cuts[i - 1]!);
  };
  const survival = (t: number): number => Math.exp(-cumulativeHazard(t));
  return defineCurve({
    def: Object.freeze({ kind: "piecewise-exponential", cuts: Object.freeze([...params.cuts]), rates: Object.freeze([...params.rates]) }),
    label: () => `PiecewiseExponential(cuts=[${params.cuts.map(formatSignificant).join(", ")}], rates=[${params.rates.map(formatSignificant).join(", ")}])`,
    survival,
    hazard: (t) => (t >= 0 ? rates[interval(t)]! : t < 0 ? 0 : NaN),
    cumulativeHazard,
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      let total = 0;
      let from = 0;
      for (let i = 0; i <= n && from < tau; i++) {
        const to = i < n ? Math.min(cuts[i]!, tau) : tau;
        const rate = rates[i]!;
        const start = survival(from);
        // ∫ S(from)·e^{−λ(t − from)} dt over [from, to]
        total += rate > 0 ? (start * -Math.expm1(-rate * (to - from))) / rate : start * (to - from);
        from = to;
      }
      return total;
    },
    quantile: (p) => {
      if (!(p >= 0 && p <= 1)) return NaN;
      const target = -Math.log1p(-p);
      let i = 0;
      while (i < n && atCut[i]! < target) i++;
      const base = i === 0 ? 0 : atCut[i - 1]!;
      const start = i === 0 ? 0 : cuts[i - 1]!;
      const rate = rates[i]!;
      if (target === base) return start;
      return rate > 0 ? start + (target - base) / rate : Infinity;
    },
  });
}
