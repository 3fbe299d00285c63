import type { LifeTableDef } from "./life-table.js";
import type { TimeUnit } from "./time-unit.js";

/**
 * The serialisable definition of a survival curve, discriminated by `kind`: a parametric family
 * with its parameters, a table, or a construction from other curves (hazard ratio, join,
 * mixture, cure, background mortality). {@link survivalCurveFromDef} turns one back into a curve;
 * one kind's definition is `Extract<SurvivalCurveDef, { kind: "weibull" }>`. Curves built from
 * other curves hold their definitions as `{ kind, … }` objects (a `SurvivalCurveDef` for qaly's own
 * curves).
 */
export type SurvivalCurveDef =
  /** Definition of an exponential curve (flexsurv `"exp"`, parameter `rate`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "exponential";
      /** Constant hazard per unit of time (> 0). */
      readonly rate: number;
    }
  /** Definition of a Weibull curve in the accelerated-failure-time parameterisation (flexsurv `"weibull"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "weibull";
      /** Shape a (> 0): hazard falls over time if a < 1, is constant if a = 1, rises if a > 1. */
      readonly shape: number;
      /** Scale b (> 0), in the curve's time unit: S(b) = e^{−1}. */
      readonly scale: number;
    }
  /** Definition of a Weibull curve in the proportional-hazards parameterisation (flexsurv `"weibullPH"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "weibull-ph";
      /** Shape a (> 0). */
      readonly shape: number;
      /** flexsurv's `scale` m (> 0), a rate: h(t) = a·m·t^(a−1), in the curve's time unit to the power −a. */
      readonly scale: number;
    }
  /** Definition of a Gompertz curve (flexsurv `"gompertz"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "gompertz";
      /** Shape b (any finite number), per unit of time: the hazard grows as e^{b·t}; b < 0 gives a plateau. */
      readonly shape: number;
      /** Rate a (> 0): the hazard at time 0. */
      readonly rate: number;
    }
  /** Definition of a log-logistic curve (flexsurv `"llogis"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "log-logistic";
      /** Shape a (> 0): the hazard rises then falls when a > 1, and only falls when a ≤ 1. */
      readonly shape: number;
      /** Scale b (> 0): the median, in the curve's time unit. */
      readonly scale: number;
    }
  /** Definition of a lognormal curve (flexsurv `"lnorm"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "lognormal";
      /** Mean of log(T) (finite; log of the curve's time unit). */
      readonly meanlog: number;
      /** Standard deviation of log(T) (> 0). */
      readonly sdlog: number;
    }
  /** Definition of a gamma curve (flexsurv `"gamma"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "gamma";
      /** Shape a (> 0). */
      readonly shape: number;
      /** Rate r (> 0), per unit of time. */
      readonly rate: number;
    }
  /** Definition of a generalised gamma curve in Prentice's parameterisation (flexsurv `"gengamma"`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "generalised-gamma";
      /** Location μ (finite; log of the curve's time unit). */
      readonly mu: number;
      /** Scale σ (> 0). */
      readonly sigma: number;
      /** Shape Q (finite, any sign): 1 is the Weibull, σ the gamma, 0 the lognormal. */
      readonly Q: number;
    }
  /** Definition of a Royston–Parmar spline curve (flexsurv's `flexsurvspline`). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "royston-parmar";
      /** Spline coefficients γ₀, γ₁, … (one per knot), as flexsurv's `gamma`. */
      readonly gamma: readonly number[];
      /** Knots on the log-time scale, strictly increasing: boundary knots first and last. */
      readonly knots: readonly number[];
      /** The scale of the spline: log cumulative hazard, log cumulative odds or probit. */
      readonly scale: "hazard" | "odds" | "normal";
    }
  /** Definition of a piecewise exponential curve. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "piecewise-exponential";
      /** Times where the hazard changes, strictly increasing and > 0. */
      readonly cuts: readonly number[];
      /** Hazard in each interval (≥ 0), one more than `cuts`: [0, c₁), [c₁, c₂), …, [c_k, ∞). */
      readonly rates: readonly number[];
    }
  /** Definition of a survival curve given as a table of (time, S(t)). */
  | {
      /** Discriminator of the definition. */
      readonly kind: "table";
      /** Knot times, strictly increasing, starting at 0. */
      readonly time: readonly number[];
      /** S at each knot, non-increasing, 1 at time 0. */
      readonly survival: readonly number[];
      /** Interpolation between knots. */
      readonly interpolation: "log-linear" | "linear";
    }
  /** Definition of a curve with a proportional hazard ratio applied. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "hazard-ratio";
      /** The reference curve. */
      readonly curve: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The hazard ratio (> 0). */
      readonly hazardRatio: number;
    }
  /** Definition of a curve with an acceleration factor (time ratio) applied. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "acceleration-factor";
      /** The reference curve. */
      readonly curve: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The acceleration factor, a time ratio (> 0). */
      readonly accelerationFactor: number;
    }
  /** Definition of two curves joined at a time point. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "joined";
      /** The curve followed up to `atTime` (e.g. Kaplan–Meier data). */
      readonly first: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The curve whose conditional survival is followed after `atTime` (e.g. a parametric tail). */
      readonly second: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The join time, in the curves' time unit. */
      readonly atTime: number;
      /** Whether the second curve's clock restarts at 0 at the join (default: it runs on model time). */
      readonly restartClock: boolean;
    }
  /** Definition of a mixture of survival curves. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "mixture";
      /** The component curves. */
      readonly curves: readonly {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      }[];
      /** Their weights (≥ 0, summing to 1). */
      readonly weights: readonly number[];
    }
  /** Definition of a mixture cure curve. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "mixture-cure";
      /** The survival of the uncured. */
      readonly curve: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The cured proportion π in [0, 1). */
      readonly cureFraction: number;
    }
  /** Definition of a general-population survival curve from a life table. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "life-table";
      /** The life table. */
      readonly lifeTable: LifeTableDef;
      /** Age of the cohort at time 0, in years. */
      readonly startAge: number;
      /** Sex mix at time 0. */
      readonly sexMix: Readonly<Record<string, number>>;
      /** The time unit of the curve. */
      readonly timeUnit: TimeUnit;
    }
  /** Definition of a curve whose hazard is capped from below by general-population mortality. */
  | {
      /** Discriminator of the definition. */
      readonly kind: "capped-by-background";
      /** The disease-specific (modelled) curve. */
      readonly curve: {
        /** The family or construction, e.g. `"weibull"`. */
        readonly kind: string;
      };
      /** The general-population curve that bounds its hazard from below. */
      readonly background: Extract<SurvivalCurveDef, {
        /** The general-population curve's kind. */
        readonly kind: "life-table";
      }>;
    };

/**
 * A survival curve S(t) = P(T > t) for the time T to an event (progression, death) measured from
 * the start of the model, in whatever time unit its parameters were fitted in (months or years,
 * typically). Every method is total: a negative time gives S = 1 and zero hazard, and an
 * argument outside its domain (NaN, p outside [0, 1]) gives `NaN`.
 */
export interface SurvivalCurve<D = {
  /** The family or construction, e.g. `"weibull"`. */
  readonly kind: string;
}> {
  /** The serialisable definition. */
  readonly def: D;
  /** S(t): the proportion still event-free at time t. */
  survival(t: number): number;
  /** h(t): the instantaneous event rate at time t among those still event-free. */
  hazard(t: number): number;
  /** H(t) = ∫₀ᵗ h = −log S(t) (may be `Infinity` where S underflows to 0). */
  cumulativeHazard(t: number): number;
  /** ∫₀^τ S(t) dt: the mean event-free time up to the horizon τ (finite, ≥ 0). */
  restrictedMean(tau: number): number;
  /** The time by which a proportion p has had the event: S(t) = 1 − p (`Infinity` beyond a cure plateau). */
  quantile(p: number): number;
  /** The median event time, `quantile(0.5)`. */
  median(): number;
  /** A readable form such as `Weibull(shape=1.3, scale=24)`. */
  toString(): string;
  /**
   * Optional fast path: writes H(start + (k + 1)·step) into `out[k]` for every k, as repeated
   * `cumulativeHazard` calls would, but faster (Weibull curves avoid a `pow` per point).
   * `transitionProbabilities` uses it when present.
   */
  cumulativeHazardGrid?(start: number, step: number, out: Float64Array): Float64Array;
}
