// Model files: YAML/JSON definitions compiled into the same objects the TypeScript API builds.
export { compileExpression, compileLazyExpression } from "./expression.js";
export type { CompiledExpression, ExpressionFunction, ExpressionScope, KeyedFunction, LazyExpression, VariableGetter } from "./expression.js";
export { compileModelFile, checkModelFile } from "./compile-model-file.js";
export type { CompileModelFileOptions } from "./compile-model-file.js";
export { applyScenario } from "./apply-scenario.js";
export { parseCsv } from "../core/csv/parse-csv.js";
export type { CsvDelimiter, ParseCsvOptions, ParsedCsv } from "../core/csv/parse-csv.js";
export type { DataTableSpec } from "./data-table.js";
export type { ModelFileIssue } from "./parse-model-text.js";
export { MODEL_FILE_FUNCTIONS } from "./expression-env.js";
export type { ModelProject, ModelThreshold, PsaSettings, ReclassificationTable } from "./model-project.js";
export { modelFileJsonSchema } from "./model-file-json-schema.js";
export { dataFileProblem, FILE_SIZE_LIMITS } from "./file-access.js";
export type { FileSizeLimits } from "./file-access.js";
export { RESOURCE_LIMITS } from "./resource-budget.js";
export type { ResourceLimits } from "./resource-budget.js";
export { survivalFitFragment } from "./survival-fit-fragment.js";
export type { SurvivalFitFragment } from "./survival-fit-fragment.js";
