import { parseArgs } from "node:util";
import type { WtpRange } from "../../analysis/cea/wtp-grid.js";
import type { ResourceLimits } from "../../files/resource-budget.js";
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
  /** Whether any number of further positional arguments may follow (e.g. the files of \`qaly merge\`). */
  readonly variadic?: boolean;
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
    if (positionals.length > spec.positionals.length && spec.variadic !== true) throw new UsageError(`${spec.name}: unexpected argument "${positionals[spec.positionals.length]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

// Decimal numbers only: `Number()` would also take "0x10", "0b1", " " (as 0), "" (as 0) and
// "Infinity". Underscores may group digits (1_000_000), as in TypeScript.
const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a decimal number written on the command line, or `undefined` when it is not one.
 *
 * @param text - the text after the flag
 * @returns the finite number, or `undefined` for hexadecimal, binary, blank, `Infinity` or other text
 * @example
 * decimalNumber("1_000.5") // => 1000.5
 * decimalNumber("0x10") // => undefined
 */
export function decimalNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text.replaceAll("_", ""));
  return Number.isFinite(value) ? value : undefined;
}

/** Reads `--wtp from:to:step` (currency per unit effect). */
export function parseWtp(text: string | undefined): WtpRange | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(":").map((part) => decimalNumber(part.trim()));
  const [from, to, step] = parts;
  if (parts.length !== 3 || from === undefined || to === undefined || step === undefined || from < 0 || to < from || step <= 0) {
    throw new UsageError(`--wtp must be from:to:step with 0 ≤ from ≤ to and step > 0, e.g. 0:2000000:10000 (received "${text}")`);
  }
  if ((to - from) / step > 100_000) throw new UsageError(`--wtp ${text} has more than 100 000 points; use a larger step`);
  return { from, to, step };
}

/** Reads `--thresholds 500000,1000000`. */
export function parseThresholds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(",").map((part) => decimalNumber(part.trim()));
  if (!values.every((v): v is number => v !== undefined && v >= 0)) throw new UsageError(`--thresholds must be comma-separated decimal numbers ≥ 0, e.g. 500000,1000000 (received "${text}")`);
  return values;
}

/** Reads a whole number option such as `--psa 5000` (≥ `min`, decimal digits only). */
export function parseCount(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = decimalNumber(text.trim());
  if (value === undefined || !Number.isSafeInteger(value) || value < min) throw new UsageError(`--${name} must be a whole decimal number ≥ ${min} (received "${text}")`);
  return value;
}

/** Reads `--tornado-bars`: a whole number ≥ 1 or `all`. */
export function parseTornadoBars(text: string | undefined): number | "all" | undefined {
  return text?.trim() === "all" ? "all" : parseCount("tornado-bars", text, 1);
}

/** Reads `--seed`: a whole number stays a number (so `--seed 1` equals `seed: 1` in a script), any other non-blank text is a string seed. */
export function parseSeed(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === "") throw new UsageError(`--seed needs a value: a whole number or a word (received "${text}")`);
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/** The options that raise the work and memory limits, for commands that compile and run models. */
export const LIMIT_OPTIONS: Readonly<Record<string, OptionSpec>> = { "max-work": { type: "string" }, "max-memory": { type: "string" } };

/** Help lines of {@link LIMIT_OPTIONS}. */
export const LIMIT_HELP = `  --max-work N       most cohort cell updates a run may take (default 2e11)
  --max-memory MB    most memory for a model's arrays or a PSA's results, in MB (default 2048)`;

/** Reads `--max-work N` and `--max-memory MB` into limits (`undefined` when neither is given). */
export function parseLimits(values: ParsedCommand["values"]): Partial<ResourceLimits> | undefined {
  const read = (name: string): number | undefined => {
    const text = stringOption(values, name);
    if (text === undefined) return undefined;
    const value = decimalNumber(text.trim());
    if (value === undefined || value <= 0) throw new UsageError(`--${name} must be a decimal number > 0 (received "${text}")`);
    return value;
  };
  const work = read("max-work");
  const megabytes = read("max-memory");
  if (work === undefined && megabytes === undefined) return undefined;
  return { ...(work === undefined ? {} : { work }), ...(megabytes === undefined ? {} : { memory: megabytes * 1024 * 1024 }) };
}

/** A string option's value (`undefined` when absent). */
export function stringOption(values: ParsedCommand["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
