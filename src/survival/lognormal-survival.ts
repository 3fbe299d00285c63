import lognormalQuantile from "@stdlib/stats-base-dists-lognormal-quantile/lib/main.js";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf/lib/main.js";
import { checkParameters } from "./check-parameters.js";
import { defineCurve } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import { logNormalUpper } from "./log-tails.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a lognormal curve (a member of {@link SurvivalCurveDef}). */
export type LognormalSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "lognormal" }>;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The parts of a lognormal curve; shared with the generalised gamma at Q = 0.
 * @internal
 */
export function lognormalCurve<D extends {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}>(def: D, label: string, meanlog: number, sdlog: number): SurvivalCurve<D> {
  const z = (t: number): number => (Math.log(t) - meanlog) / sdlog;
  const cumulativeHazard = (t: number): number => (t > 0 ? -logNormalUpper(z(t)) : t <= 0 ? 0 : NaN);
  const survival = (t: number): number => (t > 0 ? normalCdf(-z(t), 0, 1) : t <= 0 ? 1 : NaN);
  const mean = Math.exp(meanlog + 0.5 * sdlog * sdlog);
  return defineCurve({
    def,
    label,
    survival,
    hazard: (t) => {
      if (!(t > 0)) return t <= 0 ? 0 : NaN;
      const x = z(t);
      return Math.exp(-0.5 * x * x - LOG_SQRT_2PI - Math.log(sdlog * t) - logNormalUpper(x));
    },
    cumulativeHazard,
    // ∫₀^τ S = τ·S(τ) + E[T; T ≤ τ], and E[T; T ≤ τ] = e^{μ+σ²/2}·Φ((log τ − μ − σ²)/σ).
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      if (tau === 0) return 0;
      return tau * survival(tau) + mean * normalCdf((Math.log(tau) - meanlog - sdlog * sdlog) / sdlog, 0, 1);
    },
    quantile: (p) => (p >= 0 && p <= 1 ? lognormalQuantile(p, meanlog, sdlog) : NaN),
  });
}

/**
 * Lognormal survival: log(T) ~ Normal(meanlog, sdlog), S(t) = 1 − Φ((log t − meanlog)/sdlog).
 *
 * A hazard that rises then falls, with a heavier tail than the log-logistic (NICE DSU TSD 14).
 * Same parameterisation as R's `plnorm(q, meanlog, sdlog)` and `flexsurvreg(dist = "lnorm")`.
 * Restricted mean in closed form.
 *
 * @param params - `meanlog` (finite) and `sdlog` (> 0), on the log of the curve's time unit
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["lognormal", "meanlog"]` or `["lognormal", "sdlog"]`
 * @example
 * const os = lognormalSurvival({ meanlog: Math.log(12), sdlog: 1 }); // months
 * os.median() // => 12
 * os.survival(12) // => 0.5
 * os.restrictedMean(60) // => 17.6463
 */
export function lognormalSurvival(params: { readonly meanlog: number; readonly sdlog: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "lognormal" }>> {
  checkParameters("lognormal", params, { meanlog: "finite", sdlog: "positive" });
  const { meanlog, sdlog } = params;
  return lognormalCurve(Object.freeze({ kind: "lognormal" as const, meanlog, sdlog }), `Lognormal(meanlog=${formatSignificant(meanlog)}, sdlog=${formatSignificant(sdlog)})`, meanlog, sdlog);
}
