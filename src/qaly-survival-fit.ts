/**
 * `qaly/survival-fit`: preparing survival curves from patient data, before a model is built.
 * Maximum-likelihood fits of the parametric families (flexsurv's parameterisations) and of
 * Royston–Parmar splines, model comparison by AIC/BIC, Kaplan–Meier estimates, and reconstruction
 * of patient data from a digitised Kaplan–Meier curve (Guyot et al. 2012). The fits return the
 * curves of the main entry `qaly`, which the engines use. Browser-safe.
 *
 * A separate entry because fitting is model preparation, not model running: a browser bundle of
 * `qaly` leaves it out.
 *
 * @packageDocumentation
 * @module qaly/survival-fit
 */

export { fitSurvival, fitSurvivalModels, fitSurvivalSpline, kaplanMeier, reconstructPatientData, survivalDataFromCsv } from "./survival/fit/index.js";
export type {
  FitSurvivalOptions,
  FittedParameter,
  SurvivalData,
  SurvivalFit,
  FitSurvivalModelsOptions,
  SurvivalModelComparison,
  SurvivalModelComparisonRow,
  SurvivalEvidence,
  KaplanMeier,
  DigitisedKaplanMeier,
  ReconstructedPatientData,
  FitSurvivalSplineOptions,
  SurvivalDataFromCsvOptions,
} from "./survival/fit/index.js";
