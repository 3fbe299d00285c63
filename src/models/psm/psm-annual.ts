import { fillAnnualFractions } from "../cohort/annual-fractions.js";
import type { CompiledPsm } from "./compile-psm.js";
import type { PsmWorkspace } from "./psm-workspace.js";
import { materialiseRows } from "./fill-survival.js";

/**
 * Annual costs (`costByYear`), step 1 of a strategy: the year shares of the rows for this start time
 * (refilled only when it changes), the undiscounted person-years per state and the entries past each
 * endpoint per year from the clamped curves, and zeroed annual totals. Runs after fillSurvival;
 * allocates nothing; visits only the years each row touches.
 */
export function prepareAnnual(model: CompiledPsm, work: PsmWorkspace, startTime: number): void {
  const { cycles, cycleLength } = model.schedule;
  materialiseRows(work);
  const span = work.annualSpan;
  if (work.annualStart !== startTime) {
    fillAnnualFractions(model.annualYears, cycles, cycleLength, startTime, work.annualRows, work.annualEvents, span);
    work.annualStart = startTime;
  }
  const states = model.states.length;
  const endpoints = states - 1;
  const width = cycles + 1;
  const survival = work.survival;
  const lower = work.lower;
  const undiscounted = model.coefficients.undiscounted;
  const occupancy = work.annualOccupancy;
  const inflow = work.annualInflow;
  occupancy.fill(0);
  inflow.fill(0);
  work.annualTotal.fill(0);
  for (let t = 0; t <= cycles; t++) {
    for (let y = span.rowFirst[t]!; y <= span.rowLast[t]!; y++) {
      const share = work.annualRows[y * width + t]!;
      if (share === 0) continue;
      const w = share * undiscounted[t]!;
      // Occupancy of state i at row t: S_i − L_{i−1} (S_K = 1, L_{−1} = 0), as occupancyAt.
      let below = 0;
      for (let i = 0; i < states; i++) {
        const upper = i < endpoints ? survival[i * width + t]! : 1;
        occupancy[y * states + i]! += w * (upper - below);
        below = i < endpoints ? lower[i * width + t]! : 1;
      }
    }
    if (t === 0) continue;
    for (let y = span.eventFirst[t]!; y <= span.eventLast[t]!; y++) {
      const share = work.annualEvents[y * width + t]!;
      if (share === 0) continue;
      for (let k = 0; k < endpoints; k++) inflow[y * endpoints + k]! += share * (survival[k * width + t - 1]! - survival[k * width + t]!);
    }
  }
}

/** Adds a one-off value on entry into state i ≥ 1, the same in every cycle, to the annual totals. */
export function addAnnualEntry(model: CompiledPsm, work: PsmWorkspace, o: number, i: number, value: number): void {
  const endpoints = model.endpoints.length;
  const outcomes = model.layout.outcomes.length;
  for (let y = 0; y < model.annualYears; y++) work.annualTotal[y * outcomes + o]! += value * work.annualInflow[y * endpoints + i - 1]!;
}

/** Adds a cost value held per year in state i over the whole horizon to the annual totals. */
export function addAnnualState(model: CompiledPsm, work: PsmWorkspace, o: number, i: number, perYear: number): void {
  const states = model.states.length;
  const outcomes = model.layout.outcomes.length;
  for (let y = 0; y < model.annualYears; y++) work.annualTotal[y * outcomes + o]! += perYear * work.annualOccupancy[y * states + i]!;
}

/** Adds `amount` (already weighted by Δ·w_t and occupancy) of trace row t to the annual totals. */
export function addAnnualRow(model: CompiledPsm, work: PsmWorkspace, o: number, t: number, amount: number): void {
  const width = model.schedule.cycles + 1;
  const outcomes = model.layout.outcomes.length;
  const last = work.annualSpan.rowLast[t]!;
  for (let y = work.annualSpan.rowFirst[t]!; y <= last; y++) {
    const share = work.annualRows[y * width + t]!;
    if (share !== 0) work.annualTotal[y * outcomes + o]! += share * amount;
  }
}

/** Adds a one-off amount of cycle k (k ≥ 1; entries during the cycle) to the annual totals. */
export function addAnnualEvent(model: CompiledPsm, work: PsmWorkspace, o: number, k: number, amount: number): void {
  const width = model.schedule.cycles + 1;
  const outcomes = model.layout.outcomes.length;
  const last = work.annualSpan.eventLast[k]!;
  for (let y = work.annualSpan.eventFirst[k]!; y <= last; y++) {
    const share = work.annualEvents[y * width + k]!;
    if (share !== 0) work.annualTotal[y * outcomes + o]! += share * amount;
  }
}

/** Adds a one-off amount at model entry (the year of the start time) to the annual totals. */
export function addAnnualStart(model: CompiledPsm, work: PsmWorkspace, o: number, startTime: number, amount: number): void {
  const y = Math.floor(startTime);
  if (y < model.annualYears) work.annualTotal[y * model.layout.outcomes.length + o]! += amount;
}

/**
 * Writes the annual outputs of the current strategy at `at` (layout of CompiledPsm.outputs: the
 * `cost` sum first when summed, then each declared cost outcome, years in order).
 */
export function writeAnnualOutputs(model: CompiledPsm, work: PsmWorkspace, out: Float64Array, at: number): void {
  const years = model.annualYears;
  const outcomes = model.layout.outcomes.length;
  const list = model.annualOutcomes;
  let next = at;
  if (model.layout.costIsSum) {
    for (let y = 0; y < years; y++) {
      let sum = 0;
      for (let n = 0; n < list.length; n++) sum += work.annualTotal[y * outcomes + list[n]!]!;
      out[next++] = sum;
    }
  }
  for (let n = 0; n < list.length; n++) for (let y = 0; y < years; y++) out[next++] = work.annualTotal[y * outcomes + list[n]!]!;
}
