import { fail } from "../../core/errors.js";
import { columnDraws } from "./column-draws.js";
import { csvLine, csvNumber, parseCsv, type CsvTable } from "./csv.js";
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
  /** Name of the draw-index column (default `"draw"`; optional in wide files, required in long ones). */
  readonly draw?: string;
}

/**
 * Builds a {@link PsaResult} from another tool's PSA output as CSV (TreeAge, Excel, R: dampack,
 * BCEA, voi), so that every analysis serves models built elsewhere. Columns that are neither the
 * draw index, the strategy nor an outcome are read as parameter draws (for EVPPI and plots). Rows
 * are ordered by the draw column when there is one.
 *
 * @param text - RFC 4180 CSV text with a header line
 * @param options - format, outcome columns, expected strategies, draw column
 * @returns the result; outcomes are named as in `options.outcomes`
 * @throws QalyError `parse_error` naming line and column for malformed text, non-numeric fields,
 *   missing columns or duplicated draws
 * @example
 * const csv = "draw,cost_SoC,effect_SoC,cost_New,effect_New,pRespond\n1,100,1,300,1.5,0.4\n2,200,1.2,500,1.4,0.5";
 * const psa = psaResultFromCsv(csv);
 * psa.strategies // => ["SoC", "New"]
 * psa.mean("cost", "New") // => 400
 * Array.from(psa.parameters.column("pRespond")) // => [0.4, 0.5]
 */
export function psaResultFromCsv(text: string, options: PsaCsvOptions = {}): PsaResult {
  const table = parseCsv(text);
  const drawColumn = options.draw ?? "draw";
  const format = options.format ?? (table.header.includes("strategy") ? "long" : "wide");
  const spec = options.outcomes ?? ["cost", "effect"];
  const outcomeNames = Array.isArray(spec) ? [...(spec as readonly string[])] : Object.keys(spec);
  const keyOf = (outcome: string): string => (Array.isArray(spec) ? (format === "wide" ? `${outcome}_` : outcome) : (spec as Record<string, string>)[outcome]!);
  return format === "wide" ? fromWide(table, outcomeNames, keyOf, drawColumn, options.strategies) : fromLong(table, outcomeNames, keyOf, drawColumn, options.strategies);
}

function fromWide(table: CsvTable, outcomes: string[], prefixOf: (o: string) => string, drawColumn: string, wanted: readonly string[] | undefined): PsaResult {
  const { header } = table;
  const prefixes = outcomes.map(prefixOf);
  // Each column belongs to the outcome with the longest matching prefix ("cost_" vs "cost_drug_").
  const owner = header.map((name) => {
    let best = -1;
    prefixes.forEach((prefix, o) => {
      if (name.startsWith(prefix) && name.length > prefix.length && (best < 0 || prefix.length > prefixes[best]!.length)) best = o;
    });
    return best;
  });
  const columnOf = (o: number, strategy: string): number => header.findIndex((name, c) => owner[c] === o && name === prefixes[o]! + strategy);
  const found = header.flatMap((name, c) => (owner[c] === 0 ? [name.slice(prefixes[0]!.length)] : []));
  const strategies = wanted === undefined ? found.filter((s) => outcomes.every((_, o) => columnOf(o, s) >= 0)) : [...wanted];
  if (strategies.length === 0) {
    fail("parse_error", ["csv", "header"], `no strategy has a column for every outcome (expected columns like ${prefixes.map((p) => `${p}<strategy>`).join(", ")})`, { received: header });
  }
  const columns = outcomes.map((_, o) =>
    strategies.map((s) => {
      const c = columnOf(o, s);
      if (c < 0) fail("parse_error", ["csv", "header", prefixes[o]! + s], `missing column "${prefixes[o]! + s}" (outcome "${outcomes[o]}" of strategy "${s}")`);
      return c;
    }),
  );
  const used = new Set(columns.flat());
  const drawIndex = header.indexOf(drawColumn);
  const order = rowOrder(table, drawIndex, drawColumn);
  const values: Record<string, Record<string, Float64Array>> = {};
  outcomes.forEach((outcome, o) => {
    values[outcome] = Object.fromEntries(strategies.map((s, k) => [s, readColumn(table, columns[o]![k]!, order)]));
  });
  const parameterColumns = header.flatMap((name, c) => (c === drawIndex || used.has(c) ? [] : [[name, readColumn(table, c, order)] as const]));
  const parameters = parameterColumns.length === 0 ? undefined : columnDraws(Object.fromEntries(parameterColumns));
  return psaResult({ strategies, outcomes, values, ...(parameters === undefined ? {} : { parameters }) });
}

function fromLong(table: CsvTable, outcomes: string[], columnNameOf: (o: string) => string, drawColumn: string, wanted: readonly string[] | undefined): PsaResult {
  const { header, rows, lines } = table;
  const need = (name: string): number => {
    const c = header.indexOf(name);
    if (c < 0) fail("parse_error", ["csv", "header", name], `missing column "${name}" (long format needs ${[drawColumn, "strategy", ...outcomes.map(columnNameOf)].join(", ")})`, { received: header });
    return c;
  };
  const drawIndex = need(drawColumn);
  const strategyIndex = need("strategy");
  const outcomeColumns = outcomes.map((o) => need(columnNameOf(o)));
  const strategies = wanted === undefined ? [...new Set(rows.map((row) => row[strategyIndex]!.trim()))] : [...wanted];
  const position = new Map(strategies.map((s, k) => [s, k]));
  const drawKeys = [...new Set(rows.map((row, r) => csvNumber(row[drawIndex]!, lines[r]!, drawColumn)))].sort((a, b) => a - b);
  const drawPosition = new Map(drawKeys.map((d, i) => [d, i]));
  const size = drawKeys.length;
  const nS = strategies.length;
  const seen = new Int32Array(size * nS).fill(-1);
  const buffers = outcomes.map(() => new Float64Array(nS * size));
  const parameterColumns = header.flatMap((name, c) => (c === drawIndex || c === strategyIndex || outcomeColumns.includes(c) ? [] : [c]));
  const parameterValues = parameterColumns.map(() => new Float64Array(size).fill(Number.NaN));
  rows.forEach((row, r) => {
    const line = lines[r]!;
    const strategy = row[strategyIndex]!.trim();
    const s = position.get(strategy);
    if (s === undefined) fail("parse_error", ["csv", "line", line, "column", "strategy"], `line ${line}: strategy "${strategy}" is not among ${strategies.join(", ")}`, { received: strategy });
    const i = drawPosition.get(csvNumber(row[drawIndex]!, line, drawColumn))!;
    if (seen[i * nS + s]! >= 0) fail("parse_error", ["csv", "line", line], `line ${line}: draw ${row[drawIndex]!.trim()} of strategy "${strategy}" appears twice (also line ${seen[i * nS + s]})`);
    seen[i * nS + s] = line;
    outcomeColumns.forEach((c, o) => (buffers[o]![s * size + i] = csvNumber(row[c]!, line, header[c]!)));
    parameterColumns.forEach((c, k) => {
      const value = csvNumber(row[c]!, line, header[c]!);
      const before = parameterValues[k]![i]!;
      if (!Number.isNaN(before) && before !== value) fail("parse_error", ["csv", "line", line, "column", header[c]!], `line ${line}, column "${header[c]}": parameter differs between strategies of the same draw (${before} and ${value})`);
      parameterValues[k]![i] = value;
    });
  });
  const missing = seen.indexOf(-1);
  if (missing >= 0) fail("parse_error", ["csv", "strategy", strategies[missing % nS]!], `strategy "${strategies[missing % nS]}" has no row for draw ${drawKeys[Math.floor(missing / nS)]}`);
  const buffer = new Float64Array(outcomes.length * nS * size);
  buffers.forEach((b, o) => buffer.set(b, o * nS * size));
  const parameters = parameterColumns.length === 0 ? undefined : columnDraws(Object.fromEntries(parameterColumns.map((c, k) => [header[c]!, parameterValues[k]!])));
  return psaResult({ strategies, outcomes, buffer, ...(parameters === undefined ? {} : { parameters }) });
}

/** Row order sorted by the draw column (stable file order without one); duplicates are errors. */
function rowOrder(table: CsvTable, drawIndex: number, drawColumn: string): number[] {
  const order = table.rows.map((_, r) => r);
  if (drawIndex < 0) return order;
  const keys = table.rows.map((row, r) => csvNumber(row[drawIndex]!, table.lines[r]!, drawColumn));
  order.sort((a, b) => keys[a]! - keys[b]!);
  for (let k = 1; k < order.length; k++) {
    if (keys[order[k]!] === keys[order[k - 1]!]) fail("parse_error", ["csv", "line", table.lines[order[k]!]!, "column", drawColumn], `line ${table.lines[order[k]!]}: draw ${keys[order[k]!]} appears twice`);
  }
  return order;
}

function readColumn(table: CsvTable, c: number, order: readonly number[]): Float64Array {
  const out = new Float64Array(order.length);
  const name = table.header[c]!;
  order.forEach((r, i) => (out[i] = csvNumber(table.rows[r]![c]!, table.lines[r]!, name)));
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
  const names = options.parameters === false || psa.parameters === undefined ? [] : [...psa.parameters.names];
  const parameterColumns = names.map((name) => psa.parameters!.column(name));
  const lines: string[] = [];
  if (options.format === "long") {
    lines.push(csvLine(["draw", "strategy", ...psa.outcomes, ...names]));
    for (let i = 0; i < psa.size; i++) {
      for (const strategy of psa.strategies) {
        lines.push(csvLine([String(i + 1), strategy, ...psa.outcomes.map((o) => String(psa.values(o, strategy)[i])), ...parameterColumns.map((c) => String(c[i]))]));
      }
    }
  } else {
    const series = psa.outcomes.flatMap((o) => psa.strategies.map((s) => psa.values(o, s)));
    lines.push(csvLine(["draw", ...psa.outcomes.flatMap((o) => psa.strategies.map((s) => `${o}_${s}`)), ...names]));
    for (let i = 0; i < psa.size; i++) lines.push([String(i + 1), ...series.map((v) => String(v[i])), ...parameterColumns.map((c) => String(c[i]))].join(","));
  }
  return lines.join("\n") + "\n";
}
