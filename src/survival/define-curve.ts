import { type CurveMark, curveMark } from "./curve-mark.js";
import { integrate } from "./integrate.js";
import type { SurvivalCurve } from "./survival-curve.js";

/** What a family must supply; restricted mean and quantile fall back to numerical methods. */
export interface CurveParts<D extends {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}> {
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

// Module-level caches; they only ever grow and hold pure values, so results never depend on them.
let logIntegerTable = new Float64Array([-Infinity]);
let factorTable = new Int32Array(4);

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
 * For k = 0 … n, a factorisation k = a·b into two integers > 1 (a = the largest proper divisor,
 * b = the smallest prime factor) stored at [2k] and [2k + 1]; both 0 when k is 1 or a prime.
 * Cached and grown on demand (a sieve, once per size).
 */
export function integerFactors(n: number): Int32Array {
  if (factorTable.length <= 2 * n + 1) {
    const size = Math.max(n + 1, factorTable.length);
    const table = new Int32Array(2 * size);
    for (let f = 2; f * f < size; f++) {
      if (table[2 * f] !== 0) continue;
      for (let k = f * f; k < size; k += f) {
        if (table[2 * k] !== 0) continue;
        table[2 * k] = k / f;
        table[2 * k + 1] = f;
      }
    }
    factorTable = table;
  }
  return factorTable;
}

let oddPrimeTable = new Int32Array(0);
let oddPrimeLimit = -1;

/** The odd primes ≤ n in increasing order, from {@link integerFactors}; cached for the last n. */
function oddPrimes(n: number): Int32Array {
  if (oddPrimeLimit !== n) {
    const divisors = integerFactors(n);
    const list: number[] = [];
    for (let j = 3; j <= n; j += 2) if (divisors[2 * j] === 0) list.push(j);
    oddPrimeTable = Int32Array.from(list);
    oddPrimeLimit = n;
  }
  return oddPrimeTable;
}

/**
 * Fills out[k] = coefficient·(start + (k + 1)·step)^power: the grid of a power-law cumulative
 * hazard (Weibull: coefficient = scale^−shape). From start 0 the grid is step^power·j^power for
 * j = 1 … n, and j^power is multiplicative, (a·b)^power = a^power·b^power: only primes j cost an
 * `exp` (91 of the first 480 integers), composites are one product of two earlier entries. Each
 * point is within a few ulps of `Math.pow`.
 */
export function powerGrid(coefficient: number, power: number, start: number, step: number, out: Float64Array): Float64Array {
  const n = out.length;
  if (start === 0 && step > 0) {
    powerTable(power, out);
    const scaled = coefficient * Math.pow(step, power);
    for (let k = 0; k < n; k++) out[k] = scaled * out[k]!;
  } else {
    for (let k = 0; k < n; k++) out[k] = coefficient * Math.pow(start + (k + 1) * step, power);
  }
  return out;
}

/** A power-law cumulative hazard H(t) = coefficient·t^power (Weibull, Weibull PH). @internal */
export interface PowerLaw {
  readonly coefficient: number;
  readonly power: number;
}

/** Marks the curves whose `cumulativeHazardGrid` is `powerGrid(coefficient, power, …)`. @internal */
export const POWER_LAW = curveMark<PowerLaw>();

/**
 * The power law of a curve made by `weibullSurvival` or `weibullPhSurvival` (not a copy of one),
 * else undefined: its grid from 0 is then `coefficient·step^power` times {@link powerTable}.
 * @internal
 */
export function powerLawOf(curve: object): PowerLaw | undefined {
  return POWER_LAW.read(curve);
}

/**
 * out[j − 1] = j^power for j = 1 … n: the primes' exps first, in a loop of their own (a call
 * inside the product loop made V8 keep its values in memory), then each composite as the product
 * of its largest proper divisor's and its smallest prime factor's entries (both below it, so
 * already there): an odd one through the factor table, the even one after it as (j/2)^power·2^power,
 * with no table lookup.
 */
export function powerTable(power: number, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  out[0] = 1;
  if (n === 1) return;
  const logs = logIntegers(n);
  const divisors = integerFactors(n);
  const primes = oddPrimes(n);
  const two = Math.exp(power * logs[2]!);
  out[1] = two;
  for (let i = 0; i < primes.length; i++) {
    const p = primes[i]!;
    out[p - 1] = Math.exp(power * logs[p]!);
  }
  for (let j = 3; j <= n; j += 2) {
    const d = divisors[2 * j]!;
    if (d !== 0) out[j - 1] = out[d - 1]! * out[divisors[2 * j + 1]! - 1]!;
    if (j < n) out[j] = out[((j + 1) >> 1) - 1]! * two;
  }
}

/**
 * Assembles a frozen {@link SurvivalCurve} from a family's parts, filling in what it lacks; `brand`
 * (a module-private {@link CurveMark} and a value) marks the object itself, so a copy of the curve
 * is unmarked.
 */
export function defineCurve<D extends {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}, B = never>(parts: CurveParts<D>, breaks: readonly number[] = [], brand?: readonly [CurveMark<B>, B]): SurvivalCurve<D> {
  const survival = parts.survival;
  const cumulativeHazard = parts.cumulativeHazard;
  const quantile = parts.quantile ?? ((p: number) => numericalQuantile(cumulativeHazard, p));
  const restrictedMean = parts.restrictedMean ?? ((tau: number) => numericalRestrictedMean(survival, tau, breaks));
  const label = parts.label;
  const curve: SurvivalCurve<D> = {
    def: parts.def,
    survival,
    hazard: parts.hazard,
    cumulativeHazard,
    restrictedMean,
    quantile,
    median() {
      return quantile(0.5);
    },
    toString() {
      return typeof label === "function" ? label() : label;
    },
  };
  if (parts.cumulativeHazardGrid !== undefined) curve.cumulativeHazardGrid = parts.cumulativeHazardGrid;
  // Invisible, so the curve prints and compares as before.
  if (brand !== undefined) brand[0].stamp(curve, brand[1]);
  return Object.freeze(curve);
}
