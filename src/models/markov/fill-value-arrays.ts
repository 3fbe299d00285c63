import { didYouMean } from "../../core/closest-name.js";
import type { CompiledMarkov } from "./compile-markov.js";
import type { EngineCycleGrid } from "./cycle-grid.js";
import { isArrayLike, productAt, shown } from "./fill-transition-arrays.js";
import { type ErrorSite, failAt } from "./markov-errors.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/** Entry kinds of a value plan: a number, or an array by cycle, by state time, or by both. */
export const CONSTANT = 0;
export const BY_CYCLE = 1;
export const BY_STATE_TIME = 2;
export const BY_BOTH = 3;

/**
 * One strategy's `valueArrays` result for one draw, in index form: per (outcome, state) entry its
 * kind and constant or array, and the list of entries that change from row to row. Buffers are
 * allocated once per model.
 */
export class ValueArrayPlan {
  readonly outcome: Int32Array;
  readonly state: Int32Array;
  readonly kind: Uint8Array;
  readonly arrays: (ArrayLike<number> | undefined)[];
  /** The entries that depend on the trace row (byCycle, byCycleAndStateTime). */
  readonly varying: Int32Array;
  count = 0;
  varyingCount = 0;
  /**
   * How many entries of the last read were products (byCycleTimesStateTime): each is formed into
   * `owned` as a by-cycle-and-state-time array when read (values are rewritten row by row from it),
   * and a plan holding one is read on the checked path only (value-plan-reader.ts).
   */
  products = 0;
  private readonly owned: (Float64Array | undefined)[];

  constructor(outcomes: number, states: number) {
    const capacity = outcomes * states;
    this.outcome = new Int32Array(capacity);
    this.state = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.arrays = new Array<ArrayLike<number> | undefined>(capacity).fill(undefined);
    this.varying = new Int32Array(capacity);
    this.owned = new Array<Float64Array | undefined>(capacity).fill(undefined);
  }

  /** Whether some value depends on the trace row (then the values are rewritten every row). */
  get varies(): boolean {
    return this.varyingCount > 0;
  }

  /**
   * Reads a `valueArrays` result into the plan and writes the values of trace row 0 into the
   * workspace (missing entries 0), checking outcome and state names, array lengths and every
   * number written.
   */
  read(model: CompiledMarkov, work: MarkovWorkspace, table: unknown, site: ErrorSite): void {
    if (table === null || typeof table !== "object") failAt(site, "invalid_model", ["valueArrays"], "the valueArrays function must return an object: outcome → state → value per year (a number or byCycle / byStateTime / byCycleAndStateTime / byCycleTimesStateTime)", table);
    const target = work.values;
    for (let index = 0; index < target.length; index++) target[index] = 0;
    const rows = model.cycles + 1;
    let count = 0;
    let varyingCount = 0;
    this.products = 0;
    for (const outcomeName in table) {
      const o = model.outcomeIndex.get(outcomeName);
      if (o === undefined) failAt(site, "unknown_outcome", ["values", outcomeName], `unknown outcome "${outcomeName}": ${didYouMean(outcomeName, model.outcomes)}`, outcomeName);
      const byState = (table as Record<string, unknown>)[outcomeName];
      if (byState === undefined) continue;
      if (byState === null || typeof byState !== "object") failAt(site, "invalid_model", ["values", outcomeName], "expected state → value per year", byState);
      for (const stateName in byState) {
        const i = model.stateIndex.get(stateName);
        const at = ["values", outcomeName, stateName];
        if (i === undefined) failAt(site, "unknown_state", ["values", outcomeName, stateName], `unknown state "${stateName}": ${didYouMean(stateName, model.states)}`, stateName);
        const entry = (byState as Record<string, unknown>)[stateName];
        const tunnel = model.tunnel[i]!;
        this.outcome[count] = o;
        this.state[count] = i;
        if (typeof entry === "number") {
          this.kind[count] = CONSTANT;
          this.arrays[count] = undefined;
          if (!Number.isFinite(entry)) failAt(site, "non_finite_value", at, `value is not a finite number (received ${entry})`, entry);
          const first = o * model.expanded + model.base[i]!;
          for (let j = 0; j < tunnel; j++) target[first + j] = entry;
          count++;
          continue;
        }
        const by = entry !== null && typeof entry === "object" ? (entry as { by?: unknown }).by : undefined;
        if (by === "cycleTimesStateTime") {
          this.kind[count] = BY_BOTH;
          this.arrays[count] = this.product(model, entry as { cycle?: unknown; stateTime?: unknown }, count, rows, tunnel, outcomeName, stateName, site);
          this.varying[varyingCount++] = count;
          writeEntry(model, work, this, count, 0, site);
          count++;
          continue;
        }
        const values = by === undefined ? undefined : (entry as { values?: unknown }).values;
        const kind = by === "cycle" ? BY_CYCLE : by === "stateTime" ? BY_STATE_TIME : by === "cycleAndStateTime" ? BY_BOTH : -1;
        if (kind < 0 || !isArrayLike(values)) {
          failAt(site, "invalid_model", at, `a state value is a number or byCycle / byStateTime / byCycleAndStateTime / byCycleTimesStateTime of numbers (received ${typeof entry === "object" ? JSON.stringify(entry) : String(entry)})`, entry);
        }
        const length = (values as ArrayLike<number>).length;
        const expected = kind === BY_CYCLE ? rows : kind === BY_STATE_TIME ? tunnel : rows * tunnel;
        if (length !== expected) {
          const shape = kind === BY_CYCLE ? `one per trace row (${rows})` : kind === BY_STATE_TIME ? `one per state time of "${stateName}" (tunnel ${tunnel})` : `trace rows × tunnel of "${stateName}" (${rows} × ${tunnel} = ${expected})`;
          failAt(site, "dimension_mismatch", at, `the array of "${stateName}" for "${outcomeName}" has ${length} numbers; expected ${shape}`, length);
        }
        this.kind[count] = kind;
        this.arrays[count] = values as ArrayLike<number>;
        if (kind !== BY_STATE_TIME) this.varying[varyingCount++] = count;
        writeEntry(model, work, this, count, 0, site);
        count++;
      }
    }
    this.count = count;
    this.varyingCount = varyingCount;
  }

  /**
   * A product entry's numbers by trace row and state time (row-major), formed into the plan's own
   * buffer for entry `n` after its factors' lengths are checked; a factor that is not a number is
   * reported at the first (row, state time) that uses it, non-finite products when their row is written.
   */
  private product(model: CompiledMarkov, entry: { cycle?: unknown; stateTime?: unknown }, n: number, rows: number, tunnel: number, outcomeName: string, stateName: string, site: ErrorSite): Float64Array {
    const { cycle, stateTime } = entry;
    const at = ["values", outcomeName, stateName];
    if (!isArrayLike(cycle) || !isArrayLike(stateTime)) failAt(site, "invalid_model", at, "byCycleTimesStateTime needs two arrays of numbers: one per trace row and one per state time", entry);
    if (cycle.length !== rows) failAt(site, "dimension_mismatch", [...at, "cycle"], `the by-row factor of "${stateName}" for "${outcomeName}" has ${cycle.length} numbers; expected one per trace row (${rows})`, cycle.length);
    if (stateTime.length !== tunnel) failAt(site, "dimension_mismatch", [...at, "stateTime"], `the by-state-time factor of "${stateName}" for "${outcomeName}" has ${stateTime.length} numbers; expected one per state time of "${stateName}" (tunnel ${tunnel})`, stateTime.length);
    let own = this.owned[n];
    if (own === undefined || own.length !== rows * tunnel) own = this.owned[n] = new Float64Array(rows * tunnel);
    for (let row = 0; row < rows; row++) {
      for (let j = 0; j < tunnel; j++) {
        const value = productAt(cycle as ArrayLike<number>, stateTime as ArrayLike<number>, row, j);
        if (typeof value !== "number") badValue(model, this, n, row, j, value, site);
        own[row * tunnel + j] = value;
      }
    }
    this.products++;
    return own;
  }
}

/** Writes entry `n` of the plan at trace row `row` into the workspace's values, checking each number. */
function writeEntry(model: CompiledMarkov, work: MarkovWorkspace, plan: ValueArrayPlan, n: number, row: number, site: ErrorSite): void {
  const i = plan.state[n]!;
  const tunnel = model.tunnel[i]!;
  const first = plan.outcome[n]! * model.expanded + model.base[i]!;
  const values = plan.arrays[n]!;
  const kind = plan.kind[n]!;
  const target = work.values;
  if (kind === BY_CYCLE) {
    const value = values[row]!;
    if (typeof value !== "number" || value - value !== 0) badValue(model, plan, n, row, 0, value, site);
    for (let j = 0; j < tunnel; j++) target[first + j] = value;
    return;
  }
  const offset = kind === BY_BOTH ? row * tunnel : 0;
  for (let j = 0; j < tunnel; j++) {
    const value = values[offset + j]!;
    if (typeof value !== "number" || value - value !== 0) badValue(model, plan, n, row, j, value, site);
    target[first + j] = value;
  }
}

/** Throws the error of value entry `n` at trace row `row` and state time `position` (not a finite number). */
export function badValue(model: CompiledMarkov, plan: ValueArrayPlan, n: number, row: number, position: number, value: number, site: ErrorSite): never {
  const i = plan.state[n]!;
  site.at = "row";
  site.cycle = row;
  const note = model.tunnel[i]! > 1 ? ` at state time ${position}` : "";
  return failAt(site, "non_finite_value", ["values", model.outcomes[plan.outcome[n]!]!, model.states[i]!, ...(model.tunnel[i]! > 1 ? ["stateTime", position] : [])], `value is not a finite number (received ${shown(value)})${note}`, value);
}

/** Rewrites the values that depend on the trace row for row `row` (the others stay as read). */
export function fillValueArraysRow(model: CompiledMarkov, work: MarkovWorkspace, plan: ValueArrayPlan, row: number, site: ErrorSite): void {
  const varying = plan.varying;
  for (let k = 0; k < plan.varyingCount; k++) writeEntry(model, work, plan, varying[k]!, row, site);
}

/**
 * Calls the strategy's `valueArrays` once for the draw, reads the result into the workspace's plan
 * (through the strategy's generated reader when the result has the shape it was made for,
 * value-plan-reader.ts) and writes the values of trace row 0. Returns whether the values depend on the trace row.
 */
export function prepareValueArrays(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, grid: EngineCycleGrid, site: ErrorSite): boolean {
  const strategy = model.strategies[strategyIndex]!;
  const table = (strategy.valueArrays as (params: unknown, grid: EngineCycleGrid, strategy: string) => unknown)(params, grid, strategy.name);
  const plan = work.valuePlan;
  const reader = work.valuePlanReaders.readerOf(strategyIndex);
  if (reader === undefined || !reader(table, plan, work.values)) {
    plan.read(model, work, table, site);
    work.valuePlanReaders.learn(strategyIndex, table as object);
  }
  return plan.varies;
}
