import { didYouMean } from "../../core/closest-name.js";
import { isComplement } from "../complement.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { type ErrorSite, failAt } from "./markov-errors.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/**
 * Reads one state's row into the sparse matrix of one expanded state (a tunnel position), checking
 * every probability, the complement and the row sum. Zero probabilities are not stored.
 */
export function fillRow(model: CompiledMarkov, work: MarkovWorkspace, row: unknown, from: number, position: number, site: ErrorSite): void {
  work.entriesVersion++;
  const fromName = model.states[from]!;
  if (row === null || typeof row !== "object") failAt(site, "invalid_model", fromTail(model, from, position), `no transition row for state "${fromName}" (every state needs a row, e.g. ${JSON.stringify({ [fromName]: 1 })} for an absorbing state)`, row);
  const scratch = work.rowScratch;
  for (let k = 0; k < scratch.length; k++) scratch[k] = 0;
  const tolerance = model.tolerance;
  let complementTo = -1;
  let sum = 0;
  const entries = row as Record<string, unknown>;
  const expandedFrom = model.base[from]! + position;
  const names = work.rowNames;
  let n = 0;
  for (const toName in entries) {
    const to = names.indexOf(expandedFrom, n++, toName);
    if (to < 0) failAt(site, "unknown_state", [...fromTail(model, from, position), "to", toName], `unknown destination state "${toName}": ${didYouMean(toName, model.states)}`, toName);
    const value = entries[toName];
    if (isComplement(value)) {
      if (complementTo >= 0) failAt(site, "invalid_model", [...fromTail(model, from, position), "to", toName], `complement is given more than once in the row of "${fromName}"`);
      complementTo = to;
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) failAt(site, "non_finite_value", [...fromTail(model, from, position), "to", toName], `probability from "${fromName}" to "${toName}" is not a finite number (received ${String(value)})`, value);
    if (value < -tolerance || value > 1 + tolerance) failAt(site, "probability_out_of_range", [...fromTail(model, from, position), "to", toName], `probability from "${fromName}" to "${toName}" must be in [0, 1] (received ${value})`, value);
    // A value a rounding error below 0 (within the tolerance) must not move negative mass.
    scratch[to] = value > 0 ? value : 0;
    sum += value;
  }
  if (complementTo >= 0) {
    const rest = 1 - sum;
    if (rest < -tolerance) failAt(site, "negative_complement", [...fromTail(model, from, position), "to", model.states[complementTo]!], `the complement from "${fromName}" is negative (${rest}): the other probabilities sum to ${sum}`, rest);
    scratch[complementTo] = rest > 0 ? rest : 0;
  } else if (Math.abs(sum - 1) > tolerance) {
    failAt(site, "row_sum_not_one", fromTail(model, from, position), `transition row of "${fromName}" does not sum to 1 (sum = ${sum}, expected 1 ± ${tolerance})`, sum);
  }
  const last = model.tunnel[from]! - 1;
  let cursor = work.rowStart[expandedFrom]!;
  // With background mortality the rows as written go to rawVal (floored into val each cycle), and a
  // living row always stores its entry to the first death state, which the floor may raise from 0.
  const background = model.background;
  const target = work.rawVal;
  const keep = background !== undefined && background.dead[from] === 0 ? background.primary : -1;
  for (let to = 0; to < scratch.length; to++) {
    const probability = scratch[to]!;
    if (probability === 0 && to !== keep) continue;
    if (to === keep) work.deathSlot[expandedFrom] = cursor;
    work.col[cursor] = to === from ? model.base[from]! + (position < last ? position + 1 : last) : model.base[to]!;
    work.colState[cursor] = to;
    target[cursor] = probability;
    cursor++;
  }
  work.rowEnd[expandedFrom] = cursor;
}

/**
 * Evaluates the transition function of strategy `strategyIndex` for one cycle (once per tunnel
 * position when the rows depend on time in state) and fills the sparse matrix. Returns whether the
 * function read the time. With `occupied` (the cohort about to move, given from the second cycle
 * on), tunnel positions after the first that hold no mass in any state are skipped: their rows do
 * not enter this cycle's step, floor or transition values, and the next cycle fills again what it
 * needs. The first cycle evaluates and checks every position. Each call's rows go through the
 * strategy's generated reader (rows-reader.ts) when they have its shape and pass its checks, else
 * through {@link fillRow}, which reports the problem; a fill of position 0 through fillRow teaches
 * the reader the new shape.
 */
export function fillTransitions(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, site: ErrorSite, occupied?: Float64Array): boolean {
  const context = work.context;
  const strategy = model.strategies[strategyIndex]!;
  const name = strategy.name;
  const time = (site.cycle - 1) * model.cycleLength;
  const call = strategy.transitions as (params: unknown, time: unknown, strategy: string) => unknown;
  const readers = work.rowsReaders;
  // The generated readers write rows too.
  work.entriesVersion++;
  let rows = call(params, context.at(site.cycle, time, 0), name);
  let readTime = context.readTime;
  const readStateTime = context.readStateTime;
  const reader = readers.readerOf(strategyIndex);
  if (reader === undefined || !reader(rows, 0)) {
    checkRows(rows, site, model, work);
    for (let from = 0; from < model.states.length; from++) fillRow(model, work, (rows as Record<string, unknown>)[model.states[from]!], from, 0, site);
    readers.learn(strategyIndex, rows as object);
  }
  const held = occupied === undefined ? undefined : heldPositions(model, work, occupied);
  for (let position = 1; position < model.maxTunnel; position++) {
    if (held !== undefined && held[position] === 0) continue;
    if (readStateTime) {
      rows = call(params, context.at(site.cycle, time, position), name);
      readTime ||= context.readTime;
    }
    const positionReader = readers.readerOf(strategyIndex);
    if (positionReader !== undefined && positionReader(rows, position)) continue;
    if (readStateTime) checkRows(rows, site, model, work);
    for (let from = 0; from < model.states.length; from++) {
      if (model.tunnel[from]! > position) fillRow(model, work, (rows as Record<string, unknown>)[model.states[from]!], from, position, site);
    }
  }
  return readTime;
}

/**
 * Marks the tunnel positions (time in state) at which some tunnel state has cohort mass, from the
 * general loop's list of the states that may hold mass (`work.active`, which lists every non-zero
 * entry of `occupied`): one pass over the occupied states instead of one over the states per position.
 */
function heldPositions(model: CompiledMarkov, work: MarkovWorkspace, occupied: Float64Array): Uint8Array {
  const held = work.heldPositions;
  held.fill(0);
  const { active, stateOf } = work;
  for (let k = 0; k < work.activeCount; k++) {
    const e = active[k]!;
    if (occupied[e] === 0) continue;
    const state = stateOf[e]!;
    if (model.tunnel[state]! > 1) held[e - model.base[state]!] = 1;
  }
  return held;
}

/** The path segments naming a from-state, with the time in state for tunnel states (built only on error). */
export function fromTail(model: CompiledMarkov, from: number, position: number): (string | number)[] {
  const name = model.states[from]!;
  return model.tunnel[from]! > 1 ? ["from", name, "stateTime", position] : ["from", name];
}

function checkRows(rows: unknown, site: ErrorSite, model: CompiledMarkov, work: MarkovWorkspace): void {
  if (rows === null || typeof rows !== "object") failAt(site, "invalid_model", ["transitions"], "the transitions function must return an object of rows, one per state", rows);
  let n = 0;
  for (const name in rows as object) {
    if (work.fromNames.indexOf(0, n++, name) < 0) failAt(site, "unknown_state", ["from", name], `unknown state "${name}": ${didYouMean(name, model.states)}`, name);
  }
}
