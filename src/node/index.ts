/**
 * `qaly/node`: the Node-only additions. The worker-thread PSA runner and pool, loading model files
 * and projects from disk, writing results files, and the data bundled with the package.
 *
 * @packageDocumentation
 * @module qaly/node
 */
export { runPsaParallel } from "./run-psa-parallel.js";
export type { ParallelPsaOptions } from "./run-psa-parallel.js";
export { createPsaWorkerPool } from "./psa-worker-pool.js";
export type { PsaWorkerPool } from "./psa-worker-pool.js";
export type { PsaSetup, PsaTask, PsaTaskFactory } from "./psa-task.js";
export { loadModel, psaTask, withScenario, MODEL_FILE_NAMES } from "./load-model.js";
export { modelFileTask } from "./model-file-task.js";
export type { LoadedModel, LoadModelOptions, ScenarioProject } from "./load-model.js";
export { runResultFiles, writeResultFiles } from "./write-results.js";
export { workbookBytes, writeWorkbook } from "./write-workbook.js";
export { bundledDataPath, readBundledData } from "./bundled-data.js";
