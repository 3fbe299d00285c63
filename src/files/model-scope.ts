import type { Issue, IssueCode, PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import type { TimeContext } from "../models/markov/time-context.js";
import { compileValue, extendEnv, type Env, type Getter } from "./expression-env.js";
import { compileExpression, expressionSymbols } from "./expression.js";

/**
 * Names an expression in a cohort model may read besides parameters and variables: qaly's own, then
 * the peers' (docs/conventions.md): heemod's `model_time` (the cycle, from 1) and `state_time` as
 * `heemod_state_time` (cycles in the state, from 1), and DARTH's 0-based cycle index `darth_cycle`.
 */
export const TIME_NAMES = ["cycle", "time", "age", "state_time", "model_time", "heemod_state_time", "darth_cycle"] as const;

/** Bits of what a name or an expression reads of the time: the cycle (also `time`, `age` and the peers' cycle names). */
export const READS_CYCLE = 1;
/** Bit: the time in a tunnel state (`state_time`, `heemod_state_time`). */
export const READS_STATE_TIME = 2;
/** Bit: the age (which needs the model's startAge). */
export const READS_AGE = 4;

/** What each time name reads (bits {@link READS_CYCLE}, {@link READS_STATE_TIME}, {@link READS_AGE}). */
const TIME_READS: Readonly<Record<(typeof TIME_NAMES)[number], number>> = {
  cycle: READS_CYCLE,
  time: READS_CYCLE,
  age: READS_CYCLE | READS_AGE,
  state_time: READS_STATE_TIME,
  model_time: READS_CYCLE,
  heemod_state_time: READS_STATE_TIME,
  darth_cycle: READS_CYCLE,
};

/**
 * What an expression may read of the time, from the names it uses (a static over-estimate: a branch
 * not taken still counts): the bits of every name in `reads` it uses, 0 for an expression of
 * parameters only. Names are looked for as text first, so most expressions are never parsed again.
 */
export function timeReads(source: number | string, env: Env, reads: ReadonlyMap<string, number>): number {
  return expressionReads(source, env, reads).bits;
}

/** {@link timeReads} with the names the expression uses (empty when it reads no time, or does not compile). */
export function expressionReads(source: number | string, env: Env, reads: ReadonlyMap<string, number>): { readonly bits: number; readonly symbols: readonly string[] } {
  const none = { bits: 0, symbols: [] };
  if (typeof source === "number") return none;
  let candidate = false;
  for (const name of reads.keys()) {
    if (source.includes(name)) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return none;
  let symbols: readonly string[];
  try {
    symbols = compileExpression(source, { names: env.names, functions: env.functions }).symbols;
  } catch {
    // Reported where the expression is compiled; the model is not built.
    return none;
  }
  let bits = 0;
  for (const name of symbols) bits |= reads.get(name) ?? 0;
  return { bits, symbols };
}

/** Per-strategy getters of strategy variables (strategy name → variable → getter). */
export type StrategyVariables = ReadonlyMap<string, ReadonlyMap<string, Getter>>;

/** What the expressions of one cohort model (Markov or partitioned survival) see. */
export interface ModelScope {
  /** Parameters, strategy variables, time names and the model's variables. */
  readonly env: Env;
  /** The same without time (for starting values, evaluated before any cycle). */
  readonly startEnv: Env;
  /** Sets the strategy and time of the evaluation that follows (and invalidates cached variables). */
  enter(time: TimeContext | undefined, strategy: string): void;
  /**
   * Invalidates only the cached variables that may read the time: the time object given to
   * {@link ModelScope.enter} has moved to another point (the vector form walks a grid of them).
   */
  tick(): void;
  /** The time names and the variables that may read the time, with what they read ({@link timeReads}). */
  readonly timeReads: ReadonlyMap<string, number>;
}

/**
 * Builds the scope of a cohort model's expressions: strategy variables take the value of the
 * strategy being evaluated; `cycle`, `time`, `age` and `state_time` read the engine's time object
 * (only when reached, so the engine sees which functions depend on time); the model's `variables`
 * are evaluated at most once per engine call, in declaration order. `cycleLength` (years) turns the
 * time into DARTH's cycle index.
 */
export function modelScope(definitions: Readonly<Record<string, number | string>> | undefined, strategies: readonly string[], variables: StrategyVariables, base: Env, path: readonly PathSegment[], issues: Issue[], cycleLength = 1): ModelScope {
  let strategy = strategies[0]!;
  let time: TimeContext | undefined;
  let stamp = 0;
  // Variables that read the time are cached per point in time, the others per strategy and draw.
  let timeStamp = 0;
  const variableNames = [...new Set([...variables.values()].flatMap((map) => [...map.keys()]))];
  // Visible when every strategy of this model defines them (a named model with strategies of its
  // own does not see the file's strategy variables).
  const visible = variableNames.length > 0 && variableNames.every((name) => strategies.every((s) => variables.get(s)?.has(name)));
  // The current strategy's getter of each variable, in `current` (set by enter): a read is one array
  // load and a call, not two Map lookups.
  const byStrategy = new Map(strategies.map((s) => [s, visible ? variableNames.map((name) => variables.get(s)!.get(name)!) : []]));
  let current: readonly Getter[] = byStrategy.get(strategy) ?? [];
  const strategyGetters = new Map<string, Getter>(visible ? variableNames.map((name, i) => [name, (p) => current[i]!(p)]) : []);
  const startEnv = extendEnv(base, strategyGetters);
  let env = extendEnv(
    startEnv,
    new Map<string, Getter>([
      ["cycle", () => time!.cycle],
      ["time", () => time!.time],
      ["age", () => time!.age],
      ["state_time", () => time!.stateTime],
      // heemod counts the first cycle as model_time 1: transitions of cycle k see k, as `cycle` does.
      ["model_time", () => time!.cycle],
      ["heemod_state_time", () => time!.stateTime + 1],
      // DARTH indexes the transition from row j to j + 1 by j, and row t by t: the start time in cycles.
      ["darth_cycle", () => Math.round(time!.time / cycleLength)],
    ]),
  );
  const reads = new Map<string, number>(Object.entries(TIME_READS));
  for (const [name, source] of Object.entries(definitions ?? {})) {
    if (env.names.includes(name)) issues.push({ code: "invalid_model", path: [...path, "variables", name], message: `variable '${name}' has the name of a parameter, strategy variable or time variable` });
    const getter = compileValue(source, env, [...path, "variables", name], issues);
    const bits = timeReads(source, env, reads);
    if (bits !== 0) reads.set(name, bits);
    let cachedAt = -1;
    let cached = 0;
    const cachedGetter: Getter =
      typeof getter === "number"
        ? () => getter
        : bits === 0
          ? (p) => (cachedAt === stamp ? cached : ((cachedAt = stamp), (cached = getter(p))))
          : (p) => (cachedAt === timeStamp ? cached : ((cachedAt = timeStamp), (cached = getter(p))));
    env = extendEnv(env, new Map([[name, cachedGetter]]));
  }
  return {
    env,
    startEnv,
    enter(t, g) {
      time = t;
      if (g !== strategy) {
        strategy = g;
        // A strategy this model does not list has no getters (a read fails, as it did before).
        current = byStrategy.get(g) ?? [];
      }
      stamp++;
      timeStamp++;
    },
    tick() {
      timeStamp++;
    },
    timeReads: reads,
  };
}

/**
 * Compiles an expression evaluated once before any cycle (a starting value, a capped value) in
 * the scope's `startEnv`. A name it reads that only the cycles see (the time names, the model's
 * variables) is reported as such, not as an unknown name with the closest parameter's name.
 */
export function compileBeforeCycles(source: number | string, scope: ModelScope, what: string, path: readonly PathSegment[], issues: Issue[]): number | Getter {
  const before = issues.length;
  const compiled = compileValue(source, scope.startEnv, path, issues);
  // Only a failed expression is read again, against every name the cycles see.
  if (issues.length === before || typeof source !== "string") return compiled;
  let late: readonly string[] = [];
  try {
    late = expressionSymbols(source, scope.env).filter((name) => !scope.startEnv.names.includes(name));
  } catch {
    // Wrong in the cycles too (a syntax error, a name nobody defines): compileValue's issues stand.
  }
  if (late.length === 0) return compiled;
  issues.splice(before);
  const names = late.map((name) => `'${name}'`).join(", ");
  issues.push({ code: "invalid_model", path, message: `${what} is evaluated once, before any cycle, so it cannot read ${names} (the time and the model's variables are evaluated per cycle); use parameters and strategy variables, or a derived parameter for a formula`, received: source });
  return 0;
}

/** A checker of names (states, outcomes, endpoints) that reports unknown ones with the closest name. */
export function nameChecker(code: IssueCode, what: string, known: readonly string[], issues: Issue[], advice = ""): (name: string, path: readonly PathSegment[]) => boolean {
  return (name, path) => {
    if (known.includes(name)) return true;
    const close = closestName(name, known);
    issues.push({ code, path, message: `unknown ${what} '${name}'${close === undefined ? "" : ` (did you mean '${close}'?)`}; ${advice || `${what}s: ${known.join(", ")}`}`, received: name });
    return false;
  };
}
