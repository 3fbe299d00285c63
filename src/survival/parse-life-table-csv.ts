import { fail } from "../core/errors.js";
import { parseCsv } from "../core/csv/parse-csv.js";
import { csvNumber } from "../core/csv/csv-number.js";
import type { LifeTable } from "./life-table.js";
import { lifeTable } from "./life-table.js";

/** Options of {@link parseLifeTableCsv}. */
export interface ParseLifeTableCsvOptions {
  /** The calendar year to take from a multi-year file (required when the file has several). */
  readonly year?: number;
  /** Which column to build the table from: `"mx"` (central death rate, default) or `"qx"` (probability). */
  readonly measure?: "mx" | "qx";
  /** Source text recorded in the table's definition. */
  readonly source?: string;
  /** The file name, the first segment of error paths (default `"csv"`). */
  readonly file?: string;
  /** The field separator (default `","`); with `";"` numbers may use a decimal comma. */
  readonly delimiter?: "," | ";" | "\t";
}

/**
 * Parses a life table from CSV text with columns `year`, `sex`, `age`, `mx` and/or `qx` (the layout
 * of the Human Mortality Database's period tables, one row per year, sex and single year of age;
 * an age such as `110+` marks the open last interval). Browser-safe: it takes text, not a path.
 * Fields may be quoted (RFC 4180, read with {@link parseCsv}); a missing or non-numeric age, rate or
 * year is an error naming its line and column.
 *
 * By default the table is built from mₓ, the central death rate (deaths over person-years), which
 * is the constant hazard within the year of age and is defined for the open interval, where qₓ = 1.
 * With `measure: "qx"` each probability becomes the hazard −log(1 − qₓ), and the open interval
 * (qₓ = 1) takes its mₓ.
 *
 * @param text - the CSV text (header row first)
 * @param options - `year`, `measure` (`"mx"` or `"qx"`), `source`, `file`, `delimiter`
 * @returns the life table
 * @throws QalyError `parse_error` at `[file, "line", n, "column", name]` (or `[file, "header"]` for a
 *   missing column), `invalid_argument` at `["year"]`
 * @example
 * const csv = 'year,sex,age,mx,qx\n2019,female,0,0.002,0.002\n2019,female,"1+",0.01,1\n2019,male,0,0.003,0.003\n2019,male,"1+",0.02,1';
 * parseLifeTableCsv(csv).rate(5, "male") // => 0.02
 */
export function parseLifeTableCsv(text: string, options: ParseLifeTableCsvOptions = {}): LifeTable {
  const measure = options.measure ?? "mx";
  const table = parseCsv(text, { ...(options.file === undefined ? {} : { source: options.file }), ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }) });
  const { header } = table;
  const column = (name: string): number => {
    const index = header.indexOf(name);
    return index >= 0 ? index : fail("parse_error", [table.source, "header"], `the life table CSV has no column ${JSON.stringify(name)} (columns: ${header.join(", ")})`, { received: header });
  };
  const [yearAt, sexAt, ageAt, valueAt] = [header.includes("year") ? column("year") : -1, column("sex"), column("age"), column(measure)];
  const openRateAt = header.indexOf("mx");
  const rows = table.rows.map((cells, r) => {
    const open = cells[ageAt]!.trim().endsWith("+");
    const age = csvNumber(table, r, ageAt, open ? cells[ageAt]!.trim().slice(0, -1) : undefined);
    const value = csvNumber(table, r, valueAt);
    const year = yearAt >= 0 ? csvNumber(table, r, yearAt) : NaN;
    const sex = cells[sexAt]!.trim();
    if (sex === "") fail("parse_error", [table.source, "line", table.lines[r]!, "column", "sex"], `line ${table.lines[r]}, column "sex": empty field`);
    // q = 1 in the open last interval carries no hazard; HMD's m for that interval does.
    const openRate = open && measure === "qx" && value >= 1 && openRateAt >= 0;
    return { year, sex, age, value: openRate ? csvNumber(table, r, openRateAt) : value, open: openRate };
  });
  const years = [...new Set(rows.map((row) => row.year))];
  const year = options.year ?? (years.length === 1 ? years[0]! : fail("invalid_argument", ["year"], `the file has several years (${years.join(", ")}); choose one with { year }`));
  const chosen = rows.filter((row) => (yearAt < 0 ? true : row.year === year));
  if (chosen.length === 0) fail("invalid_argument", ["year"], `the file has no rows for year ${year} (it has ${years.join(", ")})`, { received: year });
  const sexes = [...new Set(chosen.map((row) => row.sex))];
  const ages = [...new Set(chosen.map((row) => row.age))].sort((a, b) => a - b);
  const bySex = Object.fromEntries(sexes.map((sex) => {
    const values = new Map(chosen.filter((row) => row.sex === sex).map((row) => [row.age, row] as const));
    return [sex, ages.map((age, i) => {
      const row = values.get(age) ?? fail("parse_error", [table.source], `no ${measure} for ${sex} at age ${age} in ${year}`);
      if (measure === "mx" || row.open) return row.value;
      // qₓ over the interval to the next age → constant hazard −log(1 − q)/width (q = 1 is left for lifeTable to report).
      return row.value >= 1 ? Infinity : -Math.log1p(-row.value) / (i + 1 < ages.length ? ages[i + 1]! - age : 1);
    })];
  }));
  const meta = { ...(options.source !== undefined ? { source: options.source } : {}), ...(Number.isFinite(year) ? { year } : {}) };
  return lifeTable({ ages, rates: bySex, ...meta });
}

