import { integrate } from "./integrate.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** What a family must supply; restricted mean and quantile fall back to numerical methods. */
export interface CurveParts<D extends SurvivalCurveDef> {
  readonly def: D;
  /** The readable form, built only when asked for (PSA builds curves per draw and rarely prints them). */
  readonly label: string | (() => string);
  survival(t: number): number;
  hazard(t: number): number;
  cumulativeHazard(t: number): number;
  restrictedMean?(tau: number): number;
  quantile?(p: number): number;
  cumulativeHazardGrid?(start: number, step: number, out: Float64Array): Float64Array;
}

/**
 * ∫₀^τ S(t) dt by adaptive Gauss–Kronrod. Points where S has a kink (cut points, knots, a join)
 * can be passed in `breaks` so that no panel straddles one.
 */
export function numericalRestrictedMean(survival: (t: number) => number, tau: number, breaks: readonly number[] = []): number {
  if (!(tau >= 0) || !Number.isFinite(tau)) return NaN;
  let total = 0;
  let from = 0;
  for (const cut of breaks) {
    if (cut > from && cut < tau) {
      total += integrate(survival, from, cut);
      from = cut;
    }
  }
  return total + integrate(survival, from, tau);
}

/**
 * The time t with H(t) = −log(1 − p), by bracketing (doubling) and bisection to full double
 * precision. `Infinity` when H never reaches the target (a cure plateau).
 */
export function numericalQuantile(cumulativeHazard: (t: number) => number, p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  const target = -Math.log1p(-p);
  let lo = 0;
  let hi = 1;
  while (!(cumulativeHazard(hi) >= target)) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    if (cumulativeHazard(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

// Module-level cache; it only ever grows and holds pure values, so results never depend on it.
let logIntegerTable = new Float64Array([-Infinity]);

/**
 * log k for k = 0 … n (log 0 = −∞), cached and grown on demand: grids of power-law cumulative
 * hazards use c·exp(shape·log k), about twice as fast as `Math.pow` per point.
 */
export function logIntegers(n: number): Float64Array {
  if (logIntegerTable.length <= n) {
    const grown = new Float64Array(Math.max(n + 1, 2 * logIntegerTable.length));
    grown.set(logIntegerTable);
    for (let k = logIntegerTable.length; k < grown.length; k++) grown[k] = Math.log(k);
    logIntegerTable = grown;
  }
  return logIntegerTable;
}

/**
 * Fills out[k] = coefficient·(start + (k + 1)·step)^power: the grid of a power-law cumulative
 * hazard (Weibull: coefficient = scale^−shape). From start 0 it uses the cached log k table.
 */
export function powerGrid(coefficient: number, power: number, start: number, step: number, out: Float64Array): Float64Array {
  const n = out.length;
  if (start === 0 && step > 0) {
    const logs = logIntegers(n);
    const scaled = coefficient * Math.pow(step, power);
    for (let k = 0; k < n; k++) out[k] = scaled * Math.exp(power * logs[k + 1]!);
  } else {
    for (let k = 0; k < n; k++) out[k] = coefficient * Math.pow(start + (k + 1) * step, power);
  }
  return out;
}

/** Assembles a frozen {@link SurvivalCurve} from a family's parts, filling in what it lacks. */
export function defineCurve<D extends SurvivalCurveDef>(parts: CurveParts<D>, breaks: readonly number[] = []): SurvivalCurve<D> {
  const survival = parts.survival;
  const cumulativeHazard = parts.cumulativeHazard;
  const quantile = parts.quantile ?? ((p: number) => numericalQuantile(cumulativeHazard, p));
  const restrictedMean = parts.restrictedMean ?? ((tau: number) => numericalRestrictedMean(survival, tau, breaks));
  const curve: SurvivalCurve<D> = {
    def: parts.def,
    survival,
    hazard: parts.hazard,
    cumulativeHazard,
    restrictedMean,
    quantile,
    median: () => quantile(0.5),
    toString: () => (typeof parts.label === "function" ? parts.label() : parts.label),
  };
  if (parts.cumulativeHazardGrid !== undefined) curve.cumulativeHazardGrid = parts.cumulativeHazardGrid;
  return Object.freeze(curve);
}
