export { budgetImpact } from "./budget-impact.js";
export type { BudgetImpactOptions, BudgetImpactResult, BudgetImpactWorld, MarketShares } from "./budget-impact.js";
