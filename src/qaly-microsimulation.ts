/**
 * `qaly/microsimulation`: individual-level state-transition models (first-order Monte Carlo), for
 * questions where history and heterogeneity drive outcomes. A microsimulation satisfies the same
 * `Model` contract as the cohort engines of the main entry `qaly`, so its runs, PSA, analyses and
 * reports are those of `qaly`. Browser-safe.
 *
 * A separate entry because most models are cohort models: a browser bundle of `qaly` leaves the
 * individual-level engine out.
 *
 * @packageDocumentation
 * @module qaly/microsimulation
 */

export { microsimulation, MICROSIM_TOLERANCE } from "./models/microsimulation/index.js";
export type {
  MicrosimulationModel,
  MicrosimulationRun,
  MicrosimulationStrategyRun,
  MicrosimulationDefinition,
  MicrosimCell,
  HistoryCounter,
  HistoryCount,
  AttributeSpec,
  Person,
} from "./models/microsimulation/index.js";
