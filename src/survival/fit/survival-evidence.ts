import type { SurvivalData } from "./survival-data.js";
import type { SurvivalFit } from "./survival-fit.js";
import { fitSurvivalModels, type SurvivalModelComparison } from "./fit-survival-models.js";

/**
 * A survival curve of a model fitted to patient-level data, with the data it was fitted to: what a
 * reviewer needs to judge the fit and its extrapolation (NICE DSU TSD 14: Kaplan–Meier with the fitted
 * curve, hazard plot, AIC/BIC beside the other families). Model files record one per
 * `{ kind: fitted }` curve; reports draw them.
 *
 * @example
 * const data = { time: [2, 3, 4, 6, 7, 9, 10, 12, 15, 20], event: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0] };
 * const evidence: SurvivalEvidence = { endpoint: "OS", label: "OS: weibull fitted to os.csv", data, fit: fitSurvival(data, "weibull"), timeUnit: "months", horizon: 120 };
 * evidence.fit.distribution // => "weibull"
 */
export interface SurvivalEvidence {
  /** The endpoint the curve stands for (`OS`, `PFS`). */
  readonly endpoint: string;
  /** The named model the curve belongs to, when it is not the file's main model. */
  readonly model?: string;
  /** What was fitted to what, e.g. `"weibull fitted to lung.csv (female = 1): 90 patients, 53 events"`. */
  readonly label: string;
  /** The patient-level data (times in the curve's time unit). */
  readonly data: SurvivalData;
  /** The fit the model uses. */
  readonly fit: SurvivalFit;
  /** Unit of the data's times and the curve (`"days"`, `"months"`, …). */
  readonly timeUnit: string;
  /** The model's horizon in that unit, when known: how far the curve is extrapolated. */
  readonly horizon?: number;
  /**
   * Every standard family fitted to the same data (AIC/BIC, median, restricted mean to the horizon),
   * when computed: `runProject` fits them once per run, so reports and results.json share one fit.
   */
  readonly comparison?: SurvivalModelComparison;
}

/**
 * The evidence's comparison of families: the one `runProject` fitted, or every standard family
 * fitted to the data now (restricted means to the evidence's horizon). @internal
 */
export function survivalComparison(evidence: SurvivalEvidence): SurvivalModelComparison {
  return evidence.comparison ?? fitSurvivalModels(evidence.data, evidence.horizon === undefined ? {} : { horizon: evidence.horizon });
}
