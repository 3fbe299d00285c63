import { fail } from "../../core/errors.js";
import { parseCsv } from "../../core/csv/parse-csv.js";
import { csvNumber, isMissingCsvValue } from "../../core/csv/csv-number.js";
import { columnDraws } from "./column-draws.js";
import { psaResult, type PsaResult } from "./psa-result.js";

/** Options of {@link withParameterDrawsCsv}. */
export interface ParameterDrawsCsvOptions {
  /** Name of the draw-index column (default `"draw"`, else `Iteration`); without one, rows join in file order. */
  readonly draw?: string;
  /** The field separator (default `","`). */
  readonly delimiter?: "," | ";" | "\t";
  /** The file name, the first segment of error paths (default `"parameters.csv"`). */
  readonly file?: string;
}

/**
 * Adds parameter draws kept in a second CSV file to a PSA result, joined by row: row k (or draw
 * k + 1 when the file has a draw column) holds the parameters behind the PSA's draw k, as voi's
 * `evppi(outputs, inputs)` takes outputs and inputs separately. Every other column is a parameter;
 * `NA` or an empty field is kept as `NaN` (EVPPI then refuses that parameter). A first column without
 * a name (R's `write.csv` row names) is skipped.
 *
 * @param psa - the PSA result (its own parameter columns, if any, are kept)
 * @param text - CSV text with a header line and one row per draw
 * @param options - draw column, delimiter, file name
 * @returns a new result with the parameters of both
 * @throws QalyError `dimension_mismatch` when the row count differs from the PSA's draws,
 *   `parse_error` for a non-numeric value or a draw column that is not 1…n, `invalid_argument` for a
 *   parameter the PSA already has
 * @example
 * const psa = psaResultFromCsv("draw,cost_A,effect_A\n1,100,1\n2,120,1.1");
 * withParameterDrawsCsv(psa, "draw,pX\n2,0.3\n1,0.2").parameters?.column("pX") // => Float64Array.from([0.2, 0.3])
 */
export function withParameterDrawsCsv(psa: PsaResult, text: string, options: ParameterDrawsCsvOptions = {}): PsaResult {
  const file = options.file ?? "parameters.csv";
  const table = parseCsv(text, { source: file, ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }) });
  const n = table.rows.length;
  if (n !== psa.size) fail("dimension_mismatch", [file], `${file} has ${n} rows of parameter draws but the PSA has ${psa.size} draws; they are joined row by row`, { received: n, expected: String(psa.size) });
  const drawColumn = options.draw !== undefined ? table.header.indexOf(options.draw) : table.header.indexOf("draw") >= 0 ? table.header.indexOf("draw") : table.header.indexOf("Iteration");
  if (options.draw !== undefined && drawColumn < 0) fail("parse_error", [file, "header", options.draw], `no draw column "${options.draw}" in ${file}`);
  // Row of each draw: draw k + 1 sits on row order[k]; draws must be exactly 1…n.
  const order = Array.from({ length: n }, (_, r) => r);
  if (drawColumn >= 0) {
    table.rows.forEach((_, r) => {
      const draw = csvNumber(table, r, drawColumn);
      if (!Number.isInteger(draw) || draw < 1 || draw > n) fail("parse_error", [file, "line", table.lines[r]!, "column", table.header[drawColumn]!], `line ${table.lines[r]}: draw ${draw} is not one of 1…${n} (draws join the PSA's rows by number)`, { received: draw });
      order[draw - 1] = r;
    });
    const seen = new Set(order);
    if (seen.size !== n) fail("parse_error", [file, "column", table.header[drawColumn]!], `the draw numbers in ${file} are not 1…${n}, each once`);
  }
  const known = new Set(psa.parameters?.names ?? []);
  const columns: Record<string, Float64Array> = {};
  for (const name of psa.parameters?.names ?? []) columns[name] = psa.parameters!.column(name);
  table.header.forEach((name, c) => {
    if (c === drawColumn || (c === 0 && name === "")) return;
    if (known.has(name)) fail("invalid_argument", [file, "header", name], `parameter "${name}" is both in the PSA and in ${file}`, { received: name });
    columns[name] = Float64Array.from(order, (r) => (isMissingCsvValue(table.rows[r]![c]!) ? Number.NaN : csvNumber(table, r, c)));
  });
  return psaResult({
    strategies: psa.strategies,
    outcomes: psa.outcomes,
    buffer: Float64Array.from(psa.buffer),
    parameters: columnDraws(columns),
    ...(psa.provenance === undefined ? {} : { provenance: psa.provenance }),
  });
}
