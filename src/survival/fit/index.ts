export { fitSurvival } from "./fit-survival.js";
export type { FitSurvivalOptions, FittedParameter, SurvivalFit } from "./fit-survival.js";
export type { SurvivalData } from "./survival-data.js";
export { fitSurvivalModels } from "./fit-survival-models.js";
export type { FitSurvivalModelsOptions, SurvivalModelComparison, SurvivalModelComparisonRow } from "./fit-survival-models.js";
