import { fail, IssueCollector, QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import { parseCsv, type ParsedCsv } from "../core/csv/parse-csv.js";
import { csvNumber } from "../core/csv/csv-number.js";
import type { ExpressionFunction, KeyedFunction } from "./expression.js";
import { bandProblem, inBand, tableBand, type TableBand } from "./table-band.js";

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
  /**
   * `step` (default: the row with the largest key ≤ x), `linear` (interpolation) or `exact`, all on
   * numeric keys; `band`: keys are bands (`AGE60-64`, `85+`, `[60,65)`) that must tile the line, and
   * `name(x)` is the value of the band holding x; `string`: keys are names, `name("key")`.
   */
  readonly lookup?: "step" | "linear" | "exact" | "band" | "string" | undefined;
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
  const kept: number[] = [];
  for (let i = 0; i < size; i++) {
    if (Object.entries(spec.where ?? {}).every(([column, wanted]) => String(columns[column]![i]) === String(wanted))) kept.push(i);
  }
  if (kept.length === 0) {
    issues.push({ code: "invalid_model", path, message: `data table '${name}' has no rows${spec.where === undefined ? "" : ` matching ${JSON.stringify(spec.where)}`}` });
    return undefined;
  }
  const rows: TableRows = { name, spec, table, columns, path, kept };
  try {
    if (spec.lookup === "string") return stringLookup(rows);
    if (spec.lookup === "band") return bandLookup(rows);
    return numberLookup(rows);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/** The rows of a table kept by its `where`, with what is needed to read and locate their cells. */
interface TableRows {
  readonly name: string;
  readonly spec: DataTableSpec;
  readonly table: ParsedCsv | undefined;
  readonly columns: Readonly<Record<string, readonly (string | number)[]>>;
  readonly path: readonly PathSegment[];
  readonly kept: readonly number[];
}

/** Where a key cell is: its CSV line, or its index in the inline data. */
function keyPath({ table, path, spec }: TableRows, i: number): PathSegment[] {
  return table === undefined ? [...path, "data", spec.key, i] : [...path, table.source, "line", table.lines[i]!, "column", spec.key];
}

function keyWhere({ table }: TableRows, i: number): string {
  return table === undefined ? `row ${i + 1}` : `line ${table.lines[i]!}`;
}

/** Numeric keys (`step`, `linear`, `exact`). */
function numberLookup(rows: TableRows): ExpressionFunction {
  const { name, spec, table, columns, path, kept } = rows;
  // Row by row (key, then value), so the first bad cell reported is the first in the table.
  const keys: number[] = [];
  const values: number[] = [];
  for (const i of kept) {
    keys.push(cellNumber(name, table, columns, spec.key, i, path, true));
    values.push(cellNumber(name, table, columns, spec.value, i, path, false));
  }
  const order = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  const sortedKeys = Float64Array.from(order, (i) => keys[i]!);
  const sortedValues = Float64Array.from(order, (i) => values[i]!);
  for (let i = 1; i < sortedKeys.length; i++) {
    if (sortedKeys[i] === sortedKeys[i - 1]) fail("invalid_model", path, `data table '${name}' has two rows with ${spec.key} = ${sortedKeys[i]}; narrow it with 'where'`);
  }
  return lookupFunction(name, spec, sortedKeys, sortedValues);
}

/** Keys that are names: `name("key")`, resolved when an expression is compiled. */
function stringLookup(rows: TableRows): KeyedFunction {
  const { name, spec, table, columns, path, kept } = rows;
  const stringKeys = new Map<string, number>();
  for (const i of kept) {
    const key = String(columns[spec.key]![i]).trim();
    if (stringKeys.has(key)) fail("invalid_model", keyPath(rows, i), `data table '${name}' has two rows with ${spec.key} "${key}" (the second at ${keyWhere(rows, i)}); narrow it with 'where'`, { received: key });
    stringKeys.set(key, cellNumber(name, table, columns, spec.value, i, path, false));
  }
  const lookup = (): number => fail("invalid_argument", ["tables", name], `data table '${name}' is keyed by names: write ${name}("key")`);
  return Object.assign(lookup, { stringKeys });
}

/** Keys that are bands (`AGE60-64`, `85+`, `[60,65)`): the value of the band holding x. */
function bandLookup(rows: TableRows): ExpressionFunction {
  const { name, spec, table, columns, path, kept } = rows;
  const collector = new IssueCollector();
  const entries: { band: TableBand; value: number; row: number }[] = [];
  for (const i of kept) {
    const band = tableBand(String(columns[spec.key]![i]));
    if (typeof band === "string") collector.add({ code: "invalid_model", path: keyPath(rows, i), message: `data table '${name}', ${keyWhere(rows, i)}: ${band}`, received: columns[spec.key]![i] });
    else entries.push({ band, value: cellNumber(name, table, columns, spec.value, i, path, false), row: i });
  }
  collector.throwIfAny(`data table '${name}'`);
  entries.sort((a, b) => a.band.lower - b.band.lower || Number(b.band.lowerClosed) - Number(a.band.lowerClosed));
  const problem = bandProblem(entries.map((entry) => entry.band));
  if (problem !== undefined) {
    const { band, row } = entries[problem.index]!;
    const previous = entries[problem.index - 1]!;
    const what = problem.kind === "overlap" ? "overlaps" : "leaves a gap after";
    fail("invalid_model", keyPath(rows, row), `data table '${name}': band '${band.label}' (${keyWhere(rows, row)}) ${what} band '${previous.band.label}' (${keyWhere(rows, previous.row)}); bands must cover ${spec.key} without gaps or overlaps`, { received: band.label });
  }
  const first = entries[0]!.band;
  const last = entries[entries.length - 1]!.band;
  return (x: number) => {
    // Largest index whose band starts at or below x; x then lies in it or beyond the last band.
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (entries[mid]!.band.lower <= x) low = mid;
      else high = mid - 1;
    }
    const entry = entries[low]!;
    if (inBand(entry.band, x)) return entry.value;
    // On a shared boundary with an open lower bound, x belongs to the previous band.
    if (low > 0 && inBand(entries[low - 1]!.band, x)) return entries[low - 1]!.value;
    return fail("invalid_argument", ["tables", name], `${spec.key} = ${x} is outside the bands of data table '${name}' (${first.label} … ${last.label})`, { received: x });
  };
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
