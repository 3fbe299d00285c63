import type { SurvivalCurve } from "../survival-curve.js";
import type { FlexsurvDistribution } from "../survival-from-coefficients.js";
import { flexsurvFamily, survivalFromCoefficients } from "../survival-from-coefficients.js";
import type { FitSpec } from "./fit-engine.js";
import { fitSpec, identity, inFittingUnit, logLikelihoodOf } from "./fit-engine.js";
import { maximiseLikelihood } from "./maximise-likelihood.js";
import type { CheckedSurvivalData, SurvivalData } from "./survival-data.js";
import { checkSurvivalData } from "./survival-data.js";
import type { FitSurvivalOptions, SurvivalFit } from "./survival-fit.js";

/** The index of the location parameter (the one covariates act on) in flexsurv's coefficient order. */
const LOCATION: Readonly<Record<FlexsurvDistribution, number>> = { exp: 0, weibull: 1, weibullPH: 1, gompertz: 1, llogis: 1, lnorm: 0, gamma: 1, gengamma: 0 };

/** Starting values from the exponential fit (m = log of the mean time per event). */
function roughStart(distribution: FlexsurvDistribution, data: CheckedSurvivalData): number[] {
  let total = 0;
  for (const t of data.time) total += t;
  const m = Math.log(total / data.events);
  switch (distribution) {
    case "exp": return [-m];
    case "weibull": return [0, m];
    case "weibullPH": return [0, -m];
    case "gompertz": return [0, -m];
    case "llogis": return [0, m];
    case "lnorm": return [m, 0];
    case "gamma": return [0, -m];
    case "gengamma": return [m, 0, 1];
  }
}

/** Starting values matched to a fitted Weibull (shape a, scale b). */
function fromWeibull(distribution: FlexsurvDistribution, { shape, scale }: { shape: number; scale: number }): number[] {
  const logA = Math.log(shape);
  const logB = Math.log(scale);
  switch (distribution) {
    case "exp": return [-logB];
    case "weibull": return [logA, logB];
    case "weibullPH": return [logA, -shape * logB];
    case "gompertz": return [0, -logB];
    case "llogis": return [logA, logB];
    case "lnorm": return [logB, Math.log(1.28 / shape)]; // the Gumbel's sd is π/√6 ≈ 1.28
    case "gamma": return [0, -logB];
    case "gengamma": return [logB, -logA, 1];
  }
}

/** The Weibull fitted without covariates, as a starting point for the others. @internal */
export function weibullOf(data: CheckedSurvivalData): { shape: number; scale: number } | undefined {
  const build = (c: Float64Array): SurvivalCurve => survivalFromCoefficients("weibull", c);
  const fit = maximiseLikelihood(logLikelihoodOf(build, 1, 2, { ...data, covariateNames: [], covariates: [] }, []), roughStart("weibull", data));
  return fit.converged ? { shape: Math.exp(fit.x[0]!), scale: Math.exp(fit.x[1]!) } : undefined;
}

/**
 * Coefficients for time in the original unit from those fitted to t/unit, with the Jacobian of the
 * map (covariate effects are unchanged: log hazard ratios and log time ratios do not depend on the unit).
 */
function rescaleTime(distribution: FlexsurvDistribution, fitted: Float64Array, logUnit: number): { coefficients: Float64Array; jacobian: number[][] } {
  const coefficients = Float64Array.from(fitted);
  const jacobian = identity(fitted.length);
  switch (distribution) {
    case "exp":
    case "gamma":
      coefficients[distribution === "exp" ? 0 : 1]! -= logUnit;
      break;
    case "weibull":
    case "llogis":
      coefficients[1]! += logUnit;
      break;
    case "lnorm":
    case "gengamma":
      coefficients[0]! += logUnit;
      break;
    case "gompertz":
      coefficients[0] = fitted[0]! / Math.exp(logUnit);
      coefficients[1]! -= logUnit;
      jacobian[0]![0] = 1 / Math.exp(logUnit);
      break;
    case "weibullPH": {
      // H = m·t^a: m_t = m_u·unit^(−a), so log m_t = log m_u − e^{log a}·log unit.
      const a = Math.exp(fitted[0]!);
      coefficients[1]! -= a * logUnit;
      jacobian[1]![0] = -a * logUnit;
      break;
    }
  }
  return { coefficients, jacobian };
}

/**
 * Fits a parametric survival model to right-censored data by maximum likelihood, with optional
 * covariates on the location parameter, as R's `flexsurvreg(Surv(time, event) ~ covariates, dist)`.
 *
 * The families and their parameterisations are flexsurv's (`exp`, `weibull`, `weibullPH`,
 * `gompertz`, `llogis`, `lnorm`, `gamma`, `gengamma`); covariates act on the log of the rate or
 * scale, or on `meanlog`/`mu`, so a coefficient is a log hazard ratio in the proportional-hazards
 * families (exponential, Weibull PH, Gompertz) and a log time ratio in the accelerated-failure-time
 * ones. The likelihood Σ events·log h(t) − Σ H(t) is maximised on the transformed scale by Newton's
 * method with Marquardt damping, on numerical derivatives (central differences); standard errors
 * and the covariance matrix are the inverse of the numerical Hessian at the maximum (agreeing with
 * flexsurv's to about 4 significant digits). Covariates are centred internally for conditioning
 * and the results transformed back. NICE DSU TSD 14 asks for all standard families to be fitted
 * and compared by AIC and BIC, see {@link fitSurvivalModels}.
 *
 * @param data - times (> 0), events (0/1) and optional numeric covariates
 * @param distribution - flexsurv's `dist` name
 * @param options - starting values, iteration limit
 * @returns the fit
 * @throws QalyError `invalid_argument` / `dimension_mismatch` / `impossible_fit` at the offending
 *   data path (negative time, event not 0/1, no events, a constant covariate); `impossible_fit` at
 *   `[distribution]` when the maximisation does not converge or the information matrix is singular
 * @example
 * const fit = fitSurvival({ time: [5, 8, 12, 20, 25, 30], event: [1, 1, 1, 0, 1, 0] }, "exp");
 * fit.parameters[0]!.estimate // => 0.04
 * fit.logLikelihood // => -16.8755
 * fit.curve().toString() // => "Exponential(rate=0.04)"
 */
export function fitSurvival(data: SurvivalData, distribution: FlexsurvDistribution, options: FitSurvivalOptions = {}): SurvivalFit {
  const family = flexsurvFamily(distribution);
  const original = checkSurvivalData(data);
  // Fitted in units of the mean follow-up time, so that every coefficient is of order 1 (a Gompertz
  // shape per day is ~1e-3, too small for the finite-difference steps), then mapped back.
  const { scaled, logUnit } = inFittingUnit(original);
  const build = (c: Float64Array): SurvivalCurve => survivalFromCoefficients(distribution, c);
  const spec: FitSpec = {
    distribution,
    coefficientNames: family.coefficientNames,
    parameterNames: family.parameters,
    logScale: family.logScale,
    location: LOCATION[distribution],
    build,
    curve: build,
    rescale: (fitted, log) => rescaleTime(distribution, fitted, log),
    // The generalised gamma starts from the Weibull it nests; the others from the exponential,
    // then (only if that fails) from the Weibull.
    *starts(d) {
      if (distribution !== "gengamma") yield roughStart(distribution, d);
      const weibull = distribution === "exp" || distribution === "weibull" ? undefined : weibullOf(d);
      if (weibull !== undefined) yield fromWeibull(distribution, weibull);
      if (distribution === "gengamma") yield roughStart(distribution, d);
    },
  };
  return fitSpec(spec, original, scaled, logUnit, options);
}
