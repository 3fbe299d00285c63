import { fillAnnualFractions } from "../cohort/annual-fractions.js";
import type { MarkovRecorder } from "./cycle-steps.js";
import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovAnnualBuffers } from "./markov-workspace.js";

/**
 * Annual costs (`costByYear`) of the strategy just evaluated, from its recorded per-row undiscounted
 * values: each row's state values (and starting values, at row 0) split over the years its interval
 * overlaps, transition values by the year of their cycle. Allocates nothing.
 */
export function markovAnnualTotals(model: CompiledMarkov, annual: MarkovAnnualBuffers, recorder: MarkovRecorder, startTime: number): void {
  const years = model.annualYears;
  const rows = model.cycles + 1;
  if (annual.start !== startTime) {
    fillAnnualFractions(years, model.cycles, model.cycleLength, startTime, annual.rowShares, annual.eventShares);
    annual.start = startTime;
  }
  const outcomes = model.outcomes.length;
  const total = annual.total;
  total.fill(0);
  for (let o = 0; o < outcomes; o++) {
    if (model.outcomeClass[o] !== 0) continue;
    for (let t = 0; t < rows; t++) {
      const event = annual.events[o * rows + t]!;
      const state = recorder.undiscounted[o * rows + t]! - event;
      if (state === 0 && event === 0) continue;
      for (let y = 0; y < years; y++) total[y * outcomes + o]! += annual.rowShares[y * rows + t]! * state + annual.eventShares[y * rows + t]! * event;
    }
  }
}

/** Writes the annual outputs at `at`: the `cost` sum first when summed, then each declared cost outcome, years in order. */
export function writeMarkovAnnual(model: CompiledMarkov, annual: MarkovAnnualBuffers, out: Float64Array, at: number): void {
  const years = model.annualYears;
  const outcomes = model.outcomes.length;
  const list = model.annualOutcomes;
  let next = at;
  if (model.costIsSum) {
    for (let y = 0; y < years; y++) {
      let sum = 0;
      for (let n = 0; n < list.length; n++) sum += annual.total[y * outcomes + list[n]!]!;
      out[next++] = sum;
    }
  }
  for (let n = 0; n < list.length; n++) for (let y = 0; y < years; y++) out[next++] = annual.total[y * outcomes + list[n]!]!;
}
