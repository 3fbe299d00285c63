import { parseArgs } from "node:util";
import type { WtpRange } from "../../analysis/cea/wtp-grid.js";
import { UsageError } from "./cli-io.js";

type OptionSpec = { readonly type: "string" | "boolean"; readonly short?: string };

/** A command's options and positional arguments, as `parseArgs` reads them. */
export interface CommandSpec {
  /** Command name, for messages. */
  readonly name: string;
  /** Options besides `--help`. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Names of the positional arguments, all required. */
  readonly positionals: readonly string[];
}

/** Parsed arguments; `help` is true when `--help` was given (nothing else is checked then). */
export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

/** Parses a command's arguments strictly: unknown options, missing values and wrong positional counts are usage errors. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: { ...spec.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`${spec.name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const help = parsed.values.help === true;
  if (!help) {
    const { positionals } = parsed;
    if (positionals.length < spec.positionals.length) throw new UsageError(`${spec.name}: missing ${spec.positionals.slice(positionals.length).map((p) => `<${p}>`).join(" ")}`);
    if (positionals.length > spec.positionals.length) throw new UsageError(`${spec.name}: unexpected argument "${positionals[spec.positionals.length]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** Reads `--wtp from:to:step` (currency per unit effect). */
export function parseWtp(text: string | undefined): WtpRange | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(":").map((part) => Number(part.replaceAll("_", "")));
  const [from, to, step] = parts;
  if (parts.length !== 3 || !parts.every(Number.isFinite) || from! < 0 || to! < from! || step! <= 0) {
    throw new UsageError(`--wtp must be from:to:step with 0 ≤ from ≤ to and step > 0, e.g. 0:2000000:10000 (received "${text}")`);
  }
  if ((to! - from!) / step! > 100_000) throw new UsageError(`--wtp ${text} has more than 100 000 points; use a larger step`);
  return { from: from!, to: to!, step: step! };
}

/** Reads `--thresholds 500000,1000000`. */
export function parseThresholds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(",").map((part) => Number(part.trim().replaceAll("_", "")));
  if (values.length === 0 || !values.every((v) => Number.isFinite(v) && v >= 0)) throw new UsageError(`--thresholds must be comma-separated numbers ≥ 0, e.g. 500000,1000000 (received "${text}")`);
  return values;
}

/** Reads a whole number option such as `--psa 5000` (≥ `min`). */
export function parseCount(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be a whole number ≥ ${min} (received "${text}")`);
  return value;
}

/** Reads `--seed`: a whole number stays a number (so `--seed 1` equals `seed: 1` in a script), anything else is a string seed. */
export function parseSeed(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/** A string option's value (`undefined` when absent). */
export function stringOption(values: ParsedCommand["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
