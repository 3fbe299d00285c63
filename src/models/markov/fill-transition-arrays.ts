import { didYouMean } from "../../core/closest-name.js";
import { codeGenerationRefused, generatedFunction } from "../../core/generated-function.js";
import { isComplement } from "../complement.js";
import type { CompiledMarkov } from "./compile-markov.js";
import type { EngineCycleGrid } from "./cycle-grid.js";
import { fromTail } from "./fill-transitions.js";
import { type ErrorSite, failAt } from "./markov-errors.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/** Entry kinds of a plan. */
export const CONSTANT = 0;
export const BY_CYCLE = 1;
export const BY_STATE_TIME = 2;
export const BY_BOTH = 3;
export const COMPLEMENT = 4;
/** A by-cycle factor (in `arrays`) times a by-state-time factor (in `factors`): byCycleTimesStateTime. */
export const BY_PRODUCT = 5;

/**
 * One strategy's `transitionArrays` result for one draw, in index form: per from-state its entries
 * in the row's key order (kind, destination, constant or array), and its destinations in ascending
 * order (the order the sparse row is written in). Buffers are allocated once per model; a draw
 * only overwrites them.
 */
export class TransitionArrayPlan {
  /** Entries of from-state i: [entryStart[i], entryStart[i + 1]). */
  readonly entryStart: Int32Array;
  readonly kind: Uint8Array;
  readonly to: Int32Array;
  readonly constant: Float64Array;
  readonly arrays: (ArrayLike<number> | undefined)[];
  /** Per entry of kind {@link BY_PRODUCT}, its by-state-time factor (its by-cycle factor is in `arrays`); undefined for the others. */
  readonly factors: (ArrayLike<number> | undefined)[];
  /** Ascending destinations of from-state i (with the first death state under background mortality): [destStart[i], destStart[i + 1]). */
  readonly destStart: Int32Array;
  readonly dest: Int32Array;
  /** 1 when the destination is one of the row's entries (0: the death slot kept at probability 0). */
  readonly destListed: Uint8Array;
  /** Whether some entry depends on the cycle (then the rows are refilled every cycle). */
  varies = false;
  /**
   * The token of the generated reader that last wrote the plan whole (plan-reader.ts), 0 when
   * anything else wrote it: a reader writes the same shape every time, so equal nonzero tokens mean
   * equal shapes and the per-draw look-ups below need not compare the shape's arrays again.
   */
  shape = 0;
  /** 1 for the from-states whose entries are all constants or `complement` (the same row in every cycle and position). */
  readonly fixedRow: Uint8Array;
  /** Per entry, its value in the cycle being run when it does not depend on the state time (vector-loop.ts). */
  readonly hoisted: Float64Array;
  /** Per state, the highest tunnel position that may hold mass (vector-loop.ts). */
  readonly reach: Int32Array;
  /** Per state, the lowest tunnel position other than 0 that may hold mass in the cycle being run (vector-kernel.ts). */
  readonly lowest: Int32Array;
  /** Per state, 1 when it may hold mass during the run being made (vector-loop.ts: markLive). */
  readonly live: Uint8Array;
  /** saveTo's copies of the arrays and of the products' state-time factors. */
  private readonly owned: (Float64Array | undefined)[] = [];
  private readonly ownedFactors: (Float64Array | undefined)[] = [];
  /** The row fills generated for the shapes this plan held (arrayRowsFill), the most recent first. */
  private readonly fills: { shape: Int32Array; fill: ArrayRowsFill | undefined; token: number }[] = [];
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(states: number) {
    this.entryStart = new Int32Array(states + 1);
    this.kind = new Uint8Array(states * states);
    this.to = new Int32Array(states * states);
    this.constant = new Float64Array(states * states);
    this.arrays = new Array<ArrayLike<number> | undefined>(states * states).fill(undefined);
    this.factors = new Array<ArrayLike<number> | undefined>(states * states).fill(undefined);
    this.destStart = new Int32Array(states + 1);
    this.dest = new Int32Array(states * (states + 1));
    this.destListed = new Uint8Array(states * (states + 1));
    this.seen = new Int32Array(states);
    this.fixedRow = new Uint8Array(states);
    this.hoisted = new Float64Array(states * states);
    this.reach = new Int32Array(states);
    this.lowest = new Int32Array(states);
    this.live = new Uint8Array(states);
  }

  /**
   * Copies the plan into `target` with the arrays' numbers in target's own buffers (the fill cache's
   * copy: a model may refill its arrays in the next call). Only for a plan fixed for the run, whose
   * numbers were all read and checked when the matrix was filled.
   */
  saveTo(target: TransitionArrayPlan): void {
    const states = this.entryStart.length - 1;
    target.entryStart.set(this.entryStart);
    target.destStart.set(this.destStart);
    const entries = this.entryStart[states]!;
    for (let n = 0; n < entries; n++) {
      target.kind[n] = this.kind[n]!;
      target.to[n] = this.to[n]!;
      target.constant[n] = this.constant[n]!;
      target.arrays[n] = copyInto(target.owned, n, this.arrays[n]);
      target.factors[n] = copyInto(target.ownedFactors, n, this.factors[n]);
    }
    target.dest.set(this.dest);
    target.destListed.set(this.destListed);
    target.fixedRow.set(this.fixedRow);
    target.varies = this.varies;
    target.shape = this.shape;
  }

  /** Makes this plan the saved `source` (its arrays are referenced, not copied). */
  loadFrom(source: TransitionArrayPlan): void {
    const states = this.entryStart.length - 1;
    this.entryStart.set(source.entryStart);
    this.destStart.set(source.destStart);
    const entries = source.entryStart[states]!;
    for (let n = 0; n < entries; n++) {
      this.kind[n] = source.kind[n]!;
      this.to[n] = source.to[n]!;
      this.constant[n] = source.constant[n]!;
      this.arrays[n] = source.arrays[n];
      this.factors[n] = source.factors[n];
    }
    this.dest.set(source.dest);
    this.destListed.set(source.destListed);
    this.fixedRow.set(source.fixedRow);
    this.varies = source.varies;
    this.shape = source.shape;
  }

  /**
   * The fill generated for the plan's current shape (its entries' kinds and destinations, the rows'
   * destinations) and this model's tunnels, or undefined when code generation is refused or the
   * plan is too large to unroll. A plan that changes shape from call to call reuses the fills of
   * the last few shapes it held; the shape is compared, never assumed (a reader's token stands for
   * the shape it was compared with once).
   */
  generatedFill(model: CompiledMarkov): ArrayRowsFill | undefined {
    if (codeGenerationRefused()) return undefined;
    const states = this.entryStart.length - 1;
    const entries = this.entryStart[states]!;
    const dests = this.destStart[states]!;
    const fills = this.fills;
    const token = this.shape;
    for (let k = 0; k < fills.length; k++) {
      const kept = fills[k]!;
      if ((token !== 0 && kept.token === token) || this.hasShape(kept.shape, states, entries, dests)) {
        kept.token = token;
        // To the front by a swap: strategies of two shapes sharing the plan alternate every call, and splice and unshift allocated each time.
        if (k > 0) {
          fills[k] = fills[0]!;
          fills[0] = kept;
        }
        return kept.fill;
      }
    }
    const shape = new Int32Array(2 + 2 * (states + 1) + 2 * entries + 2 * dests);
    let at = 0;
    shape[at++] = entries;
    shape[at++] = dests;
    for (let i = 0; i <= states; i++) shape[at++] = this.entryStart[i]!;
    for (let i = 0; i <= states; i++) shape[at++] = this.destStart[i]!;
    for (let n = 0; n < entries; n++) shape[at++] = this.kind[n]!;
    for (let n = 0; n < entries; n++) shape[at++] = this.to[n]!;
    for (let d = 0; d < dests; d++) shape[at++] = this.dest[d]!;
    for (let d = 0; d < dests; d++) shape[at++] = this.destListed[d]!;
    const fill = entries + dests <= MAX_GENERATED_ENTRIES ? arrayRowsFill(model, this) : undefined;
    fills.unshift({ shape, fill, token });
    if (fills.length > FILLS_KEPT) fills.pop();
    return fill;
  }

  private hasShape(shape: Int32Array, states: number, entries: number, dests: number): boolean {
    if (shape[0] !== entries || shape[1] !== dests) return false;
    let at = 2;
    for (let i = 0; i <= states; i++) if (shape[at++] !== this.entryStart[i]) return false;
    for (let i = 0; i <= states; i++) if (shape[at++] !== this.destStart[i]) return false;
    for (let n = 0; n < entries; n++) if (shape[at++] !== this.kind[n]) return false;
    for (let n = 0; n < entries; n++) if (shape[at++] !== this.to[n]) return false;
    for (let d = 0; d < dests; d++) if (shape[at++] !== this.dest[d]) return false;
    for (let d = 0; d < dests; d++) if (shape[at++] !== this.destListed[d]) return false;
    return true;
  }

  /**
   * Reads a `transitionArrays` result into the plan, checking its shape (known states, one row per
   * state, entries that are numbers, `complement` at most once per row or time arrays of the right
   * length) and the constant entries; arrays are checked as they are read, cycle by cycle.
   */
  read(model: CompiledMarkov, rows: unknown, site: ErrorSite): void {
    const states = model.states;
    if (rows === null || typeof rows !== "object") failAt(site, "invalid_model", ["transitionArrays"], "the transitionArrays function must return an object of rows, one per state", rows);
    for (const name in rows) {
      if (!model.stateIndex.has(name)) failAt(site, "unknown_state", ["from", name], `unknown state "${name}": ${didYouMean(name, states)}`, name);
    }
    const cycles = model.cycles;
    const tolerance = model.tolerance;
    const background = model.background;
    let n = 0;
    let varies = false;
    this.shape = 0;
    this.destStart[0] = 0;
    for (let from = 0; from < states.length; from++) {
      this.entryStart[from] = n;
      const fromName = states[from]!;
      const row = (rows as Record<string, unknown>)[fromName];
      if (row === null || typeof row !== "object") failAt(site, "invalid_model", ["from", fromName], `no transition row for state "${fromName}" (every state needs a row, e.g. ${JSON.stringify({ [fromName]: 1 })} for an absorbing state)`, row);
      const tunnel = model.tunnel[from]!;
      let complementSeen = false;
      let fixed = 1;
      const stamp = ++this.stamp;
      for (const toName in row) {
        const to = model.stateIndex.get(toName);
        if (to === undefined) failAt(site, "unknown_state", ["from", fromName, "to", toName], `unknown destination state "${toName}": ${didYouMean(toName, states)}`, toName);
        const entry = (row as Record<string, unknown>)[toName];
        this.to[n] = to;
        this.seen[to] = stamp;
        this.arrays[n] = undefined;
        this.factors[n] = undefined;
        if (isComplement(entry)) {
          if (complementSeen) failAt(site, "invalid_model", ["from", fromName, "to", toName], `complement is given more than once in the row of "${fromName}"`);
          complementSeen = true;
          this.kind[n++] = COMPLEMENT;
          continue;
        }
        if (typeof entry === "number") {
          if (!Number.isFinite(entry)) failAt(site, "non_finite_value", ["from", fromName, "to", toName], `probability from "${fromName}" to "${toName}" is not a finite number (received ${entry})`, entry);
          if (entry < -tolerance || entry > 1 + tolerance) failAt(site, "probability_out_of_range", ["from", fromName, "to", toName], `probability from "${fromName}" to "${toName}" must be in [0, 1] (received ${entry})`, entry);
          this.kind[n] = CONSTANT;
          this.constant[n++] = entry;
          continue;
        }
        const kind = timeArrayKind(entry);
        if (kind < 0) failAt(site, "invalid_model", ["from", fromName, "to", toName], `entry from "${fromName}" to "${toName}" must be a probability, complement, or byCycle / byStateTime / byCycleAndStateTime / byCycleTimesStateTime of numbers (received ${describe(entry)})`, entry);
        if (kind === BY_PRODUCT) {
          const { cycle, stateTime } = entry as { cycle: ArrayLike<number>; stateTime: ArrayLike<number> };
          if (cycle.length !== cycles) failAt(site, "dimension_mismatch", ["from", fromName, "to", toName, "cycle"], `the by-cycle factor from "${fromName}" to "${toName}" has ${cycle.length} numbers; expected one per cycle (${cycles})`, cycle.length);
          if (stateTime.length !== tunnel) failAt(site, "dimension_mismatch", ["from", fromName, "to", toName, "stateTime"], `the by-state-time factor from "${fromName}" to "${toName}" has ${stateTime.length} numbers; expected one per state time of "${fromName}" (tunnel ${tunnel})`, stateTime.length);
          varies = true;
          fixed = 0;
          this.kind[n] = BY_PRODUCT;
          this.factors[n] = stateTime;
          this.arrays[n++] = cycle;
          continue;
        }
        const values = (entry as { values: ArrayLike<number> }).values;
        const expected = kind === BY_CYCLE ? cycles : kind === BY_STATE_TIME ? tunnel : cycles * tunnel;
        if (values.length !== expected) {
          const shape = kind === BY_CYCLE ? `one per cycle (${cycles})` : kind === BY_STATE_TIME ? `one per state time of "${fromName}" (tunnel ${tunnel})` : `cycles × tunnel of "${fromName}" (${cycles} × ${tunnel} = ${expected})`;
          failAt(site, "dimension_mismatch", ["from", fromName, "to", toName], `the array from "${fromName}" to "${toName}" has ${values.length} numbers; expected ${shape}`, values.length);
        }
        if (kind !== BY_STATE_TIME) varies = true;
        fixed = 0;
        this.kind[n] = kind;
        this.arrays[n++] = values;
      }
      this.fixedRow[from] = fixed;
      // Destinations ascending, with the first death state always stored in a living row (fillRow's rule).
      let d = this.destStart[from]!;
      const keep = background !== undefined && background.dead[from] === 0 ? background.primary : -1;
      for (let to = 0; to < states.length; to++) {
        const listed = this.seen[to] === stamp;
        if (!listed && to !== keep) continue;
        this.dest[d] = to;
        this.destListed[d++] = listed ? 1 : 0;
      }
      this.destStart[from + 1] = d;
    }
    this.entryStart[states.length] = n;
    this.varies = varies;
  }
}

function timeArrayKind(entry: unknown): number {
  if (entry === null || typeof entry !== "object") return -1;
  const { by } = entry as { by?: unknown };
  if (by === "cycleTimesStateTime") {
    const { cycle, stateTime } = entry as { cycle?: unknown; stateTime?: unknown };
    return isArrayLike(cycle) && isArrayLike(stateTime) ? BY_PRODUCT : -1;
  }
  const { values } = entry as { values?: unknown };
  if (!isArrayLike(values)) return -1;
  return by === "cycle" ? BY_CYCLE : by === "stateTime" ? BY_STATE_TIME : by === "cycleAndStateTime" ? BY_BOTH : -1;
}

/** An object with a numeric length (a typed or plain array of what should be numbers). @internal */
export function isArrayLike(values: unknown): values is ArrayLike<unknown> {
  return values !== null && typeof values === "object" && typeof (values as { length?: unknown }).length === "number";
}

/** `values` copied into `owned[n]` (grown to its length when needed), or undefined without values: saveTo's copy of one array. */
function copyInto(owned: (Float64Array | undefined)[], n: number, values: ArrayLike<number> | undefined): Float64Array | undefined {
  if (values === undefined) return undefined;
  let own = owned[n];
  if (own === undefined || own.length !== values.length) own = owned[n] = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) own[k] = values[k]!;
  return own;
}

/**
 * A product entry's value at cycle row `row` and state time `position`, or the factor that is not a
 * number (never multiplied: a string would be converted), for the caller's check. @internal
 */
export function productAt(cycle: ArrayLike<number>, stateTime: ArrayLike<number>, row: number, position: number): number {
  const a = cycle[row]!;
  const b = stateTime[position]!;
  if (typeof a !== "number") return a;
  if (typeof b !== "number") return b;
  return a * b;
}

function describe(entry: unknown): string {
  if (typeof entry === "symbol") return entry.toString();
  try {
    return JSON.stringify(entry) ?? String(entry);
  } catch {
    return String(entry);
  }
}

/**
 * Writes the row of from-state `from` at tunnel position `position` for cycle `cycle` into the
 * sparse matrix, checking each entry read (finite, in [0, 1] ± tolerance), the complement and the
 * row sum as {@link fillRow} does, with the same sum order (the row's key order) and the same
 * stored entries, so both forms give bit-identical matrices for the same numbers.
 */
export function fillArrayRow(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, from: number, position: number, cycle: number, site: ErrorSite): void {
  work.entriesVersion++;
  const scratch = work.rowScratch;
  const tolerance = model.tolerance;
  const tunnel = model.tunnel[from]!;
  const { kind, to: toOf, constant, arrays, factors } = plan;
  const end = plan.entryStart[from + 1]!;
  let sum = 0;
  let complementTo = -1;
  for (let n = plan.entryStart[from]!; n < end; n++) {
    const k = kind[n]!;
    const to = toOf[n]!;
    let value: number;
    if (k === CONSTANT) value = constant[n]!;
    else if (k === COMPLEMENT) {
      complementTo = to;
      continue;
    } else {
      value = k === BY_PRODUCT ? productAt(arrays[n]!, factors[n]!, cycle - 1, position) : arrays[n]![k === BY_CYCLE ? cycle - 1 : k === BY_STATE_TIME ? position : (cycle - 1) * tunnel + position]!;
      // One test rejects non-numbers (a plain array may hold anything), NaN, ±Infinity and out-of-range values alike; the message tells them apart.
      if (typeof value !== "number" || !(value >= -tolerance && value <= 1 + tolerance)) badEntry(model, from, to, position, value, site);
    }
    scratch[to] = value > 0 ? value : 0;
    sum += value;
  }
  closeRow(model, scratch, sum, complementTo, from, position, site);
  const base = model.base[from]!;
  const expandedFrom = base + position;
  const last = tunnel - 1;
  const stay = base + (position < last ? position + 1 : last);
  const { col, colState, rawVal } = work;
  const { dest, destListed } = plan;
  const keepSlot = model.background !== undefined && model.background.dead[from] === 0;
  let cursor = work.rowStart[expandedFrom]!;
  const destEnd = plan.destStart[from + 1]!;
  for (let d = plan.destStart[from]!; d < destEnd; d++) {
    const to = dest[d]!;
    if (destListed[d] === 0) {
      // The first death state of a living row, absent from the row: stored at 0 for the floor to raise.
      work.deathSlot[expandedFrom] = cursor;
      col[cursor] = model.base[to]!;
      colState[cursor] = to;
      rawVal[cursor++] = 0;
      continue;
    }
    const probability = scratch[to]!;
    const kept = keepSlot && to === model.background!.primary;
    if (probability === 0 && !kept) continue;
    if (kept) work.deathSlot[expandedFrom] = cursor;
    col[cursor] = to === from ? stay : model.base[to]!;
    colState[cursor] = to;
    rawVal[cursor++] = probability;
  }
  work.rowEnd[expandedFrom] = cursor;
}

/**
 * Completes a row read into `scratch` whose entries other than the complement sum to `sum`: the
 * complement (`complementTo`, −1 when the row has none) gets 1 − sum, floored at 0; a negative
 * complement or, without one, a sum other than 1 is the row's error. @internal
 */
export function closeRow(model: CompiledMarkov, scratch: Float64Array, sum: number, complementTo: number, from: number, position: number, site: ErrorSite): void {
  const tolerance = model.tolerance;
  if (complementTo >= 0) {
    const rest = 1 - sum;
    if (rest < -tolerance) rowProblem(model, from, position, sum, complementTo, site);
    scratch[complementTo] = rest > 0 ? rest : 0;
  } else if (Math.abs(sum - 1) > tolerance) rowProblem(model, from, position, sum, -1, site);
}

/** Throws the error of a row whose complement is negative (`complementTo` ≥ 0) or whose sum is not 1. */
export function rowProblem(model: CompiledMarkov, from: number, position: number, sum: number, complementTo: number, site: ErrorSite): never {
  const fromName = model.states[from]!;
  if (complementTo >= 0) {
    const rest = 1 - sum;
    failAt(site, "negative_complement", [...fromTail(model, from, position), "to", model.states[complementTo]!], `the complement from "${fromName}" is negative (${rest}): the other probabilities sum to ${sum}${stateTimeNote(model, from, position)}`, rest);
  }
  return failAt(site, "row_sum_not_one", fromTail(model, from, position), `transition row of "${fromName}" does not sum to 1 (sum = ${sum}, expected 1 ± ${model.tolerance})${stateTimeNote(model, from, position)}`, sum);
}

function stateTimeNote(model: CompiledMarkov, from: number, position: number): string {
  return model.tunnel[from]! > 1 ? ` at state time ${position}` : "";
}

/** Throws the error of an entry read from an array: not finite, or outside [0, 1] ± tolerance. */
export function badEntry(model: CompiledMarkov, from: number, to: number, position: number, value: number, site: ErrorSite): never {
  const fromName = model.states[from]!;
  const toName = model.states[to]!;
  const at = [...fromTail(model, from, position), "to", toName];
  if (!Number.isFinite(value)) failAt(site, "non_finite_value", at, `probability from "${fromName}" to "${toName}" is not a finite number (received ${shown(value)})${stateTimeNote(model, from, position)}`, value);
  return failAt(site, "probability_out_of_range", at, `probability from "${fromName}" to "${toName}" must be in [0, 1] (received ${value})${stateTimeNote(model, from, position)}`, value);
}

/**
 * Fills the sparse matrix for cycle `cycle` from the plan: every state's first position, and the
 * other tunnel positions only where `occupied` holds mass (all of them without `occupied`: the
 * first cycle, or rows that do not depend on the cycle and are filled once per draw). A cohort
 * entering a tunnel at cycle t is at state time ≤ t, so the positions read grow with the cycles
 * instead of being the whole tunnel every cycle.
 */
export function fillArrayRows(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, cycle: number, site: ErrorSite, occupied?: Float64Array): void {
  if (occupied === undefined) {
    // Every row: the fill generated for the plan's shape, unless a row fails a check; then the rows
    // are filled again below, which reports the first failing row as always (the same writes before it).
    const fill = plan.generatedFill(model);
    const tolerance = model.tolerance;
    const filled = fill === undefined ? FILL_FAILED : fill(plan.constant, plan.arrays, plan.factors, cycle - 1, -tolerance, 1 + tolerance, tolerance, work.rowStart, work.rowEnd, work.col, work.colState, work.rawVal, work.deathSlot);
    if (filled !== FILL_FAILED) {
      if (filled === FILL_CHANGED) work.entriesVersion++;
      return;
    }
  }
  const states = model.states.length;
  for (let from = 0; from < states; from++) fillArrayRow(model, work, plan, from, 0, cycle, site);
  if (model.maxTunnel === 1) return;
  if (occupied === undefined) {
    for (let from = 0; from < states; from++) {
      for (let position = 1; position < model.tunnel[from]!; position++) fillArrayRow(model, work, plan, from, position, cycle, site);
    }
    return;
  }
  const { active, activeCount, stateOf } = work;
  for (let k = 0; k < activeCount; k++) {
    const e = active[k]!;
    if (occupied[e] === 0) continue;
    const from = stateOf[e]!;
    const position = e - model.base[from]!;
    if (position > 0) fillArrayRow(model, work, plan, from, position, cycle, site);
  }
}

/**
 * Every row of a plan's shape (fillArrayRows without `occupied`), with fillArrayRow's reads,
 * arithmetic, checks and stores unrolled per entry: the same matrix bit for bit. Returns
 * {@link FILL_FAILED} as soon as an entry or a row fails a check (the caller then runs
 * fillArrayRow, which reports it), else {@link FILL_SAME} when every row stored the entries (columns,
 * states, row ends) it held before, or {@link FILL_CHANGED}. Arguments: the plan's constants,
 * arrays and product factors, cycle − 1, −tolerance, 1 + tolerance, tolerance, and the workspace's
 * sparse matrix. @internal
 */
export type ArrayRowsFill = (
  constant: Float64Array,
  arrays: readonly (ArrayLike<number> | undefined)[],
  factors: readonly (ArrayLike<number> | undefined)[],
  c: number,
  low: number,
  high: number,
  tolerance: number,
  rowStart: Int32Array,
  rowEnd: Int32Array,
  col: Int32Array,
  colState: Int32Array,
  rawVal: Float64Array,
  deathSlot: Int32Array,
) => number;

/** What an {@link ArrayRowsFill} returns: a check failed (nothing reliable written); filled with the stored entries as they were; filled with others. */
export const FILL_FAILED = 0;
export const FILL_SAME = 1;
export const FILL_CHANGED = 2;

/** Plans with more entries and destinations than this keep the interpreted fill (the source grows with them). */
const MAX_GENERATED_ENTRIES = 512;
/** Shapes (and their fills) kept per plan, for strategies whose arrays differ in shape. */
const FILLS_KEPT = 4;
/** Generated fills by source, shared by the models (and recompiled models) of one shape. */
const generatedFills = new Map<string, ArrayRowsFill | undefined>();
const GENERATED_FILLS_KEPT = 32;

/**
 * Generates the {@link ArrayRowsFill} of the plan's current shape for `model`. The source holds
 * integers only (entry and state indices, tunnel lengths); every number is read at run time.
 */
function arrayRowsFill(model: CompiledMarkov, plan: TransitionArrayPlan): ArrayRowsFill | undefined {
  const states = model.states.length;
  const background = model.background;
  // `changed` collects, as set bits, any stored entry or row end that differs from what was there.
  const lines = ['"use strict";', "let changed = 0;"];
  for (let from = 0; from < states; from++) {
    const tunnel = model.tunnel[from]!;
    const base = model.base[from]!;
    const first = plan.entryStart[from]!;
    const end = plan.entryStart[from + 1]!;
    const keepSlot = background !== undefined && background.dead[from] === 0;
    // Per destination state, the local holding its probability (a listed destination has one entry).
    const probability = new Map<number, string>();
    let complementTo = -1;
    lines.push(`for (let position = 0; position < ${tunnel}; position++) {`, `const e = ${base} + position;`, "let sum = 0;");
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      const to = plan.to[n]!;
      if (kind === COMPLEMENT) {
        complementTo = to;
        continue;
      }
      if (kind === CONSTANT) lines.push(`const v${n} = constant[${n}];`);
      else if (kind === BY_PRODUCT) {
        // Both factors numbers (never converted), then their product checked as any entry.
        lines.push(`const a${n} = arrays[${n}][c], b${n} = factors[${n}][position];`, `if (typeof a${n} !== "number" || typeof b${n} !== "number") return ${FILL_FAILED};`, `const v${n} = a${n} * b${n};`, `if (!(v${n} >= low && v${n} <= high)) return ${FILL_FAILED};`);
      } else {
        const index = kind === BY_CYCLE ? "c" : kind === BY_STATE_TIME ? "position" : `c * ${tunnel} + position`;
        lines.push(`const v${n} = arrays[${n}][${index}];`, `if (typeof v${n} !== "number" || !(v${n} >= low && v${n} <= high)) return ${FILL_FAILED};`);
      }
      lines.push(`const p${n} = v${n} > 0 ? v${n} : 0;`, `sum += v${n};`);
      probability.set(to, `p${n}`);
    }
    if (complementTo >= 0) {
      lines.push("const rest = 1 - sum;", `if (rest < -tolerance) return ${FILL_FAILED};`, "const pc = rest > 0 ? rest : 0;");
      probability.set(complementTo, "pc");
    } else lines.push(`if (Math.abs(sum - 1) > tolerance) return ${FILL_FAILED};`);
    lines.push("let cursor = rowStart[e];");
    const stay = tunnel > 1 ? `${base} + (position < ${tunnel - 1} ? position + 1 : ${tunnel - 1})` : `${base}`;
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) {
      const to = plan.dest[d]!;
      const column = to === from ? stay : `${model.base[to]!}`;
      const store = (p: string): string => `{ const j = ${column}; changed |= (col[cursor] ^ j) | (colState[cursor] ^ ${to}); col[cursor] = j; colState[cursor] = ${to}; rawVal[cursor++] = ${p}; }`;
      if (plan.destListed[d] === 0) {
        lines.push(`deathSlot[e] = cursor; ${store("0")}`);
        continue;
      }
      const p = probability.get(to)!;
      if (keepSlot && to === background!.primary) lines.push(`deathSlot[e] = cursor; ${store(p)}`);
      else lines.push(`if (${p} !== 0) ${store(p)}`);
    }
    lines.push("changed |= rowEnd[e] ^ cursor;", "rowEnd[e] = cursor;", "}");
  }
  lines.push(`return changed === 0 ? ${FILL_SAME} : ${FILL_CHANGED};`);
  const source = lines.join("\n");
  if (generatedFills.has(source)) return generatedFills.get(source);
  const fill = generatedFunction<ArrayRowsFill>(["constant", "arrays", "factors", "c", "low", "high", "tolerance", "rowStart", "rowEnd", "col", "colState", "rawVal", "deathSlot"], source);
  if (generatedFills.size >= GENERATED_FILLS_KEPT) generatedFills.clear();
  generatedFills.set(source, fill);
  return fill;
}

/**
 * Calls the strategy's `transitionArrays` once for the draw, reads the result into the workspace's
 * plan (through the strategy's generated reader when the result has the shape it was made for,
 * plan-reader.ts) and fills the matrix of cycle 1: every tunnel position when no entry depends on the cycle
 * (the matrix then serves the whole run), else each state's first position and the positions that
 * hold mass in `work.current` (the cycle loops read no other row; rows are checked as they are
 * read). Returns whether the rows depend on the cycle.
 */
export function prepareTransitionArrays(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, grid: EngineCycleGrid, site: ErrorSite): boolean {
  const strategy = model.strategies[strategyIndex]!;
  const rows = (strategy.transitionArrays as (params: unknown, grid: EngineCycleGrid, strategy: string) => unknown)(params, grid, strategy.name);
  const plan = work.transitionPlan;
  const reader = work.planReaders.readerOf(strategyIndex);
  if (reader === undefined || !reader(rows, plan)) {
    plan.read(model, rows, site);
    work.planReaders.learn(strategyIndex, rows as object);
  }
  // Without tunnels every row is a first position, read in every cycle: the generated fill of every row writes what the loop below does.
  if (!plan.varies || model.maxTunnel === 1) fillArrayRows(model, work, plan, site.cycle, site);
  else {
    const states = model.states.length;
    for (let from = 0; from < states; from++) {
      fillArrayRow(model, work, plan, from, 0, site.cycle, site);
      const base = model.base[from]!;
      for (let position = 1; position < model.tunnel[from]!; position++) if (work.current[base + position] !== 0) fillArrayRow(model, work, plan, from, position, site.cycle, site);
    }
  }
  return plan.varies;
}

/** A value read from a user's array, for a message: numbers as numbers, anything else as JSON (a string "0.5" shows its quotes). */
export function shown(value: unknown): string {
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
