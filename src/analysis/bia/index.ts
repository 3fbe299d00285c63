export { budgetImpact } from "./budget-impact.js";
export type { BudgetImpactOptions, BudgetImpactResult, BudgetImpactWorld, MarketShares } from "./budget-impact.js";
export type { BudgetImpactDefinition, BudgetImpactScenario, BudgetImpactSensitivity, BudgetImpactValue, FunnelStep } from "./budget-impact-definition.js";
export { budgetImpactFromOutcomes, checkBudgetImpactOutputs, modelBudgetImpact } from "./model-budget-impact.js";
export type { BudgetImpactWorldSpend, ModelBudgetImpactResult, OutcomeReader } from "./model-budget-impact.js";
export { budgetImpactUncertainty } from "./budget-impact-uncertainty.js";
export type { BudgetImpactInterval, BudgetImpactUncertainty } from "./budget-impact-uncertainty.js";
export { budgetImpactSensitivity } from "./budget-impact-sensitivity.js";
export type { BudgetImpactOneWayRow, BudgetImpactScenarioRow, BudgetImpactSensitivityResult } from "./budget-impact-sensitivity.js";
