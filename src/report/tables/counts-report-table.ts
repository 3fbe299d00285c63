import type { BaseCaseResult } from "../../analysis/run/run-base-case.js";
import { formatNumber, formatValue } from "../format/format-number.js";
import { numberCell, textCell, type ReportTable } from "../format/report-table.js";

/** Options of {@link countsReportTable}. */
export interface CountsTableOptions {
  /** Outcomes shown per 1 000 (default {@link countOutcomes} of the base case). */
  readonly outcomes?: readonly string[];
  /** Who the counts are per 1 000 of (default `"patients tested"`). */
  readonly per?: string;
  /** Outcome names that are never counts, e.g. the decision's cost and effect (added to the default exclusions). */
  readonly exclude?: readonly string[];
}

/** Mean days per year (Julian year), the unit in which tree time is converted to days. */
const DAYS_PER_YEAR = 365.25;

const NOT_COUNTS = /^(cost|qaly|lifeYears|time)(?![a-z])|Undiscounted$|^clampedCycles$/;

/**
 * The outcomes of a base case that are expected counts per patient: every outcome except costs,
 * QALYs, life-years, time (`cost…`, `qaly…`, `lifeYears…`, `time…`), undiscounted twins,
 * `clampedCycles`, the names in `exclude`, and outcomes negative for some strategy. In a decision
 * tree these are the expectations of its `counts` (probability of a result, drivers detected,
 * re-biopsies, tests done).
 *
 * @param base - a result of `runBaseCase`
 * @param exclude - further names that are not counts (e.g. the effect outcome `"effect"`)
 * @returns outcome names in model order
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost", "qaly", "time", "result", "reBiopsy"], evaluateInto(p, out) { out.set([500, 1, 0.05, 0.9, 0.1]); } };
 * countOutcomes(runBaseCase(model, {})) // => ["result", "reBiopsy"]
 */
export function countOutcomes(base: BaseCaseResult, exclude: readonly string[] = []): string[] {
  return base.outcomes.filter((o) => !NOT_COUNTS.test(o) && !exclude.includes(o) && base.strategies.every((s) => (base.values[s]![o] ?? 0) >= 0));
}

/**
 * Count-type outcomes of the base case per 1 000 patients, one row per outcome and one column
 * per strategy (e.g. patients with a result, with EGFR detected, given matched therapy, re-biopsied,
 * per 1 000 tested), plus the mean `time` outcome converted from years to days (365.25 days per
 * year) when the model has one. A natural-frequency table is how test strategies are usually
 * compared (Gigerenzer & Edwards, BMJ 2003;327:741-4). CSV cells carry the raw value per 1 000.
 *
 * @param base - a result of `runBaseCase`
 * @param options - outcomes to show, whom they are per 1 000 of, names to exclude
 * @returns the table (no rows when there are no counts and no time)
 * @example
 * const model = { title: "Demo", strategies: ["Single gene", "Panel"], outcomes: ["cost", "qaly", "time", "result"], evaluateInto(p, out) { out.set([500, 1, 0.06, 0.85, 900, 1, 0.03, 0.9]); } };
 * const table = countsReportTable(runBaseCase(model, {}));
 * table.rows.map((row) => row.map((cell) => cell.text)) // => [["result", "850", "900"], ["time: mean, days", "21.9", "11"]]
 */
export function countsReportTable(base: BaseCaseResult, options: CountsTableOptions = {}): ReportTable {
  const outcomes = options.outcomes ?? countOutcomes(base, options.exclude);
  const perThousand = (v: number): string => (Math.abs(v) >= 100 ? formatNumber(v) : formatValue(v, 3));
  const rows = outcomes.map((o) => [textCell(o), ...base.strategies.map((s) => numberCell(valueOf(base, s, o) * 1000, perThousand))]);
  if (base.outcomes.includes("time")) rows.push([textCell("time: mean, days"), ...base.strategies.map((s) => numberCell(valueOf(base, s, "time") * DAYS_PER_YEAR, (v) => formatValue(v, 3)))]);
  return {
    caption: `Per 1 000 ${options.per ?? "patients tested"} (base case)`,
    columns: ["Outcome", ...base.strategies],
    numeric: [false, ...base.strategies.map(() => true)],
    rows,
  };
}

function valueOf(base: BaseCaseResult, strategy: string, outcome: string): number {
  return base.values[strategy]?.[outcome] ?? Number.NaN;
}
