import { fail } from "../core/errors.js";
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
}

/**
 * Parses a life table from CSV text with columns `year`, `sex`, `age`, `mx` and/or `qx` (the layout
 * of the Human Mortality Database's period tables, one row per year, sex and single year of age;
 * an age such as `110+` marks the open last interval). Browser-safe: it takes text, not a path.
 *
 * By default the table is built from mₓ, the central death rate (deaths over person-years), which
 * is the constant hazard within the year of age and is defined for the open interval, where qₓ = 1.
 * With `measure: "qx"` each probability becomes the hazard −log(1 − qₓ), and the open interval
 * (qₓ = 1) takes its mₓ.
 *
 * @param text - the CSV text (comma-separated, header row first)
 * @param options - `year`, `measure` (`"mx"` or `"qx"`), `source`
 * @returns the life table
 * @throws QalyError `parse_error` at `["csv", line]`, `invalid_argument` at `["year"]`
 * @example
 * const csv = "year,sex,age,mx,qx\n2019,female,0,0.002,0.002\n2019,female,1+,0.01,1\n2019,male,0,0.003,0.003\n2019,male,1+,0.02,1";
 * parseLifeTableCsv(csv).rate(5, "male") // => 0.02
 */
export function parseLifeTableCsv(text: string, options: ParseLifeTableCsvOptions = {}): LifeTable {
  const measure = options.measure ?? "mx";
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((name) => name.trim().replace(/^"|"$/g, ""));
  const column = (name: string): number => {
    const index = header.indexOf(name);
    return index >= 0 ? index : fail("parse_error", ["csv", 1], `the life table CSV has no column ${JSON.stringify(name)} (columns: ${header.join(", ")})`);
  };
  const [yearAt, sexAt, ageAt, valueAt] = [header.includes("year") ? column("year") : -1, column("sex"), column("age"), column(measure)];
  const openRateAt = header.indexOf("mx");
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(",").map((cell) => cell.trim().replace(/^"|"$/g, ""));
    const age = Number.parseFloat(cells[ageAt]!.replace("+", ""));
    const value = Number(cells[valueAt]);
    const year = yearAt >= 0 ? Number(cells[yearAt]) : NaN;
    if (!Number.isFinite(age) || !Number.isFinite(value) || cells[sexAt] === undefined) fail("parse_error", ["csv", i + 2], `cannot read age, sex and ${measure} from line ${i + 2}: ${line}`);
    // q = 1 in the open last interval carries no hazard; HMD's m for that interval does.
    const open = cells[ageAt]!.endsWith("+") && measure === "qx" && value >= 1 && openRateAt >= 0;
    return { year, sex: cells[sexAt]!, age, value: open ? Number(cells[openRateAt]) : value, open };
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
      const row = values.get(age) ?? fail("parse_error", ["csv"], `no ${measure} for ${sex} at age ${age} in ${year}`);
      if (measure === "mx" || row.open) return row.value;
      // qₓ over the interval to the next age → constant hazard −log(1 − q)/width (q = 1 is left for lifeTable to report).
      return row.value >= 1 ? Infinity : -Math.log1p(-row.value) / (i + 1 < ages.length ? ages[i + 1]! - age : 1);
    })];
  }));
  const meta = { ...(options.source !== undefined ? { source: options.source } : {}), ...(Number.isFinite(year) ? { year } : {}) };
  return lifeTable({ ages, rates: bySex, ...meta });
}
