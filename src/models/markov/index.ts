export { markovCohort } from "./markov-cohort.js";
export type { MarkovCohortModel } from "./markov-cohort.js";
export { ROW_SUM_TOLERANCE } from "./markov-definition.js";
export { byCycle, byStateTime, byCycleAndStateTime, byCycleTimesStateTime } from "./array-entry.js";
export type { ArrayEntry, TimeArray, TimeProduct, TransitionArrayRows, StateValueArrays, TransitionArraysFunction, StateValueArraysFunction } from "./array-entry.js";
export type { CycleGrid, ReadonlyFloat64Array } from "./cycle-grid.js";
export type {
  MarkovCohortDefinition,
  MarkovBackgroundMortality,
  MarkovMilestone,
  MarkovStrategy,
  OutcomeKind,
  StateSpec,
  TunnelStateSpec,
  StateName,
  TransitionRow,
  TransitionRows,
  StateValueTable,
  TransitionValueTable,
  StartingValueTable,
  StartDistribution,
  TransitionsFunction,
  StateValuesFunction,
  TransitionValuesFunction,
  StartingValuesFunction,
} from "./markov-definition.js";
export type { TimeContext } from "./time-context.js";
export type { MarkovRun, MarkovStrategyRun } from "./markov-run.js";
export type { MarkovTransitionMatrix } from "./transition-matrix.js";
