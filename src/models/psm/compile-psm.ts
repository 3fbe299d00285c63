import { IssueCollector, type PathSegment } from "../../core/errors.js";
import type { CycleCorrection } from "../../math/cycle-weights.js";
import type { DiscountTiming } from "../../math/discount-timing.js";
import type { LifeTable } from "../../survival/life-table.js";
import type { SexMix } from "../../survival/life-table-survival.js";
import { type TimeUnit, yearsPerTimeUnit } from "../../survival/time-unit.js";
import { type CohortOutcomes, resolveOutcomes } from "../cohort/cohort-outcomes.js";
import { type CohortCoefficients, type CohortSchedule, cohortCoefficients, resolveSchedule } from "../cohort/cohort-schedule.js";
import { annualOutputNames, resolveCostByYear } from "../cohort/annual-fractions.js";
import type { PopulationFloor } from "./population-floor.js";
import { type CrossingPolicy, type PartitionedSurvivalDefinition, type PartitionedSurvivalStrategy, PSM_TOLERANCE } from "./partitioned-survival-definition.js";

type AnyFunction = (...args: never[]) => unknown;

/** One strategy, resolved: its own functions or the shared ones. */
export interface CompiledPsmStrategy {
  readonly name: string;
  readonly curves: AnyFunction;
  readonly values: AnyFunction | undefined;
  readonly entryValues: AnyFunction | undefined;
  readonly startingValues: AnyFunction | undefined;
  readonly cappedValues: AnyFunction | undefined;
}

/** The validated, index-based form of a partitioned survival definition. */
export interface CompiledPsm {
  readonly title: string;
  readonly states: readonly string[];
  readonly stateIndex: ReadonlyMap<string, number>;
  readonly endpoints: readonly string[];
  readonly strategies: readonly CompiledPsmStrategy[];
  readonly layout: CohortOutcomes;
  readonly outcomeIndex: ReadonlyMap<string, number>;
  /** Outputs: the cohort outputs, the annual cost outputs, then `clampedCycles`. */
  readonly outputs: readonly string[];
  /** Years of undiscounted annual cost outputs (0: none). */
  readonly annualYears: number;
  /** Declared cost outcomes reported by year (indices into the declared outcomes), in output order after the `cost` sum. */
  readonly annualOutcomes: Int32Array;
  readonly schedule: CohortSchedule;
  readonly coefficients: CohortCoefficients;
  /** The row coefficients per class, [cost, effect, undiscounted] (the closed form reads them by class, with no array per curve). */
  readonly rowWeights: readonly [Float64Array, Float64Array, Float64Array];
  /** Σ_t of the row coefficients per class: [cost, effect, undiscounted]. */
  readonly coefficientSums: Float64Array;
  /** Model cycle length in the curves' time unit. */
  readonly curveStep: number;
  readonly timeUnit: TimeUnit;
  readonly startAge: number | undefined;
  readonly background: { readonly lifeTable: LifeTable; readonly sexMix: SexMix; readonly method?: "cycle" | "exact" } | undefined;
  /** Population cumulative-hazard increments per cycle and their survival factors, by entry time (the "cycle" floor), filled lazily. */
  readonly floors: Map<number, PopulationFloor>;
  readonly crossing: CrossingPolicy;
  readonly tolerance: number;
  readonly correction: CycleCorrection;
  readonly timing: DiscountTiming;
}

/** Validates a definition (collecting every issue) and turns it into index form. */
export function compilePsm(definition: PartitionedSurvivalDefinition<unknown, string, string, string, string>): CompiledPsm {
  const issues = new IssueCollector();
  const add = (path: PathSegment[], message: string, received?: unknown): void => issues.add({ code: "invalid_model", path, message, ...(received !== undefined ? { received } : {}) });

  const states = [...(definition.states ?? ["PF", "PD", "Dead"])];
  const endpoints = [...(definition.endpoints ?? ["PFS", "OS"])];
  if (states.length < 2) add(["states"], "a partitioned survival model needs at least two states (alive and dead)", states);
  if (new Set(states).size !== states.length) add(["states"], "state names must be unique", states);
  states.forEach((name, i) => {
    if (typeof name !== "string" || name === "") add(["states", i], "a state needs a non-empty name", name);
  });
  if (endpoints.length !== states.length - 1) add(["endpoints"], `${states.length} states need ${states.length - 1} endpoints (curve k bounds states 0 … k); received ${endpoints.length}`, endpoints);
  if (new Set(endpoints).size !== endpoints.length) add(["endpoints"], "endpoint names must be unique", endpoints);

  const schedule = resolveSchedule(definition, add);
  const layout = resolveOutcomes(definition.outcomes as Readonly<Record<string, string>> | undefined, add);
  const annualYears = resolveCostByYear(definition.costByYear, schedule.cycles, schedule.cycleLength, add);
  const annualOutcomes = Int32Array.from(layout.outcomes.flatMap((_, o) => (layout.outcomeClass[o] === 0 ? [o] : [])));
  if (layout.outputs.includes("clampedCycles") || layout.outcomes.includes("clampedCycles")) add(["outcomes", "clampedCycles"], "clampedCycles is reported automatically (the count of trace rows where curves were clamped)");
  const tolerance = definition.tolerance ?? PSM_TOLERANCE;
  if (!(tolerance >= 0 && tolerance < 0.5)) add(["tolerance"], `tolerance must be in [0, 0.5) (received ${tolerance})`, tolerance);
  if (definition.startAge !== undefined && !Number.isFinite(definition.startAge)) add(["startAge"], "start age must be finite", definition.startAge);
  if (definition.backgroundMortality !== undefined && definition.startAge === undefined) add(["backgroundMortality"], "background mortality needs the cohort's startAge");
  const method: unknown = definition.backgroundMortality?.method;
  if (method !== undefined && method !== "cycle" && method !== "exact") add(["backgroundMortality", "method"], `the floor method is "cycle" or "exact"`, method);
  const crossing = definition.crossing ?? "clamp";
  if (crossing !== "clamp" && crossing !== "error" && crossing !== "floor") add(["crossing"], `crossing policy must be "clamp", "error" or "floor" (received ${JSON.stringify(crossing)})`, crossing);
  const timeUnit = definition.timeUnit ?? "years";
  let unitYears = 1;
  try {
    unitYears = yearsPerTimeUnit(timeUnit);
  } catch {
    add(["timeUnit"], `unknown time unit ${JSON.stringify(timeUnit)} (expected years, months, weeks or days)`, timeUnit);
  }

  const strategyList = Array.isArray(definition.strategies) ? (definition.strategies as readonly string[]) : Object.keys(definition.strategies ?? {});
  if (strategyList.length === 0) add(["strategies"], "a model needs at least one strategy");
  if (new Set(strategyList).size !== strategyList.length) add(["strategies"], "strategy names must be unique");
  const overrides = (Array.isArray(definition.strategies) ? {} : definition.strategies) as Record<string, PartitionedSurvivalStrategy<unknown, string, string, string, string> | undefined>;
  const strategies = strategyList.map((name): CompiledPsmStrategy => {
    const own = overrides[name] ?? {};
    const curves = own.curves ?? definition.curves;
    if (typeof curves !== "function") add(["strategies", name, "curves"], "no survival curves: give curves on the strategy or for all strategies");
    return {
      name,
      curves: curves as AnyFunction,
      values: (own.values ?? definition.values) as AnyFunction | undefined,
      entryValues: (own.entryValues ?? definition.entryValues) as AnyFunction | undefined,
      startingValues: (own.startingValues ?? definition.startingValues) as AnyFunction | undefined,
      cappedValues: (own.cappedValues ?? definition.cappedValues) as AnyFunction | undefined,
    };
  });
  const correction = definition.cycleCorrection ?? "trapezoid";
  const timing = definition.discountTiming ?? "row";
  issues.throwIfAny(`partitioned survival model${definition.title === undefined ? "" : ` "${definition.title}"`}`);

  const coefficients = cohortCoefficients(schedule, correction, timing);
  const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
  return {
    title: definition.title ?? "Partitioned survival model",
    states,
    stateIndex: new Map(states.map((name, i) => [name, i] as const)),
    endpoints,
    strategies,
    layout,
    outcomeIndex: new Map(layout.outcomes.map((name, o) => [name, o] as const)),
    outputs: [...layout.outputs, ...annualOutputNames([...(layout.costIsSum ? ["cost"] : []), ...Array.from(annualOutcomes, (o) => layout.outcomes[o]!)], annualYears), "clampedCycles"],
    annualYears,
    annualOutcomes,
    schedule,
    coefficients,
    rowWeights: [coefficients.coefficients[0], coefficients.coefficients[1], coefficients.undiscounted],
    coefficientSums: Float64Array.of(sum(coefficients.coefficients[0]), sum(coefficients.coefficients[1]), sum(coefficients.undiscounted)),
    curveStep: schedule.cycleLength / unitYears,
    timeUnit,
    startAge: definition.startAge,
    background: definition.backgroundMortality,
    floors: new Map(),
    crossing,
    tolerance,
    correction,
    timing,
  };
}
