import type { Issue, PathSegment } from "../core/errors.js";
import type { ModelFile, SettingsFile } from "./model-file-schema.js";

// A model file is untrusted input: `cycles: 1e9`, a 10⁹-position tunnel or 10⁶ states would
// exhaust memory or run for days, ending in an allocation abort or a hang. The work and memory a
// file asks for are estimated from its structure before anything is built or run, and refused
// with a typed error that names the inputs and the limit (which the caller may raise).

/** Limits on what one run may ask for. */
export interface ResourceLimits {
  /**
   * Most work of a run, in cohort cell updates: cycles × (expanded states)² per strategy and
   * evaluation, summed over the evaluations (base case, PSA draws, DSA points). About 10⁹ take a
   * second or a few on one core.
   */
  readonly work: number;
  /** Most memory, in bytes, of a model's own arrays, or of a PSA's results and draws. */
  readonly memory: number;
}

/** The default limits: 2 × 10¹¹ cell updates (minutes of work on one core) and 2 GiB of memory. */
export const RESOURCE_LIMITS: ResourceLimits = Object.freeze({ work: 2e11, memory: 2 * 1024 ** 3 });

/** What one evaluation of a model file's model costs, as {@link estimateFileWork} finds it. */
export interface FileWorkEstimate {
  /** Cell updates of one evaluation of every strategy. */
  readonly perEvaluation: number;
  /** Bytes of the cohort models' arrays (trace and transition matrix per strategy). */
  readonly memory: number;
  /** The inputs behind the largest part, in words (e.g. `model: 1000000000 cycles × 4 states × 2 strategies`). */
  readonly largest: string;
  /** The path of the model behind the largest part. */
  readonly path: readonly PathSegment[];
}

type CohortLike = {
  readonly type: string;
  readonly states?: readonly (string | { readonly name: string; readonly tunnel: number })[];
  readonly cycles?: number;
  readonly horizon?: number;
  readonly cycleLength?: number;
  readonly strategies?: readonly string[] | Readonly<Record<string, unknown>>;
  readonly individuals?: number;
};

/**
 * Estimates the work and memory of one evaluation of a model file: for every Markov or partitioned
 * survival model, cycles × (states, tunnels expanded)² per strategy. Scenario `settings` (cycles,
 * horizon, cycle length) replace the file's when given. A decision tree's own nodes are cheap and
 * not counted.
 *
 * @param file - a model file that passed the schema
 * @param settings - a scenario's settings, if any
 * @returns the estimate
 * @example
 * const file = { strategies: ["A", "B"], model: { type: "markov", states: ["H", "S", "D"], cycles: 100 } };
 * estimateFileWork(file as never).perEvaluation // => 1800
 */
export function estimateFileWork(file: ModelFile, settings?: SettingsFile): FileWorkEstimate {
  const fileStrategies = count(file.strategies);
  const cohorts: [PathSegment[], CohortLike][] = [[["model"], file.model as CohortLike], ...Object.entries(file.models ?? {}).map(([name, def]): [PathSegment[], CohortLike] => [["models", name], def as CohortLike])];
  let perEvaluation = 0;
  let memory = 0;
  let largest = { work: -1, text: "", path: [] as PathSegment[] };
  for (const [path, def] of cohorts) {
    if (def.type === "microsimulation" && def.individuals !== undefined) {
      // A row walk per individual and cycle; memory holds one chunk of individuals, not all of them.
      const states = def.states?.length ?? 1;
      const cycles = cyclesOf(def, settings);
      const work = def.individuals * cycles * states * fileStrategies;
      perEvaluation += work;
      memory += 8 * (cycles + 1) * states * states * fileStrategies + 64 * Math.min(def.individuals, 4096) * fileStrategies;
      if (work > largest.work) largest = { work, text: `${path.join(".")}: ${def.individuals} individuals × ${cycles} cycles × ${states} states × ${fileStrategies} strategies`, path };
      continue;
    }
    if (def.type !== "markov" && def.type !== "partitioned-survival") continue;
    const states = def.states === undefined ? 3 : def.states.reduce((sum, state) => sum + (typeof state === "string" ? 1 : state.tunnel), 0);
    const cycles = cyclesOf(def, settings);
    const strategies = def.strategies === undefined ? fileStrategies : count(def.strategies);
    const work = cycles * states * states * strategies;
    perEvaluation += work;
    memory += 8 * (cycles * states + states * states) * strategies;
    if (work > largest.work) largest = { work, text: `${path.join(".")}: ${cycles} cycles × ${states} states${states === (def.states?.length ?? 3) ? "" : " (tunnels expanded)"} × ${strategies} strategies`, path };
  }
  return { perEvaluation, memory, largest: largest.text, path: largest.path };
}

/**
 * The `resource_limit` issues of a model file: one evaluation (of the base case, and of every
 * scenario with settings of its own) must fit the work and memory limits.
 *
 * @param file - a model file that passed the schema
 * @param limits - the limits (default {@link RESOURCE_LIMITS})
 * @returns the issues, each at the model whose size is the problem
 * @example
 * const file = { strategies: ["A"], model: { type: "markov", states: ["H", "D"], cycles: 1e9 } };
 * fileBudgetIssues(file as never)[0]?.code // => "resource_limit"
 */
export function fileBudgetIssues(file: ModelFile, limits: ResourceLimits = RESOURCE_LIMITS): Issue[] {
  const cases: [string, SettingsFile | undefined][] = [["", undefined], ...Object.entries(file.scenarios ?? {}).flatMap(([name, s]): [string, SettingsFile | undefined][] => (s.settings === undefined ? [] : [[` in scenario "${name}"`, s.settings]]))];
  for (const [where, settings] of cases) {
    const estimate = estimateFileWork(file, settings);
    const raise = "; make the model smaller, or raise the limit (limits option of compileModelFile and runProject, --max-work / --max-memory of the command line)";
    if (!(estimate.perEvaluation <= limits.work)) {
      return [{ code: "resource_limit", path: estimate.path, message: `one evaluation${where} needs about ${formatCount(estimate.perEvaluation)} cell updates (${estimate.largest}), more than the limit of ${formatCount(limits.work)}${raise}`, received: estimate.perEvaluation, expected: `at most ${limits.work}` }];
    }
    if (!(estimate.memory <= limits.memory)) {
      return [{ code: "resource_limit", path: estimate.path, message: `the model${where} needs about ${formatBytes(estimate.memory)} of memory (${estimate.largest}), more than the limit of ${formatBytes(limits.memory)}${raise}`, received: estimate.memory, expected: `at most ${limits.memory} bytes` }];
    }
  }
  return [];
}

function cyclesOf(def: CohortLike, settings: SettingsFile | undefined): number {
  const cycles = settings?.cycles ?? (settings?.horizon === undefined ? def.cycles : undefined);
  if (cycles !== undefined) return cycles;
  const horizon = settings?.horizon ?? def.horizon;
  const cycleLength = settings?.cycleLength ?? def.cycleLength ?? 1;
  // Without cycles or horizon the engine asks for one of them; count one cycle.
  if (horizon === undefined) return 1;
  const derived = Math.round(horizon / cycleLength);
  // A horizon over a zero or negative cycle length is the engine's error to report, not a size.
  return Number.isFinite(derived) && derived > 0 ? derived : 1;
}

function count(strategies: readonly string[] | Readonly<Record<string, unknown>>): number {
  return Array.isArray(strategies) ? strategies.length : Object.keys(strategies).length;
}

/**
 * A large count in words a reader can compare: `2e+11` style for huge numbers, digits otherwise.
 *
 * @internal
 */
export function formatCount(value: number): string {
  return value >= 1e6 ? value.toExponential(1).replace("e+", "e") : String(Math.round(value));
}

/**
 * Bytes as kB, MB, GB or TB (powers of 1024).
 *
 * @internal
 */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toPrecision(3)} ${units[unit]}`;
}
