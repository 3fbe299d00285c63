// The `Dsa` type namespace of the main entry: options and parts of the deterministic sensitivity
// analyses (one-way, tornado, two-way, threshold, scenarios, frontier tornadoes). Types only.
export type {
  OneWayOptions,
  OneWayRange,
  TornadoOptions,
  TwoWayAxis,
  TwoWayOptions,
  ThresholdOptions,
  Scenario,
  ScenarioRow,
  ScenariosOptions,
  ScenarioPsaResult,
  FrontierAnalysis,
  FrontierTornadoOptions,
  DsaBase as Base,
  DsaSettings as Settings,
  DsaMeasure as Measure,
  DsaResults as Results,
} from "../analysis/dsa/index.js";
