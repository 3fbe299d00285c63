import { fillAnnualFractions } from "../cohort/annual-fractions.js";
import type { CompiledPsm } from "./compile-psm.js";
import type { PsmWorkspace } from "./psm-workspace.js";

/**
 * Annual costs (`costByYear`), step 1 of a strategy: the year shares of the rows for this start time
 * (refilled only when it changes), the undiscounted person-years per state and year from the clamped
 * curves, and zeroed annual totals. Runs after fillSurvival; allocates nothing.
 */
export function prepareAnnual(model: CompiledPsm, work: PsmWorkspace, startTime: number): void {
  const years = model.annualYears;
  const { cycles, cycleLength } = model.schedule;
  if (work.annualStart !== startTime) {
    fillAnnualFractions(years, cycles, cycleLength, startTime, work.annualRows, work.annualEvents);
    work.annualStart = startTime;
  }
  const states = model.states.length;
  const endpoints = states - 1;
  const width = cycles + 1;
  const survival = work.survival;
  const undiscounted = model.coefficients.undiscounted;
  const occupancy = work.annualOccupancy;
  occupancy.fill(0);
  work.annualTotal.fill(0);
  for (let y = 0; y < years; y++) {
    for (let t = 0; t <= cycles; t++) {
      const share = work.annualRows[y * width + t]!;
      if (share === 0) continue;
      const w = share * undiscounted[t]!;
      // Occupancy of state i at row t: S_i − S_{i−1} (S_K = 1, S_{−1} = 0), as occupancyAt.
      let below = 0;
      for (let i = 0; i < states; i++) {
        const upper = i < endpoints ? survival[i * width + t]! : 1;
        occupancy[y * states + i]! += w * (upper - below);
        below = upper;
      }
    }
  }
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
  for (let y = 0; y < model.annualYears; y++) {
    const share = work.annualRows[y * width + t]!;
    if (share !== 0) work.annualTotal[y * outcomes + o]! += share * amount;
  }
}

/** Adds a one-off amount of cycle k (k ≥ 1; entries during the cycle) to the annual totals. */
export function addAnnualEvent(model: CompiledPsm, work: PsmWorkspace, o: number, k: number, amount: number): void {
  const width = model.schedule.cycles + 1;
  const outcomes = model.layout.outcomes.length;
  for (let y = 0; y < model.annualYears; y++) {
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
