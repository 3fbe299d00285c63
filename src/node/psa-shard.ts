import { fail, QalyError, type Issue } from "../core/errors.js";
import { canonicalJson } from "../analysis/run/model-hash.js";
import { mergeDrawRange } from "../analysis/run/evaluate-draw-range.js";
import { QALY_VERSION } from "../analysis/run/version.js";
import { jsonText } from "../core/json-text.js";

/** The `format` field of every PSA shard file. */
export const PSA_SHARD_FORMAT = "qaly-psa-shard";
/** The shard format version this qaly writes and reads. */
export const PSA_SHARD_VERSION = 1;

/**
 * The run a shard belongs to: every field must be equal in all shards of one run, or `qaly merge`
 * refuses them (`shard_mismatch`). `options` holds the `qaly run` options that shape the merged
 * results (WTP grid, thresholds, DSA), as given on the command line.
 */
export interface PsaShardRun {
  /** Absolute path of the model file (or project module) the shard was evaluated from. */
  readonly model: string;
  /** The PSA provenance hash: title, strategies, outcomes and parameter definitions. */
  readonly modelHash: string;
  /** FNV-1a 64 of the model file's text, which also covers expressions the provenance hash does not. */
  readonly fileHash: string;
  /** Draws in the whole run. */
  readonly samples: number;
  /** The seed of the whole run. */
  readonly seed: string | number;
  /** Sampling method (`"random"` or `"lhs"`). */
  readonly method: string;
  /** Scenario name, or `null` for the base case. */
  readonly scenario: string | null;
  /** Strategy names, in model order. */
  readonly strategies: readonly string[];
  /** Outcome names, in model order. */
  readonly outcomes: readonly string[];
  /** The other options of the run, replayed by `qaly merge`. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** One shard: the outcomes of draws `from` (inclusive) to `to` (exclusive) of a run. */
export interface PsaShard {
  /** The qaly version that wrote it. */
  readonly qaly: string;
  /** The run it belongs to. */
  readonly run: PsaShardRun;
  /** First draw. */
  readonly from: number;
  /** End of the range (exclusive). */
  readonly to: number;
  /** Outcomes, laid out like a PSA buffer of `to − from` draws: `values[(o · S + s) · (to − from) + (i − from)]`. */
  readonly values: Float64Array;
}

/**
 * The text of a shard file: JSON with the values as base64 of little-endian IEEE 754 doubles, so
 * every bit survives (decimal text would too, at about twice the size).
 *
 * @param shard - the shard
 * @returns the file's text
 * @example
 * // psaShardText({ qaly: "0.1.0", run, from: 0, to: 250, values }) starts with '{\n  "format": "qaly-psa-shard"'
 */
export function psaShardText(shard: PsaShard): string {
  const bytes = Buffer.alloc(shard.values.length * 8);
  shard.values.forEach((value, k) => bytes.writeDoubleLE(value, 8 * k));
  const document = {
    format: PSA_SHARD_FORMAT,
    version: PSA_SHARD_VERSION,
    qaly: shard.qaly,
    run: shard.run,
    draws: { from: shard.from, to: shard.to },
    values: { encoding: "float64le-base64", layout: "(outcome × strategies + strategy) × draws + draw", data: bytes.toString("base64") },
  };
  return jsonText(document);
}

/**
 * Reads a shard file's text, checking its format, version and every field.
 *
 * @param text - the file's text
 * @param name - the file name, for messages
 * @returns the shard
 * @throws QalyError `parse_error` at `["shards", name]` for anything that is not a valid shard of a version this qaly reads
 * @example
 * // parsePsaShard(await readFile("out/psa-shard-0-250.json", "utf8"), "psa-shard-0-250.json").to === 250
 */
export function parsePsaShard(text: string, name: string): PsaShard {
  const path = ["shards", name];
  const bad = (why: string): never => fail("parse_error", path, `${name} is not a usable PSA shard: ${why}`);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return bad(`invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (data === null || typeof data !== "object" || data.format !== PSA_SHARD_FORMAT) bad(`its "format" is not "${PSA_SHARD_FORMAT}"`);
  if (data.version !== PSA_SHARD_VERSION) bad(`it has format version ${JSON.stringify(data.version)}; this qaly (${QALY_VERSION}) reads version ${PSA_SHARD_VERSION}`);
  const run = data.run as Partial<PsaShardRun> | undefined;
  const draws = data.draws as { from?: unknown; to?: unknown } | undefined;
  const values = data.values as { encoding?: unknown; data?: unknown } | undefined;
  const names = (list: unknown): boolean => Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === "string");
  if (run === undefined || run === null || typeof run !== "object") return bad(`"run" is missing`);
  if (typeof run.model !== "string" || typeof run.modelHash !== "string" || typeof run.fileHash !== "string") bad(`"run" lacks the model path or hashes`);
  if (!Number.isSafeInteger(run.samples) || run.samples! < 1) bad(`"run.samples" must be a whole number ≥ 1`);
  if (typeof run.seed !== "string" && typeof run.seed !== "number") bad(`"run.seed" is missing`);
  if (typeof run.method !== "string" || (run.scenario !== null && typeof run.scenario !== "string")) bad(`"run.method" or "run.scenario" is missing`);
  if (!names(run.strategies) || !names(run.outcomes)) bad(`"run.strategies" and "run.outcomes" must list names`);
  if (run.options === null || typeof run.options !== "object") bad(`"run.options" is missing`);
  const from = draws?.from;
  const to = draws?.to;
  if (typeof from !== "number" || typeof to !== "number" || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to <= from || to > run.samples!) {
    bad(`"draws" must be { from, to } with 0 ≤ from < to ≤ ${run.samples}`);
  }
  if (values?.encoding !== "float64le-base64" || typeof values.data !== "string") return bad(`"values" must hold float64le-base64 data`);
  const bytes = Buffer.from(values.data, "base64");
  const count = run.outcomes!.length * run.strategies!.length * ((to as number) - (from as number));
  if (bytes.length !== count * 8) bad(`it holds ${bytes.length / 8} values where ${run.outcomes!.length} outcomes × ${run.strategies!.length} strategies × ${(to as number) - (from as number)} draws need ${count}`);
  const decoded = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    decoded[k] = bytes.readDoubleLE(8 * k);
    if (!Number.isFinite(decoded[k])) bad(`value ${k} is not a finite number`);
  }
  return { qaly: String(data.qaly), run: run as PsaShardRun, from: from as number, to: to as number, values: decoded };
}

/**
 * Joins the shards of one run into the outcome buffer of the whole PSA, laid out like a
 * `PsaResult` buffer. The draws are put at their own indices, so the buffer is bit-identical to
 * evaluating every draw in one run. Shards may come in any order.
 *
 * @param shards - the shards, each with the file name used in messages
 * @returns the run they share and the buffer of all its draws
 * @throws QalyError `shard_mismatch` (shards of different runs: model, hashes, seed, draws, scenario or options differ);
 *   `shard_overlap` (a range evaluated twice, including duplicate files); `shard_gap` (draws no shard holds); `invalid_argument` when none is given
 * @example
 * // const { run, values } = mergePsaShards([{ name: "a.json", shard: a }, { name: "b.json", shard: b }]);
 */
export function mergePsaShards(shards: readonly { readonly name: string; readonly shard: PsaShard }[]): { run: PsaShardRun; values: Float64Array } {
  if (shards.length === 0) fail("invalid_argument", ["shards"], "give at least one shard");
  const first = shards[0]!;
  const issues: Issue[] = [];
  const reference = first.shard.run as unknown as Record<string, unknown>;
  for (const { name, shard } of shards.slice(1)) {
    const run = shard.run as unknown as Record<string, unknown>;
    const differ = Object.keys({ ...reference, ...run }).filter((key) => canonicalJson(reference[key]) !== canonicalJson(run[key]));
    if (differ.length > 0) {
      issues.push({ code: "shard_mismatch", path: ["shards", name, "run", differ[0]!], message: `${name} belongs to another run than ${first.name}: ${differ.map((key) => `${key} ${short(run[key])} vs ${short(reference[key])}`).join("; ")}` });
    }
  }
  if (issues.length > 0) throw new QalyError(issues);
  const sorted = [...shards].sort((a, b) => a.shard.from - b.shard.from || a.shard.to - b.shard.to);
  const { samples, outcomes, strategies } = first.shard.run;
  let covered = 0;
  let previous = sorted[0]!;
  for (const entry of sorted) {
    const { from, to } = entry.shard;
    if (from < covered) {
      const same = previous.shard.from === from && previous.shard.to === to;
      issues.push({ code: "shard_overlap", path: ["shards", entry.name, "draws"], message: same ? `${entry.name} and ${previous.name} both hold draws ${from}–${to} (a duplicate shard)` : `${entry.name} (draws ${from}–${to}) overlaps ${previous.name} (draws ${previous.shard.from}–${previous.shard.to})` });
    } else if (from > covered) {
      issues.push({ code: "shard_gap", path: ["draws", covered], message: `no shard holds draws ${covered}–${from} of ${samples}` });
    }
    if (to > covered) {
      covered = to;
      previous = entry;
    }
  }
  if (covered < samples) issues.push({ code: "shard_gap", path: ["draws", covered], message: `no shard holds draws ${covered}–${samples} of ${samples}` });
  if (issues.length > 0) throw new QalyError(issues);
  const series = outcomes.length * strategies.length;
  const values = new Float64Array(series * samples);
  for (const { shard } of sorted) mergeDrawRange(values, shard.values, shard.from, series);
  return { run: first.shard.run, values };
}

function short(value: unknown): string {
  const text = canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
