import { fail } from "../core/errors.js";
import type { SurvivalFit } from "../survival/fit/survival-fit.js";

/**
 * A fitted survival model written as model-file content: a parameter group whose components are
 * the fit's coefficients, drawn jointly from a multivariate normal with the fit's covariance in a
 * PSA (a single normal parameter for a one-coefficient fit, the exponential), and a curve
 * definition whose numbers are expressions over those parameters.
 */
export interface SurvivalFitFragment {
  /** `parameters:` entries: the coefficient of a one-coefficient fit with its normal distribution (else empty). */
  readonly parameters: Readonly<Record<string, {
    /** The estimate. */
    readonly value: number;
    /** Its normal sampling distribution. */
    readonly distribution: {
      /** Always `"normal"`. */
      readonly kind: "normal";
      /** The estimate. */
      readonly mean: number;
      /** Its standard error. */
      readonly sd: number;
    };
    /** Where the number comes from. */
    readonly source: string;
  }>>;
  /** `groups:` entries, keyed by name: the coefficients of a fit with two or more (else empty). */
  readonly groups: Readonly<Record<string, {
    /** The multivariate normal of the coefficients. */
    readonly distribution: {
      /** Always `"multivariateNormal"`. */
      readonly kind: "multivariateNormal";
      /** The coefficients (flexsurv's transformed scale). */
      readonly mean: readonly number[];
      /** Their covariance matrix. */
      readonly covariance: readonly (readonly number[])[];
    };
    /** The parameter names of the coefficients, in order. */
    readonly components: readonly string[];
    /** Where the numbers come from. */
    readonly source: string;
  }>>;
  /** The curve definition for a partitioned-survival model's `curves:` (numbers as expressions). */
  readonly curve: Readonly<Record<string, unknown>>;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `log(shape)` → `LogShape`, `gamma0` → `Gamma0`, `Q` → `Q`. */
function suffix(coefficientName: string): string {
  const log = /^log\((\w+)\)$/.exec(coefficientName);
  const word = log === null ? coefficientName : log[1]!;
  return `${log === null ? "" : "Log"}${word[0]!.toUpperCase()}${word.slice(1)}`;
}

/**
 * Writes a fitted survival model as model-file content, so that a model file uses the fit and its
 * PSA draws the fit's uncertainty: a `groups:` entry (multivariate normal of the coefficients on
 * flexsurv's transformed scale, as NICE DSU TSD 14 recommends for parametric survival models) and
 * a curve definition over those parameters, e.g. `{ kind: weibull, shape: exp(osLogShape), scale:
 * exp(osLogScale) }`. With covariates, the coefficients are those of the covariate profile given.
 *
 * @param fit - a fit from `fitSurvival` or `fitSurvivalSpline`
 * @param options - `name` (prefix of the group and its parameters, an identifier), `source` (default
 *   names the family, AIC and numbers of patients and events), `covariates` (the profile, default all 0)
 * @returns the parameters or group and the curve, ready to be written as YAML or JSON
 * @throws QalyError `invalid_argument` at `["name"]` when the name is not an identifier
 * @example
 * const fit = fitSurvival({ time: [5, 8, 12, 20, 25, 30], event: [1, 1, 1, 0, 1, 0] }, "exp");
 * const fragment = survivalFitFragment(fit, { name: "os" });
 * fragment.curve // => { kind: "exponential", rate: "exp(osLogRate)" }
 * Object.keys(fragment.parameters) // => ["osLogRate"]
 */
export function survivalFitFragment(fit: SurvivalFit, options: { readonly name: string; readonly source?: string; readonly covariates?: Readonly<Record<string, number>> }): SurvivalFitFragment {
  const name = options?.name;
  if (typeof name !== "string" || !IDENTIFIER.test(name)) fail("invalid_argument", ["name"], `the name must be an identifier (a letter, then letters, digits or _); received ${JSON.stringify(name)}`, { received: name });
  const { coefficients, covariance } = fit.atCovariates(options.covariates);
  const baseNames = fit.coefficientNames.slice(0, coefficients.length);
  const components = baseNames.map((coefficient) => `${name}${suffix(coefficient)}`);
  const c = (i: number): string => components[i]!;
  const e = (i: number): string => `exp(${components[i]!})`;
  let curve: Record<string, unknown>;
  switch (fit.distribution) {
    case "exp": curve = { kind: "exponential", rate: e(0) }; break;
    case "weibull": curve = { kind: "weibull", shape: e(0), scale: e(1) }; break;
    case "weibullPH": curve = { kind: "weibull-ph", shape: e(0), scale: e(1) }; break;
    case "gompertz": curve = { kind: "gompertz", shape: c(0), rate: e(1) }; break;
    case "llogis": curve = { kind: "log-logistic", shape: e(0), scale: e(1) }; break;
    case "lnorm": curve = { kind: "lognormal", meanlog: c(0), sdlog: e(1) }; break;
    case "gamma": curve = { kind: "gamma", shape: e(0), rate: e(1) }; break;
    case "gengamma": curve = { kind: "generalised-gamma", mu: c(0), sigma: e(1), Q: c(2) }; break;
    case "spline": curve = { kind: "royston-parmar", gamma: components.map((_, i) => c(i)), knots: [...fit.knots!], scale: fit.scale! }; break;
  }
  const source = options.source ?? `${fit.distribution} fitted by maximum likelihood to ${fit.observations} patients (${fit.events} events); AIC ${fit.aic.toFixed(2)}`;
  // Model-file groups have two or more components: a one-coefficient fit is a normal parameter.
  if (components.length === 1) {
    const sd = Math.sqrt(covariance[0]![0]!);
    return Object.freeze({ parameters: { [components[0]!]: { value: coefficients[0]!, distribution: { kind: "normal" as const, mean: coefficients[0]!, sd }, source } }, groups: {}, curve });
  }
  return Object.freeze({
    parameters: {},
    groups: { [name]: { distribution: { kind: "multivariateNormal" as const, mean: Array.from(coefficients), covariance }, components, source } },
    curve,
  });
}
