/**
 * `qaly/files`: model files and projects. Parse, validate and compile YAML/JSON model files into
 * the objects the TypeScript API builds, run a project end to end (base case, PSA, DSA, threshold,
 * scenarios) and write its results as JSON and CSV text. Browser-safe: it reads no files (the
 * caller passes text, and a reader for named data); loading and writing files is in `qaly/node`.
 *
 * @packageDocumentation
 * @module qaly/files
 */

// files: model files compiled into models
export {
  compileExpression,
  compileLazyExpression,
  compileModelFile,
  checkModelFile,
  applyScenario,
  parseCsv,
  MODEL_FILE_FUNCTIONS,
  modelFileJsonSchema,
  dataFileProblem,
  FILE_SIZE_LIMITS,
  RESOURCE_LIMITS,
  survivalFitFragment,
} from "./files/index.js";
export type {
  CompiledExpression,
  ExpressionFunction,
  ExpressionScope,
  KeyedFunction,
  LazyExpression,
  VariableGetter,
  CompileModelFileOptions,
  DataTableSpec,
  FileSizeLimits,
  ResourceLimits,
  ParsedCsv,
  ParseCsvOptions,
  CsvDelimiter,
  ModelFileIssue,
  ModelProject,
  ReclassificationTable,
  ModelThreshold,
  PsaSettings,
  SurvivalFitFragment,
} from "./files/index.js";
export type { SurvivalEvidence } from "./survival/fit/survival-evidence.js";

// project: running a project, results as JSON and CSV text
export {
  runProject,
  modelChecks,
  modelChecksLine,
  psaSummary,
  projectPsaSetup,
  icerTableJson,
  psaJson,
  runJson,
  baseCaseCsv,
  ceacCsv,
  costComparisonCsv,
  evpiCsv,
  icerTableCsv,
  netBenefitCsv,
  parametersCsv,
  probabilityCostEffectiveCsv,
  scenariosCsv,
  tornadoCsv,
  subgroupsCsv,
  calibrationCsv,
  evppiGroupsCsv,
  reclassificationCsv,
  workbookSheets,
} from "./project/index.js";
export type {
  WorkbookCell,
  WorkbookSheet,
  NetBenefitRow,
  ProjectRun,
  PsaRunner,
  RunProjectOptions,
  ModelCheck,
  ModelCheckOptions,
  CheckSeverity,
  PsaSummary,
  ProjectPsaSetup,
  ProjectSampler,
  IcerRowJson,
  NetBenefitJson,
  ProbabilityCostEffectiveJson,
  PsaJson,
  RunJson,
  SubgroupJson,
  EvppiJson,
  EvppiRankingJson,
  SurvivalEvidenceJson,
} from "./project/index.js";
export { budgetImpactCsv, budgetImpactSensitivityCsv } from "./project/index.js";
