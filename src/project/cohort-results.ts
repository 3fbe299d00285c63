import { formatCsv } from "../core/csv/format-csv.js";
import type { BaseCaseResult } from "../analysis/run/run-base-case.js";
import { baseCasePerCohort } from "../analysis/run/base-case-per-cohort.js";

/**
 * The base case for the whole starting cohort as CSV: `strategy, cohort_size, <outcomes…>`, each
 * outcome × the cohort size (the file `base-case.csv` stays per person). @internal
 */
export function baseCasePerCohortCsv(baseCase: BaseCaseResult, cohortSize: number): string {
  const cohort = baseCasePerCohort(baseCase, cohortSize);
  return formatCsv(["strategy", "cohort_size", ...cohort.outcomes], cohort.strategies.map((s) => [s, cohortSize, ...cohort.outcomes.map((o) => cohort.values[s]![o]!)]));
}
