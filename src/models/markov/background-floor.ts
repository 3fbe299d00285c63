import { didYouMean } from "../../core/closest-name.js";
import { QalyError, type IssueCode, type PathSegment } from "../../core/errors.js";
import type { LifeTable } from "../../survival/life-table.js";
import { lifeTableSurvival } from "../../survival/life-table-survival.js";
import type { MarkovBackgroundMortality } from "./markov-definition.js";

/** Background mortality in index form. */
export interface CompiledBackground {
  readonly lifeTable: LifeTable;
  readonly sexMix: Readonly<Record<string, number>>;
  /** 1 for the death states (their rows are never floored). */
  readonly dead: Uint8Array;
  /** The state that receives the deaths the floor adds (the first declared death state). */
  readonly primary: number;
  /** Probability of death in each cycle (index cycle − 1), by entry time; the entry at time 0 is filled at build. */
  readonly floors: Map<number, Float64Array>;
}

type Add = (code: IssueCode, path: PathSegment[], message: string, received?: unknown) => void;

/**
 * Validates the `backgroundMortality` option and tabulates the floor for a cohort entering at time 0
 * (the life table is read once per model build, never per draw).
 */
export function compileBackground(spec: MarkovBackgroundMortality<string> | undefined, startAge: number | undefined, states: readonly string[], cycles: number, cycleLength: number, add: Add, valid: () => boolean): CompiledBackground | undefined {
  if (spec === undefined) return undefined;
  const path = ["backgroundMortality"];
  if (spec === null || typeof spec !== "object") {
    add("invalid_model", path, "backgroundMortality is { lifeTable, sexMix, deathState }", spec);
    return undefined;
  }
  if (startAge === undefined) add("invalid_model", path, "background mortality needs the cohort's startAge");
  const table = spec.lifeTable as LifeTable | undefined;
  if (table === undefined || typeof table.cumulativeHazard !== "function") add("invalid_model", [...path, "lifeTable"], "give a life table built by lifeTable() or parseLifeTableCsv()", table);
  if (spec.sexMix === undefined || spec.sexMix === null || typeof spec.sexMix !== "object") add("invalid_model", [...path, "sexMix"], "give the sex mix at entry, e.g. { female: 0.5, male: 0.5 }", spec.sexMix);
  const names = typeof spec.deathState === "string" ? [spec.deathState] : Array.isArray(spec.deathState) ? (spec.deathState as readonly string[]) : [];
  if (names.length === 0) add("invalid_model", [...path, "deathState"], "name the death state (or states) whose probability the life table floors", spec.deathState);
  const dead = new Uint8Array(states.length);
  names.forEach((name, i) => {
    const index = states.indexOf(name);
    const where = typeof spec.deathState === "string" ? [...path, "deathState"] : [...path, "deathState", i];
    if (index < 0) add("unknown_state", where, `unknown death state "${String(name)}": ${didYouMean(String(name), states)}`, name);
    else if (dead[index] === 1) add("invalid_model", where, `death state "${name}" is named twice`, name);
    else dead[index] = 1;
  });
  if (names.length > 0 && names.length === states.length && dead.every((d) => d === 1)) add("invalid_model", [...path, "deathState"], "every state is a death state: no living state to floor", spec.deathState);
  if (!valid()) return undefined;
  const compiled: CompiledBackground = { lifeTable: table!, sexMix: spec.sexMix, dead, primary: states.indexOf(names[0]!), floors: new Map() };
  try {
    backgroundFloor(compiled, startAge!, 0, cycles, cycleLength);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    // checkCohort names ["startAge"] and ["sexMix", sex]: sex mix issues belong to the option.
    for (const issue of error.issues) add(issue.code, issue.path[0] === "sexMix" ? [...path, ...issue.path] : [...issue.path], issue.message, issue.received);
  }
  return compiled;
}

/** Entry times whose floors are kept at once (a tree's leaves enter at a few; a drawn entry time would keep one per draw). */
const FLOORS_KEPT = 16;

/**
 * The general population's probability of dying in each cycle for a cohort entering at
 * `startTime` (age startAge + startTime, the given sex mix): q_k = 1 − exp(−(H(kΔ) − H((k−1)Δ)))
 * with H the cumulative hazard of {@link lifeTableSurvival} (the mix of sexes follows the
 * population's survivors). Tabulated once per entry time and cached, as the partitioned-survival
 * engine's "cycle" floor.
 */
export function backgroundFloor(background: CompiledBackground, startAge: number, startTime: number, cycles: number, cycleLength: number): Float64Array {
  const cached = background.floors.get(startTime);
  if (cached !== undefined) return cached;
  const population = lifeTableSurvival(background.lifeTable, { startAge: startAge + startTime, sexMix: background.sexMix });
  const floor = new Float64Array(cycles);
  let previous = population.cumulativeHazard(0);
  for (let k = 1; k <= cycles; k++) {
    const next = population.cumulativeHazard(k * cycleLength);
    floor[k - 1] = -Math.expm1(-(next - previous));
    previous = next;
  }
  // An entry time drawn per PSA draw would otherwise keep one table per draw: keep the last few only.
  if (background.floors.size >= FLOORS_KEPT) background.floors.clear();
  background.floors.set(startTime, floor);
  return floor;
}

/**
 * Floors one cycle's sparse matrix: for every living expanded state e, with q = Σ raw over the
 * death states, if q < qPop the first death state's entry becomes qPop − (q − its own) and every
 * other entry is raw · (1 − qPop)/(1 − q); otherwise the row is copied. Rows of death states are
 * copied. `deathSlot[e]` is the index of e's entry to the first death state (always stored).
 */
export function applyBackgroundFloor(raw: Float64Array, val: Float64Array, rowStart: Int32Array, rowEnd: Int32Array, colState: Int32Array, deathSlot: Int32Array, dead: Uint8Array, expanded: number, qPop: number, current: Float64Array): void {
  for (let e = 0; e < expanded; e++) {
    // Rows without mass are not read this cycle (the cohort step and transition values skip them), and
    // the next cycle floors again from `raw`: long tunnels hold mass in few positions at a time.
    if (current[e] === 0) continue;
    floorRow(raw, val, rowStart[e]!, rowEnd[e]!, deathSlot[e]!, colState, dead, qPop);
  }
}

/**
 * {@link applyBackgroundFloor} on the rows listed in `active[0 … count)` only (the general loop's
 * occupied states, ascending); the same arithmetic row by row, so the same values.
 */
export function applyBackgroundFloorSparse(raw: Float64Array, val: Float64Array, rowStart: Int32Array, rowEnd: Int32Array, colState: Int32Array, deathSlot: Int32Array, dead: Uint8Array, qPop: number, current: Float64Array, active: Int32Array, count: number): void {
  for (let k = 0; k < count; k++) {
    const e = active[k]!;
    if (current[e] === 0) continue;
    floorRow(raw, val, rowStart[e]!, rowEnd[e]!, deathSlot[e]!, colState, dead, qPop);
  }
}

/** Floors one row, entries [first, end): see {@link applyBackgroundFloor}. Small enough to inline into the fused step. */
export function floorRow(raw: Float64Array, val: Float64Array, first: number, end: number, slot: number, colState: Int32Array, dead: Uint8Array, qPop: number): void {
  let q = 0;
  if (slot >= 0) for (let index = first; index < end; index++) if (dead[colState[index]!] === 1) q += raw[index]!;
  if (slot < 0 || !(q < qPop)) {
    for (let index = first; index < end; index++) val[index] = raw[index]!;
    return;
  }
  const scale = (1 - qPop) / (1 - q);
  for (let index = first; index < end; index++) {
    const state = colState[index]!;
    val[index] = index === slot ? qPop - (q - raw[index]!) : dead[state] === 1 ? raw[index]! : raw[index]! * scale;
  }
}
