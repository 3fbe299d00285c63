import { fail, QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import { parseCsv, type ParsedCsv } from "../core/csv/parse-csv.js";
import { csvNumber } from "../core/csv/csv-number.js";
import type { ExpressionFunction } from "./expression.js";

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
 * Builds the lookup function of a data table: `name(x)` in expressions, e.g. `mortality(age)`.
 * Problems (missing file or column, non-numeric cells, no rows) are pushed onto `issues`.
 */
export function dataTable(name: string, spec: DataTableSpec, readFile: ((path: string) => string) | undefined, path: readonly PathSegment[], issues: Issue[]): ExpressionFunction | undefined {
  let columns: Record<string, readonly (string | number)[]>;
  let table: ParsedCsv | undefined;
  if (spec.file !== undefined) {
    if (readFile === undefined) {
      issues.push({ code: "file_not_found", path: [...path, "file"], message: `data table '${name}' reads "${spec.file}", but no readFile was given to load files next to the model file`, received: spec.file });
      return undefined;
    }
    let csv: string;
    try {
      csv = readFile(spec.file);
    } catch (error) {
      // A reader's QalyError keeps its code (file_not_allowed, resource_limit); anything else is a missing file.
      const code = error instanceof QalyError ? error.code : "file_not_found";
      const reason = error instanceof QalyError ? error.issues[0]!.message : (error as Error).message;
      issues.push({ code, path: [...path, "file"], message: `cannot read data table '${name}' from "${spec.file}": ${reason}`, received: spec.file });
      return undefined;
    }
    try {
      table = parseCsv(csv, { source: spec.file });
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path], message: `data table '${name}' (${spec.file}): ${issue.message}` })));
      return undefined;
    }
    const { header, rows } = table;
    columns = Object.fromEntries(header.map((column, j) => [column, rows.map((row) => row[j]!.trim())]));
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
    try {
      keys.push(cellNumber(name, table, columns, spec.key, i, path, true));
      values.push(cellNumber(name, table, columns, spec.value, i, path, false));
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
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

/**
 * The number in row `i` of a column: from a CSV file, a plain decimal (a key may end in `+`, as an
 * open age `110+`), else an error naming file, line and column; from inline data, a finite number.
 */
function cellNumber(name: string, table: ParsedCsv | undefined, columns: Readonly<Record<string, readonly (string | number)[]>>, column: string, i: number, path: readonly PathSegment[], isKey: boolean): number {
  const cell = columns[column]![i];
  const text = isKey ? String(cell).replace(/\+$/, "") : String(cell);
  if (table !== undefined) {
    try {
      return csvNumber(table, i, table.header.indexOf(column), text);
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      throw new QalyError(error.issues.map((issue) => ({ ...issue, code: "invalid_model", path: [...path, ...issue.path], message: `data table '${name}' (${table.source}): ${issue.message}` })));
    }
  }
  // Text must be a plain decimal: Number() would read "" and " " as 0 and "0x10" as 16.
  const value = typeof cell === "number" ? cell : DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) fail("invalid_model", [...path, "data", column, i], `data table '${name}', row ${i + 1}: '${column}' must be a decimal number (found ${JSON.stringify(cell)})`, { received: cell });
  return value;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

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
