import { fail, QalyError } from "../../core/errors.js";
import type { FlexsurvDistribution } from "../survival-from-coefficients.js";
import type { SurvivalFit } from "./survival-fit.js";
import { fitSurvival } from "./fit-survival.js";
import type { SurvivalData } from "./survival-data.js";
import { checkSurvivalData } from "./survival-data.js";

/** One row of the model comparison of {@link fitSurvivalModels}. */
export interface SurvivalModelComparisonRow {
  /** flexsurv's `dist` name (or `"spline"`). */
  readonly distribution: FlexsurvDistribution | "spline";
  /** Number of estimated coefficients (covariate effects included). */
  readonly parameterCount: number;
  /** The maximised log-likelihood. */
  readonly logLikelihood: number;
  /** Akaike information criterion. */
  readonly aic: number;
  /** AIC minus the smallest AIC (0 for the best-fitting family). */
  readonly deltaAic: number;
  /** Bayesian information criterion. */
  readonly bic: number;
  /** Median of the fitted curve for the covariate profile (`Infinity` for a cure plateau above ½). */
  readonly median: number;
  /** Restricted mean ∫₀^horizon S for the covariate profile, when a horizon was given. */
  readonly restrictedMean?: number;
}

/** The result of {@link fitSurvivalModels}. */
export interface SurvivalModelComparison {
  /** The converged fits, best AIC first. */
  readonly fits: readonly SurvivalFit[];
  /** One row per converged fit, best AIC first. */
  readonly table: readonly SurvivalModelComparisonRow[];
  /** The families that could not be fitted, with the reason. */
  readonly failures: readonly {
    /** flexsurv's `dist` name. */
    readonly distribution: FlexsurvDistribution;
    /** Why (e.g. "gengamma did not converge: …"). */
    readonly message: string;
  }[];
}

/** Options of {@link fitSurvivalModels}. */
export interface FitSurvivalModelsOptions {
  /** The families to fit (default: all eight). */
  readonly distributions?: readonly FlexsurvDistribution[];
  /** Horizon for the restricted mean, in the data's time unit (default: none). */
  readonly horizon?: number;
  /** Covariate profile for the median and restricted mean (default: all covariates 0). */
  readonly covariates?: Readonly<Record<string, number>>;
}

const ALL: readonly FlexsurvDistribution[] = ["exp", "weibull", "weibullPH", "gompertz", "llogis", "lnorm", "gamma", "gengamma"];

/**
 * Fits several parametric families to the same data and compares them by AIC and BIC, with the
 * median and restricted mean of each fitted curve: the table NICE DSU TSD 14 (Latimer 2011) asks
 * for before choosing an extrapolation (statistical fit is one criterion; visual fit and clinical
 * plausibility of the tails are the others). A family that does not converge is listed in
 * `failures` with the reason instead of stopping the others.
 *
 * @param data - times (> 0), events (0/1) and optional numeric covariates
 * @param options - families, horizon for the restricted mean, covariate profile
 * @returns the fits and the comparison table, best AIC first
 * @throws QalyError for invalid data (see {@link fitSurvival}) or an invalid horizon
 * @example
 * const data = { time: [2, 3, 4, 6, 7, 9, 10, 12, 15, 20], event: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0] };
 * const comparison = fitSurvivalModels(data, { distributions: ["exp", "weibull"], horizon: 20 });
 * comparison.table.map((row) => row.distribution) // => ["exp", "weibull"]
 * comparison.table[0]!.median // => 8.71385
 */
export function fitSurvivalModels(data: SurvivalData, options: FitSurvivalModelsOptions = {}): SurvivalModelComparison {
  const horizon = options.horizon;
  if (horizon !== undefined && !(horizon > 0 && Number.isFinite(horizon))) fail("invalid_argument", ["horizon"], `the horizon must be a finite number > 0 (received ${String(horizon)})`, { received: horizon });
  // Data problems are reported once, not once per family.
  checkSurvivalData(data);
  const fits: SurvivalFit[] = [];
  const failures: { distribution: FlexsurvDistribution; message: string }[] = [];
  for (const distribution of options.distributions ?? ALL) {
    try {
      fits.push(fitSurvival(data, distribution));
    } catch (error) {
      if (!(error instanceof QalyError) || error.code !== "impossible_fit") throw error;
      failures.push({ distribution, message: error.issues[0]!.message });
    }
  }
  fits.sort((a, b) => a.aic - b.aic);
  const best = fits[0]?.aic ?? 0;
  const table = fits.map((fit): SurvivalModelComparisonRow => {
    const curve = fit.curve(options.covariates);
    const row = { distribution: fit.distribution, parameterCount: fit.coefficients.length, logLikelihood: fit.logLikelihood, aic: fit.aic, deltaAic: fit.aic - best, bic: fit.bic, median: curve.median() };
    return Object.freeze(horizon === undefined ? row : { ...row, restrictedMean: curve.restrictedMean(horizon) });
  });
  return Object.freeze({ fits: Object.freeze(fits), table: Object.freeze(table), failures: Object.freeze(failures) });
}
