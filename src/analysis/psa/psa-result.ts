import { fail, IssueCollector } from "../../core/errors.js";
import { checkFinite, checkNames, fromValues } from "./check-psa-input.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";
import { unknownName } from "../../core/unknown-name.js";

/**
 * Where a PSA came from: the seed and generator of its draws, the library version and a hash of
 * the model and parameter definitions. Absent for results imported from another tool.
 */
export interface PsaProvenance {
  /** The seed the parameter draws were generated from (`null` when the draws were given). */
  readonly seed: string | number | null;
  /** The uniform generator behind every draw. */
  readonly generator: "alea";
  /** The qaly version that produced the result. */
  readonly version: string;
  /** FNV-1a 64 hash (16 hex digits) of the model's declared structure and parameter definitions. */
  readonly modelHash: string;
  /** How the draws were generated (`"random"` or `"lhs"`), when known. */
  readonly method?: string;
}

/**
 * The result of a probabilistic sensitivity analysis: for every outcome and strategy, one value
 * per draw. It is the hub of the uncertainty analyses: CE plane, CEAC, CEAF, EVPI and the ICER
 * table of PSA means are functions of it and of nothing else (dampack's `psa` object), so a PSA
 * exported from TreeAge, Excel or R is analysed exactly like one run by qaly.
 *
 * All values live in one `Float64Array` laid out `[outcome][strategy][draw]`; {@link PsaResult.values}
 * returns views into it. Treat the arrays as read-only: the object is frozen, typed arrays cannot be.
 *
 * @typeParam S - strategy names
 * @typeParam O - outcome names
 */
export interface PsaResult<S extends string = string, O extends string = string> {
  /** Strategy names, in a fixed order. */
  readonly strategies: readonly S[];
  /** Outcome names, in a fixed order (e.g. `cost`, `qaly`). */
  readonly outcomes: readonly O[];
  /** Number of draws. */
  readonly size: number;
  /** Every value, `buffer[(o * strategies.length + s) * size + i]` for outcome o, strategy s, draw i. */
  readonly buffer: Float64Array;
  /** The parameter draws that produced the values, when known. */
  readonly parameters?: ParameterDraws;
  /** Seed, generator, version and model hash, when the result was produced by qaly. */
  readonly provenance?: PsaProvenance;
  /** One outcome of one strategy for every draw (a view, not a copy). Throws `unknown_outcome` / `unknown_strategy`. */
  values(outcome: O, strategy: S): Float64Array;
  /** The mean of one outcome of one strategy over all draws. */
  mean(outcome: O, strategy: S): number;
  /** The JSON form, read back by {@link psaResultFromJson}. */
  toJSON(): PsaResultJson;
}

/** The JSON form of a {@link PsaResult}: plain arrays per outcome and strategy. */
export interface PsaResultJson {
  /** Marks the format. */
  readonly format: "qaly-psa-result";
  /** Format version. */
  readonly formatVersion: 1;
  /** Strategy names. */
  readonly strategies: readonly string[];
  /** Outcome names. */
  readonly outcomes: readonly string[];
  /** Number of draws. */
  readonly size: number;
  /** `values[outcome][strategy]`: one number per draw. */
  readonly values: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
  /** Parameter draws by name, when known. */
  readonly parameters?: Readonly<Record<string, readonly number[]>>;
  /** Provenance, when known. */
  readonly provenance?: PsaProvenance;
}

/** Input of {@link psaResult}: the values either as one laid-out buffer or per outcome and strategy. */
export interface PsaResultInput<S extends string = string, O extends string = string> {
  /** Strategy names (unique, at least one). */
  readonly strategies: readonly S[];
  /** Outcome names (unique, at least one). */
  readonly outcomes: readonly O[];
  /** `values[outcome][strategy]`: one finite number per draw (copied). Give this or `buffer`. */
  readonly values?: Readonly<Record<O, Readonly<Record<S, ArrayLike<number>>>>>;
  /** A buffer laid out `[outcome][strategy][draw]` (taken over, not copied). Give this or `values`. */
  readonly buffer?: Float64Array;
  /** The parameter draws behind the values (same number of draws). */
  readonly parameters?: ParameterDraws;
  /** Provenance of a run by qaly. */
  readonly provenance?: PsaProvenance;
}

/**
 * Builds a {@link PsaResult} from values per outcome and strategy, or from a laid-out buffer.
 * Checks that names are unique, every series has the same number of draws and every value is
 * finite, reporting all problems at once.
 *
 * @param input - strategies, outcomes and the values (`values` or `buffer`), optional parameters and provenance
 * @returns a frozen result
 * @throws QalyError `invalid_argument`, `dimension_mismatch`, `non_finite_value`
 * @example
 * const psa = psaResult({
 *   strategies: ["SoC", "New"], outcomes: ["cost", "qaly"],
 *   values: { cost: { SoC: [100, 200], New: [300, 500] }, qaly: { SoC: [1, 1.2], New: [1.5, 1.4] } },
 * });
 * psa.size // => 2
 * psa.mean("cost", "New") // => 400
 * Array.from(psa.values("qaly", "SoC")) // => [1, 1.2]
 */
export function psaResult<S extends string, O extends string>(input: PsaResultInput<S, O>): PsaResult<S, O> {
  const issues = new IssueCollector();
  checkNames(input.strategies, "strategies", issues);
  checkNames(input.outcomes, "outcomes", issues);
  issues.throwIfAny("PSA result");
  const nS = input.strategies.length;
  const nO = input.outcomes.length;
  let buffer: Float64Array;
  if (input.buffer !== undefined) {
    if (input.values !== undefined) fail("invalid_argument", ["values"], "give either values or buffer, not both");
    buffer = input.buffer;
    if (buffer.length === 0 || buffer.length % (nS * nO) !== 0) {
      fail("dimension_mismatch", ["buffer"], `buffer length ${buffer.length} is not a positive multiple of ${nO} outcomes × ${nS} strategies`, { received: buffer.length });
    }
  } else {
    if (input.values === undefined) fail("invalid_argument", ["values"], "give the values per outcome and strategy (or a buffer)");
    buffer = fromValues(input.values, input.strategies, input.outcomes);
  }
  const size = buffer.length / (nS * nO);
  checkFinite(buffer, size, input.strategies, input.outcomes);
  if (input.parameters !== undefined && input.parameters.size !== size) {
    fail("dimension_mismatch", ["parameters"], `parameter draws have ${input.parameters.size} draws but the outcomes have ${size}`, { received: input.parameters.size, expected: String(size) });
  }
  return createPsaResult(input.strategies, input.outcomes, buffer, input.parameters, input.provenance);
}

/** Wraps a checked buffer as a frozen result, without validation. @internal */
export function createPsaResult<S extends string, O extends string>(
  strategies: readonly S[],
  outcomes: readonly O[],
  buffer: Float64Array,
  parameters: ParameterDraws | undefined,
  provenance: PsaProvenance | undefined,
): PsaResult<S, O> {
  const nS = strategies.length;
  const size = buffer.length / (nS * outcomes.length);
  const strategyIndex = new Map<string, number>(strategies.map((s, i) => [s, i]));
  const outcomeIndex = new Map<string, number>(outcomes.map((o, i) => [o, i]));
  const views = outcomes.map((_, o) => strategies.map((_, s) => buffer.subarray((o * nS + s) * size, (o * nS + s + 1) * size)));
  const means = new Map<Float64Array, number>();
  const view = (outcome: O, strategy: S): Float64Array => {
    const o = outcomeIndex.get(outcome);
    if (o === undefined) unknownName("unknown_outcome", ["outcome"], "outcome", outcome, outcomes);
    const s = strategyIndex.get(strategy);
    if (s === undefined) unknownName("unknown_strategy", ["strategy"], "strategy", strategy, strategies);
    return views[o]![s]!;
  };
  const result: PsaResult<S, O> = {
    strategies: Object.freeze([...strategies]),
    outcomes: Object.freeze([...outcomes]),
    size,
    buffer,
    ...(parameters === undefined ? {} : { parameters }),
    ...(provenance === undefined ? {} : { provenance: Object.freeze({ ...provenance }) }),
    values: view,
    mean(outcome: O, strategy: S): number {
      const series = view(outcome, strategy);
      let m = means.get(series);
      if (m === undefined) {
        let sum = 0;
        for (let i = 0; i < size; i++) sum += series[i]!;
        m = sum / size;
        means.set(series, m);
      }
      return m;
    },
    toJSON(): PsaResultJson {
      const values: Record<string, Record<string, number[]>> = {};
      outcomes.forEach((outcome, o) => {
        const perStrategy: Record<string, number[]> = {};
        strategies.forEach((strategy, s) => (perStrategy[strategy] = Array.from(views[o]![s]!)));
        values[outcome] = perStrategy;
      });
      const json: PsaResultJson = { format: "qaly-psa-result", formatVersion: 1, strategies: [...strategies], outcomes: [...outcomes], size, values };
      const extra: { parameters?: Record<string, number[]>; provenance?: PsaProvenance } = {};
      if (parameters !== undefined) extra.parameters = Object.fromEntries(parameters.names.map((name) => [name, Array.from(parameters.column(name))]));
      if (provenance !== undefined) extra.provenance = { ...provenance };
      return { ...json, ...extra };
    },
  };
  return Object.freeze(result);
}
