import { didYouMean } from "../../core/closest-name.js";
import { IssueCollector, type IssueCode, type PathSegment } from "../../core/errors.js";
import { type CycleCorrection, cycleWeights } from "../../math/cycle-weights.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import { type CohortOutcomes, resolveOutcomes } from "../cohort/cohort-outcomes.js";
import { cohortCoefficients, resolveSchedule } from "../cohort/cohort-schedule.js";
import { annualOutputNames, resolveCostByYear } from "../cohort/annual-fractions.js";
import { startVector } from "./start-vector.js";
import { type CompiledBackground, compileBackground } from "./background-floor.js";
import { type MarkovCohortDefinition, type MarkovStrategy, type StateSpec, ROW_SUM_TOLERANCE } from "./markov-definition.js";

type AnyFunction = (...args: never[]) => unknown;

/** One strategy, resolved: its own functions or the shared ones. */
export interface CompiledStrategy {
  readonly name: string;
  readonly start: Float64Array | undefined;
  /** The callback form of the transitions, or undefined when the strategy gives `transitionArrays`. */
  readonly transitions: AnyFunction | undefined;
  /** The vector form of the transitions (fill-transition-arrays.ts). */
  readonly transitionArrays: AnyFunction | undefined;
  /** The callback form of the state values. */
  readonly values: AnyFunction | undefined;
  /** The vector form of the state values (fill-value-arrays.ts). */
  readonly valueArrays: AnyFunction | undefined;
  readonly transitionValues: AnyFunction | undefined;
  readonly startingValues: AnyFunction | undefined;
}

/** The validated, index-based form of a definition that the kernel runs. */
export interface CompiledMarkov {
  readonly title: string;
  readonly states: readonly string[];
  readonly stateIndex: ReadonlyMap<string, number>;
  /** Tunnel length of each state (1 for ordinary states). */
  readonly tunnel: Int32Array;
  /** First expanded index of each state. */
  readonly base: Int32Array;
  readonly expanded: number;
  readonly maxTunnel: number;
  readonly strategies: readonly CompiledStrategy[];
  readonly outcomes: readonly string[];
  readonly outcomeIndex: ReadonlyMap<string, number>;
  /** 0 = discounted at the cost rate, 1 = at the effect rate. */
  readonly outcomeClass: Uint8Array;
  /** Whether `cost` is the sum of the cost outcomes (no outcome named `cost` was declared). */
  readonly costIsSum: boolean;
  /** The cohort outputs, then the annual cost outputs (`costByYear`). */
  readonly outputs: readonly string[];
  /** Milestone outputs (last in `outputs`): name, trace row and the expanded states counted. */
  readonly milestones: readonly { readonly name: string; readonly row: number; readonly states: Uint8Array }[];
  /** 1 for the trace rows some milestone reads. */
  readonly milestoneRows: Uint8Array;
  /** Years of undiscounted annual cost outputs (0: none). */
  readonly annualYears: number;
  /** Declared cost outcomes reported by year (indices into the declared outcomes), in output order after the `cost` sum. */
  readonly annualOutcomes: Int32Array;
  /** The outcome layout, shared with the other cohort engines. */
  readonly outcomeLayout: CohortOutcomes;
  readonly cycles: number;
  readonly cycleLength: number;
  readonly startAge: number | undefined;
  /** Background mortality (the floor on each living row's death probability), if any. */
  readonly background: CompiledBackground | undefined;
  readonly tolerance: number;
  readonly discountRates: readonly [number, number];
  /** Row coefficients per discount class (years), and undiscounted. */
  readonly coefficients: readonly [Float64Array, Float64Array];
  readonly undiscounted: Float64Array;
  /** Discount factor of an event in cycle k (index k) per class. */
  readonly eventDiscount: readonly [Float64Array, Float64Array];
  /** Weight of a transition value in cycle k per class (the event discount, times w_k with `transitionValueWeight: "row"`). */
  readonly eventWeight: readonly [Float64Array, Float64Array];
  /** Undiscounted weight of a transition value in cycle k (1, or w_k with `"row"`); undefined for 1. */
  readonly eventUndiscounted: Float64Array | undefined;
  readonly correction: CycleCorrection;
  readonly timing: DiscountTiming;
}

/** Validates a definition (collecting every issue) and turns it into index form. */
export function compileMarkov(definition: MarkovCohortDefinition<unknown, readonly StateSpec[], string, string>): CompiledMarkov {
  const issues = new IssueCollector();
  const add = (code: IssueCode, path: PathSegment[], message: string, received?: unknown): void =>
    issues.add({ code, path, message, ...(received !== undefined ? { received } : {}) });

  const states: string[] = [];
  const tunnelList: number[] = [];
  definition.states.forEach((spec, i) => {
    const name = typeof spec === "string" ? spec : spec?.name;
    const length = typeof spec === "string" ? 1 : spec?.tunnel;
    if (typeof name !== "string" || name === "") add("invalid_model", ["states", i], "a state needs a non-empty name", spec);
    else if (states.includes(name)) add("invalid_model", ["states", i], `state "${name}" is declared twice`, name);
    if (!Number.isInteger(length) || (length as number) < 1) add("invalid_model", ["states", i, "tunnel"], `tunnel length must be a whole number of cycles ≥ 1 (received ${String(length)})`, length);
    states.push(String(name));
    tunnelList.push(Number.isInteger(length) && (length as number) >= 1 ? (length as number) : 1);
  });
  if (states.length === 0) add("invalid_model", ["states"], "a Markov model needs at least one state");
  const stateIndex = new Map(states.map((name, i) => [name, i] as const));

  const schedule = resolveSchedule(definition, (path, message, received) => add("invalid_model", path, message, received));
  const { cycleLength, cycles } = schedule;
  const tolerance = definition.tolerance ?? ROW_SUM_TOLERANCE;
  if (!(tolerance >= 0 && tolerance < 0.5)) add("invalid_model", ["tolerance"], `tolerance must be in [0, 0.5) (received ${tolerance})`, tolerance);
  if (definition.startAge !== undefined && !Number.isFinite(definition.startAge)) add("invalid_model", ["startAge"], "start age must be finite", definition.startAge);

  const resolved = resolveOutcomes(definition.outcomes as Readonly<Record<string, string>> | undefined, (path, message, received) => add("invalid_model", path, message, received));
  const { outcomes, outcomeClass, costIsSum, outputs } = resolved;
  const annualYears = resolveCostByYear(definition.costByYear, cycles, cycleLength, (path, message, received) => add("invalid_model", path, message, received));
  const annualOutcomes = Int32Array.from(outcomes.flatMap((_, o) => (outcomeClass[o] === 0 ? [o] : [])));
  const rates = schedule.discountRates;

  // Both forms of the same input in one place: which one was meant is unknowable.
  const bothForms = (at: { readonly transitions?: unknown; readonly transitionArrays?: unknown; readonly values?: unknown; readonly valueArrays?: unknown }, path: PathSegment[]): void => {
    if (at.transitions !== undefined && at.transitionArrays !== undefined) add("invalid_model", [...path, "transitionArrays"], "give transitions (a function of one cycle) or transitionArrays (every cycle at once), not both");
    if (at.values !== undefined && at.valueArrays !== undefined) add("invalid_model", [...path, "valueArrays"], "give values (a function of one trace row) or valueArrays (every row at once), not both");
  };
  bothForms(definition, []);
  const strategyList = Array.isArray(definition.strategies) ? (definition.strategies as readonly string[]) : Object.keys(definition.strategies ?? {});
  if (strategyList.length === 0) add("invalid_model", ["strategies"], "a model needs at least one strategy");
  if (new Set(strategyList).size !== strategyList.length) add("invalid_model", ["strategies"], "strategy names must be unique");
  const overrides = (Array.isArray(definition.strategies) ? {} : definition.strategies) as Record<string, MarkovStrategy<unknown, string, string, string> | undefined>;
  const strategies = strategyList.map((name): CompiledStrategy => {
    const own = overrides[name] ?? {};
    // A strategy's own transitions (either form) replace the shared ones; so do its own values.
    const ownTransitions = own.transitions !== undefined || own.transitionArrays !== undefined;
    const transitions = ownTransitions ? own.transitions : definition.transitions;
    const transitionArrays = ownTransitions ? own.transitionArrays : definition.transitionArrays;
    bothForms(own, ["strategies", name]);
    if (transitionArrays !== undefined) {
      if (typeof transitionArrays !== "function") add("invalid_model", [...(ownTransitions ? ["strategies", name] : []), "transitionArrays"], "transitionArrays must be a function (params, grid, strategy) => rows");
    } else if (typeof transitions !== "function") add("invalid_model", ["strategies", name, "transitions"], "no transitions: give them (or transitionArrays) on the strategy or for all strategies");
    const ownValues = own.values !== undefined || own.valueArrays !== undefined;
    const valueArrays = ownValues ? own.valueArrays : definition.valueArrays;
    if (valueArrays !== undefined && typeof valueArrays !== "function") add("invalid_model", [...(ownValues ? ["strategies", name] : []), "valueArrays"], "valueArrays must be a function (params, grid, strategy) => outcome → state → values");
    const startSpec = own.start ?? definition.start;
    let start: Float64Array | undefined;
    if (startSpec === undefined) add("invalid_model", ["strategies", name, "start"], "no starting distribution: give start on the strategy or for all strategies");
    else start = startVector(startSpec, states, stateIndex, tunnelList, tolerance, (path, message, code, received) => add(code, ["strategies", name, "start", ...path], message, received));
    return {
      name,
      start,
      transitions: transitionArrays === undefined ? (transitions as AnyFunction) : undefined,
      transitionArrays: transitionArrays as AnyFunction | undefined,
      values: valueArrays === undefined ? ((ownValues ? own.values : definition.values) as AnyFunction | undefined) : undefined,
      valueArrays: valueArrays as AnyFunction | undefined,
      transitionValues: (own.transitionValues ?? definition.transitionValues) as AnyFunction | undefined,
      startingValues: (own.startingValues ?? definition.startingValues) as AnyFunction | undefined,
    };
  });

  // Milestones: the share of the cohort in some states at one trace row.
  const milestoneSpecs: { name: string; row: number; states: number[] }[] = [];
  const reserved = new Set<string>([...outputs, ...annualOutputNames([...(costIsSum ? ["cost"] : []), ...Array.from(annualOutcomes, (o) => outcomes[o]!)], annualYears)]);
  for (const [name, spec] of Object.entries(definition.milestones ?? {})) {
    const at = ["milestones", name];
    if (reserved.has(name)) add("invalid_model", at, `milestone "${name}" has the name of an outcome the model reports`, name);
    if (spec === null || typeof spec !== "object" || !Array.isArray(spec.states) || spec.states.length === 0) {
      add("invalid_model", [...at, "states"], "a milestone names the states it counts, e.g. { states: [CR1, Relapsed], time: 5 }", spec);
      continue;
    }
    const indices: number[] = [];
    spec.states.forEach((state, i) => {
      const index = stateIndex.get(state);
      if (index === undefined) add("unknown_state", [...at, "states", i], `unknown state "${String(state)}": ${didYouMean(String(state), states)}`, state);
      else indices.push(index);
    });
    const row = spec.time / cycleLength;
    const whole = Math.round(row);
    if (!Number.isFinite(spec.time) || spec.time < 0 || Math.abs(row - whole) > 1e-9 * Math.max(1, whole) || whole > cycles) {
      add("invalid_model", [...at, "time"], `a milestone's time must fall on a trace row: a whole number of cycles (of ${cycleLength} years) from 0 to the horizon (${cycles} cycles); received ${spec.time}`, spec.time);
      continue;
    }
    milestoneSpecs.push({ name, row: whole, states: indices });
  }

  const correction = definition.cycleCorrection ?? "trapezoid";
  const timing = definition.discountTiming ?? "row";
  const transitionValueWeight = definition.transitionValueWeight ?? "once";
  if (transitionValueWeight !== "once" && transitionValueWeight !== "row") add("invalid_model", ["transitionValueWeight"], `transitionValueWeight is "once" (each move counted once) or "row" (the weight of the row the move leads to); received ${JSON.stringify(transitionValueWeight)}`, transitionValueWeight);
  const background = compileBackground(definition.backgroundMortality, definition.startAge, states, cycles, cycleLength, add, () => !issues.hasIssues);
  issues.throwIfAny(`Markov model${definition.title === undefined ? "" : ` "${definition.title}"`}`);

  const { coefficients, undiscounted, eventDiscount } = cohortCoefficients(schedule, correction, timing);
  // The row's within-cycle weight w_k is the undiscounted coefficient without the cycle length.
  const rowWeight = transitionValueWeight === "row" ? cycleWeights(correction, cycles) : undefined;
  const eventWeight = rowWeight === undefined ? eventDiscount : (eventDiscount.map((factors) => factors.map((d, k) => d * rowWeight[k]!)) as unknown as [Float64Array, Float64Array]);

  const tunnel = Int32Array.from(tunnelList);
  const base = new Int32Array(states.length);
  let expanded = 0;
  for (let i = 0; i < states.length; i++) {
    base[i] = expanded;
    expanded += tunnel[i]!;
  }
  return {
    title: definition.title ?? "Markov cohort model",
    states,
    stateIndex,
    tunnel,
    base,
    expanded,
    maxTunnel: Math.max(...tunnelList),
    strategies,
    outcomes,
    outcomeIndex: new Map(outcomes.map((name, o) => [name, o] as const)),
    outcomeClass,
    costIsSum,
    outputs: [...outputs, ...annualOutputNames([...(costIsSum ? ["cost"] : []), ...Array.from(annualOutcomes, (o) => outcomes[o]!)], annualYears), ...milestoneSpecs.map((m) => m.name)],
    milestones: milestoneSpecs.map((m) => {
      const mask = new Uint8Array(expanded);
      for (const i of m.states) for (let j = 0; j < tunnel[i]!; j++) mask[base[i]! + j] = 1;
      return { name: m.name, row: m.row, states: mask };
    }),
    milestoneRows: (() => {
      const rows = new Uint8Array(cycles + 1);
      for (const m of milestoneSpecs) rows[m.row] = 1;
      return rows;
    })(),
    annualYears,
    annualOutcomes,
    outcomeLayout: resolved,
    cycles,
    cycleLength,
    startAge: definition.startAge,
    background,
    tolerance,
    discountRates: rates,
    coefficients,
    undiscounted,
    eventDiscount,
    eventWeight,
    eventUndiscounted: rowWeight,
    correction,
    timing,
  };
}
