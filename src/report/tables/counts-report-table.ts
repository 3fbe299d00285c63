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
 * year) when the model has one, and for every strategy after the first its difference from the
 * first, absolute and relative (e.g. alloSCT in CR1: +5.8 per 1 000, +1.9 %). A natural-frequency
 * table is how test strategies are usually compared (Gigerenzer & Edwards, BMJ 2003;327:741-4). CSV
 * cells carry the raw value per 1 000.
 *
 * @param base - a result of `runBaseCase`
 * @param options - outcomes to show, whom they are per 1 000 of, names to exclude
 * @returns the table (no rows when there are no counts and no time)
 * @example
 * const model = { title: "Demo", strategies: ["Single gene", "Panel"], outcomes: ["cost", "qaly", "time", "result"], evaluateInto(p, out) { out.set([500, 1, 0.06, 0.85, 900, 1, 0.03, 0.9]); } };
 * const table = countsReportTable(runBaseCase(model, {}));
 * table.rows.map((row) => row.map((cell) => cell.text)) // => [["result", "850", "900", "+50 (+5.9 %)"], ["time: mean, days", "21.9", "11", "-11 (-50 %)"]]
 */
export function countsReportTable(base: BaseCaseResult, options: CountsTableOptions = {}): ReportTable {
  const outcomes = options.outcomes ?? countOutcomes(base, options.exclude);
  const perThousand = (v: number): string => (Math.abs(v) >= 100 ? formatNumber(v) : formatValue(v, 3));
  const [first, ...others] = base.strategies;
  // Differences from the first strategy: the number per 1 000 and the relative change.
  const changes = (values: readonly number[], format: (v: number) => string) =>
    others.map((_, k) => {
      const d = values[k + 1]! - values[0]!;
      const relative = values[0] === 0 ? "" : ` (${signed(formatValue((100 * d) / Math.abs(values[0]!), 2))} %)`;
      return numberCell(d, (v) => `${signed(format(v))}${relative}`);
    });
  const row = (label: string, values: readonly number[], format: (v: number) => string) => [textCell(label), ...values.map((v) => numberCell(v, format)), ...changes(values, format)];
  const rows = outcomes.map((o) => row(o, base.strategies.map((s) => valueOf(base, s, o) * 1000), perThousand));
  if (base.outcomes.includes("time")) rows.push(row("time: mean, days", base.strategies.map((s) => valueOf(base, s, "time") * DAYS_PER_YEAR), (v) => formatValue(v, 3)));
  return {
    caption: `Per 1 000 ${options.per ?? "patients tested"} (base case)`,
    columns: ["Outcome", ...base.strategies, ...others.map((s) => `${s} vs ${first}`)],
    numeric: [false, ...base.strategies.map(() => true), ...others.map(() => true)],
    rows,
  };
}

function valueOf(base: BaseCaseResult, strategy: string, outcome: string): number {
  return base.values[strategy]?.[outcome] ?? Number.NaN;
}

/** A formatted number with an explicit sign (+ for positive; negative numbers carry their own). */
function signed(text: string): string {
  return /^[-−]/.test(text) || /^0(\.0*)?$/.test(text) ? text : `+${text}`;
}
