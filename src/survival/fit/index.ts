export { fitSurvival } from "./fit-survival.js";
export type { FitSurvivalOptions, FittedParameter, SurvivalFit } from "./fit-survival.js";
export type { SurvivalData } from "./survival-data.js";
