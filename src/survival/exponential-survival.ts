import { checkParameters } from "./check-parameters.js";
import { curveMark } from "./curve-mark.js";
import { formatSignificant } from "../core/format-significant.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of an exponential curve (a member of {@link SurvivalCurveDef}). */
export type ExponentialSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "exponential" }>;

/**
 * Exponential survival: a constant hazard, S(t) = exp(−rate·t).
 *
 * The simplest survival model in economic evaluation (NICE DSU TSD 14, Latimer 2011); it is the
 * curve behind a Markov model with a constant transition probability. Same parameterisation as R's
 * `flexsurvreg(dist = "exp")` and `pexp(q, rate)`.
 *
 * @param params - `rate`: events per unit of time (> 0), in the unit the curve's time is measured in
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` at `["exponential", "rate"]`
 * @example
 * const os = exponentialSurvival({ rate: 0.05 }); // per month
 * os.survival(12) // => 0.548812
 * os.median() // => 13.8629
 * os.toString() // => "Exponential(rate=0.05)"
 */
export function exponentialSurvival(params: { readonly rate: number }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "exponential" }>> {
  const rate = params.rate;
  // The check's own test first: a valid rate (every PSA draw) allocates nothing to be checked.
  if (!validRate(rate)) checkParameters("exponential", params, RATE_DOMAIN);
  return exponentialCurve(rate);
}

const RATE_DOMAIN = { rate: "positive" } as const;

/** Whether `rate` passes {@link RATE_DOMAIN}'s check (a finite number > 0), tested before the check so a valid rate allocates nothing. */
function validRate(rate: unknown): boolean {
  return typeof rate === "number" && rate > 0 && rate !== Infinity;
}

/**
 * The curve of a checked rate, built in one piece rather than through `defineCurve` (no parts object,
 * no fallbacks, one scope for all its methods: PSA builds these per draw, NSCLC 18 per draw), with the
 * same own properties in the same order, the same arithmetic, marked and frozen as `defineCurve` does.
 * Methods rather than arrow functions: loaders that keep function names (tsx, esbuild keepNames)
 * rename every arrow with Object.defineProperty, methods not.
 * @internal
 */
export function exponentialCurve(rate: number): SurvivalCurve<ExponentialSurvivalDef> {
  const curve: SurvivalCurve<ExponentialSurvivalDef> = {
    def: Object.freeze({ kind: "exponential", rate }),
    survival(t) {
      return t > 0 ? Math.exp(-rate * t) : t <= 0 ? 1 : NaN;
    },
    hazard(t) {
      return t >= 0 ? rate : t < 0 ? 0 : NaN;
    },
    cumulativeHazard(t) {
      return t > 0 ? rate * t : t <= 0 ? 0 : NaN;
    },
    // ∫₀^τ e^{−λt} dt = (1 − e^{−λτ})/λ
    restrictedMean(tau) {
      return tau >= 0 && Number.isFinite(tau) ? -Math.expm1(-rate * tau) / rate : NaN;
    },
    quantile(p) {
      return p >= 0 && p <= 1 ? -Math.log1p(-p) / rate : NaN;
    },
    // quantile(0.5), as defineCurve's median is (the same expression, so the same bits).
    median() {
      return -Math.log1p(-0.5) / rate;
    },
    toString() {
      return `Exponential(rate=${formatSignificant(rate)})`;
    },
  };
  // Invisible, so the curve prints and compares as before.
  EXPONENTIAL_RATE.stamp(curve, rate);
  return Object.freeze(curve);
}

/**
 * The rate of each curve built by {@link exponentialSurvival}, on the object itself as a mark no
 * other module holds (so a copy with an overridden method lacks it; on the object rather than in a
 * WeakMap, which the garbage collector would have to trace for every curve a PSA builds). Lets a
 * caller compute rate·t in its own loop, with exactly the arithmetic of `cumulativeHazard(t)`,
 * instead of a call per point.
 */
const EXPONENTIAL_RATE = curveMark<number>();

/**
 * A checked exponential rate standing in for its curve where an engine reads only the rate: a
 * model file's partitioned survival model builds one per endpoint, strategy and draw (NSCLC: 18 per
 * draw), as does a PSM curves function's `{ kind: "exponential", rate }` definition, and its engine needs the rate alone unless a run, an error message or the exact
 * background cap asks for the curve, which {@link ExponentialRate.curve} then builds (once), the
 * same curve `exponentialSurvival({ rate })` gives. One small object instead of a curve's frozen
 * object, frozen definition and eight closures. Never handed to users.
 * @internal
 */
export class ExponentialRate {
  readonly rate: number;
  #curve: SurvivalCurve<ExponentialSurvivalDef> | undefined;
  constructor(rate: number) {
    this.rate = rate;
  }
  /** The public curve of this rate, built on first use. */
  curve(): SurvivalCurve<ExponentialSurvivalDef> {
    return (this.#curve ??= exponentialCurve(this.rate));
  }
}

/**
 * The {@link ExponentialRate} of `rate`, checked exactly as {@link exponentialSurvival} checks it
 * (the same error for the same value). @internal
 */
export function exponentialRate(rate: number): ExponentialRate {
  if (!validRate(rate)) checkParameters("exponential", { rate }, RATE_DOMAIN);
  return new ExponentialRate(rate);
}

/** The rate of a curve made by {@link exponentialSurvival} (not a copy of one) or of an {@link ExponentialRate}, else undefined. */
export function exponentialRateOf(curve: SurvivalCurve | ExponentialRate): number | undefined {
  return curve instanceof ExponentialRate ? curve.rate : EXPONENTIAL_RATE.read(curve);
}
