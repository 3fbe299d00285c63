import gammainc from "@stdlib/math-base-special-gammainc";
import gammaincinv from "@stdlib/math-base-special-gammaincinv";
import gammaln from "@stdlib/math-base-special-gammaln";
import { checkParameters } from "./check-parameters.js";
import { defineCurve, numericalRestrictedMean } from "./define-curve.js";
import { formatSignificant } from "../core/format-significant.js";
import { lognormalCurve } from "./lognormal-survival.js";
import { generalisedGammaByQuadrature } from "./generalised-gamma-by-quadrature.js";
import { generalisedGammaLogDensityW, logLowerGamma, logUpperGamma } from "./log-tails.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a generalised-gamma curve (a member of {@link SurvivalCurveDef}). */
export type GeneralisedGammaSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "generalised-gamma" }>;

/**
 * Largest order of stdlib's incomplete gamma function trusted here. Version 0.3.1 loses accuracy
 * (errors up to 1e-2, found by quadrature checks) for orders above about 880 near the centre, so
 * for 1/Q² (or a gamma shape) above this the survival function is computed by quadrature instead.
 * @internal
 */
export const MAX_INCOMPLETE_GAMMA_ORDER = 500;
// Below this |Q| the curve is the lognormal to within O(Q) ≈ 1e-9 (and 1/Q² may overflow).
const LOGNORMAL_LIMIT_Q = 1e-8;

/**
 * Fills out[k] = H(start + (k + 1)·step) for the generalised gamma with Q ≠ 0 (γ ≤ 500): one
 * module-level loop, so PSA draws that each build a new curve reuse optimised code.
 */
function generalisedGammaGrid(mu: number, sigma: number, Q: number, start: number, step: number, out: Float64Array): Float64Array {
  const shape = 1 / (Q * Q);
  const logShape = Math.log(shape);
  const slope = Q / sigma;
  for (let k = 0; k < out.length; k++) {
    const u = Math.exp(logShape + slope * (Math.log(start + (k + 1) * step) - mu));
    out[k] = -(Q > 0 ? logUpperGamma(shape, u) : logLowerGamma(shape, u));
  }
  return out;
}

/**
 * Generalised gamma survival (Prentice 1974), the three-parameter family that nests the Weibull,
 * gamma and lognormal.
 *
 * With w = (log t − μ)/σ, γ = 1/Q² and u = γ·exp(Q·w): S(t) = Q(γ, u) when Q > 0, S(t) = P(γ, u)
 * when Q < 0 (P, Q the regularised lower and upper incomplete gamma functions), and
 * S(t) = 1 − Φ(w) when Q = 0 (the lognormal limit, also used for |Q| < 1e-8, where the two differ
 * by about 1e-9). For |Q| < 0.045 (γ > 500), where the
 * incomplete gamma functions of stdlib lose accuracy, S is computed by adaptive quadrature of the
 * density of w instead (slower, about 50 density evaluations per call, but accurate to ~1e-12). Q = 1 is the Weibull with shape 1/σ and
 * scale e^μ; Q = σ is the gamma with shape 1/σ² and rate e^{−μ}/σ². Often the best-fitting but most
 * flexible extrapolation (NICE DSU TSD 14; Cox, Chu, Schneider & Muñoz 2007). Same parameterisation
 * as R's `flexsurvreg(dist = "gengamma")` and `pgengamma(q, mu, sigma, Q)`. The restricted mean is
 * τ·S(τ) + E[T; T ≤ τ] in closed form through the incomplete gamma function when 1 + σ·Q > 0,
 * and by adaptive quadrature otherwise.
 *
 * @param params - `mu` (finite), `sigma` (> 0), `Q` (finite), as flexsurv reports them
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["generalised-gamma", name]`
 * @example
 * const os = generalisedGammaSurvival({ mu: 3, sigma: 0.8, Q: 1 }); // Weibull, months
 * os.survival(Math.exp(3)) // => 0.367879
 * generalisedGammaSurvival({ mu: 2.5, sigma: 1, Q: -0.5 }).median() // => 14.4556
 */
export function generalisedGammaSurvival(params: { readonly mu: number; readonly sigma: number; readonly Q: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "generalised-gamma" }>> {
  checkParameters("generalised-gamma", params, { mu: "finite", sigma: "positive", Q: "finite" });
  const { mu, sigma, Q } = params;
  const def = Object.freeze({ kind: "generalised-gamma" as const, mu, sigma, Q });
  const label = `GeneralisedGamma(mu=${formatSignificant(mu)}, sigma=${formatSignificant(sigma)}, Q=${formatSignificant(Q)})`;
  if (Math.abs(Q) < LOGNORMAL_LIMIT_Q) return lognormalCurve(def, label, mu, sigma);
  if (1 / (Q * Q) > MAX_INCOMPLETE_GAMMA_ORDER) return generalisedGammaByQuadrature(def, label, mu, sigma, Q);

  const shape = 1 / (Q * Q);
  const logShape = Math.log(shape);
  const u = (t: number): number => Math.exp(logShape + (Q * (Math.log(t) - mu)) / sigma);
  const logSurvival = Q > 0 ? (t: number) => logUpperGamma(shape, u(t)) : (t: number) => logLowerGamma(shape, u(t));
  const logSigma = Math.log(sigma);
  const logDensityW = generalisedGammaLogDensityW(Q);
  const survival = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 1 : NaN;
    const ut = u(t);
    // u overflows to ∞ (or underflows to 0) at extreme t; the incomplete gamma's limits are exact there.
    if (ut === Infinity || ut === 0) return (ut === 0) === Q > 0 ? 1 : 0;
    return gammainc(ut, shape, true, Q > 0);
  };
  // E[T; T ≤ τ] = e^μ·γ^{−k}·Γ(γ + k)/Γ(γ) times P(γ + k, u_τ) (Q > 0) or Q(γ + k, u_τ) (Q < 0), k = σ/Q.
  const k = sigma / Q;
  const closedForm = shape + k > 0;
  const logPartialMean = closedForm ? mu - k * logShape + gammaln(shape + k) - gammaln(shape) : NaN;

  return defineCurve({
    def,
    label,
    survival,
    hazard: (t) => {
      if (!(t > 0)) {
        if (t < 0) return 0;
        if (t !== 0) return NaN;
        if (Q < 0) return 0;
        const power = 1 / (Q * sigma) - 1; // f(t) ∝ t^power near 0
        // power = 0 is Q·σ = 1: f(0) = (Q/σ)·γ^γ·e^{−μ}/Γ(γ) (e^{−μ} for the exponential, Q = σ = 1).
        return power > 0 ? 0 : power < 0 ? Infinity : Math.exp(Math.log(Q / sigma) + shape * logShape - gammaln(shape) - mu);
      }
      // f(t) = g(w)/(σ·t), with g the density of w = (log t − μ)/σ.
      const logT = Math.log(t);
      return Math.exp(logDensityW((logT - mu) / sigma) - logSigma - logT - logSurvival(t));
    },
    cumulativeHazard: (t) => (t > 0 ? -logSurvival(t) : t <= 0 ? 0 : NaN),
    restrictedMean: (tau) => {
      if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
      if (tau === 0) return 0;
      if (!closedForm) return numericalRestrictedMean(survival, tau);
      return tau * survival(tau) + Math.exp(logPartialMean) * gammainc(u(tau), shape + k, true, Q < 0);
    },
    cumulativeHazardGrid: (start, step, out) => generalisedGammaGrid(mu, sigma, Q, start, step, out),
    quantile: (p) => {
      if (!(p >= 0 && p <= 1)) return NaN;
      // F = P(γ, u) when Q > 0 and F = Q(γ, u) when Q < 0.
      const uq = Q > 0 ? gammaincinv(p, shape) : gammaincinv(p, shape, true);
      return Math.exp(mu + (sigma * (Math.log(uq) - logShape)) / Q);
    },
  });
}
