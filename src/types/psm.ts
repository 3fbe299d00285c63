// The `Psm` type namespace of the main entry: the parts of a partitioned-survival definition
// (endpoints, curves, values, crossing policy) and of its detailed run. The value tables and time
// context are the ones the Markov engine uses too. Types only.
export type {
  PartitionedSurvivalStrategy as Strategy,
  DefaultPsmState as DefaultState,
  DefaultPsmEndpoint as DefaultEndpoint,
  EndpointCurves,
  EndpointCurveInputs,
  CurvesFunction,
  PsmValuesFunction as ValuesFunction,
  EntryValueTable,
  EntryValuesFunction,
  PsmStartingValuesFunction as StartingValuesFunction,
  CappedValue,
  CappedValuesFunction,
  CrossingPolicy,
  PsmRun as Run,
  PsmStrategyRun as StrategyRun,
} from "../models/psm/index.js";
export type { OutcomeKind, StateValueTable } from "../models/cohort/cohort-types.js";
export type { TimeContext } from "../models/cohort/time-context.js";
