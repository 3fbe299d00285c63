export { icerTable, icerTableFromPsa, optimalStrategy } from "./icer-table.js";
export type { CostEffectRow, DominanceStatus, IcerRow } from "./icer-table.js";
export { costComparison } from "./cost-comparison.js";
export type { CostComparisonRow, CostRow } from "./cost-comparison.js";
export { netBenefit, netHealthBenefit, netMonetaryBenefit } from "./net-benefit.js";
export type { NetBenefit, NetBenefitOptions } from "./net-benefit.js";
export { SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS, wtpGrid } from "./wtp-grid.js";
export type { WtpRange } from "./wtp-grid.js";
export type { DecisionOutcomes, WtpSettings } from "./decision-settings.js";
