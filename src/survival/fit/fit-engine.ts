// The maximum-likelihood machinery shared by the parametric families and the spline models: the
// log-likelihood with covariates on the location parameter, Newton's method from a list of
// starting values, the covariance from the numerical Hessian, and the map back to the caller's
// time unit and uncentred covariates.
import { fail } from "../../core/errors.js";
import type { Rng } from "../../random/rng.js";
import { multivariateNormal } from "../../distributions/multivariate-normal.js";
import type { SplineScale } from "../royston-parmar-survival.js";
import type { SurvivalCurve } from "../survival-curve.js";
import type { FlexsurvDistribution } from "../survival-from-coefficients.js";
import { invertPositiveDefinite, maximiseLikelihood } from "./maximise-likelihood.js";
import type { CheckedSurvivalData } from "./survival-data.js";
import type { FittedParameter, FitSurvivalOptions, SurvivalFit } from "./survival-fit.js";

/** A model to fit, described for data measured in units of `unit` (the mean follow-up). @internal */
export interface FitSpec {
  readonly distribution: FlexsurvDistribution | "spline";
  /** Baseline coefficient names on the transformed scale. */
  readonly coefficientNames: readonly string[];
  /** Natural-scale names, and whether each coefficient is the log of its parameter. */
  readonly parameterNames: readonly string[];
  readonly logScale: readonly boolean[];
  /** Index of the coefficient covariates are added to. */
  readonly location: number;
  /** The curve for coefficients in the fitting unit; may throw for coefficients outside the domain (−∞). */
  build(coefficients: Float64Array): SurvivalCurve;
  /** Starting values in the fitting unit, tried in order; later ones are computed only when earlier ones fail. */
  starts(data: CheckedSurvivalData): Iterable<readonly number[]>;
  /** Coefficients in the caller's unit from those in the fitting unit, with the Jacobian of the map. */
  rescale(fitted: Float64Array, logUnit: number): { coefficients: Float64Array; jacobian: number[][] };
  /** The validated curve for coefficients in the caller's unit. */
  curve(coefficients: Float64Array): SurvivalCurve;
  readonly knots?: readonly number[];
  readonly scale?: SplineScale;
}

const Z95 = 1.959963984540054;

/** The log-likelihood Σ events·log h(t) − Σ H(t) on the transformed scale, with centred covariates. */
export function logLikelihoodOf(build: (coefficients: Float64Array) => SurvivalCurve, location: number, base: number, data: CheckedSurvivalData, centred: readonly Float64Array[]): (theta: Float64Array) => number {
  const n = data.time.length;
  const p = centred.length;
  const coefficients = new Float64Array(base);
  const curveAt = (theta: Float64Array, shift: number): SurvivalCurve | undefined => {
    for (let j = 0; j < base; j++) coefficients[j] = theta[j]!;
    coefficients[location] = theta[location]! + shift;
    try {
      return build(coefficients);
    } catch {
      return undefined; // parameters outside the family's domain (e.g. exp overflow): −∞
    }
  };
  const contribution = (curve: SurvivalCurve, i: number): number => {
    const t = data.time[i]!;
    const cumulative = curve.cumulativeHazard(t);
    return data.event[i] === 1 ? Math.log(curve.hazard(t)) - cumulative : -cumulative;
  };
  return (theta) => {
    let total = 0;
    if (p === 0) {
      const curve = curveAt(theta, 0);
      if (curve === undefined) return -Infinity;
      for (let i = 0; i < n; i++) total += contribution(curve, i);
      return Number.isNaN(total) ? -Infinity : total;
    }
    // Patients who share a linear predictor (a treatment arm) share one curve.
    const curves = new Map<number, SurvivalCurve | undefined>();
    for (let i = 0; i < n; i++) {
      let shift = 0;
      for (let j = 0; j < p; j++) shift += theta[base + j]! * centred[j]![i]!;
      let curve = curves.get(shift);
      if (curve === undefined && !curves.has(shift)) curves.set(shift, (curve = curveAt(theta, shift)));
      if (curve === undefined) return -Infinity;
      total += contribution(curve, i);
    }
    return Number.isNaN(total) ? -Infinity : total;
  };
}

/** The data in units of their mean follow-up, and log of that unit. */
export function inFittingUnit(data: CheckedSurvivalData): { scaled: CheckedSurvivalData; logUnit: number } {
  const unit = data.time.reduce((s, t) => s + t, 0) / data.time.length;
  return { scaled: { ...data, time: data.time.map((t) => t / unit) }, logUnit: Math.log(unit) };
}

export function identity(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
}

/** J·V·Jᵀ. */
function sandwich(j: readonly (readonly number[])[], v: readonly (readonly number[])[]): number[][] {
  const k = v.length;
  const jv = j.map((row) => Array.from({ length: k }, (_, c) => row.reduce((s, x, m) => s + x * v[m]![c]!, 0)));
  return jv.map((row) => j.map((other) => row.reduce((s, x, m) => s + x * other[m]!, 0)));
}

/**
 * Fits `spec` to data already in the fitting unit (`scaled`, with `logUnit` the log of the unit):
 * Newton from each start until one converges, then the covariance and the map back.
 */
export function fitSpec(spec: FitSpec, original: CheckedSurvivalData, scaled: CheckedSurvivalData, logUnit: number, options: FitSurvivalOptions): SurvivalFit {
  const base = spec.coefficientNames.length;
  const p = scaled.covariateNames.length;
  const k = base + p;
  // Centred covariates: the intercept is then nearly uncorrelated with the effects.
  const means = scaled.covariates.map((column) => column.reduce((s, v) => s + v, 0) / column.length);
  const centred = scaled.covariates.map((column, j) => column.map((v) => v - means[j]!));
  const loglik = logLikelihoodOf((c) => spec.build(c), spec.location, base, scaled, centred);
  const limit = options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {};
  let best: ReturnType<typeof maximiseLikelihood> | undefined;
  for (const start of spec.starts(scaled)) {
    const result = maximiseLikelihood(loglik, [...start, ...new Array<number>(p).fill(0)], limit);
    if (best === undefined || (result.converged && !best.converged) || (result.converged === best.converged && result.value > best.value)) best = result;
    if (best.converged) break;
  }
  const name = spec.distribution;
  const fitted = best?.converged ? invertPositiveDefinite(best.hessian.map((v) => -v), k) : undefined;
  if (best === undefined || !best.converged || fitted === undefined || !Number.isFinite(best.value)) {
    const why = best === undefined || !best.converged ? `the likelihood maximisation stopped after ${best?.iterations ?? 0} iterations without a vanishing gradient` : "the observed information matrix is not positive definite (a parameter is not identifiable from these data)";
    return fail("impossible_fit", [name], `${name} did not converge: ${why}`, { received: best === undefined ? undefined : Array.from(best.x) });
  }
  const location = spec.location;
  const uncentred = Float64Array.from(best.x);
  const centring = identity(k);
  for (let j = 0; j < p; j++) {
    uncentred[location] = uncentred[location]! - best.x[base + j]! * means[j]!;
    centring[location]![base + j] = -means[j]!;
  }
  const { coefficients, jacobian } = spec.rescale(uncentred, logUnit);
  const fittedRows = Array.from({ length: k }, (_, i) => Array.from(fitted.subarray(i * k, i * k + k)));
  const covariance = sandwich(jacobian, sandwich(centring, fittedRows));
  // The density in the caller's unit has the Jacobian 1/unit per event.
  return buildFit(spec, original, coefficients, covariance, best.value - original.events * logUnit, best.iterations);
}

function buildFit(spec: FitSpec, data: CheckedSurvivalData, coefficients: Float64Array, covariance: number[][], logLikelihood: number, iterations: number): SurvivalFit {
  const base = spec.coefficientNames.length;
  const k = coefficients.length;
  const location = spec.location;
  const parameters = Array.from(coefficients, (estimate, i): FittedParameter => {
    const se = Math.sqrt(covariance[i]![i]!);
    const name = i < base ? spec.parameterNames[i]! : data.covariateNames[i - base]!;
    return i < base && spec.logScale[i]
      ? { name, estimate: Math.exp(estimate), standardError: Math.exp(estimate) * se, lower: Math.exp(estimate - Z95 * se), upper: Math.exp(estimate + Z95 * se) }
      : { name, estimate, standardError: se, lower: estimate - Z95 * se, upper: estimate + Z95 * se };
  });
  const profile = (values: Readonly<Record<string, number>> = {}) => {
    for (const name of Object.keys(values)) {
      if (!data.covariateNames.includes(name)) fail("invalid_argument", ["covariates", name], `the ${spec.distribution} fit has no covariate ${JSON.stringify(name)} (it has ${data.covariateNames.length === 0 ? "none" : data.covariateNames.join(", ")})`, { received: name });
      if (!Number.isFinite(values[name])) fail("invalid_argument", ["covariates", name], `covariate values must be finite numbers (received ${String(values[name])})`, { received: values[name] });
    }
    // Row `location` of A adds Σ x_j·β_j; the profile's covariance is A·V·Aᵀ.
    const x = data.covariateNames.map((name) => values[name] ?? 0);
    const a = Array.from({ length: base }, (_, i) => Array.from({ length: k }, (_, m) => (m === i ? 1 : i === location && m >= base ? x[m - base]! : 0)));
    const out = Float64Array.from(a, (row) => row.reduce((s, v, m) => s + v * coefficients[m]!, 0));
    return { coefficients: out, covariance: sandwich(a, covariance) };
  };
  return Object.freeze({
    distribution: spec.distribution,
    ...(spec.knots !== undefined ? { knots: Object.freeze([...spec.knots]) } : {}),
    ...(spec.scale !== undefined ? { scale: spec.scale } : {}),
    covariates: Object.freeze([...data.covariateNames]),
    coefficientNames: Object.freeze([...spec.coefficientNames, ...data.covariateNames]),
    coefficients,
    covariance: Object.freeze(covariance.map((row) => Object.freeze(row))),
    parameters: Object.freeze(parameters),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * k,
    bic: -2 * logLikelihood + Math.log(data.time.length) * k,
    observations: data.time.length,
    events: data.events,
    iterations,
    curve: (values?: Readonly<Record<string, number>>) => spec.curve(profile(values).coefficients),
    atCovariates: profile,
    drawCurves: (draws: number, rng: Rng, values?: Readonly<Record<string, number>>) => {
      if (!(Number.isInteger(draws) && draws >= 1)) fail("invalid_argument", ["draws"], `the number of draws must be an integer ≥ 1 (received ${draws})`, { received: draws });
      const at = profile(values);
      const distribution = multivariateNormal({ mean: Array.from(at.coefficients), covariance: at.covariance });
      const row = new Float64Array(base);
      return Object.freeze(Array.from({ length: draws }, () => spec.curve(distribution.sample(rng, row))));
    },
  });
}
