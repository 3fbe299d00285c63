import { defineCurve } from "./define-curve.js";
import { integrate } from "./integrate.js";
import { generalisedGammaLogDensityW } from "./log-tails.js";
import type { SurvivalCurve } from "./survival-curve.js";

// The density of w = (log t − μ)/σ peaks at w = 0 and, for γ = 1/Q² > 500, is below e^{−800}
// beyond |w| = 40 (its tails decay at least like e^{−|w|/|Q|}), so [−40, 40] holds all of its mass.
const LIMIT = 40;

/**
 * A generalised gamma curve with small |Q| (γ = 1/Q² large), where S is computed by adaptive
 * Gauss–Kronrod quadrature of the density of w: the smaller tail is integrated, so S keeps its
 * relative accuracy far into the tail and log S stays accurate near 1.
 * @internal
 */
export function generalisedGammaByQuadrature<D extends {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}>(def: D, label: string, mu: number, sigma: number, Q: number): SurvivalCurve<D> {
  const logDensityW = generalisedGammaLogDensityW(Q);
  const density = (w: number): number => Math.exp(logDensityW(w));
  const logSurvivalW = (w: number): number => {
    if (w > 0) return w >= LIMIT ? -Infinity : Math.log(integrate(density, w, LIMIT, 1e-12, 1e-300));
    return w <= -LIMIT ? 0 : Math.log1p(-integrate(density, -LIMIT, w, 1e-12, 1e-300));
  };
  const w = (t: number): number => (Math.log(t) - mu) / sigma;
  const cumulativeHazard = (t: number): number => (t > 0 ? -logSurvivalW(w(t)) : t <= 0 ? 0 : NaN);
  return defineCurve({
    def,
    label,
    survival: (t) => Math.exp(-cumulativeHazard(t)),
    hazard: (t) => {
      if (!(t > 0)) return t <= 0 ? 0 : NaN;
      const wt = w(t);
      return Math.exp(logDensityW(wt) - logSurvivalW(wt)) / (sigma * t);
    },
    cumulativeHazard,
  });
}
