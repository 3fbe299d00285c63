import { dsvFormat } from "d3-dsv";
import { fail } from "../errors.js";
import { restoreFormula } from "./formula-cells.js";

/** A field separator qaly reads: comma (default), semicolon (Excel where the decimal mark is a comma) or tab. */
export type CsvDelimiter = "," | ";" | "\t";

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** The field separator (default `","`). With `";"`, numbers may use a decimal comma. */
  readonly delimiter?: CsvDelimiter;
  /** Where the text came from (a file name), the first segment of every error path (default `"csv"`). */
  readonly source?: string;
}

/** A CSV table as text: the header, the data rows and the line each row starts on. */
export interface ParsedCsv {
  /** Where the text came from: the `source` option, `"csv"` without one. */
  readonly source: string;
  /** The field separator the text was read with. */
  readonly delimiter: CsvDelimiter;
  /** Column names, without surrounding spaces. */
  readonly header: readonly string[];
  /** Data rows, one cell per column each, as written (quotes removed, spaces kept). */
  readonly rows: readonly (readonly string[])[];
  /** 1-based line of the text on which each row of `rows` starts, for error messages. */
  readonly lines: readonly number[];
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Reads delimiter-separated text by RFC 4180 with d3-dsv: fields may be quoted with `"`, a quote
 * inside a quoted field is doubled, quoted fields may hold separators and line breaks, lines end in
 * LF, CRLF or CR. A leading byte-order mark and blank lines are skipped. Every row must have as many
 * fields as the header. A comma-separated read of text whose header holds semicolons but no comma
 * is refused with a hint to pass `delimiter: ";"`. A cell that qaly's writer protected against
 * spreadsheet formulas (`'=…`, see `neutraliseFormula`) reads back without its `'`.
 *
 * @param text - the text, header line first
 * @param options - `delimiter` and `source` (the file name used in error paths)
 * @returns the header, the rows of text cells and the line of each row
 * @throws QalyError `parse_error` at `[source, "line", n]` for malformed quoting, a row of the
 *   wrong length or a semicolon-separated file read as comma-separated; at `[source]` for empty text
 * @example
 * const table = parseCsv('\uFEFF"age","note"\r\n60,"a, b"\r\n\r\n61,""\r\n');
 * table.header // => ["age", "note"]
 * table.rows // => [["60", "a, b"], ["61", ""]]
 * table.lines // => [2, 4]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const source = options.source ?? "csv";
  const delimiter = options.delimiter ?? ",";
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkQuoting(body, delimiter, source);
  const records = dsvFormat(delimiter).parseRows(body);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  for (const record of records) {
    const start = line;
    line += 1;
    for (const field of record) line += field.match(LINE_BREAK)?.length ?? 0;
    if (record.length === 1 && record[0]!.trim() === "") continue;
    for (let k = 0; k < record.length; k++) if (record[k]!.charCodeAt(0) === 39) record[k] = restoreFormula(record[k]!);
    rows.push(record);
    lines.push(start);
  }
  if (rows.length === 0) fail("parse_error", [source], "the CSV text is empty (expected a header line)");
  const header = rows[0]!.map((name) => name.trim());
  if (delimiter === "," && header.length === 1 && header[0]!.includes(";")) {
    fail("parse_error", [source, "line", lines[0]!], `line ${lines[0]}: the header has semicolons but no comma: the file looks semicolon-separated (as Excel writes CSV where the decimal mark is a comma); save it comma-separated or read it with delimiter ";"`, { received: header[0] });
  }
  for (let r = 1; r < rows.length; r++) {
    if (rows[r]!.length !== header.length) {
      fail("parse_error", [source, "line", lines[r]!], `line ${lines[r]}: ${rows[r]!.length} fields where the header has ${header.length}`, { received: rows[r]!.length, expected: String(header.length) });
    }
  }
  return Object.freeze({ source, delimiter, header, rows: rows.slice(1), lines: lines.slice(1) });
}

/**
 * d3-dsv reads malformed quoting leniently (an unclosed quote swallows the rest of the file); this
 * pass refuses it instead, naming the line: every field is either quoted, with inner quotes doubled
 * and a separator or line end right after the closing quote, or holds no quote at all.
 */
function checkQuoting(text: string, delimiter: CsvDelimiter, source: string): void {
  if (!text.includes('"')) return;
  const d = delimiter === "\t" ? "\\t" : delimiter;
  const field = new RegExp(`"(?:[^"]|"")*"|[^"${d}\\r\\n]*`, "y");
  let line = 1;
  let at = 0;
  let fieldIndex = 1;
  while (at < text.length) {
    const start = at;
    field.lastIndex = start;
    field.exec(text);
    at = field.lastIndex;
    const quoted = text[start] === '"' && at > start;
    if (quoted) line += text.slice(start, at).match(LINE_BREAK)?.length ?? 0;
    if (at >= text.length) return;
    const next = text[at]!;
    if (next === delimiter) {
      at++;
      fieldIndex++;
    } else if (next === "\n" || next === "\r") {
      at += next === "\r" && text[at + 1] === "\n" ? 2 : 1;
      line++;
      fieldIndex = 1;
    } else {
      const where = `line ${line}, field ${fieldIndex}`;
      if (quoted) fail("parse_error", [source, "line", line], `${where}: unexpected character ${JSON.stringify(next)} after a closing quote`);
      if (at === start) fail("parse_error", [source, "line", line], `${where}: quoted field is never closed`);
      fail("parse_error", [source, "line", line], `${where}: a quote inside an unquoted field (quote the whole field and double the quote)`);
    }
  }
}
