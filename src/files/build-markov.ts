import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { complement } from "../models/complement.js";
import { markovCohort, type MarkovCohortModel } from "../models/markov/markov-cohort.js";
import type { MarkovCohortDefinition, StateSpec } from "../models/markov/markov-definition.js";
import type { TimeContext } from "../models/markov/time-context.js";
import { compileValue, contextReaders, type Env, type Getter } from "./expression-env.js";
import { compileContextAssignments, type ContextAssignment } from "./expression.js";
import { compileBeforeCycles, modelScope, nameChecker, READS_STATE_TIME, timeReads, type StrategyVariables } from "./model-scope.js";
import { cohortSettings } from "./cohort-settings.js";
import { arrayForms, type CellRows, type SourcedCell } from "./cohort-arrays.js";
import { readLifeTableFile } from "./life-table-file.js";
import type { MarkovFile, PsmFile, SettingsFile } from "./model-file-schema.js";

type Params = Readonly<Record<string, number>>;
type Cell = number | symbol | Getter;

export { TIME_NAMES, type StrategyVariables } from "./model-scope.js";

/** Applies a scenario's settings to a Markov definition: a horizon replaces cycles and vice versa. */
export function withSettings<D extends MarkovFile | PsmFile>(def: D, settings: SettingsFile | undefined): D {
  if (settings === undefined) return def;
  const merged: Record<string, unknown> = { ...def, ...settings };
  if (settings.horizon !== undefined && settings.cycles === undefined) delete merged["cycles"];
  if (settings.cycles !== undefined && settings.horizon === undefined) delete merged["horizon"];
  if (settings.discountRate !== undefined) merged["discountRate"] = { ...def.discountRate, ...settings.discountRate };
  return merged as D;
}

/**
 * Compiles a Markov model of a model file into {@link markovCohort}: expressions become the
 * transition, value and starting-value functions; strategy variables take the value of the strategy
 * being evaluated; `cycle`, `time`, `age` and `state_time` are read from the engine's time only when
 * an expression uses them (so time-homogeneous models keep the engine's fast path).
 */
export function buildMarkov(def: MarkovFile, strategies: readonly string[], variables: StrategyVariables, base: Env, path: readonly PathSegment[], issues: Issue[], readFile?: (path: string) => string): MarkovCohortModel<Params, string, string, string> | undefined {
  const before = issues.length;
  const states = def.states.map((s: StateSpec) => (typeof s === "string" ? s : s.name));
  const outcomes = Object.keys(def.outcomes);
  const scope = modelScope(def.variables, strategies, variables, base, path, issues, typeof def.cycleLength === "number" ? def.cycleLength : 1);
  const env = scope.env;
  const startEnv = scope.startEnv;
  const stateName = nameChecker("unknown_state", "state", states, issues);
  const outcomeName = nameChecker("unknown_outcome", "outcome", outcomes, issues, `declare it under outcomes (${outcomes.join(", ")})`);
  // The sources of the transition and value cells, for the vector form.
  const sources = new Map<Getter, string>();
  const cell = (source: number | string, where: readonly PathSegment[], cellEnv: Env = env): Cell => {
    if (source === "complement") return complement;
    const compiled = compileValue(source, cellEnv, where, issues);
    if (typeof compiled === "function" && typeof source === "string") sources.set(compiled, source);
    return compiled;
  };
  const read = (value: Cell, p: Params): number | symbol => (typeof value === "function" ? value(p) : value);

  const transitions: [string, [string, Cell][]][] = [];
  for (const [from, row] of Object.entries(def.transitions)) {
    if (!stateName(from, [...path, "transitions", from])) continue;
    transitions.push([from, Object.entries(row).filter(([to]) => stateName(to, [...path, "transitions", from, to])).map(([to, v]) => [to, cell(v, [...path, "transitions", from, to])])]);
  }
  const values: [string, [string, Cell][]][] = [];
  for (const [outcome, row] of Object.entries(def.values ?? {})) {
    if (!outcomeName(outcome, [...path, "values", outcome])) continue;
    values.push([outcome, Object.entries(row).filter(([state]) => stateName(state, [...path, "values", outcome, state])).map(([state, v]) => [state, cell(v, [...path, "values", outcome, state])])]);
  }
  const transitionValues: [string, [string, [string, Cell][]][]][] = [];
  for (const [outcome, table] of Object.entries(def.transitionValues ?? {})) {
    if (!outcomeName(outcome, [...path, "transitionValues", outcome])) continue;
    const rows = Object.entries(table).filter(([from]) => stateName(from, [...path, "transitionValues", outcome, from]));
    transitionValues.push([outcome, rows.map(([from, row]) => [from, Object.entries(row).filter(([to]) => stateName(to, [...path, "transitionValues", outcome, from, to])).map(([to, v]) => [to, cell(v, [...path, "transitionValues", outcome, from, to])])])]);
  }
  // One value per move and cycle is booked on the moves out of every position of a tunnel state
  // alike, so a value out of one may not read the time in state (the engine refuses it when the values
  // differ by position; said here at the expression, whatever the values).
  const tunnels = new Map(def.states.flatMap((s: StateSpec) => (typeof s === "string" ? [] : [[s.name, s.tunnel ?? 1] as const])));
  for (const [outcome, table] of Object.entries(def.transitionValues ?? {})) {
    for (const [from, row] of Object.entries(table)) {
      if ((tunnels.get(from) ?? 1) <= 1) continue;
      for (const [to, v] of Object.entries(row)) {
        if ((timeReads(v, env, scope.timeReads) & READS_STATE_TIME) === 0) continue;
        issues.push({ code: "invalid_model", path: [...path, "transitionValues", outcome, from, to], message: `'${v}' reads the time in state (state_time or heemod_state_time, directly or through a variable), but a transition value out of the tunnel state '${from}' is booked on the moves out of every position of the tunnel alike; let the state values or the transition probabilities depend on the time in state instead`, received: v });
      }
    }
  }
  // Starting values happen before any cycle: they may not read the time, nor the model's variables.
  const startCell = (source: number | string, where: readonly PathSegment[]): Cell => {
    const compiled = compileBeforeCycles(source, scope, "a starting value", where, issues);
    // As cell() does: the starting values' generated writer needs each getter's text.
    if (typeof compiled === "function" && typeof source === "string") sources.set(compiled, source);
    return compiled;
  };
  const startingValues: [string, Cell | [string, Cell][]][] = [];
  for (const [outcome, v] of Object.entries(def.startingValues ?? {})) {
    if (!outcomeName(outcome, [...path, "startingValues", outcome])) continue;
    const where = [...path, "startingValues", outcome];
    startingValues.push([outcome, typeof v === "object" ? Object.entries(v).filter(([state]) => stateName(state, [...where, state])).map(([state, x]) => [state, startCell(x, [...where, state])]) : startCell(v, where)]);
  }
  for (const state of Object.keys(def.start)) stateName(state, [...path, "start", state]);
  const background = def.backgroundMortality;
  const lifeTable = background === undefined ? undefined : readLifeTableFile(background, readFile, [...path, "backgroundMortality"], issues);
  if (issues.length > before) return undefined;

  const rowsOut: Record<string, Record<string, number | symbol>> = {};
  const rowBuffers = transitions.map(([from, cells]): [Record<string, number | symbol>, [string, Cell][]] => [(rowsOut[from] = {}), cells]);
  const valuesOut: Record<string, Record<string, number>> = {};
  const valueBuffers = values.map(([outcome, cells]): [Record<string, number>, [string, Cell][]] => [(valuesOut[outcome] = {}), cells]);
  const enter = (_p: Params, t: TimeContext | undefined, g: string): void => scope.enter(t, g);
  // Transition and starting values too: built once (Object.fromEntries, so any key is an own
  // property), refilled per call in the same key order.
  const transitionValuesOut: Record<string, Record<string, Record<string, number>>> = Object.fromEntries(transitionValues.map(([outcome, rows]) => [outcome, Object.fromEntries(rows.map(([from, row]) => [from, Object.fromEntries(row.map(([to]) => [to, 0]))]))]));
  const transitionValueCells = transitionValues.flatMap(([outcome, rows]) => rows.flatMap(([from, row]) => row.map(([to, value]) => [transitionValuesOut[outcome]![from]!, to, value] as const)));
  const startingValuesOut: Record<string, number | Record<string, number>> = Object.fromEntries(startingValues.map(([outcome, v]) => [outcome, Array.isArray(v) ? Object.fromEntries(v.map(([state]) => [state, 0])) : 0]));
  // Tables whose expressions may read the time are given to the engine in the vector form: every
  // cycle and tunnel position of a draw at once, over the points each entry depends on.
  const sourced = (rows: [string, [string, Cell][]][]): CellRows => rows.map(([key, cells]) => [key, cells.map(([name, c]): [string, SourcedCell] => [name, typeof c === "function" ? { getter: c, source: sources.get(c)! } : c])]);
  const vector = arrayForms(sourced(transitions), sourced(values), tunnels, scope, def.startAge !== undefined);
  // The tables left in the callback form, the transition values and the starting values are each
  // refilled by one generated function (compileContextAssignments: the cells' own expressions,
  // reads and short-circuits, in the cells' order) rather than a loop calling one function per cell,
  // whose for-of and destructuring also made V8's optimising compiler work ~10 ms on each; undefined
  // (code generation refused, or nothing to write) keeps the loops below.
  const rowsWrite = vector.transitionArrays === undefined ? tableWriter(rowBuffers, env, sources) : undefined;
  const valuesWrite = vector.valueArrays === undefined ? tableWriter(valueBuffers, env, sources) : undefined;
  const transitionValuesWrite = tableWriter(
    transitionValues.flatMap(([outcome, rows]) => rows.map(([from, row]): [Record<string, number | symbol>, [string, Cell][]] => [transitionValuesOut[outcome]![from]!, row])),
    env,
    sources,
  );
  // Starting values: the outcomes given as one number are cells of startingValuesOut itself, the others rows of their own.
  const startingBuffers: [Record<string, number | symbol>, [string, Cell][]][] = [[startingValuesOut as Record<string, number | symbol>, []]];
  for (const [outcome, v] of startingValues) {
    if (Array.isArray(v)) startingBuffers.push([startingValuesOut[outcome] as Record<string, number>, v]);
    else startingBuffers[0]![1].push([outcome, v]);
  }
  const startingValuesWrite = tableWriter(startingBuffers, startEnv, sources);
  const definition: MarkovCohortDefinition<Params, readonly StateSpec[], string, string> = {
    title: def.title ?? "Markov model",
    states: def.states as StateSpec[],
    strategies,
    outcomes: def.outcomes,
    start: def.start,
    ...cohortSettings(def),
    ...(def.costByYear === undefined ? {} : { costByYear: def.costByYear }),
    ...(def.milestones === undefined ? {} : { milestones: def.milestones }),
    ...(def.transitionValueWeight === undefined ? {} : { transitionValueWeight: def.transitionValueWeight }),
    ...(background === undefined ? {} : { backgroundMortality: { lifeTable: lifeTable!, sexMix: background.sexMix, deathState: background.deathState } }),
    // The engine reads the returned tables at once and keeps nothing, so one set of objects is
    // refilled per call (same keys, same order: the complement sums the others in written order).
    ...(vector.transitionArrays !== undefined
      ? { transitionArrays: vector.transitionArrays }
      : {
          transitions: (p: Params, t: TimeContext, g: string) => {
            enter(p, t, g);
            if (rowsWrite !== undefined) rowsWrite(p);
            else for (const [row, cells] of rowBuffers) for (const [to, value] of cells) row[to] = read(value, p);
            return rowsOut;
          },
        }),
    ...(vector.valueArrays !== undefined
      ? { valueArrays: vector.valueArrays }
      : {
          values: (p: Params, t: TimeContext, g: string) => {
            enter(p, t, g);
            if (valuesWrite !== undefined) valuesWrite(p);
            else for (const [row, cells] of valueBuffers) for (const [state, value] of cells) row[state] = read(value, p) as number;
            return valuesOut;
          },
        }),
    ...(transitionValues.length === 0
      ? {}
      : {
          transitionValues: (p: Params, t: TimeContext, g: string) => {
            enter(p, t, g);
            if (transitionValuesWrite !== undefined) transitionValuesWrite(p);
            else for (const [target, to, value] of transitionValueCells) target[to] = read(value, p) as number;
            return transitionValuesOut;
          },
        }),
    ...(startingValues.length === 0
      ? {}
      : {
          startingValues: (p: Params, g: string) => {
            enter(p, undefined, g);
            if (startingValuesWrite !== undefined) {
              startingValuesWrite(p);
              return startingValuesOut;
            }
            for (const [outcome, v] of startingValues) {
              if (!Array.isArray(v)) startingValuesOut[outcome] = read(v, p) as number;
              else for (const [state, x] of v) (startingValuesOut[outcome] as Record<string, number>)[state] = read(x, p) as number;
            }
            return startingValuesOut;
          },
        }),
  };
  try {
    return markovCohort(definition) as MarkovCohortModel<Params, string, string, string>;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
    return undefined;
  }
}

/**
 * One generated function that refills the tables of `buffers` (row object, its cells) for a draw's
 * parameters: each cell's key is put into its row now, in the cells' order (the order the loop would
 * give them on its first call), a complement stays the complement symbol, constants and expressions
 * are written per call. `sources` holds the expression text of each cell's getter. Undefined when
 * there is nothing to write or it cannot be generated (code generation refused, a key `__proto__`);
 * the caller then keeps its loop over the cells.
 */
function tableWriter(buffers: readonly [Record<string, number | symbol>, readonly [string, Cell][]][], env: Env, sources: ReadonlyMap<Getter, string>): ((p: Params) => void) | undefined {
  const cells: ContextAssignment[] = [];
  for (let target = 0; target < buffers.length; target++) {
    for (const [key, cell] of buffers[target]![1]) {
      if (typeof cell === "symbol") continue;
      if (typeof cell === "number") {
        cells.push({ target, key, value: cell });
        continue;
      }
      const source = sources.get(cell);
      if (source === undefined) return undefined;
      cells.push({ target, key, source });
    }
  }
  if (cells.length === 0) return undefined;
  const write = compileContextAssignments<Params>(cells, { names: env.names, functions: env.functions }, contextReaders(env), buffers.map(([row]) => row));
  if (write === undefined) return undefined;
  for (const [row, rowCells] of buffers) for (const [key, cell] of rowCells) row[key] = typeof cell === "symbol" ? cell : 0;
  return write;
}
