export { runBaseCase } from "./run-base-case.js";
export { baseCasePerCohort } from "./base-case-per-cohort.js";
export type { BaseCaseOptions, BaseCaseResult, BaseCaseSource } from "./run-base-case.js";
export { runPsa, runPsaSync } from "./run-psa.js";
export type { ParameterSampler, PsaProgress, PsaRunOptions } from "./run-psa.js";
export { evaluateDrawRange, mergeDrawRange } from "./evaluate-draw-range.js";
export { canonicalJson, fnv1a64, modelHash } from "./model-hash.js";
export { QALY_VERSION } from "./version.js";
