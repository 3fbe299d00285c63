export { partitionedSurvival } from "./partitioned-survival.js";
export type { PartitionedSurvivalModel } from "./partitioned-survival.js";
export { PSM_TOLERANCE } from "./partitioned-survival-definition.js";
export type {
  PartitionedSurvivalDefinition,
  PartitionedSurvivalStrategy,
  DefaultPsmState,
  DefaultPsmEndpoint,
  EndpointCurves,
  EndpointCurveInputs,
  CurvesFunction,
  PsmValuesFunction,
  EntryValueTable,
  EntryValuesFunction,
  PsmStartingValuesFunction,
  CappedValue,
  CappedValuesFunction,
  CrossingPolicy,
} from "./partitioned-survival-definition.js";
export type { PsmRun, PsmStrategyRun } from "./psm-run.js";
