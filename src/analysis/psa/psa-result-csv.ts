import { fail } from "../../core/errors.js";
import { parseCsv, type ParsedCsv } from "../../core/csv/parse-csv.js";
import { csvNumber, isMissingCsvValue } from "../../core/csv/csv-number.js";
import { CSV_LINE_END, formatCsvRow, type CsvCell } from "../../core/csv/format-csv.js";
import { columnDraws } from "./column-draws.js";
import { psaResult, type PsaResult } from "./psa-result.js";

/** Options of {@link psaResultFromCsv}. */
export interface PsaCsvOptions {
  /**
   * `"wide"`: one row per draw, a column per outcome and strategy (`cost_<strategy>`);
   * `"long"`: one row per draw and strategy (`draw, strategy, cost, effect`). Default: `"long"`
   * when the header has a `strategy` column, else `"wide"`.
   */
  readonly format?: "wide" | "long";
  /**
   * The outcomes to read. Wide: names whose column prefix is `<name>_`, or `{ outcome: prefix }`
   * (e.g. `{ cost: "c_", qaly: "e_" }`). Long: column names, or `{ outcome: column }`.
   * Default `["cost", "effect"]`.
   */
  readonly outcomes?: readonly string[] | Readonly<Record<string, string>>;
  /** The strategies expected, in this order (default: every strategy found, in header or row order). */
  readonly strategies?: readonly string[];
  /**
   * Name of the draw-index column (default `"draw"`, else a column named `Iteration` as TreeAge
   * writes it; optional in wide files, required in long ones).
   */
  readonly draw?: string;
  /** The field separator (default `","`); with `";"` numbers may use a decimal comma. */
  readonly delimiter?: "," | ";" | "\t";
  /** The file name, the first segment of error paths (default `"csv"`). */
  readonly file?: string;
}

/** Names TreeAge uses for the effect outcome in its strategy-first columns (`Chemo_Eff`). */
const EFFECT_ALIASES = ["eff", "effectiveness"];

/**
 * Builds a {@link PsaResult} from another tool's PSA output as CSV (TreeAge, Excel, R: dampack,
 * BCEA, voi, `write.csv`), so that every analysis serves models built elsewhere. Columns that are
 * neither the draw index, the strategy nor an outcome are read as parameter draws (for EVPPI and
 * plots); a missing parameter value (`NA` or an empty field) is kept as `NaN`. Rows are ordered by
 * the draw column when there is one.
 *
 * Wide columns are `<outcome>_<strategy>`. When outcomes are given by name (not by prefix) and no
 * strategy has such a column for every outcome, strategy-first columns `<strategy>_<outcome>` are
 * read instead, ignoring case, with `Eff` or `Effectiveness` for `effect` and `_`, `.` or a space
 * as separator: TreeAge's `Iteration, Chemo_Cost, Chemo_Eff, …`. A first column without a name
 * (the row names of R's `write.csv`) is skipped.
 *
 * @param text - RFC 4180 CSV text with a header line (a byte-order mark is skipped)
 * @param options - format, outcome columns, expected strategies, draw column, delimiter, file name
 * @returns the result; outcomes are named as in `options.outcomes`
 * @throws QalyError `parse_error` naming line and column for malformed text, non-numeric or
 *   missing outcome or draw values, missing columns or duplicated draws
 * @example
 * const csv = "draw,cost_SoC,effect_SoC,cost_New,effect_New,pRespond\n1,100,1,300,1.5,0.4\n2,200,1.2,500,1.4,0.5";
 * const psa = psaResultFromCsv(csv);
 * psa.strategies // => ["SoC", "New"]
 * psa.mean("cost", "New") // => 400
 * Array.from(psa.parameters.column("pRespond")) // => [0.4, 0.5]
 * psaResultFromCsv('"","Iteration","SoC_Cost","SoC_Eff","pX"\n"1",1,100,1,NA\n').parameters.names // => ["pX"]
 */
export function psaResultFromCsv(text: string, options: PsaCsvOptions = {}): PsaResult {
  const table = parseCsv(text, { ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }), ...(options.file === undefined ? {} : { source: options.file }) });
  const { header } = table;
  const skipped = header[0] === "" ? 0 : -1;
  const drawColumn = options.draw ?? (header.includes("draw") ? "draw" : (header.find((name) => name.toLowerCase() === "iteration") ?? "draw"));
  const format = options.format ?? (header.includes("strategy") ? "long" : "wide");
  const spec = options.outcomes ?? ["cost", "effect"];
  const outcomeNames = Array.isArray(spec) ? [...(spec as readonly string[])] : Object.keys(spec);
  if (format === "long") {
    const columnOf = (o: string): string => (Array.isArray(spec) ? o : (spec as Record<string, string>)[o]!);
    return fromLong(table, outcomeNames, columnOf, drawColumn, options.strategies, skipped);
  }
  const prefixes = outcomeNames.map((o) => (Array.isArray(spec) ? `${o}_` : (spec as Record<string, string>)[o]!));
  return fromWide(table, outcomeNames, prefixes, Array.isArray(spec), drawColumn, options.strategies, skipped);
}

/** Outcome and strategy of each column (`outcome` −1 for other columns). */
type ColumnOwners = readonly { readonly outcome: number; readonly strategy: string }[];

/** `<prefix><strategy>`: each column belongs to the outcome with the longest matching prefix ("cost_" vs "cost_drug_"). */
function prefixOwners(header: readonly string[], prefixes: readonly string[]): ColumnOwners {
  return header.map((name) => {
    let best = -1;
    prefixes.forEach((prefix, o) => {
      if (name.startsWith(prefix) && name.length > prefix.length && (best < 0 || prefix.length > prefixes[best]!.length)) best = o;
    });
    return { outcome: best, strategy: best < 0 ? "" : name.slice(prefixes[best]!.length) };
  });
}

/** `<strategy><separator><outcome>` ignoring case (TreeAge): the longest matching suffix wins. */
function suffixOwners(header: readonly string[], outcomes: readonly string[]): ColumnOwners {
  const suffixes = outcomes.flatMap((outcome, o) =>
    [outcome, ...(outcome === "effect" ? EFFECT_ALIASES : [])].flatMap((name) => ["_", ".", " "].map((separator) => ({ o, text: `${separator}${name.toLowerCase()}` }))),
  );
  return header.map((name) => {
    const lower = name.toLowerCase();
    let best: { o: number; text: string } | undefined;
    for (const suffix of suffixes) {
      if (lower.endsWith(suffix.text) && lower.length > suffix.text.length && (best === undefined || suffix.text.length > best.text.length)) best = suffix;
    }
    return best === undefined ? { outcome: -1, strategy: "" } : { outcome: best.o, strategy: name.slice(0, name.length - best.text.length) };
  });
}

function fromWide(table: ParsedCsv, outcomes: string[], prefixes: readonly string[], byName: boolean, drawColumn: string, wanted: readonly string[] | undefined, skipped: number): PsaResult {
  const { header, source } = table;
  const layouts = byName ? [prefixOwners(header, prefixes), suffixOwners(header, outcomes)] : [prefixOwners(header, prefixes)];
  const columnIn = (owners: ColumnOwners, o: number, strategy: string): number => owners.findIndex((owner, c) => c !== skipped && owner.outcome === o && owner.strategy === strategy);
  const complete = (owners: ColumnOwners, strategy: string): boolean => outcomes.every((_, o) => columnIn(owners, o, strategy) >= 0);
  const strategiesIn = (owners: ColumnOwners): string[] => wanted !== undefined ? [...wanted] : owners.flatMap((owner, c) => (c !== skipped && owner.outcome === 0 && complete(owners, owner.strategy) ? [owner.strategy] : []));
  const owners = layouts.find((candidate) => {
    const strategies = strategiesIn(candidate);
    return strategies.length > 0 && strategies.every((s) => complete(candidate, s));
  }) ?? layouts[0]!;
  const strategies = strategiesIn(owners);
  if (strategies.length === 0) {
    fail("parse_error", [source, "header"], `no strategy has a column for every outcome (expected columns like ${prefixes.map((p) => `${p}<strategy>`).join(", ")})`, { received: header });
  }
  const columns = outcomes.map((_, o) =>
    strategies.map((s) => {
      const c = columnIn(owners, o, s);
      if (c < 0) fail("parse_error", [source, "header", prefixes[o]! + s], `missing column "${prefixes[o]! + s}" (outcome "${outcomes[o]}" of strategy "${s}")`);
      return c;
    }),
  );
  const used = new Set(columns.flat());
  const drawIndex = header.indexOf(drawColumn);
  const order = rowOrder(table, drawIndex);
  const values: Record<string, Record<string, Float64Array>> = {};
  outcomes.forEach((outcome, o) => {
    values[outcome] = Object.fromEntries(strategies.map((s, k) => [s, readColumn(table, columns[o]![k]!, order, false)]));
  });
  const parameterColumns = header.flatMap((name, c) => (c === drawIndex || c === skipped || used.has(c) ? [] : [[name, readColumn(table, c, order, true)] as const]));
  const parameters = parameterColumns.length === 0 ? undefined : columnDraws(Object.fromEntries(parameterColumns));
  return psaResult({ strategies, outcomes, values, ...(parameters === undefined ? {} : { parameters }) });
}

function fromLong(table: ParsedCsv, outcomes: string[], columnNameOf: (o: string) => string, drawColumn: string, wanted: readonly string[] | undefined, skipped: number): PsaResult {
  const { header, rows, lines, source } = table;
  const need = (name: string): number => {
    const c = header.indexOf(name);
    if (c < 0) fail("parse_error", [source, "header", name], `missing column "${name}" (long format needs ${[drawColumn, "strategy", ...outcomes.map(columnNameOf)].join(", ")})`, { received: header });
    return c;
  };
  const drawIndex = need(drawColumn);
  const strategyIndex = need("strategy");
  const outcomeColumns = outcomes.map((o) => need(columnNameOf(o)));
  const strategies = wanted === undefined ? [...new Set(rows.map((row) => row[strategyIndex]!.trim()))] : [...wanted];
  const position = new Map(strategies.map((s, k) => [s, k]));
  const drawOf = rows.map((_, r) => csvNumber(table, r, drawIndex));
  const drawKeys = [...new Set(drawOf)].sort((a, b) => a - b);
  const drawPosition = new Map(drawKeys.map((d, i) => [d, i]));
  const size = drawKeys.length;
  const nS = strategies.length;
  const seen = new Int32Array(size * nS).fill(-1);
  const buffers = outcomes.map(() => new Float64Array(nS * size));
  const parameterColumns = header.flatMap((_, c) => (c === drawIndex || c === strategyIndex || c === skipped || outcomeColumns.includes(c) ? [] : [c]));
  const parameterValues = parameterColumns.map(() => new Float64Array(size).fill(Number.NaN));
  const parameterSeen = parameterColumns.map(() => new Uint8Array(size));
  rows.forEach((row, r) => {
    const line = lines[r]!;
    const strategy = row[strategyIndex]!.trim();
    const s = position.get(strategy);
    if (s === undefined) fail("parse_error", [source, "line", line, "column", "strategy"], `line ${line}: strategy "${strategy}" is not among ${strategies.join(", ")}`, { received: strategy });
    const i = drawPosition.get(drawOf[r]!)!;
    if (seen[i * nS + s]! >= 0) fail("parse_error", [source, "line", line], `line ${line}: draw ${row[drawIndex]!.trim()} of strategy "${strategy}" appears twice (also line ${seen[i * nS + s]})`);
    seen[i * nS + s] = line;
    outcomeColumns.forEach((c, o) => (buffers[o]![s * size + i] = csvNumber(table, r, c)));
    parameterColumns.forEach((c, k) => {
      const value = parameterValue(table, r, c);
      const before = parameterValues[k]![i]!;
      if (parameterSeen[k]![i] === 1 && !Object.is(before, value)) fail("parse_error", [source, "line", line, "column", header[c]!], `line ${line}, column "${header[c]}": parameter differs between strategies of the same draw (${before} and ${value})`);
      parameterValues[k]![i] = value;
      parameterSeen[k]![i] = 1;
    });
  });
  const missing = seen.indexOf(-1);
  if (missing >= 0) fail("parse_error", [source, "strategy", strategies[missing % nS]!], `strategy "${strategies[missing % nS]}" has no row for draw ${drawKeys[Math.floor(missing / nS)]}`);
  const buffer = new Float64Array(outcomes.length * nS * size);
  buffers.forEach((b, o) => buffer.set(b, o * nS * size));
  const parameters = parameterColumns.length === 0 ? undefined : columnDraws(Object.fromEntries(parameterColumns.map((c, k) => [header[c]!, parameterValues[k]!])));
  return psaResult({ strategies, outcomes, buffer, ...(parameters === undefined ? {} : { parameters }) });
}

/** Row order sorted by the draw column (stable file order without one); duplicates are errors. */
function rowOrder(table: ParsedCsv, drawIndex: number): number[] {
  const order = table.rows.map((_, r) => r);
  if (drawIndex < 0) return order;
  const keys = table.rows.map((_, r) => csvNumber(table, r, drawIndex));
  order.sort((a, b) => keys[a]! - keys[b]!);
  for (let k = 1; k < order.length; k++) {
    if (keys[order[k]!] === keys[order[k - 1]!]) fail("parse_error", [table.source, "line", table.lines[order[k]!]!, "column", table.header[drawIndex]!], `line ${table.lines[order[k]!]}: draw ${keys[order[k]!]} appears twice`);
  }
  return order;
}

/** A parameter's value: a number, or `NaN` for a missing value (`NA`, empty). */
function parameterValue(table: ParsedCsv, r: number, c: number): number {
  return isMissingCsvValue(table.rows[r]![c]!) ? Number.NaN : csvNumber(table, r, c);
}

function readColumn(table: ParsedCsv, c: number, order: readonly number[], parameter: boolean): Float64Array {
  const out = new Float64Array(order.length);
  order.forEach((r, i) => (out[i] = parameter ? parameterValue(table, r, c) : csvNumber(table, r, c)));
  return out;
}

/** Options of {@link psaResultToCsv}. */
export interface PsaCsvWriteOptions {
  /** `"wide"` (default): one row per draw; `"long"`: one row per draw and strategy. */
  readonly format?: "wide" | "long";
  /** Whether to append the parameter draws as columns (default true). */
  readonly parameters?: boolean;
}

/**
 * Writes a {@link PsaResult} as CSV with a 1-based `draw` column: wide columns `<outcome>_<strategy>`,
 * or long columns `draw, strategy, <outcomes…>`, then parameter columns. Numbers are written in
 * the shortest form that reads back to the same double, so `psaResultFromCsv(text, { outcomes:
 * psa.outcomes })` restores the values exactly.
 *
 * @param psa - the result to write
 * @param options - format and whether to include parameters
 * @returns CSV text, lines ending in `\n`
 * @example
 * const psa = psaResult({ strategies: ["A"], outcomes: ["cost", "qaly"], values: { cost: { A: [10, 20] }, qaly: { A: [0.5, 0.25] } } });
 * psaResultToCsv(psa) // => "draw,cost_A,qaly_A\n1,10,0.5\n2,20,0.25\n"
 */
export function psaResultToCsv(psa: PsaResult, options: PsaCsvWriteOptions = {}): string {
  return [...psaResultCsvChunks(psa, options)].join("");
}

// Rows per chunk of psaResultCsvChunks: tens of kB of text (Sick-Sicker: about 60 kB). A chunk of
// 1 000 rows (about 600 kB) is allocated in V8's large-object space, which only a full collection
// frees, so `qaly run --out` piled up some 60 MB of written chunks before one ran; a chunk under
// 128 kB is an ordinary young object, freed by the next scavenge.
const CHUNK_ROWS = 100;

/**
 * The text of {@link psaResultToCsv} in consecutive chunks (the header, then about a hundred rows
 * each), so that a large PSA can be written to a file without holding its whole CSV in memory:
 * 100 000 draws as one string, built from arrays of cells, took several hundred MB. @internal
 */
export function* psaResultCsvChunks(psa: PsaResult, options: PsaCsvWriteOptions = {}): Generator<string> {
  const names = options.parameters === false || psa.parameters === undefined ? [] : [...psa.parameters.names];
  const parameterColumns = names.map((name) => psa.parameters!.column(name));
  const long = options.format === "long";
  yield formatCsvRow(long ? ["draw", "strategy", ...psa.outcomes, ...names] : ["draw", ...psa.outcomes.flatMap((o) => psa.strategies.map((s) => `${o}_${s}`)), ...names]) + CSV_LINE_END;
  // Each row is formatted as soon as it is made, from one cell array reused.
  const series = long ? psa.strategies.flatMap((strategy) => psa.outcomes.map((o) => psa.values(o, strategy))) : psa.outcomes.flatMap((o) => psa.strategies.map((s) => psa.values(o, s)));
  const perRow = long ? psa.outcomes.length : series.length;
  const first = long ? 2 : 1;
  const cells: CsvCell[] = new Array<CsvCell>(first + perRow + names.length);
  let lines: string[] = [];
  for (let i = 0; i < psa.size; i++) {
    for (let s = 0; s < (long ? psa.strategies.length : 1); s++) {
      cells[0] = i + 1;
      if (long) cells[1] = psa.strategies[s]!;
      for (let k = 0; k < perRow; k++) cells[first + k] = series[s * perRow + k]![i];
      for (let p = 0; p < parameterColumns.length; p++) cells[first + perRow + p] = parameterCell(parameterColumns[p]![i]!);
      lines.push(formatCsvRow(cells), CSV_LINE_END);
    }
    if (lines.length >= 2 * CHUNK_ROWS) {
      yield lines.join("");
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join("");
}

/** A missing parameter value (`NaN`, e.g. read from `NA`) is written as R's `NA`, which reads back as `NaN`. */
function parameterCell(value: number): CsvCell {
  return Number.isNaN(value) ? "NA" : value;
}
