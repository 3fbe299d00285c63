// Decision uncertainty at each willingness to pay: acceptability curves, frontier, expected loss.
export { NMB_TIE_TOLERANCE } from "./decision-kernel.js";
export type { DecisionCurveOptions } from "./decision-kernel.js";
export { ceac } from "./ceac.js";
export type { Ceac } from "./ceac.js";
export { ceaf } from "./ceaf.js";
export type { Ceaf } from "./ceaf.js";
export { expectedLoss } from "./expected-loss.js";
export type { ExpectedLoss } from "./expected-loss.js";
export { probabilityCostEffective } from "./probability-cost-effective.js";
export type { ProbabilityCostEffectiveRow } from "./probability-cost-effective.js";
