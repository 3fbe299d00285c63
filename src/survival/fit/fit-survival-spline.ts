import { fail } from "../../core/errors.js";
import type { SplineScale } from "../royston-parmar-survival.js";
import { roystonParmarCurve, roystonParmarSurvival } from "../royston-parmar-survival.js";
import type { FitSpec } from "./fit-engine.js";
import { fitSpec, identity, inFittingUnit } from "./fit-engine.js";
import { weibullOf } from "./fit-survival.js";
import type { SurvivalData } from "./survival-data.js";
import { checkSurvivalData } from "./survival-data.js";
import type { FitSurvivalOptions, SurvivalFit } from "./survival-fit.js";

/** Options of {@link fitSurvivalSpline}. */
export interface FitSurvivalSplineOptions extends FitSurvivalOptions {
  /** The scale of the spline (default `"hazard"`: proportional hazards in the covariates). */
  readonly scale?: SplineScale;
  /** Number of internal knots, placed at equally spaced quantiles of the log event times (default 1). */
  readonly internalKnots?: number;
  /** Internal knots given explicitly, on the log-time scale, strictly inside the range of the log event times (overrides `internalKnots`). */
  readonly knots?: readonly number[];
}

/** Quantile of sorted values by R's default (type 7) definition. */
function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
}

/**
 * Fits a Royston–Parmar spline model by maximum likelihood, as R's
 * `flexsurvspline(Surv(time, event) ~ covariates, k, scale)`.
 *
 * The boundary knots are the smallest and largest log event time; the internal knots sit at
 * equally spaced quantiles of the log event times (flexsurv's and Stata's `stpm` rule), unless
 * given. Covariates shift γ₀: log hazard ratios on the hazard scale, log odds ratios on the odds
 * scale. Zero internal knots give the Weibull (hazard), log-logistic (odds) and lognormal (normal)
 * models. Starting values come from a Weibull fit; estimation, standard errors and covariance as in
 * {@link fitSurvival}. Choose the number of knots by AIC (NICE DSU TSD 21 recommends few, 1 to 3,
 * and checking the extrapolated tail, which is linear in log time beyond the last knot).
 *
 * @param data - times (> 0), events (0/1) and optional numeric covariates
 * @param options - scale, number or positions of internal knots, iteration limit
 * @returns the fit (`distribution` is `"spline"`, with `knots` and `scale`)
 * @throws QalyError as {@link fitSurvival}; `invalid_argument` at `["internalKnots"]` or `["knots", i]`
 * @example
 * const data = { time: [2, 3, 4, 6, 7, 9, 10, 12, 15, 20], event: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0] };
 * const spline = fitSurvivalSpline(data, { internalKnots: 0 }); // the Weibull
 * spline.logLikelihood // => -24.2658
 * spline.coefficientNames // => ["gamma0", "gamma1"]
 */
export function fitSurvivalSpline(data: SurvivalData, options: FitSurvivalSplineOptions = {}): SurvivalFit {
  const scale = options.scale ?? "hazard";
  if (scale !== "hazard" && scale !== "odds" && scale !== "normal") fail("invalid_argument", ["scale"], `scale must be "hazard", "odds" or "normal" (received ${JSON.stringify(scale)})`, { received: scale });
  const original = checkSurvivalData(data);
  const logEvents = Array.from(original.time).filter((_, i) => original.event[i] === 1).map(Math.log).sort((a, b) => a - b);
  const lo = logEvents[0]!;
  const hi = logEvents[logEvents.length - 1]!;
  if (!(hi > lo)) fail("impossible_fit", ["event"], "a spline needs events at two different times at least (its boundary knots are the first and last log event times)");
  let internal: number[];
  if (options.knots !== undefined) {
    internal = [...options.knots];
    internal.forEach((k, i) => {
      if (!(Number.isFinite(k) && k > lo && k < hi && (i === 0 || k > internal[i - 1]!))) fail("invalid_argument", ["knots", i], `internal knots must increase strictly inside the log event times (${lo} to ${hi}); received ${k}`, { received: k });
    });
  } else {
    const count = options.internalKnots ?? 1;
    if (!(Number.isInteger(count) && count >= 0 && count <= logEvents.length - 2)) fail("invalid_argument", ["internalKnots"], `the number of internal knots must be a whole number from 0 to ${Math.max(0, logEvents.length - 2)} (events − 2); received ${count}`, { received: count });
    internal = Array.from({ length: count }, (_, j) => quantileSorted(logEvents, (j + 1) / (count + 1)));
  }
  const knots = [lo, ...internal, hi];
  const { scaled, logUnit } = inFittingUnit(original);
  const scaledKnots = knots.map((k) => k - logUnit);
  const names = knots.map((_, j) => `gamma${j}`);
  const spec: FitSpec = {
    distribution: "spline",
    coefficientNames: names,
    parameterNames: names,
    logScale: names.map(() => false),
    location: 0,
    knots,
    scale,
    build: (c) => roystonParmarCurve(Array.from(c), scaledKnots, scale),
    curve: (c) => roystonParmarSurvival({ gamma: Array.from(c), knots, scale }),
    // In log time x = x_u + log unit: s(x) = γ₀ − γ₁·log unit + γ₁·x + … (the basis only sees differences).
    rescale: (fitted, log) => {
      const coefficients = Float64Array.from(fitted);
      coefficients[0] = fitted[0]! - fitted[1]! * log;
      const jacobian = identity(fitted.length);
      jacobian[0]![1] = -log;
      return { coefficients, jacobian };
    },
    *starts(d) {
      const zeros = new Array<number>(knots.length - 2).fill(0);
      const weibull = weibullOf(d) ?? { shape: 1, scale: 1 };
      const a = weibull.shape;
      const logB = Math.log(weibull.scale);
      // The Weibull's s on each scale: log H (hazard), ≈ log odds (odds), probit of a lognormal of matching spread (normal).
      const sigma = 1.28 / a;
      const matched = scale === "normal" ? [-logB / sigma, 1 / sigma] : [-a * logB, a];
      yield [...matched, ...zeros];
      yield [0, 1, ...zeros];
    },
  };
  return fitSpec(spec, original, scaled, logUnit, options);
}
