// The `Psa` type namespace of the main entry: running a probabilistic sensitivity analysis, the
// parts of its result and its import/export, the CE plane and the acceptability analyses' options
// and rows. Types only.
export type { PsaRunOptions as RunOptions, PsaProgress as Progress, ParameterSampler } from "../analysis/run/index.js";
export type {
  PsaProvenance as Provenance,
  PsaResultInput as ResultInput,
  PsaResultJson as ResultJson,
  PsaCsvOptions as CsvOptions,
  PsaCsvWriteOptions as CsvWriteOptions,
  ParameterDrawsCsvOptions,
  CostEffectOptions,
  CePlane,
  CePlaneOptions,
  CePlaneSeries,
  Estimate,
  IncrementalOptions,
  IncrementalRow,
} from "../analysis/psa/index.js";
export type { DecisionCurveOptions, ExpectedLoss, ProbabilityCostEffectiveRow } from "../analysis/acceptability/index.js";
