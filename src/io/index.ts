// Model files: YAML/JSON definitions compiled into the same objects the TypeScript API builds.
export { compileExpression, compileLazyExpression } from "./expression.js";
export type { CompiledExpression, ExpressionFunction, ExpressionScope, LazyExpression, VariableGetter } from "./expression.js";
export { compileModelFile, checkModelFile } from "./compile-model-file.js";
export type { CompileModelFileOptions } from "./compile-model-file.js";
export { applyScenario } from "./apply-scenario.js";
export { parseCsv } from "./data-table.js";
export type { DataTableSpec, ParsedCsv } from "./data-table.js";
export type { ModelFileIssue } from "./parse-model-text.js";
export { MODEL_FILE_FUNCTIONS } from "./expression-env.js";
export type { ModelProject, ModelThreshold, PsaSettings } from "./model-project.js";
export { modelFileJsonSchema } from "./model-file-json-schema.js";
// Running a project end to end, and its results as JSON and CSV (browser-safe; writing files is in node/).
export { runProject } from "./run-project.js";
export type { NetBenefitRow, ProjectRun, PsaRunner, RunProjectOptions } from "./run-project.js";
export { psaSummary } from "./psa-summary.js";
export type { PsaSummary } from "./psa-summary.js";
export { projectPsaSetup } from "./project-psa-setup.js";
export type { ProjectPsaSetup, ProjectSampler } from "./project-psa-setup.js";
export { icerTableJson, psaJson, runJson } from "./results-json.js";
export type { IcerRowJson, NetBenefitJson, ProbabilityCostEffectiveJson, PsaJson, RunJson } from "./results-json.js";
export { baseCaseCsv, ceacCsv, evpiCsv, icerTableCsv, netBenefitCsv, parametersCsv, probabilityCostEffectiveCsv, scenariosCsv, tornadoCsv } from "./results-csv.js";
