import { fail } from "../errors.js";
import type { ParsedCsv } from "./parse-csv.js";

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a CSV cell is a missing value: empty (or only spaces), or R's `NA`.
 *
 * @param cell - the cell's text
 * @returns true for `""`, `"  "` and `"NA"`
 * @example
 * isMissingCsvValue(" NA ") // => true
 * isMissingCsvValue("0") // => false
 */
export function isMissingCsvValue(cell: string): boolean {
  const trimmed = cell.trim();
  return trimmed === "" || trimmed === "NA";
}

/**
 * Reads the number in one cell of a parsed table: a plain decimal, surrounding spaces allowed (and
 * a decimal comma when the table was read with `delimiter: ";"`). Empty cells, `NA`, `Inf`,
 * hexadecimal and anything else are errors naming the line and the column.
 *
 * @param table - a {@link parseCsv} result
 * @param row - index into `table.rows`
 * @param column - index into `table.header`
 * @param text - the text to read instead of the whole cell (e.g. `110` of an open age `110+`)
 * @returns the finite number in the cell
 * @throws QalyError `parse_error` at `[table.source, "line", n, "column", name]`
 * @example
 * const table = parseCsv("age,qx\n60,0.0125\n61,NA\n");
 * csvNumber(table, 0, 1) // => 0.0125
 */
export function csvNumber(table: ParsedCsv, row: number, column: number, text?: string): number {
  const cell = text ?? table.rows[row]![column]!;
  const line = table.lines[row]!;
  const name = table.header[column]!;
  const path = [table.source, "line", line, "column", name];
  const where = `line ${line}, column ${JSON.stringify(name)}`;
  let trimmed = cell.trim();
  if (table.delimiter === ";" && /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(trimmed)) trimmed = trimmed.replace(",", ".");
  if (!DECIMAL.test(trimmed)) {
    fail("parse_error", path, `${where}: ${trimmed === "" ? "empty field" : `${JSON.stringify(cell)} is not a number`} (expected a finite decimal number)`, { received: cell });
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) fail("parse_error", path, `${where}: ${trimmed} overflows a double`, { received: cell });
  return value;
}
