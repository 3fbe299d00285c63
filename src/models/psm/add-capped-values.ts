import { didYouMean } from "../../core/closest-name.js";
import type { CompiledPsm } from "./compile-psm.js";
import { type PsmSite, failPsm } from "./psm-errors.js";
import { occupancyAt } from "./psm-values.js";
import { type ClosedFormPair, closedFormCapped } from "./closed-form-pair.js";
import { materialiseRows } from "./fill-survival.js";
import type { PsmWorkspace } from "./psm-workspace.js";
import { addAnnualRow, addAnnualState } from "./psm-annual.js";

type UserFunction = (...args: never[]) => unknown;

/**
 * The number of whole cycles a value capped at `maxDuration` years accrues for: the duration in
 * cycles, rounded up when it ends inside a cycle (a started treatment cycle is paid in full), and
 * kept exact when it falls on a cycle boundary up to rounding error.
 */
export function cappedCycles(maxDuration: number, cycleLength: number, cycles: number): number {
  if (maxDuration === Infinity) return cycles;
  const exact = maxDuration / cycleLength;
  const nearest = Math.round(exact);
  const whole = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : Math.ceil(exact);
  return Math.min(whole, cycles);
}

/**
 * Adds values that accrue per year in some states up to a maximum duration (treatment-duration
 * caps): perYear × Σ_{t ≤ K_c} c^{(K_c)}_t · m_i(t), where c^{(K_c)} are the row coefficients of a
 * K_c-cycle model with the same correction and discounting, so the capped integral ends at K_c·Δ.
 */
export function addCappedValues(model: CompiledPsm, work: PsmWorkspace, cappedValues: UserFunction, params: unknown, strategy: string, site: PsmSite): void {
  const table = (cappedValues as (params: unknown, strategy: string) => unknown)(params, strategy);
  if (table === null || typeof table !== "object") failPsm(site, "invalid_model", ["cappedValues"], "the cappedValues function must return label → { outcome, states, perYear, maxDuration }", table);
  const { cycles, cycleLength } = model.schedule;
  const states = model.states.length;
  for (const label in table as object) {
    const entry = (table as Record<string, { outcome?: unknown; states?: unknown; perYear?: unknown; maxDuration?: unknown } | undefined>)[label];
    if (entry === undefined) continue;
    if (entry === null || typeof entry !== "object") failPsm(site, "invalid_model", ["cappedValues", label], "expected { outcome, states, perYear, maxDuration }", entry);
    const o = typeof entry.outcome === "string" ? model.outcomeIndex.get(entry.outcome) : undefined;
    if (o === undefined) failPsm(site, "unknown_outcome", ["cappedValues", label, "outcome"], `unknown outcome ${JSON.stringify(entry.outcome)}: ${didYouMean(String(entry.outcome), model.layout.outcomes)}`, entry.outcome);
    const perYear = entry.perYear;
    if (typeof perYear !== "number" || !Number.isFinite(perYear)) failPsm(site, "non_finite_value", ["cappedValues", label, "perYear"], `value per year is not a finite number (received ${String(perYear)})`, perYear);
    const maxDuration = entry.maxDuration;
    if (typeof maxDuration !== "number" || !(maxDuration >= 0)) failPsm(site, "invalid_model", ["cappedValues", label, "maxDuration"], `maximum duration must be a number of years ≥ 0 or Infinity (received ${String(maxDuration)})`, maxDuration);
    const k = cappedCycles(maxDuration, cycleLength, cycles);
    if (k === 0 || perYear === 0) continue;
    const c = model.layout.outcomeClass[o]!;
    const annual = model.annualYears > 0 && c === 0;
    const list = typeof entry.states === "string" ? undefined : entry.states;
    const count = list === undefined ? 1 : Array.isArray(list) ? list.length : -1;
    if (count < 0) failPsm(site, "invalid_model", ["cappedValues", label, "states"], "states must be a state name or a list of state names", entry.states);
    for (let n = 0; n < count; n++) {
      const name = list === undefined ? (entry.states as string) : (list as unknown[])[n];
      const i = typeof name === "string" ? model.stateIndex.get(name) : undefined;
      if (i === undefined) failPsm(site, "unknown_state", ["cappedValues", label, "states", String(name)], `unknown state ${JSON.stringify(name)}: ${didYouMean(String(name), model.states)}`, name);
      if (k === cycles) {
        work.total[o]! += perYear * work.occupancy[c * states + i]!;
        work.totalUndiscounted[o]! += perYear * work.occupancy[2 * states + i]!;
        if (annual) addAnnualState(model, work, o, i, perYear);
        continue;
      }
      const coefficients = work.cappedCoefficients(k);
      const discounted = coefficients[c]!;
      const undiscounted = coefficients[2];
      const plan = work.pending?.plan;
      if (plan !== undefined) {
        // Rows not written: state i holds S_i − S_{i−1} (S_2 = 1, S_{−1} = 0), each summed in closed form when it can be.
        const sum = closedOccupancy(model, plan, i, discounted, k);
        const sumUndiscounted = closedOccupancy(model, plan, i, undiscounted, k);
        if (sum !== undefined && sumUndiscounted !== undefined) {
          work.total[o]! += perYear * sum;
          work.totalUndiscounted[o]! += perYear * sumUndiscounted;
          // The annual split reads the rows (written by prepareAnnual); the totals stay the closed form's.
          if (annual) for (let t = 0; t <= k; t++) addAnnualRow(model, work, o, t, perYear * undiscounted[t]! * occupancyAt(model, work, i, t));
          continue;
        }
        materialiseRows(work);
      }
      let sum = 0;
      let sumUndiscounted = 0;
      for (let t = 0; t <= k; t++) {
        const m = occupancyAt(model, work, i, t);
        sum += discounted[t]! * m;
        sumUndiscounted += undiscounted[t]! * m;
        if (annual) addAnnualRow(model, work, o, t, perYear * undiscounted[t]! * m);
      }
      work.total[o]! += perYear * sum;
      work.totalUndiscounted[o]! += perYear * sumUndiscounted;
    }
  }
}

/**
 * Σ_t w_t·(S_i − S_{i−1})(t) over the cap's rows in closed form, else undefined (a function of its
 * own rather than a closure per state and draw).
 */
function closedOccupancy(model: CompiledPsm, plan: ClosedFormPair, i: number, w: Float64Array, k: number): number | undefined {
  const upper = i < 2 ? closedFormCapped(model, plan, i, w, k) : sumOf(w);
  const lower = i > 0 ? closedFormCapped(model, plan, i - 1, w, k) : 0;
  return upper === undefined || lower === undefined ? undefined : upper - lower;
}

function sumOf(weights: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < weights.length; t++) sum += weights[t]!;
  return sum;
}
