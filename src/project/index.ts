// Running a project end to end, and its results as JSON and CSV (browser-safe; writing files is in node/).
export { runProject } from "./run-project.js";
export { modelChecks, modelChecksLine } from "./model-checks.js";
export type { CheckSeverity, ModelCheck, ModelCheckOptions } from "./model-checks.js";
export type { NetBenefitRow, ProjectRun, PsaRunner, RunProjectOptions } from "./run-project.js";
export { psaSummary } from "./psa-summary.js";
export type { PsaSummary } from "./psa-summary.js";
export { projectPsaSetup } from "./project-psa-setup.js";
export type { ProjectPsaSetup, ProjectSampler } from "./project-psa-setup.js";
export { icerTableJson, psaJson, runJson } from "./results-json.js";
export type { EvppiJson, EvppiRankingJson, IcerRowJson, NetBenefitJson, ProbabilityCostEffectiveJson, PsaJson, RunJson, SubgroupJson, SurvivalEvidenceJson } from "./results-json.js";
export { baseCaseCsv, ceacCsv, costComparisonCsv, evpiCsv, icerTableCsv, netBenefitCsv, parametersCsv, probabilityCostEffectiveCsv, scenariosCsv, tornadoCsv, subgroupsCsv, calibrationCsv, evppiGroupsCsv, reclassificationCsv } from "./results-csv.js";
export { budgetImpactCsv, budgetImpactSensitivityCsv } from "./budget-impact-csv.js";
export { workbookSheets } from "./workbook-sheets.js";
export type { WorkbookCell, WorkbookSheet } from "./workbook-sheets.js";
