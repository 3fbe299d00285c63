import { fail } from "../../core/errors.js";

/** A parsed CSV table: the header and the records, each with the line it starts on. @internal */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line number of each row in `rows`, for error messages. */
  readonly lines: readonly number[];
}

/**
 * Parses comma-separated text by RFC 4180: fields may be quoted with `"`, a quote inside a quoted
 * field is doubled, quoted fields may hold commas and line breaks, lines end in LF or CRLF. A
 * leading byte-order mark and empty lines are skipped. Every record must have as many fields as
 * the header. Errors name the line and, where known, the column.
 *
 * @throws QalyError `parse_error` with path `["csv", "line", n]`
 * @internal
 */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const record: string[] = [];
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) fail("parse_error", ["csv", "line", startLine], `line ${startLine}, field ${record.length + 1}: quoted field is never closed`);
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          fail("parse_error", ["csv", "line", line], `line ${line}, field ${record.length + 1}: unexpected character ${JSON.stringify(next)} after a closing quote`);
        }
      } else {
        const start = i;
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"') fail("parse_error", ["csv", "line", line], `line ${line}, field ${record.length + 1}: a quote inside an unquoted field (quote the whole field and double the quote)`);
          i++;
        }
        field = text.slice(start, i);
      }
      record.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        i++;
        line++;
      } else if (i < n) {
        fail("parse_error", ["csv", "line", line], `line ${line}: a carriage return not followed by a line feed`);
      }
      break;
    }
    if (record.length === 1 && record[0] === "") continue;
    records.push(record);
    lines.push(startLine);
  }
  if (records.length === 0) fail("parse_error", ["csv"], "the CSV text is empty (expected a header line)");
  const header = records[0]!.map((name) => name.trim());
  for (let r = 1; r < records.length; r++) {
    if (records[r]!.length !== header.length) {
      fail("parse_error", ["csv", "line", lines[r]!], `line ${lines[r]}: ${records[r]!.length} fields where the header has ${header.length}`, { received: records[r]!.length, expected: String(header.length) });
    }
  }
  return { header, rows: records.slice(1), lines: lines.slice(1) };
}

/** Writes one CSV line, quoting fields that hold a comma, quote, line break or edge spaces. @internal */
export function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]|^\s|\s$/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(",");
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a decimal number from a CSV field (surrounding spaces allowed). Empty fields, `NA`, `Inf`,
 * hexadecimal and anything else that is not a plain decimal are errors naming line and column.
 * @internal
 */
export function csvNumber(field: string, line: number, column: string): number {
  const trimmed = field.trim();
  if (!DECIMAL.test(trimmed)) {
    fail("parse_error", ["csv", "line", line, "column", column], `line ${line}, column "${column}": ${trimmed === "" ? "empty field" : `${JSON.stringify(field)} is not a number`} (expected a finite decimal number)`, { received: field });
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) fail("parse_error", ["csv", "line", line, "column", column], `line ${line}, column "${column}": ${trimmed} overflows a double`, { received: field });
  return value;
}
