import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import type { Distribution } from "../distributions/distribution.js";
import { complement } from "../models/complement.js";
import { microsimulation, type MicrosimulationModel } from "../models/microsimulation/microsimulation.js";
import type { MicrosimCell, MicrosimulationDefinition } from "../models/microsimulation/microsimulation-definition.js";
import type { Person } from "../models/microsimulation/person.js";
import { compileValue, extendEnv, type Env, type Getter } from "./expression-env.js";
import { fileDistribution } from "./file-distribution.js";
import { modelScope, nameChecker, TIME_NAMES, type StrategyVariables } from "./model-scope.js";
import type { MicrosimulationFile } from "./model-file-schema.js";

type Params = Readonly<Record<string, number>>;
type Cell = MicrosimCell<Params, string, string> | typeof complement;

/**
 * Compiles a microsimulation of a model file into {@link microsimulation}: attributes are
 * distributions with constant parameters (`{ kind: normal, mean: 60, sd: 8 }`); expressions may read
 * parameters, strategy variables, the time names of cohort models (`cycle`, `time`, `age`,
 * `state_time`, …), the attributes and the history counters by name. An expression is evaluated per
 * individual only when it reads one of them (the engine sees what each reads).
 */
export function buildMicrosimulation(def: MicrosimulationFile, strategies: readonly string[], variables: StrategyVariables, base: Env, path: readonly PathSegment[], issues: Issue[]): MicrosimulationModel<Params, string, string> | undefined {
  const before = issues.length;
  const states = def.states;
  const outcomes = Object.keys(def.outcomes);
  const attributes: Record<string, Distribution> = {};
  for (const [name, spec] of Object.entries(def.attributes ?? {})) {
    const distribution = fileDistribution(spec, [...path, "attributes", name], issues);
    if (distribution !== undefined) attributes[name] = distribution;
  }
  const personNames = [...Object.keys(def.attributes ?? {}).filter((name) => name !== "age"), ...Object.keys(def.history ?? {})];
  for (const name of personNames) {
    const where = Object.hasOwn(def.attributes ?? {}, name) ? "attributes" : "history";
    if (base.names.includes(name) || (TIME_NAMES as readonly string[]).includes(name)) issues.push({ code: "invalid_model", path: [...path, where, name], message: `'${name}' is already the name of a parameter or a time variable; rename the ${where === "attributes" ? "attribute" : "history counter"}` });
  }
  // Attributes and counters are read from the individual the engine is evaluating.
  let current: Person | undefined;
  const personEnv = extendEnv(base, new Map<string, Getter>(personNames.map((name) => [name, () => (current as unknown as Record<string, number>)[name]!])));
  const scope = modelScope(def.variables, strategies, variables, personEnv, path, issues, typeof def.cycleLength === "number" ? def.cycleLength : 1);
  const stateName = nameChecker("unknown_state", "state", states, issues);
  const outcomeName = nameChecker("unknown_outcome", "outcome", outcomes, issues, `declare it under outcomes (${outcomes.join(", ")})`);
  const cell = (source: number | string, where: readonly PathSegment[]): Cell => {
    if (source === "complement") return complement;
    const value = compileValue(source, scope.env, where, issues);
    if (typeof value === "number") return value;
    return (p, person, strategy) => {
      scope.enter(person, strategy);
      current = person;
      return value(p);
    };
  };
  const table = (rows: Readonly<Record<string, number | string>>, where: readonly PathSegment[], keyCheck: (key: string, at: readonly PathSegment[]) => boolean): Record<string, Cell> =>
    Object.fromEntries(Object.entries(rows).flatMap(([key, source]) => (keyCheck(key, [...where, key]) ? [[key, cell(source, [...where, key])]] : [])));

  const transitions = Object.fromEntries(Object.entries(def.transitions).flatMap(([from, row]) => (stateName(from, [...path, "transitions", from]) ? [[from, table(row, [...path, "transitions", from], stateName)]] : [])));
  const values = Object.fromEntries(Object.entries(def.values ?? {}).flatMap(([outcome, row]) => (outcomeName(outcome, [...path, "values", outcome]) ? [[outcome, table(row, [...path, "values", outcome], stateName)]] : [])));
  const transitionValues = Object.fromEntries(
    Object.entries(def.transitionValues ?? {}).flatMap(([outcome, rows]) =>
      outcomeName(outcome, [...path, "transitionValues", outcome])
        ? [[outcome, Object.fromEntries(Object.entries(rows).flatMap(([from, row]) => (stateName(from, [...path, "transitionValues", outcome, from]) ? [[from, table(row, [...path, "transitionValues", outcome, from], stateName)]] : [])))]]
        : [],
    ),
  );
  for (const state of Object.keys(def.start)) stateName(state, [...path, "start", state]);
  for (const [name, counter] of Object.entries(def.history ?? {})) counter.states.forEach((state, i) => stateName(state, [...path, "history", name, "states", i]));
  if (issues.length > before) return undefined;

  const definition: MicrosimulationDefinition<Params, string, string, string, string, string> = {
    title: def.title ?? "Microsimulation",
    states,
    strategies,
    outcomes: def.outcomes,
    individuals: def.individuals,
    ...(def.seed === undefined ? {} : { seed: def.seed }),
    ...(def.chunkSize === undefined ? {} : { chunkSize: def.chunkSize }),
    ...(def.cycleLength === undefined ? {} : { cycleLength: def.cycleLength }),
    ...(def.cycles === undefined ? {} : { cycles: def.cycles }),
    ...(def.horizon === undefined ? {} : { horizon: def.horizon }),
    ...(def.discountRate === undefined ? {} : { discountRate: def.discountRate as { cost?: number; effect?: number } }),
    ...(def.cycleCorrection === undefined ? {} : { cycleCorrection: def.cycleCorrection }),
    ...(def.discountTiming === undefined ? {} : { discountTiming: def.discountTiming }),
    ...(def.tolerance === undefined ? {} : { tolerance: def.tolerance }),
    attributes,
    history: (def.history ?? {}) as MicrosimulationDefinition<Params, string, string, string, string, string>["history"] & object,
    start: def.start,
    transitions,
    // "complement" in a value is reported by the engine (a value is a number or an expression).
    values: values as never,
    transitionValues: transitionValues as never,
  };
  try {
    return microsimulation(definition);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
    return undefined;
  }
}
