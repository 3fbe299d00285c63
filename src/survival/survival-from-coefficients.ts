import { fail } from "../core/errors.js";
import { exponentialSurvival } from "./exponential-survival.js";
import { gammaSurvival } from "./gamma-survival.js";
import { generalisedGammaSurvival } from "./generalised-gamma-survival.js";
import { gompertzSurvival } from "./gompertz-survival.js";
import { logLogisticSurvival } from "./log-logistic-survival.js";
import { lognormalSurvival } from "./lognormal-survival.js";
import type { SurvivalCurve } from "./survival-curve.js";
import { weibullPhSurvival } from "./weibull-ph-survival.js";
import { weibullSurvival } from "./weibull-survival.js";
import { ownEntry } from "../core/own-entry.js";

/** The parametric families by their flexsurv `dist` names. */
export type FlexsurvDistribution = "exp" | "weibull" | "weibullPH" | "gompertz" | "llogis" | "lnorm" | "gamma" | "gengamma";

interface Family {
  /** flexsurv's parameter names, in `res.t` / `vcov()` order. */
  readonly parameters: readonly string[];
  /** Whether each is on the log scale in `res.t` (otherwise it is as is). */
  readonly logScale: readonly boolean[];
  readonly build: (natural: readonly number[]) => SurvivalCurve;
}

const FAMILIES: Readonly<Record<FlexsurvDistribution, Family>> = {
  exp: { parameters: ["rate"], logScale: [true], build: ([rate]) => exponentialSurvival({ rate: rate! }) },
  weibull: { parameters: ["shape", "scale"], logScale: [true, true], build: ([shape, scale]) => weibullSurvival({ shape: shape!, scale: scale! }) },
  weibullPH: { parameters: ["shape", "scale"], logScale: [true, true], build: ([shape, scale]) => weibullPhSurvival({ shape: shape!, scale: scale! }) },
  gompertz: { parameters: ["shape", "rate"], logScale: [false, true], build: ([shape, rate]) => gompertzSurvival({ shape: shape!, rate: rate! }) },
  llogis: { parameters: ["shape", "scale"], logScale: [true, true], build: ([shape, scale]) => logLogisticSurvival({ shape: shape!, scale: scale! }) },
  lnorm: { parameters: ["meanlog", "sdlog"], logScale: [false, true], build: ([meanlog, sdlog]) => lognormalSurvival({ meanlog: meanlog!, sdlog: sdlog! }) },
  gamma: { parameters: ["shape", "rate"], logScale: [true, true], build: ([shape, rate]) => gammaSurvival({ shape: shape!, rate: rate! }) },
  gengamma: { parameters: ["mu", "sigma", "Q"], logScale: [false, true, false], build: ([mu, sigma, Q]) => generalisedGammaSurvival({ mu: mu!, sigma: sigma!, Q: Q! }) },
};

/**
 * The flexsurv family of a `dist` name, with the names of its coefficients on the transformed scale.
 * @internal
 */
export function flexsurvFamily(distribution: FlexsurvDistribution): Family & { readonly coefficientNames: readonly string[] } {
  const family = ownEntry(FAMILIES, distribution);
  if (family === undefined) fail("invalid_argument", ["distribution"], `unknown flexsurv distribution ${JSON.stringify(distribution)}`, { received: distribution, expected: Object.keys(FAMILIES).join(" | ") });
  return { ...family, coefficientNames: family.parameters.map((name, i) => (family.logScale[i] ? `log(${name})` : name)) };
}

/**
 * Builds a survival curve from coefficients on flexsurv's transformed (real-line) scale, as in a
 * fitted model's `fit$res.t[, "est"]` or `coef(fit)` without covariates.
 *
 * Positive parameters are on the log scale: exp → log(rate); weibull and weibullPH → log(shape),
 * log(scale); gompertz → shape, log(rate); llogis → log(shape), log(scale); lnorm → meanlog,
 * log(sdlog); gamma → log(shape), log(rate); gengamma → mu, log(sigma), Q. This is the scale on
 * which flexsurv's `vcov(fit)` is reported, so the same vector and matrix feed `sampleSurvivalCurves`.
 *
 * @param distribution - flexsurv's `dist` name
 * @param coefficients - one value per parameter, in flexsurv's order, on the transformed scale
 * @returns the survival curve (in the time unit the model was fitted in)
 * @throws QalyError `invalid_argument` at `["distribution"]`, `dimension_mismatch` at `["coefficients"]`
 * @example
 * const os = survivalFromCoefficients("weibull", [Math.log(1.5), Math.log(20)]);
 * os.toString() // => "Weibull(shape=1.5, scale=20)"
 */
export function survivalFromCoefficients(distribution: FlexsurvDistribution, coefficients: ArrayLike<number>): SurvivalCurve {
  const family = flexsurvFamily(distribution);
  if (coefficients?.length !== family.parameters.length) {
    fail("dimension_mismatch", ["coefficients"], `${distribution} has ${family.parameters.length} coefficients (${family.coefficientNames.join(", ")}); received ${coefficients?.length}`, { received: coefficients?.length, expected: String(family.parameters.length) });
  }
  const natural = family.parameters.map((_, i) => (family.logScale[i] ? Math.exp(coefficients[i]!) : coefficients[i]!));
  return family.build(natural);
}
