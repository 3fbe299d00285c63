import { didYouMean } from "../../core/closest-name.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { type ErrorSite, failAt } from "./markov-errors.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

type UserFunction = (...args: never[]) => unknown;

function outcomeOf(model: CompiledMarkov, name: string, site: ErrorSite, tail: string): number {
  const o = model.outcomeIndex.get(name);
  if (o === undefined) failAt(site, "unknown_outcome", [tail, name], `unknown outcome "${name}": ${didYouMean(name, model.outcomes)}`, name);
  return o;
}

function stateOf(model: CompiledMarkov, name: string, site: ErrorSite, tail: readonly (string | number)[]): number {
  const i = model.stateIndex.get(name);
  if (i === undefined) failAt(site, "unknown_state", [...tail, name], `unknown state "${name}": ${didYouMean(name, model.states)}`, name);
  return i;
}

/** Whether `value` is a finite number (Number.isFinite converts nothing). */
function isFiniteNumber(value: unknown): value is number {
  return Number.isFinite(value);
}

/**
 * Reports a value that is not a finite number. Callers test {@link isFiniteNumber} first and call this
 * only on failure, so the path array is built only then: built per entry, such paths were most of what
 * a PSA draw allocated in these functions.
 */
function notFinite(value: unknown, site: ErrorSite, tail: readonly (string | number)[]): never {
  return failAt(site, "non_finite_value", tail, `value is not a finite number (received ${String(value)})`, value);
}

function writeTable(model: CompiledMarkov, work: MarkovWorkspace, table: unknown, position: number, site: ErrorSite): void {
  if (table === null || typeof table !== "object") failAt(site, "invalid_model", ["values"], "the values function must return an object: outcome → state → value per year", table);
  const expanded = model.expanded;
  const target = work.values;
  let n = 0;
  for (const outcomeName in table as object) {
    let o = work.outcomeNames.indexOf(0, n++, outcomeName);
    if (o < 0) o = outcomeOf(model, outcomeName, site, "values");
    const byState = (table as Record<string, unknown>)[outcomeName];
    if (byState === undefined) continue;
    if (byState === null || typeof byState !== "object") failAt(site, "invalid_model", ["values", outcomeName], "expected state → value per year", byState);
    let k = 0;
    for (const stateName in byState as object) {
      let i = work.valueStateNames.indexOf(o, k++, stateName);
      if (i < 0) i = stateOf(model, stateName, site, ["values", outcomeName]);
      const raw = (byState as Record<string, unknown>)[stateName];
      const value = isFiniteNumber(raw) ? raw : notFinite(raw, site, ["values", outcomeName, stateName]);
      const first = o * expanded + model.base[i]!;
      if (position === 0) {
        for (let j = 0; j < model.tunnel[i]!; j++) target[first + j] = value;
      } else if (model.tunnel[i]! > position) target[first + position] = value;
    }
  }
}

/**
 * Evaluates the state values of strategy `strategyIndex` for trace row `site.cycle` (per tunnel
 * position when they depend on time in state) into the workspace. Returns whether the function read
 * the time. Each table goes through the strategy's generated reader (values-reader.ts) when it has
 * its shape and finite values, else through the checked path, which reports the problem; a table
 * written through the checked path at position 0 teaches the reader its shape.
 */
export function fillValues(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, site: ErrorSite): boolean {
  const context = work.context;
  const strategy = model.strategies[strategyIndex]!;
  const call = strategy.values as (params: unknown, time: unknown, strategy: string) => unknown;
  const time = site.cycle * model.cycleLength;
  const target = work.values;
  const readers = work.valuesReaders;
  for (let index = 0; index < target.length; index++) target[index] = 0;
  const table = call(params, context.at(site.cycle, time, 0), strategy.name);
  const reader = readers.readerOf(strategyIndex);
  if (reader === undefined || !reader(table, 0)) {
    // The reader may have written some values before it stopped: start again from zero.
    if (reader !== undefined) for (let index = 0; index < target.length; index++) target[index] = 0;
    writeTable(model, work, table, 0, site);
    readers.learn(strategyIndex, table as object);
  }
  let readTime = context.readTime;
  if (!context.readStateTime) return readTime;
  for (let position = 1; position < model.maxTunnel; position++) {
    for (let o = 0; o < model.outcomes.length; o++) {
      for (let i = 0; i < model.states.length; i++) if (model.tunnel[i]! > position) work.values[o * model.expanded + model.base[i]! + position] = 0;
    }
    const positionTable = call(params, context.at(site.cycle, time, position), strategy.name);
    readTime ||= context.readTime;
    const positionReader = readers.readerOf(strategyIndex);
    if (positionReader !== undefined && positionReader(positionTable, position)) continue;
    if (positionReader !== undefined) {
      for (let o = 0; o < model.outcomes.length; o++) {
        for (let i = 0; i < model.states.length; i++) if (model.tunnel[i]! > position) work.values[o * model.expanded + model.base[i]! + position] = 0;
      }
    }
    writeTable(model, work, positionTable, position, site);
  }
  return readTime;
}

/** Why a transition value out of a tunnel state may not change with the time in state. */
const TRANSITION_VALUES_BY_STATE_TIME =
  "a transition value out of a tunnel state cannot depend on the time in state (stateTime): one value per move and cycle is booked on the moves out of every position of the tunnel alike; let the state values or the transition probabilities depend on it instead";

/** Evaluates the one-off transition values of cycle `site.cycle`. Returns whether they read the time. */
export function fillTransitionValues(model: CompiledMarkov, work: MarkovWorkspace, transitionValues: UserFunction, params: unknown, strategy: string, site: ErrorSite): boolean {
  const context = work.context;
  const call = transitionValues as (params: unknown, time: unknown, strategy: string) => unknown;
  const table = call(params, context.at(site.cycle, (site.cycle - 1) * model.cycleLength, 0), strategy);
  if (table === null || typeof table !== "object") failAt(site, "invalid_model", ["transitionValues"], "the transitionValues function must return outcome → from → to → value", table);
  let count = 0;
  for (const outcomeName in table as object) {
    const o = outcomeOf(model, outcomeName, site, "transitionValues");
    const byFrom = (table as Record<string, Record<string, Record<string, unknown>> | undefined>)[outcomeName];
    if (byFrom === undefined) continue;
    for (const fromName in byFrom) {
      // Error paths built only on failure (as `??` operands), as for notFinite.
      const from = model.stateIndex.get(fromName) ?? stateOf(model, fromName, site, ["transitionValues", outcomeName]);
      const byTo = byFrom[fromName];
      if (byTo === undefined) continue;
      for (const toName in byTo) {
        const to = model.stateIndex.get(toName) ?? stateOf(model, toName, site, ["transitionValues", outcomeName, fromName]);
        if (to === from) failAt(site, "invalid_model", ["transitionValues", outcomeName, fromName, toName], "a transition value needs two different states (staying in a state is valued by the state values)");
        const raw = byTo[toName];
        const value = isFiniteNumber(raw) ? raw : notFinite(raw, site, ["transitionValues", outcomeName, fromName, toName]);
        if (value === 0) continue;
        work.tvOutcome[count] = o;
        work.tvFrom[count] = from;
        work.tvTo[count] = to;
        work.tvValue[count] = value;
        count++;
      }
    }
  }
  work.tvCount = count;
  const readTime = context.readTime;
  if (!context.readStateTime || model.maxTunnel === 1) return readTime;
  return checkSameInEveryPosition(model, work, call, params, strategy, site) || readTime;
}

/**
 * One value per move and cycle is booked on the moves out of every position of a tunnel state, so
 * transition values that read the time in state must give a tunnel state's moves the same value at
 * every position (a value from an ordinary state reads stateTime 0, which is right there): checked by
 * calling again at each later position, only for functions that read stateTime. Returns whether a
 * later call read the time.
 */
function checkSameInEveryPosition(model: CompiledMarkov, work: MarkovWorkspace, call: (params: unknown, time: unknown, strategy: string) => unknown, params: unknown, strategy: string, site: ErrorSite): boolean {
  let readTime = false;
  for (let position = 1; position < model.maxTunnel; position++) {
    const table = call(params, work.context.at(site.cycle, (site.cycle - 1) * model.cycleLength, position), strategy) as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
    readTime ||= work.context.readTime;
    for (const outcomeName in table) {
      const o = model.outcomeIndex.get(outcomeName);
      const byFrom = table[outcomeName];
      if (byFrom === undefined) continue;
      for (const fromName in byFrom) {
        const from = model.stateIndex.get(fromName);
        const byTo = byFrom[fromName];
        if (from === undefined || model.tunnel[from]! <= position || byTo === undefined) continue;
        for (const toName in byTo) {
          const to = model.stateIndex.get(toName);
          let booked = 0;
          for (let n = 0; n < work.tvCount; n++) if (work.tvOutcome[n] === o && work.tvFrom[n] === from && work.tvTo[n] === to) booked = work.tvValue[n]!;
          const value = byTo[toName];
          if (value !== booked) failAt(site, "invalid_model", ["transitionValues", outcomeName, fromName, toName], `${TRANSITION_VALUES_BY_STATE_TIME} (the move from "${fromName}" is worth ${booked} at stateTime 0 and ${String(value)} at stateTime ${position})`, value);
        }
      }
    }
  }
  return readTime;
}

/**
 * Adds the one-off starting values (cycle 0, undiscounted) to the totals and returns nothing; the
 * cohort is the workspace's current vector.
 */
export function addStartingValues(model: CompiledMarkov, work: MarkovWorkspace, startingValues: UserFunction, params: unknown, strategy: string, site: ErrorSite, record?: { readonly discounted: Float64Array; readonly undiscounted: Float64Array }): void {
  const table = (startingValues as (params: unknown, strategy: string) => unknown)(params, strategy);
  if (table === null || typeof table !== "object") failAt(site, "invalid_model", ["startingValues"], "the startingValues function must return outcome → value (or state → value)", table);
  for (const outcomeName in table as object) {
    const o = outcomeOf(model, outcomeName, site, "startingValues");
    const entry = (table as Record<string, unknown>)[outcomeName];
    let amount = 0;
    if (entry === undefined) continue;
    if (typeof entry === "number") amount = isFiniteNumber(entry) ? entry : notFinite(entry, site, ["startingValues", outcomeName]);
    else if (entry !== null && typeof entry === "object") {
      for (const stateName in entry) {
        // Error paths built only on failure, as for notFinite.
        const i = model.stateIndex.get(stateName) ?? stateOf(model, stateName, site, ["startingValues", outcomeName]);
        const raw = (entry as Record<string, unknown>)[stateName];
        const value = isFiniteNumber(raw) ? raw : notFinite(raw, site, ["startingValues", outcomeName, stateName]);
        for (let j = 0; j < model.tunnel[i]!; j++) amount += value * work.current[model.base[i]! + j]!;
      }
    } else failAt(site, "invalid_model", ["startingValues", outcomeName], "expected a number or state → value", entry);
    work.total[o]! += amount;
    work.totalUndiscounted[o]! += amount;
    if (record !== undefined) {
      record.discounted[o * (model.cycles + 1)]! += amount;
      record.undiscounted[o * (model.cycles + 1)]! += amount;
    }
  }
}
