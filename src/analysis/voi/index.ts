export { evpi } from "./evpi.js";
export type { EvpiCurve, EvpiOptions } from "./evpi.js";
export { populationSize } from "./population-size.js";
export type { DecisionPopulation } from "./population-size.js";
export { evppi } from "./evppi.js";
export type { EvppiCurve, EvppiOptions } from "./evppi.js";
export type { EvppiStandardErrorOptions } from "./evppi-regression.js";
export { decisionCurves } from "./decision-curves.js";
export type { DecisionCurves } from "./decision-curves.js";
