export { fitSurvival } from "./fit-survival.js";
export type { FitSurvivalOptions, FittedParameter, SurvivalFit } from "./fit-survival.js";
export type { SurvivalData } from "./survival-data.js";
export { fitSurvivalModels } from "./fit-survival-models.js";
export type { FitSurvivalModelsOptions, SurvivalModelComparison, SurvivalModelComparisonRow } from "./fit-survival-models.js";
export { kaplanMeier } from "./kaplan-meier.js";
export type { KaplanMeier } from "./kaplan-meier.js";
export { reconstructPatientData } from "./reconstruct-patient-data.js";
export type { DigitisedKaplanMeier, ReconstructedPatientData } from "./reconstruct-patient-data.js";
