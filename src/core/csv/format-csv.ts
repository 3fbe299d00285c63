import { dsvFormat } from "d3-dsv";
import { neutraliseFormula } from "./formula-cells.js";
import { showControlCharacters } from "../control-characters.js";

/** One cell written by {@link formatCsv}: numbers as `String(x)` (shortest round-trip form), `null` and `undefined` as empty fields. */
export type CsvCell = string | number | boolean | null | undefined;

/** The line ending of every CSV text qaly writes. */
export const CSV_LINE_END = "\n";

const comma = dsvFormat(",");

/**
 * Writes a CSV text: comma-separated, every line (the last too) ending in `\n`, numbers in the
 * shortest decimal that reads back to the same double, `null` as an empty field. Fields holding a
 * comma, quote or line break are quoted by d3-dsv (inner quotes doubled); fields with a leading or
 * trailing space are quoted too, so that readers which trim unquoted fields keep the spaces. Text
 * that a spreadsheet would run as a formula gets a leading `'` ({@link neutraliseFormula}); control
 * characters other than tab, line feed and carriage return (which quoted text may hold) are written
 * as visible `\x1b`-style escapes, so that `cat results.csv` cannot pass a label's escape sequence
 * (ESC, BEL, DEL, CSI…) to the terminal.
 *
 * @param header - the column names
 * @param rows - one array of cells per row
 * @returns the CSV text
 * @example
 * formatCsv(["strategy", "cost", "icer"], [["A, B", 1000 / 3, null], [' "C"', 1e21, true]]) // => 'strategy,cost,icer\n"A, B",333.3333333333333,\n" ""C""",1e+21,true\n'
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines: string[] = [formatCsvRow(header), CSV_LINE_END];
  for (const row of rows) lines.push(formatCsvRow(row), CSV_LINE_END);
  return lines.join("");
}

/** A carriage return is text in a quoted CSV field (a line break written CRLF), not a control to show. */
const keepCarriageReturn = (character: string): boolean => character === "\r";

/**
 * One CSV line without its line ending (see {@link formatCsv}).
 *
 * @param cells - the cells of the line
 * @returns the fields joined by commas
 * @example formatCsvRow(["draw", 1, 0.1, " x"]) // => 'draw,1,0.1," x"'
 */
export function formatCsvRow(cells: readonly CsvCell[]): string {
  // Joined from an array, not built with +=: a long CSV (100 000 PSA draws) would otherwise hold every
  // cell as a node of a rope until the text is written, several times the text's own size.
  const fields = new Array<string>(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    // A number's or boolean's text ("-1.5e-7", "NaN", "true") never holds a space, comma, quote or line
    // break: it needs no test (a PSA's draws CSV is hundreds of thousands of numbers).
    if (typeof cell === "number" || typeof cell === "boolean") {
      fields[k] = String(cell);
      continue;
    }
    const text = cell === null || cell === undefined ? "" : neutraliseFormula(showControlCharacters(cell, keepCarriageReturn));
    fields[k] = /^\s|\s$/.test(text) && !/[",\r\n]/.test(text) ? `"${text}"` : comma.formatValue(text);
  }
  return fields.join(",");
}
