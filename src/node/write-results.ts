import { budgetImpactCsv, budgetImpactSensitivityCsv } from "../project/budget-impact-csv.js";
import { baseCasePerCohortCsv } from "../project/cohort-results.js";
import { mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { psaResultCsvChunks } from "../analysis/psa/psa-result-csv.js";
import type { ProjectRun } from "../project/run-project.js";
import { runJson } from "../project/results-json.js";
import { costComparison } from "../analysis/cea/cost-comparison.js";
import { jsonText } from "../core/json-text.js";
import {
  baseCaseCsv,
  ceacCsv,
  evpiCsv,
  costComparisonCsv,
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
} from "../project/results-csv.js";

/**
 * The result files of a run, by file name: base case, ICER table (a cost comparison for a cost-only
 * model), NMB, parameters and the JSON
 * document always; PSA draws, ICER table of PSA means, CEAC, EVPI and probability cost-effective
 * with a PSA; tornado and scenarios when run; subgroups, calibration and EVPPI groups when the
 * project has them.
 *
 * @param run - a `runProject` result
 * @returns file name → text
 * @example
 * // const files = runResultFiles(await runProject(project, { psa: 1000 }));
 * // Object.keys(files) includes "results.json", "icer-table.csv", "ceac.csv", "evpi.csv"
 */
export function runResultFiles(run: ProjectRun): Record<string, string> {
  return Object.fromEntries(Object.entries(runResultFileParts(run)).map(([name, text]) => [name, typeof text === "string" ? text : [...text].join("")]));
}

/**
 * The files of {@link runResultFiles}, the PSA draws as consecutive chunks of text rather than one
 * string: {@link writeResultFiles} writes them chunk by chunk, so 100 000 draws never sit in memory
 * as one CSV text. @internal
 */
export function runResultFileParts(run: ProjectRun): Record<string, string | Iterable<string>> {
  const files: Record<string, string | Iterable<string>> = {
    "results.json": jsonText(runJson(run)),
    "base-case.csv": baseCaseCsv(run.baseCase),
    // With a cohort size, the per-cohort totals beside the per-person base case.
    ...(run.cohortSize === undefined ? {} : { "base-case-per-cohort.csv": baseCasePerCohortCsv(run.baseCase, run.cohortSize) }),
    // A cost-only model's effect is 0 everywhere: its table is a cost comparison, not an ICER table.
    ...(run.outcomes.costOnly === true ? { "cost-comparison.csv": costComparisonCsv(costComparison(run.icerTable)) } : { "icer-table.csv": icerTableCsv(run.icerTable) }),
    "nmb.csv": netBenefitCsv(run.netBenefit),
  };
  if (run.parameters !== undefined) files["parameters.csv"] = parametersCsv(run.parameters);
  if (run.psa !== undefined) files["psa-draws.csv"] = psaResultCsvChunks(run.psa);
  const summary = run.psaSummary;
  if (summary !== undefined) {
    if (run.outcomes.costOnly === true) files["psa-cost-comparison.csv"] = costComparisonCsv(costComparison(summary.icerTable));
    else files["psa-icer-table.csv"] = icerTableCsv(summary.icerTable);
    files["ceac.csv"] = ceacCsv(summary.ceac);
    files["evpi.csv"] = evpiCsv(summary.evpi);
    files["probability-cost-effective.csv"] = probabilityCostEffectiveCsv(summary.probabilityCostEffective);
  }
  if (run.tornado !== undefined) files["tornado.csv"] = tornadoCsv(run.tornado);
  if (run.scenarios !== undefined) files["scenarios.csv"] = scenariosCsv(run.scenarios);
  if (run.subgroups !== undefined) files["subgroups.csv"] = subgroupsCsv(run.subgroups);
  if (run.calibration !== undefined) files["calibration.csv"] = calibrationCsv(run.calibration);
  if (run.evppi !== undefined) files["evppi.csv"] = evppiGroupsCsv(run.evppi);
  if (run.reclassification !== undefined) files["reclassification.csv"] = reclassificationCsv(run.reclassification);
  if (run.budgetImpactRun !== undefined) {
    files["budget-impact.csv"] = budgetImpactCsv(run.budgetImpactRun);
    files["budget-impact-sensitivity.csv"] = budgetImpactSensitivityCsv(run.budgetImpactRun);
  }
  return files;
}

/**
 * Writes files into a folder, creating it (and its parents) when needed.
 *
 * @param folder - the output folder
 * @param files - file name → text, or its consecutive chunks (written one after another)
 * @returns the paths written, in the order given
 * @example
 * // await writeResultFiles("out/sick-sicker", runResultFiles(run)); returns the paths written
 */
export async function writeResultFiles(folder: string, files: Readonly<Record<string, string | Iterable<string>>>): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    if (typeof text === "string") await writeFile(path, text, "utf8");
    else {
      // Chunk by chunk (the PSA draws of a large run), appended to one file.
      const file = await open(path, "w");
      try {
        for (const chunk of text) await file.write(chunk, null, "utf8");
      } finally {
        await file.close();
      }
    }
    written.push(path);
  }
  return written;
}
