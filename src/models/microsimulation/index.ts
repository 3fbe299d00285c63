export { microsimulation } from "./microsimulation.js";
export type { MicrosimulationModel, MicrosimulationRun, MicrosimulationStrategyRun } from "./microsimulation.js";
export { MICROSIM_TOLERANCE } from "./microsimulation-definition.js";
export type { MicrosimulationDefinition, MicrosimCell, HistoryCounter, HistoryCount, AttributeSpec } from "./microsimulation-definition.js";
export type { Person } from "./person.js";
