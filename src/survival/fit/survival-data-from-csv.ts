import { fail } from "../../core/errors.js";
import { csvNumber } from "../../core/csv/csv-number.js";
import { parseCsv } from "../../core/csv/parse-csv.js";
import type { SurvivalData } from "./survival-data.js";

/** Options of {@link survivalDataFromCsv}. */
export interface SurvivalDataFromCsvOptions {
  /** Column of follow-up times. */
  readonly time: string;
  /** Column of event indicators (1 event, 0 censored). */
  readonly event: string;
  /** Column whose values split the patients into groups fitted separately (e.g. the treatment arm). */
  readonly by?: string;
  /** Numeric columns to read as covariates. */
  readonly covariates?: readonly string[];
  /** Field separator (default `","`). */
  readonly delimiter?: "," | ";" | "\t";
  /** File name for error paths (default `"csv"`). */
  readonly source?: string;
}

/**
 * Reads patient-level survival data from CSV text (browser-safe: text in, data out), one
 * {@link SurvivalData} per group of the `by` column (one group named `"all"` without it), groups in
 * order of first appearance.
 *
 * @param text - the CSV text, header first
 * @param options - the time and event columns, optional group and covariate columns
 * @returns the groups with their data
 * @throws QalyError `parse_error` at `[source, "line", n, "column", name]` for a cell that is not a
 *   number, `invalid_argument` at `[name]` for a column the header does not have
 * @example
 * const groups = survivalDataFromCsv("t,e,arm\n5,1,A\n8,0,B\n3,1,A\n", { time: "t", event: "e", by: "arm" });
 * groups.map((g) => g.group) // => ["A", "B"]
 * groups[0]!.data.time // => [5, 3]
 */
export function survivalDataFromCsv(text: string, options: SurvivalDataFromCsvOptions): {
  /** The value of the `by` column (`"all"` without one). */
  readonly group: string;
  /** The group's patients. */
  readonly data: SurvivalData;
}[] {
  const source = options.source ?? "csv";
  const table = parseCsv(text, { source, ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}) });
  const column = (name: string): number => {
    const index = table.header.indexOf(name);
    if (index < 0) fail("invalid_argument", [name], `${source} has no column ${JSON.stringify(name)} (columns: ${table.header.join(", ")})`, { received: name, expected: table.header.join(" | ") });
    return index;
  };
  const timeColumn = column(options.time);
  const eventColumn = column(options.event);
  const byColumn = options.by === undefined ? undefined : column(options.by);
  const covariateColumns = (options.covariates ?? []).map((name) => [name, column(name)] as const);
  const groups = new Map<string, { time: number[]; event: number[]; covariates: Record<string, number[]> }>();
  table.rows.forEach((row, r) => {
    const key = byColumn === undefined ? "all" : row[byColumn]!.trim();
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { time: [], event: [], covariates: Object.fromEntries(covariateColumns.map(([name]) => [name, []])) }));
    group.time.push(csvNumber(table, r, timeColumn));
    group.event.push(csvNumber(table, r, eventColumn));
    for (const [name, index] of covariateColumns) group.covariates[name]!.push(csvNumber(table, r, index));
  });
  return [...groups].map(([group, d]) => ({ group, data: covariateColumns.length === 0 ? { time: d.time, event: d.event } : d }));
}
