import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import type { Model } from "../models/model.js";
import { partitionedSurvival } from "../models/psm/partitioned-survival.js";
import type { PartitionedSurvivalDefinition } from "../models/psm/partitioned-survival-definition.js";
import { survivalCurveFromDef } from "../survival/survival-curve-from-def.js";
import { type ExponentialRate, exponentialRate } from "../survival/exponential-survival.js";
import { readLifeTableFile } from "./life-table-file.js";
import type { LifeTable } from "../survival/life-table.js";
import type { SurvivalCurve, SurvivalCurveDef } from "../survival/survival-curve.js";
import type { TimeContext } from "../models/markov/time-context.js";
import { compileValue, contextReaders, type Env, type Getter } from "./expression-env.js";
import { compileContextAssignments } from "./expression.js";
import { compileBeforeCycles, modelScope, nameChecker, type ModelScope, type StrategyVariables } from "./model-scope.js";
import { cohortSettings } from "./cohort-settings.js";
import type { PsmFile } from "./model-file-schema.js";

type Params = Readonly<Record<string, number>>;
type Cell = number | Getter;
type Tree = (p: Params) => unknown;

/** Text fields of survival-curve definitions that are names, not expressions. */
const TEXT_KEYS = new Set(["kind", "timeUnit", "source", "label", "unit", "sex", "interpolation"]);
/** Fields of survival-curve definitions that are booleans. */
const BOOLEAN_KEYS = new Set(["restartClock"]);

/** Compiles a curve definition whose numbers may be expressions into a function giving the plain definition. */
function curveSpec(spec: unknown, key: string, scope: ModelScope, path: readonly PathSegment[], issues: Issue[]): Tree {
  // A flag, not a number: `restartClock: 1` used to pass as a number and be read as false.
  if (BOOLEAN_KEYS.has(key)) {
    if (typeof spec === "boolean") return () => spec;
    issues.push({ code: "invalid_model", path, message: `${key} is true or false (received ${JSON.stringify(spec)})`, received: spec, expected: "true | false" });
    return () => false;
  }
  if (typeof spec === "number") return () => spec;
  if (typeof spec === "string") {
    if (TEXT_KEYS.has(key)) return () => spec;
    // Evaluated once per strategy and draw, before any cycle: no time names, no model variables.
    const v = compileBeforeCycles(spec, scope, "a curve's parameter", path, issues);
    return typeof v === "number" ? () => v : v;
  }
  if (Array.isArray(spec)) {
    const items = spec.map((item, i) => curveSpec(item, key, scope, [...path, i], issues));
    return (p) => items.map((item) => item(p));
  }
  if (typeof spec === "object" && spec !== null) {
    // A spline's scale is a word (hazard, odds, normal); a Weibull's scale is a number or an expression.
    const splineScale = (spec as { kind?: unknown }).kind === "royston-parmar";
    const keys = Object.keys(spec);
    const parts = keys.map((k) => {
      const v = (spec as Record<string, unknown>)[k];
      return splineScale && k === "scale" && typeof v === "string" ? () => v : curveSpec(v, k, scope, [...path, k], issues);
    });
    // An own "__proto__" key needs Object.fromEntries (an assignment would set the prototype).
    if (keys.includes("__proto__")) return (p) => Object.fromEntries(keys.map((k, i) => [k, parts[i]!(p)]));
    // Filled key by key in the declared order (as Object.fromEntries did), without the pair arrays
    // per key and draw: the NSCLC arms build 18 curve definitions per draw.
    return (p) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = parts[i]!(p);
      return out;
    };
  }
  issues.push({ code: "invalid_model", path, message: `expected a number, an expression or a curve definition (received ${JSON.stringify(spec)})`, received: spec });
  return () => Number.NaN;
}

/** An endpoint's curve for a parameter set: the curve, or for `{ kind: exponential, rate }` its checked rate. */
type CurveOf = (p: Params) => SurvivalCurve | ExponentialRate;

/**
 * Compiles an endpoint's curve definition. A plain `{ kind: exponential, rate }` gives the checked
 * rate (the PSM engine reads nothing else, and builds the curve if a run asks for it): per draw no
 * definition object, and no curve object with its closures (NSCLC: 18 endpoints per draw). Any
 * other definition is built into its curve by survivalCurveFromDef.
 */
function endpointCurve(spec: unknown, scope: ModelScope, path: readonly PathSegment[], issues: Issue[]): CurveOf {
  if (typeof spec === "object" && spec !== null && !Array.isArray(spec) && (spec as { kind?: unknown }).kind === "exponential") {
    const keys = Object.keys(spec);
    if (keys.length === 2 && keys.includes("rate")) {
      const rate = curveSpec((spec as { rate: unknown }).rate, "rate", scope, [...path, "rate"], issues);
      return (p) => exponentialRate(rate(p) as number);
    }
  }
  const tree = curveSpec(spec, "", scope, path, issues);
  return (p) => survivalCurveFromDef(tree(p) as SurvivalCurveDef);
}

/**
 * Compiles a partitioned survival model of a model file into {@link partitionedSurvival}: each
 * endpoint's curve is a src/survival definition (`{ kind: weibull, shape, scale }`, `{ kind:
 * hazard-ratio, hazardRatio, curve }`, …) whose numbers may be expressions over parameters and
 * strategy variables; values and entry values as in Markov models. The curves are built once with
 * the base-case values, so a wrong kind or parameter is reported with the file's path.
 */
export function buildPsm(def: PsmFile, strategies: readonly string[], variables: StrategyVariables, base: Env, baseValues: Params | undefined, readFile: ((path: string) => string) | undefined, path: readonly PathSegment[], issues: Issue[]): Model<Params, string> | undefined {
  const before = issues.length;
  const background = def.backgroundMortality === undefined ? undefined : backgroundMortality(def.backgroundMortality, readFile, [...path, "backgroundMortality"], issues);
  const states = def.states ?? ["PF", "PD", "Dead"];
  const endpoints = def.endpoints ?? ["PFS", "OS"];
  const outcomes = Object.keys(def.outcomes);
  const scope = modelScope(def.variables, strategies, variables, base, path, issues, typeof def.cycleLength === "number" ? def.cycleLength : 1);
  const stateName = nameChecker("unknown_state", "state", states, issues);
  const outcomeName = nameChecker("unknown_outcome", "outcome", outcomes, issues, `declare it under outcomes (${outcomes.join(", ")})`);
  const endpointName = nameChecker("unknown_state", "endpoint", endpoints, issues);

  const curves: [string, CurveOf][] = Object.entries(def.curves).filter(([name]) => endpointName(name, [...path, "curves", name])).map(([name, spec]) => [name, endpointCurve(spec, scope, [...path, "curves", name], issues)]);
  for (const endpoint of endpoints) if (def.curves[endpoint] === undefined) issues.push({ code: "invalid_model", path: [...path, "curves"], message: `endpoint '${endpoint}' has no curve` });
  const table = (source: Readonly<Record<string, Readonly<Record<string, number | string>>>> | undefined, key: string, env: Env): [string, [string, Cell, number | string][]][] =>
    Object.entries(source ?? {})
      .filter(([outcome]) => outcomeName(outcome, [...path, key, outcome]))
      .map(([outcome, row]) => [outcome, Object.entries(row).filter(([state]) => stateName(state, [...path, key, outcome, state])).map(([state, v]) => [state, compileValue(v, env, [...path, key, outcome, state], issues), v])]);
  const values = table(def.values, "values", scope.env);
  const entryValues = table(def.entryValues, "entryValues", scope.env);
  const startingValues = Object.entries(def.startingValues ?? {}).filter(([outcome]) => outcomeName(outcome, [...path, "startingValues", outcome])).map(([outcome, v]) => [outcome, compileBeforeCycles(v, scope, "a starting value", [...path, "startingValues", outcome], issues)] as const);
  const capped = Object.entries(def.cappedValues ?? {}).map(([label, c]) => {
    const where = [...path, "cappedValues", label];
    outcomeName(c.outcome, [...where, "outcome"]);
    for (const state of typeof c.states === "string" ? [c.states] : c.states) stateName(state, [...where, "states"]);
    return { label, outcome: c.outcome, states: c.states, perYear: compileBeforeCycles(c.perYear, scope, "a capped value", [...where, "perYear"], issues), maxDuration: compileBeforeCycles(c.maxDuration, scope, "a capped value's duration", [...where, "maxDuration"], issues), sources: { perYear: c.perYear, maxDuration: c.maxDuration } };
  });
  if (issues.length > before) return undefined;

  const read = (value: Cell, p: Params): number => (typeof value === "function" ? value(p) : value);
  // The engine reads each table and the curves record as soon as it gets them and keeps neither
  // (run() copies the curves), so each function fills one object of its own, built once with the
  // same keys in the same order, instead of building new ones per strategy and draw.
  const rowsInto = (source: [string, [string, Cell, number | string][]][], env: Env): ((p: Params) => Record<string, Record<string, number>>) => {
    const table: Record<string, Record<string, number>> = Object.fromEntries(source.map(([outcome, row]) => [outcome, Object.fromEntries(row.map(([state]) => [state, 0]))]));
    const targets = source.map(([outcome]) => table[outcome]!);
    // The whole table as one generated function (NSCLC: 8 cells per arm, 9 arms per draw): the same
    // numbers as the cells' own functions, with fewer functions for V8 to warm up on a first run.
    const cells = source.flatMap(([, row], o) => row.map(([state, cell, v]) => (typeof cell === "number" ? { target: o, key: state, value: cell } : { target: o, key: state, source: v as string })));
    const write = compileContextAssignments<Params>(cells, { names: env.names, functions: env.functions }, contextReaders(env), targets);
    if (write !== undefined) return (p) => (write(p), table);
    return (p) => {
      for (let o = 0; o < source.length; o++) {
        const row = source[o]![1];
        const target = targets[o]!;
        for (let i = 0; i < row.length; i++) target[row[i]![0]] = read(row[i]![1], p);
      }
      return table;
    };
  };
  const record = Object.fromEntries(curves.map(([name]) => [name, undefined])) as unknown as Record<string, SurvivalCurve | ExponentialRate>;
  const curvesOf = (p: Params, g: string): Record<string, SurvivalCurve | ExponentialRate> => {
    scope.enter(undefined, g);
    for (let k = 0; k < curves.length; k++) record[curves[k]![0]] = curves[k]![1](p);
    return record;
  };
  // The capped values likewise: one record, its numbers rewritten per call (labels are unique keys).
  const cappedRecord: Record<string, { outcome: string; states: unknown; perYear: number; maxDuration: number }> = Object.fromEntries(capped.map((c) => [c.label, { outcome: c.outcome, states: c.states, perYear: 0, maxDuration: 0 }]));
  const cappedTargets = capped.map((c) => cappedRecord[c.label]!);
  // Likewise one generated function for all of them (undefined when code generation is refused).
  const cappedCells = capped.flatMap((c, k) => (["perYear", "maxDuration"] as const).map((key) => (typeof c[key] === "number" ? { target: k, key, value: c[key] } : { target: k, key, source: c.sources[key] as string })));
  const writeCapped = capped.length === 0 ? undefined : compileContextAssignments<Params>(cappedCells, { names: scope.startEnv.names, functions: scope.startEnv.functions }, contextReaders(scope.startEnv), cappedTargets);
  const valueRows = rowsInto(values, scope.env);
  const entryRows = rowsInto(entryValues, scope.env);
  // Built once now, so a wrong kind or parameter is a compile error with the file's path.
  for (const strategy of baseValues === undefined ? [] : strategies) {
    try {
      curvesOf(baseValues!, strategy);
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      for (const issue of error.issues) issues.push({ ...issue, path: [...path, "curves"], message: `${issue.message} (curves of strategy '${strategy}', base case)` });
      return undefined;
    }
  }
  const definition = {
    title: def.title ?? "Partitioned survival model",
    strategies,
    states,
    endpoints,
    outcomes: def.outcomes,
    curves: curvesOf,
    ...(def.timeUnit === undefined ? {} : { timeUnit: def.timeUnit }),
    ...cohortSettings(def),
    ...(def.crossing === undefined ? {} : { crossing: def.crossing }),
    ...(def.costByYear === undefined ? {} : { costByYear: def.costByYear }),
    ...(background === undefined ? {} : { backgroundMortality: background }),
    values: (p: Params, t: TimeContext, g: string) => (scope.enter(t, g), valueRows(p)),
    ...(entryValues.length === 0 ? {} : { entryValues: (p: Params, t: TimeContext, g: string) => (scope.enter(t, g), entryRows(p)) }),
    ...(startingValues.length === 0 ? {} : { startingValues: (p: Params, g: string) => (scope.enter(undefined, g), Object.fromEntries(startingValues.map(([o, v]) => [o, read(v, p)]))) }),
    ...(capped.length === 0
      ? {}
      : {
          cappedValues: (p: Params, g: string) => {
            scope.enter(undefined, g);
            if (writeCapped !== undefined) return (writeCapped(p), cappedRecord);
            for (let k = 0; k < capped.length; k++) {
              const c = capped[k]!;
              const target = cappedTargets[k]!;
              target.perYear = read(c.perYear, p);
              target.maxDuration = read(c.maxDuration, p);
            }
            return cappedRecord;
          },
        }),
  } as unknown as PartitionedSurvivalDefinition<Params, string, string, string, string>;
  try {
    return partitionedSurvival(definition) as unknown as Model<Params, string>;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
    return undefined;
  }
}

/** The general-population life table and sex mix of `backgroundMortality` (the table read by {@link readLifeTableFile}). */
function backgroundMortality(spec: NonNullable<PsmFile["backgroundMortality"]>, readFile: ((path: string) => string) | undefined, path: readonly PathSegment[], issues: Issue[]): { lifeTable: LifeTable; sexMix: Readonly<Record<string, number>>; method?: "cycle" | "exact" } | undefined {
  const lifeTable = readLifeTableFile(spec, readFile, path, issues);
  if (lifeTable === undefined) return undefined;
  return { lifeTable, sexMix: spec.sexMix, ...(spec.method === undefined ? {} : { method: spec.method }) };
}
