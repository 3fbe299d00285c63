import { fail, type Issue, type PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import type { ExpressionFunction } from "./expression.js";

/** A CSV file as text cells: the header row and the data rows. */
export interface ParsedCsv {
  /** Column names. */
  readonly header: readonly string[];
  /** Data rows, one array of cells each. */
  readonly rows: readonly (readonly string[])[];
}

/** A data table as declared in a model file: where its rows come from and which columns to look up. */
export interface DataTableSpec {
  /** CSV file, relative to the model file. */
  readonly file?: string | undefined;
  /** Inline columns (column → values), instead of a file. */
  readonly data?: Readonly<Record<string, readonly (number | string)[]>> | undefined;
  /** Column looked up (e.g. `age`). */
  readonly key: string;
  /** Column returned (e.g. `qx`). */
  readonly value: string;
  /** Keeps only rows whose columns equal these values (e.g. `{ sex: female, year: 2019 }`). */
  readonly where?: Readonly<Record<string, string | number>> | undefined;
  /** `step` (default: the row with the largest key ≤ x), `linear` (interpolation) or `exact`. */
  readonly lookup?: "step" | "linear" | "exact" | undefined;
}

/**
 * Splits CSV text into a header and rows of cells (RFC 4180 quoting; comma separated).
 *
 * @param text - the file's text
 * @returns the column names and the rows
 * @example parseCsv("age,qx\n60,0.01\n").rows[0] // => ["60", "0.01"]
 */
export function parseCsv(text: string): ParsedCsv {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(cell.trim()), (cell = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(cell.trim());
      if (record.some((c) => c !== "")) records.push(record);
      record = [];
      cell = "";
    } else cell += ch;
  }
  record.push(cell.trim());
  if (record.some((c) => c !== "")) records.push(record);
  return { header: records[0] ?? [], rows: records.slice(1) };
}

/**
 * Builds the lookup function of a data table: `name(x)` in expressions, e.g. `mortality(age)`.
 * Problems (missing file or column, non-numeric cells, no rows) are pushed onto `issues`.
 */
export function dataTable(name: string, spec: DataTableSpec, readFile: ((path: string) => string) | undefined, path: readonly PathSegment[], issues: Issue[]): ExpressionFunction | undefined {
  let columns: Record<string, readonly (string | number)[]>;
  if (spec.file !== undefined) {
    if (readFile === undefined) {
      issues.push({ code: "file_not_found", path: [...path, "file"], message: `data table '${name}' reads "${spec.file}", but no readFile was given to load files next to the model file`, received: spec.file });
      return undefined;
    }
    let csv: string;
    try {
      csv = readFile(spec.file);
    } catch (error) {
      issues.push({ code: "file_not_found", path: [...path, "file"], message: `cannot read data table '${name}' from "${spec.file}": ${(error as Error).message}`, received: spec.file });
      return undefined;
    }
    const { header, rows } = parseCsv(csv);
    columns = Object.fromEntries(header.map((column, j) => [column, rows.map((row) => row[j] ?? "")]));
  } else if (spec.data !== undefined) {
    columns = { ...spec.data };
  } else {
    issues.push({ code: "invalid_model", path, message: `data table '${name}' needs a 'file' (CSV next to the model file) or inline 'data'` });
    return undefined;
  }
  const known = Object.keys(columns);
  const need = [spec.key, spec.value, ...Object.keys(spec.where ?? {})];
  const missing = need.filter((column) => columns[column] === undefined);
  for (const column of missing) {
    const close = closestName(column, known);
    issues.push({ code: "invalid_model", path, message: `data table '${name}' has no column '${column}'${close === undefined ? "" : ` (did you mean '${close}'?)`}; columns: ${known.join(", ")}`, received: column });
  }
  if (missing.length > 0) return undefined;
  const size = Math.max(...known.map((column) => columns[column]!.length));
  const keys: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < size; i++) {
    const keep = Object.entries(spec.where ?? {}).every(([column, wanted]) => String(columns[column]![i]) === String(wanted));
    if (!keep) continue;
    const key = Number(String(columns[spec.key]![i]).replace(/\+$/, ""));
    const value = Number(columns[spec.value]![i]);
    if (!Number.isFinite(key) || !Number.isFinite(value)) {
      issues.push({ code: "invalid_model", path, message: `data table '${name}', row ${i + 1}: '${spec.key}' and '${spec.value}' must be numbers (found ${JSON.stringify(columns[spec.key]![i])}, ${JSON.stringify(columns[spec.value]![i])})` });
      return undefined;
    }
    keys.push(key);
    values.push(value);
  }
  if (keys.length === 0) {
    issues.push({ code: "invalid_model", path, message: `data table '${name}' has no rows${spec.where === undefined ? "" : ` matching ${JSON.stringify(spec.where)}`}` });
    return undefined;
  }
  const order = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  const sortedKeys = Float64Array.from(order, (i) => keys[i]!);
  const sortedValues = Float64Array.from(order, (i) => values[i]!);
  for (let i = 1; i < sortedKeys.length; i++) {
    if (sortedKeys[i] === sortedKeys[i - 1]) {
      issues.push({ code: "invalid_model", path, message: `data table '${name}' has two rows with ${spec.key} = ${sortedKeys[i]}; narrow it with 'where'` });
      return undefined;
    }
  }
  return lookupFunction(name, spec, sortedKeys, sortedValues);
}

function lookupFunction(name: string, spec: DataTableSpec, keys: Float64Array, values: Float64Array): ExpressionFunction {
  const mode = spec.lookup ?? "step";
  const last = keys.length - 1;
  return (x: number) => {
    if (!(x >= keys[0]!)) fail("invalid_argument", ["tables", name], `${spec.key} = ${x} is below the first row of data table '${name}' (${spec.key} = ${keys[0]})`, { received: x });
    // Largest index with keys[index] ≤ x (the last row holds for every larger key).
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (keys[mid]! <= x) low = mid;
      else high = mid - 1;
    }
    if (mode === "exact" && keys[low] !== x) fail("invalid_argument", ["tables", name], `data table '${name}' has no row with ${spec.key} = ${x}`, { received: x });
    if (mode === "linear" && low < last) {
      const share = (x - keys[low]!) / (keys[low + 1]! - keys[low]!);
      return values[low]! + share * (values[low + 1]! - values[low]!);
    }
    return values[low]!;
  };
}
