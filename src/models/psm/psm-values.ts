import { didYouMean } from "../../core/closest-name.js";
import type { PathSegment } from "../../core/errors.js";
import type { CompiledPsm } from "./compile-psm.js";
import { type PsmSite, failPsm } from "./psm-errors.js";
import type { PsmWorkspace } from "./psm-workspace.js";
import { closedFormEntries } from "./closed-form-pair.js";
import { materialiseRows } from "./fill-survival.js";
import { addAnnualEntry, addAnnualEvent, addAnnualRow, addAnnualStart, addAnnualState } from "./psm-annual.js";

type UserFunction = (...args: never[]) => unknown;

/**
 * The position of `name` in a short list of names, else `index`'s: the keys of a returned table are
 * usually the very strings of the model's names (literals), so a scan of a few comparisons is
 * cheaper than a Map lookup per value read (the names are unique, so both give the same index).
 */
function positionOf(names: readonly string[], index: ReadonlyMap<string, number>, name: string): number | undefined {
  if (names.length > 16) return index.get(name);
  for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
  return undefined;
}

function outcomeOf(model: CompiledPsm, name: string, site: PsmSite, tail: readonly PathSegment[]): number {
  const o = positionOf(model.layout.outcomes, model.outcomeIndex, name);
  if (o === undefined) failPsm(site, "unknown_outcome", [...tail, name], `unknown outcome "${name}": ${didYouMean(name, model.layout.outcomes)}`, name);
  return o;
}

// Paths are built only when failing, so reading a table allocates nothing of its own.
function stateOf(model: CompiledPsm, name: string, site: PsmSite, at: readonly PathSegment[], outcome: string): number {
  const i = positionOf(model.states, model.stateIndex, name);
  if (i === undefined) failPsm(site, "unknown_state", [...at, outcome, name], `unknown state "${name}": ${didYouMean(name, model.states)}`, name);
  return i;
}

function finite(value: unknown, site: PsmSite, at: readonly PathSegment[], ...names: string[]): number {
  if (typeof value !== "number" || !Number.isFinite(value)) failPsm(site, "non_finite_value", [...at, ...names], `value is not a finite number (received ${String(value)})`, value);
  return value;
}

/** Reads outcome → state → value into `work.values` (zeroed first); `at` prefixes error paths. */
export function readStateTable(model: CompiledPsm, work: PsmWorkspace, table: unknown, site: PsmSite, at: readonly PathSegment[]): void {
  const target = work.values;
  // A loop, not fill(): the table is a few entries and the builtin's call costs more than the stores.
  for (let j = 0; j < target.length; j++) target[j] = 0;
  if (table === null || typeof table !== "object") failPsm(site, "invalid_model", at, "expected an object: outcome → state → value", table);
  const states = model.states.length;
  for (const outcomeName in table as object) {
    const o = outcomeOf(model, outcomeName, site, at);
    const byState = (table as Record<string, unknown>)[outcomeName];
    if (byState === undefined) continue;
    if (byState === null || typeof byState !== "object") failPsm(site, "invalid_model", [...at, outcomeName], "expected state → value", byState);
    for (const stateName in byState as object) {
      const i = stateOf(model, stateName, site, at, outcomeName);
      const value = (byState as Record<string, unknown>)[stateName];
      target[o * states + i] = typeof value === "number" && Number.isFinite(value) ? value : finite(value, site, at, outcomeName, stateName);
    }
  }
}

/**
 * Occupancy of state i at trace row t from the clamped curves: S_i − L_{i−1} (S_K = 1, L_{−1} = 0),
 * where L is `work.lower` (S itself unless the crossing policy is "floor").
 */
export function occupancyAt(model: CompiledPsm, work: PsmWorkspace, i: number, t: number): number {
  const rows = model.schedule.cycles + 1;
  const endpoints = model.endpoints.length;
  return (i < endpoints ? work.survival[i * rows + t]! : 1) - (i > 0 ? work.lower[(i - 1) * rows + t]! : 0);
}

// Error-path prefixes of the tables read once per strategy and draw, made once (paths are not modified).
const FIRST_ROW: readonly PathSegment[] = ["row", 0, "values"];
const FIRST_CYCLE: readonly PathSegment[] = ["cycle", 1, "entryValues"];

/** Adds per-year state values (evaluated once when they ignore the time, else per trace row). */
export function addStateValues(model: CompiledPsm, work: PsmWorkspace, values: UserFunction, params: unknown, strategy: string, site: PsmSite): void {
  const call = values as (params: unknown, time: unknown, strategy: string) => unknown;
  const states = model.states.length;
  const outcomes = model.layout.outcomes.length;
  const { cycles, cycleLength } = model.schedule;
  readStateTable(model, work, call(params, work.context.at(0, 0, 0), strategy), site, FIRST_ROW);
  const annual = model.annualYears > 0;
  if (!work.context.readTime) {
    for (let o = 0; o < outcomes; o++) {
      const c = model.layout.outcomeClass[o]!;
      for (let i = 0; i < states; i++) {
        const v = work.values[o * states + i]!;
        if (v === 0) continue;
        work.total[o]! += v * work.occupancy[c * states + i]!;
        work.totalUndiscounted[o]! += v * work.occupancy[2 * states + i]!;
        if (annual && c === 0) addAnnualState(model, work, o, i, v);
      }
    }
    return;
  }
  materialiseRows(work);
  const coefficients = model.coefficients.coefficients;
  const undiscounted = model.coefficients.undiscounted;
  for (let t = 0; t <= cycles; t++) {
    if (t > 0) readStateTable(model, work, call(params, work.context.at(t, t * cycleLength, 0), strategy), site, ["row", t, "values"]);
    for (let o = 0; o < outcomes; o++) {
      const weight = coefficients[model.layout.outcomeClass[o]!]![t]!;
      for (let i = 0; i < states; i++) {
        const v = work.values[o * states + i]!;
        if (v === 0) continue;
        const m = occupancyAt(model, work, i, t);
        work.total[o]! += v * m * weight;
        work.totalUndiscounted[o]! += v * m * undiscounted[t]!;
        if (annual && model.layout.outcomeClass[o] === 0) addAnnualRow(model, work, o, t, v * m * undiscounted[t]!);
      }
    }
  }
}

/**
 * Adds one-off values on entry into states. Entry into state i ≥ 1 during cycle k is the decrease
 * of endpoint i − 1 over the cycle, S_{i−1}(k − 1) − S_{i−1}(k) (the deaths, for the last state),
 * discounted as an event of cycle k.
 */
export function addEntryValues(model: CompiledPsm, work: PsmWorkspace, entryValues: UserFunction, params: unknown, strategy: string, site: PsmSite): void {
  const call = entryValues as (params: unknown, time: unknown, strategy: string) => unknown;
  const states = model.states.length;
  const outcomes = model.layout.outcomes.length;
  const { cycles, cycleLength } = model.schedule;
  const rows = cycles + 1;
  const discount = model.coefficients.eventDiscount;
  const timeDependent = readEntryTable(model, work, call, params, strategy, site, 1, cycleLength);
  const annual = model.annualYears > 0;
  const plan = timeDependent ? undefined : work.pending?.plan;
  if (timeDependent) materialiseRows(work);
  for (let k = 1; k <= cycles; k++) {
    if (k > 1) {
      if (!timeDependent) break;
      readEntryTable(model, work, call, params, strategy, site, k, cycleLength);
    }
    for (let o = 0; o < outcomes; o++) {
      const c = model.layout.outcomeClass[o]!;
      for (let i = 1; i < states; i++) {
        const v = work.values[o * states + i]!;
        if (v === 0) continue;
        const curve = (i - 1) * rows;
        if (timeDependent) {
          const inflow = work.survival[curve + k - 1]! - work.survival[curve + k]!;
          work.total[o]! += v * inflow * discount[c]![k]!;
          work.totalUndiscounted[o]! += v * inflow;
          if (annual && c === 0) addAnnualEvent(model, work, o, k, v * inflow);
          continue;
        }
        if (plan !== undefined) {
          // Rows not written: the entries in closed form (closed-form-pair.ts; no annual split, see closedFormPair).
          work.total[o]! += v * closedFormEntries(plan, i - 1, c);
          work.totalUndiscounted[o]! += v * closedFormEntries(plan, i - 1, 2);
          if (annual && c === 0) addAnnualEntry(model, work, o, i, v);
          continue;
        }
        const survival = work.survival;
        const weight = discount[c]!;
        let discounted = 0;
        for (let j = 1; j <= cycles; j++) discounted += (survival[curve + j - 1]! - survival[curve + j]!) * weight[j]!;
        work.total[o]! += v * discounted;
        work.totalUndiscounted[o]! += v * (work.survival[curve]! - work.survival[curve + cycles]!);
        if (annual && c === 0) addAnnualEntry(model, work, o, i, v);
      }
    }
  }
}

/** Reads the entry values of cycle k into `work.values`; returns whether the function read the time. */
function readEntryTable(model: CompiledPsm, work: PsmWorkspace, call: (params: unknown, time: unknown, strategy: string) => unknown, params: unknown, strategy: string, site: PsmSite, k: number, cycleLength: number): boolean {
  readStateTable(model, work, call(params, work.context.at(k, (k - 1) * cycleLength, 0), strategy), site, k === 1 ? FIRST_CYCLE : ["cycle", k, "entryValues"]);
  const states = model.states.length;
  for (let o = 0; o < model.layout.outcomes.length; o++) {
    if (work.values[o * states]! !== 0) failPsm(site, "invalid_model", ["cycle", k, "entryValues", model.layout.outcomes[o]!, model.states[0]!], `no one enters ${model.states[0]} after the start; use startingValues for one-off values at entry into the model`);
  }
  return work.context.readTime;
}

/** Adds one-off values at model entry (time 0, undiscounted, the whole cohort). */
export function addStartingValues(model: CompiledPsm, work: PsmWorkspace, startingValues: UserFunction, params: unknown, strategy: string, site: PsmSite): void {
  const table = (startingValues as (params: unknown, strategy: string) => unknown)(params, strategy);
  if (table === null || typeof table !== "object") failPsm(site, "invalid_model", ["startingValues"], "the startingValues function must return outcome → value per person", table);
  for (const outcomeName in table as object) {
    const entry = (table as Record<string, unknown>)[outcomeName];
    if (entry === undefined) continue;
    const o = outcomeOf(model, outcomeName, site, ["startingValues"]);
    const value = finite(entry, site, ["startingValues"], outcomeName);
    work.total[o]! += value;
    work.totalUndiscounted[o]! += value;
    if (model.annualYears > 0 && model.layout.outcomeClass[o] === 0) addAnnualStart(model, work, o, work.annualStart, value);
  }
}
