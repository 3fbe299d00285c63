import { closestName } from "../../core/closest-name.js";
import { IssueCollector, type IssueCode, type PathSegment } from "../../core/errors.js";
import type { Seed } from "../../random/rng.js";
import { isComplement } from "../complement.js";
import { type CohortCoefficients, type CohortSchedule, cohortCoefficients, resolveSchedule } from "../cohort/cohort-schedule.js";
import { type CohortOutcomes, resolveOutcomes } from "../cohort/cohort-outcomes.js";
import { type AttributeSpec, type HistoryCount, MICROSIM_TOLERANCE, type MicrosimulationDefinition } from "./microsimulation-definition.js";
import { BUILT_IN_NAMES, type PersonContext, personContextClass } from "./person.js";

/** A cell after compiling: a constant or a function of (params, person, strategy). */
export type CompiledCell = number | ((params: unknown, person: PersonContext, strategy: string) => number);

/** Where a cell is evaluated: transitions and transition values per cycle 1 … N, state values per row 0 … N. */
export const CELL_CYCLE = 0;
/** See {@link CELL_CYCLE}. */
export const CELL_ROW = 1;

/** One transition row: destination states, their cells (−1 = complement). */
export interface CompiledRow {
  readonly to: Int32Array;
  readonly cell: Int32Array;
}

/** A microsimulation definition validated and laid out as arrays. */
export interface CompiledMicrosim {
  readonly title: string;
  readonly states: readonly string[];
  readonly strategies: readonly string[];
  readonly outcomeLayout: CohortOutcomes;
  readonly schedule: CohortSchedule;
  readonly coefficients: CohortCoefficients;
  /** Sums of the row coefficients from row t to N, per class (for individuals who stay put). */
  readonly suffix: readonly [Float64Array, Float64Array];
  readonly suffixUndiscounted: Float64Array;
  readonly individuals: number;
  readonly chunkSize: number;
  readonly seed: Seed;
  readonly tolerance: number;
  readonly attributeNames: readonly string[];
  readonly attributes: readonly AttributeSpec<unknown>[];
  readonly historyNames: readonly string[];
  /** Per counter: membership of each state (1/0). */
  readonly historyMembers: readonly Uint8Array[];
  /** Per counter: 0 consecutive, 1 total, 2 ever. */
  readonly historyCount: Uint8Array;
  readonly start: Float64Array;
  readonly cells: readonly CompiledCell[];
  readonly cellKind: Uint8Array;
  readonly cellPath: readonly (readonly PathSegment[])[];
  readonly rows: readonly CompiledRow[];
  /** Cell of state s's value of outcome o at `s * O + o`, −1 when none. */
  readonly valueCell: Int32Array;
  /** Cell of the one-off value of outcome o on a move from → to at `(from * S + to) * O + o`, −1 when none. */
  readonly moveCell: Int32Array;
  /** Whether any one-off value exists on the move from → to, at `from * S + to`. */
  readonly hasMove: Uint8Array;
  readonly Person: new () => PersonContext;
}

const COUNTS: readonly HistoryCount[] = ["consecutive", "total", "ever"];

/** Validates a definition (every issue at once) and lays it out for the engine. */
export function compileMicrosim(definition: MicrosimulationDefinition<unknown, string, string, string, string, string>): CompiledMicrosim {
  const collector = new IssueCollector();
  const add = (path: PathSegment[], message: string, received?: unknown, code: IssueCode = "invalid_model"): void => collector.add({ code, path, message, ...(received === undefined ? {} : { received }) });
  const states = Array.isArray(definition.states) ? [...definition.states] : [];
  if (states.length === 0) add(["states"], "give at least one state");
  new Set(states).size !== states.length && add(["states"], "state names must be distinct");
  const S = states.length;
  const stateIndex = (name: string, path: PathSegment[]): number => {
    const index = states.indexOf(name);
    if (index < 0) {
      const close = closestName(name, states);
      add(path, `unknown state '${name}'${close === undefined ? "" : ` (did you mean '${close}'?)`}; states: ${states.join(", ")}`, name, "unknown_state");
    }
    return index;
  };
  const strategies = Array.isArray(definition.strategies) ? [...definition.strategies] : [];
  if (strategies.length === 0) add(["strategies"], "give at least one strategy");
  const outcomeLayout = resolveOutcomes(definition.outcomes as Record<string, string>, add);
  const outcomes = outcomeLayout.outcomes;
  const O = outcomes.length;
  const schedule = resolveSchedule(definition, add);
  const individuals = definition.individuals;
  if (!Number.isInteger(individuals) || individuals < 2) add(["individuals"], `the number of individuals must be a whole number ≥ 2, so that a Monte Carlo standard error exists (received ${individuals})`, individuals);
  const chunkSize = definition.chunkSize ?? 4096;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) add(["chunkSize"], `chunkSize must be a whole number ≥ 1 (received ${chunkSize})`, chunkSize);
  const seed = definition.seed ?? 1;
  if (!((typeof seed === "number" && Number.isFinite(seed)) || typeof seed === "string")) add(["seed"], "seed must be a finite number or a string", seed);
  const tolerance = definition.tolerance ?? MICROSIM_TOLERANCE;
  if (!(tolerance >= 0 && tolerance < 0.01)) add(["tolerance"], `tolerance must be in [0, 0.01) (received ${tolerance})`, tolerance);

  const attributeEntries = Object.entries((definition.attributes ?? {}) as Record<string, AttributeSpec<unknown>>);
  const historyEntries = Object.entries((definition.history ?? {}) as Record<string, { states: readonly string[]; count: HistoryCount }>);
  const taken = new Set<string>();
  for (const [name, spec] of attributeEntries) {
    if (BUILT_IN_NAMES.includes(name) || taken.has(name)) add(["attributes", name], `'${name}' is a built-in name or already used; rename the attribute`);
    taken.add(name);
    const isDistribution = typeof spec === "object" && spec !== null && typeof (spec as { quantile?: unknown }).quantile === "function";
    if (!isDistribution && typeof spec !== "function") add(["attributes", name], "an attribute is a distribution (sampled by its quantile function) or a function of the parameters returning one", spec);
  }
  const historyMembers: Uint8Array[] = [];
  const historyCount = new Uint8Array(historyEntries.length);
  historyEntries.forEach(([name, counter], h) => {
    if (BUILT_IN_NAMES.includes(name) || name === "age" || taken.has(name)) add(["history", name], `'${name}' is a built-in name or already used; rename the counter`);
    taken.add(name);
    const members = new Uint8Array(S);
    const listed = Array.isArray(counter?.states) ? counter.states : [];
    if (listed.length === 0) add(["history", name, "states"], "a history counter counts at least one state");
    listed.forEach((state, i) => {
      const index = stateIndex(state, ["history", name, "states", i]);
      if (index >= 0) members[index] = 1;
    });
    const count = COUNTS.indexOf(counter?.count);
    if (count < 0) add(["history", name, "count"], `count must be "consecutive", "total" or "ever" (received ${JSON.stringify(counter?.count)})`, counter?.count);
    historyCount[h] = Math.max(0, count);
    historyMembers.push(members);
  });

  const start = new Float64Array(S);
  let startSum = 0;
  for (const [name, share] of Object.entries((definition.start ?? {}) as Record<string, number>)) {
    const index = stateIndex(name, ["start", name]);
    if (!(share >= 0 && share <= 1)) add(["start", name], `a starting proportion is in [0, 1] (received ${share})`, share, "probability_out_of_range");
    else if (index >= 0) start[index] = share;
    startSum += share;
  }
  if (Math.abs(startSum - 1) > 1e-9) add(["start"], `starting proportions must sum to 1 (they sum to ${startSum})`, startSum, "row_sum_not_one");

  const cells: CompiledCell[] = [];
  const cellKind: number[] = [];
  const cellPath: PathSegment[][] = [];
  const addCell = (value: unknown, kind: number, path: PathSegment[]): number => {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) add(path, `a value must be finite (received ${value})`, value, "non_finite_value");
    } else if (typeof value !== "function") {
      add(path, "expected a number or a function (params, person, strategy) => number", value);
      return -1;
    }
    cells.push(value as CompiledCell);
    cellKind.push(kind);
    cellPath.push(path);
    return cells.length - 1;
  };

  const rows: CompiledRow[] = states.map(() => ({ to: new Int32Array(0), cell: new Int32Array(0) }));
  for (const [from, row] of Object.entries((definition.transitions ?? {}) as Record<string, Record<string, unknown>>)) {
    const f = stateIndex(from, ["transitions", from]);
    const to: number[] = [];
    const cell: number[] = [];
    let complements = 0;
    for (const [target, value] of Object.entries(row ?? {})) {
      const path = ["transitions", from, target];
      const t = stateIndex(target, path);
      if (isComplement(value)) {
        complements++;
        if (t >= 0) (to.push(t), cell.push(-1));
        continue;
      }
      if (typeof value === "number" && !(value >= 0 && value <= 1)) add(path, `a probability is in [0, 1] (received ${value})`, value, "probability_out_of_range");
      const c = addCell(value, CELL_CYCLE, path);
      if (t >= 0 && c >= 0) (to.push(t), cell.push(c));
    }
    if (complements > 1) add(["transitions", from], "complement may appear at most once per row");
    if (f >= 0) rows[f] = { to: Int32Array.from(to), cell: Int32Array.from(cell) };
  }
  states.forEach((state, s) => {
    if (rows[s]!.to.length === 0) add(["transitions", state], `state '${state}' has no transition row; give one (an absorbing state: { ${state}: 1 })`);
  });

  const valueCell = new Int32Array(S * O).fill(-1);
  for (const [outcome, table] of Object.entries((definition.values ?? {}) as Record<string, Record<string, unknown>>)) {
    const o = outcomes.indexOf(outcome);
    if (o < 0) add(["values", outcome], `unknown outcome '${outcome}'; declare it under outcomes (${outcomes.join(", ")})`, outcome, "unknown_outcome");
    for (const [state, value] of Object.entries(table ?? {})) {
      const s = stateIndex(state, ["values", outcome, state]);
      const c = addCell(value, CELL_ROW, ["values", outcome, state]);
      if (o >= 0 && s >= 0) valueCell[s * O + o] = c;
    }
  }
  const moveCell = new Int32Array(S * S * O).fill(-1);
  const hasMove = new Uint8Array(S * S);
  for (const [outcome, table] of Object.entries((definition.transitionValues ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    const o = outcomes.indexOf(outcome);
    if (o < 0) add(["transitionValues", outcome], `unknown outcome '${outcome}'; declare it under outcomes (${outcomes.join(", ")})`, outcome, "unknown_outcome");
    for (const [from, row] of Object.entries(table ?? {})) {
      const f = stateIndex(from, ["transitionValues", outcome, from]);
      for (const [target, value] of Object.entries(row ?? {})) {
        const t = stateIndex(target, ["transitionValues", outcome, from, target]);
        const c = addCell(value, CELL_CYCLE, ["transitionValues", outcome, from, target]);
        if (o >= 0 && f >= 0 && t >= 0) {
          moveCell[(f * S + t) * O + o] = c;
          hasMove[f * S + t] = 1;
        }
      }
    }
  }
  collector.throwIfAny("microsimulation");
  // The math kernels validate the correction and the timing, throwing a path-named error.
  const coefficients = cohortCoefficients(schedule, definition.cycleCorrection ?? "trapezoid", definition.discountTiming ?? "row");
  const N = schedule.cycles;
  const suffix = [0, 1].map((k) => suffixSums(coefficients.coefficients[k]!, N)) as [Float64Array, Float64Array];
  return {
    title: definition.title ?? "Microsimulation",
    states,
    strategies,
    outcomeLayout,
    schedule,
    coefficients,
    suffix,
    suffixUndiscounted: suffixSums(coefficients.undiscounted, N),
    individuals,
    chunkSize: Math.min(chunkSize, individuals),
    seed,
    tolerance,
    attributeNames: attributeEntries.map(([name]) => name),
    attributes: attributeEntries.map(([, spec]) => spec),
    historyNames: historyEntries.map(([name]) => name),
    historyMembers,
    historyCount,
    start,
    cells,
    cellKind: Uint8Array.from(cellKind),
    cellPath,
    rows,
    valueCell,
    moveCell,
    hasMove,
    Person: personContextClass(
      attributeEntries.map(([name]) => name),
      historyEntries.map(([name]) => name),
    ),
  };
}

function suffixSums(coefficients: Float64Array, cycles: number): Float64Array {
  const out = new Float64Array(cycles + 2);
  for (let t = cycles; t >= 0; t--) out[t] = out[t + 1]! + coefficients[t]!;
  return out;
}
