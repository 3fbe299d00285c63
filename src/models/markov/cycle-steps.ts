import type { CompiledMarkov } from "./compile-markov.js";
import { fillTransitions } from "./fill-transitions.js";
import { fillArrayRows } from "./fill-transition-arrays.js";
import { fillTransitionValues } from "./fill-values.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { moveCohortSparse, nextStepStamp } from "./move-cohort.js";
import { applyBackgroundFloorSparse } from "./background-floor.js";

/** Buffers for the detailed base-case run: collapsed trace and per-row values. */
export interface MarkovRecorder {
  /** (N + 1) × states, row-major. */
  readonly trace: Float64Array;
  /** Declared outcomes × (N + 1): discounted contribution of each trace row (transition values at the row they lead to). */
  readonly discounted: Float64Array;
  /** Same, undiscounted. */
  readonly undiscounted: Float64Array;
}

/** Re-evaluates the time-dependent transitions and transition values for cycle `cycle` (from the second cycle on). */
export function refill(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, cycle: number, transitionsVary: boolean, transitionValuesVary: boolean): void {
  if (cycle > 1 && (transitionsVary || transitionValuesVary)) {
    const site = work.site;
    site.at = "cycle";
    site.cycle = cycle;
    if (transitionsVary) {
      if (model.strategies[strategyIndex]!.transitionArrays !== undefined) fillArrayRows(model, work, work.transitionPlan, cycle, site, work.current);
      else fillTransitions(model, work, strategyIndex, params, site, work.current);
    }
    if (transitionValuesVary) {
      const strategy = model.strategies[strategyIndex]!;
      fillTransitionValues(model, work, strategy.transitionValues!, params, strategy.name, site);
      chainTransitionValues(model, work);
    }
  }
}

/** One cycle: re-evaluates time-dependent inputs, books transition values, moves the cohort. */
export function advance(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, cycle: number, transitionsVary: boolean, transitionValuesVary: boolean, recorder: MarkovRecorder | undefined): void {
  refill(model, work, strategyIndex, params, cycle, transitionsVary, transitionValuesVary);
  const current = work.current;
  const { rowStart, rowEnd, col, val } = work;
  const floor = work.floor;
  if (floor !== undefined) applyBackgroundFloorSparse(work.rawVal, val, rowStart, rowEnd, work.colState, work.deathSlot, model.background!.dead, floor[cycle - 1]!, current, work.active, work.activeCount);
  if (work.tvCount > 0) bookTransitionValues(model, work, cycle, recorder);
  const next = work.next;
  const added = moveCohortSparse(current, next, rowStart, rowEnd, col, val, work.active, work.activeCount, work.nextActive, work.joined, nextStepStamp(work));
  const listed = work.active;
  work.active = work.nextActive;
  work.nextActive = listed;
  work.activeCount = added;
  work.current = next;
  work.next = current;
}

/**
 * Starts the general loop's sparse bookkeeping from `work.current`: lists the states holding mass
 * and clears `next` (the sparse step writes only where mass arrives).
 */
export function startSparse(model: CompiledMarkov, work: MarkovWorkspace): void {
  let count = 0;
  for (let e = 0; e < model.expanded; e++) {
    work.next[e] = 0;
    if (work.current[e] !== 0) work.active[count++] = e;
  }
  work.activeCount = count;
}

/**
 * Books the one-off transition values of a cycle on the flows out of the current cohort. One pass
 * over the occupied states: each flow of a (from, to) pair with a transition value is the sum, over
 * the occupied positions of `from` in ascending order, of mass × probability into `to` (a row holds
 * at most one entry per destination state), which is the order of the per-value scan it replaces.
 */
function bookTransitionValues(model: CompiledMarkov, work: MarkovWorkspace, cycle: number, recorder: MarkovRecorder | undefined): void {
  const { current, rowStart, rowEnd, colState, val, active, activeCount, stateOf, tvFirst, tvNext, tvFlow } = work;
  const states = model.states.length;
  for (let k = 0; k < activeCount; k++) {
    const e = active[k]!;
    const mass = current[e]!;
    if (mass === 0) continue;
    const first = stateOf[e]! * states;
    const end = rowEnd[e]!;
    for (let index = rowStart[e]!; index < end; index++) {
      for (let n = tvFirst[first + colState[index]!]!; n >= 0; n = tvNext[n]!) tvFlow[n]! += mass * val[index]!;
    }
  }
  bookFlows(model, work, cycle, recorder);
}

/**
 * Links the transition values of each (from, to) pair (`tvFirst`, `tvNext`, in their order), after
 * unlinking the previous ones: called whenever the transition values are filled or restored, so the
 * cycles only follow the links.
 */
export function chainTransitionValues(model: CompiledMarkov, work: MarkovWorkspace): void {
  const states = model.states.length;
  const { tvFirst, tvNext, tvFrom, tvTo, tvPairs } = work;
  for (let n = 0; n < work.tvChained; n++) tvFirst[tvPairs[n]!] = -1;
  for (let n = work.tvCount - 1; n >= 0; n--) {
    const pair = tvFrom[n]! * states + tvTo[n]!;
    tvPairs[n] = pair;
    tvNext[n] = tvFirst[pair]!;
    tvFirst[pair] = n;
  }
  work.tvChained = work.tvCount;
}

/** Adds the transition values times their flows (`tvFlow`, cleared for the next cycle) of cycle `cycle` to the totals. */
export function bookFlows(model: CompiledMarkov, work: MarkovWorkspace, cycle: number, recorder: MarkovRecorder | undefined): void {
  const tvCount = work.tvCount;
  const { tvFlow, tvValue, tvOutcome, total, totalUndiscounted } = work;
  const weight = model.eventUndiscounted;
  const rows = model.cycles + 1;
  const eventWeights = model.eventWeight;
  const outcomeClass = model.outcomeClass;
  for (let n = 0; n < tvCount; n++) {
    const flow = tvFlow[n]!;
    // No flow books ±0, which leaves every total as it is (a total is never −0: it starts at +0).
    if (flow === 0) continue;
    tvFlow[n] = 0;
    const o = tvOutcome[n]!;
    const eventWeight = eventWeights[outcomeClass[o]!]![cycle]!;
    const amount = weight === undefined ? flow * tvValue[n]! : flow * tvValue[n]! * weight[cycle]!;
    const discounted = weight === undefined ? amount * eventWeight : flow * tvValue[n]! * eventWeight;
    total[o]! += discounted;
    totalUndiscounted[o]! += amount;
    // Annual costs put transition values in the year of their cycle, not of the row they lead to.
    if (work.annual !== undefined) work.annual.events[o * rows + cycle]! += amount;
    if (recorder !== undefined) {
      recorder.discounted[o * rows + cycle]! += discounted;
      recorder.undiscounted[o * rows + cycle]! += amount;
    }
  }
}

/** Adds trace row `row` to the totals (direct) or to the coefficient-weighted trace. */
export function accumulateRow(model: CompiledMarkov, work: MarkovWorkspace, row: number, direct: boolean, recorder: MarkovRecorder | undefined): void {
  const current = work.current;
  const expanded = model.expanded;
  const costCoefficient = model.coefficients[0][row]!;
  const effectCoefficient = model.coefficients[1][row]!;
  const undiscountedCoefficient = model.undiscounted[row]!;
  if (direct) {
    const values = work.values;
    const { active, activeCount } = work;
    for (let o = 0; o < model.outcomes.length; o++) {
      let occupancyValue = 0;
      const first = o * expanded;
      // Unoccupied states add exact zeros (values are finite), so summing the occupied ones in ascending order is the same sum.
      for (let k = 0; k < activeCount; k++) {
        const e = active[k]!;
        occupancyValue += current[e]! * values[first + e]!;
      }
      const discounted = (model.outcomeClass[o] === 0 ? costCoefficient : effectCoefficient) * occupancyValue;
      const undiscounted = undiscountedCoefficient * occupancyValue;
      work.total[o]! += discounted;
      work.totalUndiscounted[o]! += undiscounted;
      if (recorder !== undefined) {
        recorder.discounted[o * (model.cycles + 1) + row]! += discounted;
        recorder.undiscounted[o * (model.cycles + 1) + row]! += undiscounted;
      }
    }
    if (recorder !== undefined) recordTrace(model, work, row, recorder);
    return;
  }
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  const { active, activeCount } = work;
  for (let k = 0; k < activeCount; k++) {
    const e = active[k]!;
    const mass = current[e]!;
    costWeighted[e]! += costCoefficient * mass;
    effectWeighted[e]! += effectCoefficient * mass;
    undiscounted[e]! += undiscountedCoefficient * mass;
  }
}

/** Writes the collapsed trace row. */
export function recordTrace(model: CompiledMarkov, work: MarkovWorkspace, row: number, recorder: MarkovRecorder): void {
  const states = model.states.length;
  for (let i = 0; i < states; i++) {
    let mass = 0;
    const first = model.base[i]!;
    for (let j = 0; j < model.tunnel[i]!; j++) mass += work.current[first + j]!;
    recorder.trace[row * states + i] = mass;
  }
}

/** The share of the cohort in each milestone's states, for the milestones read at trace row `row`. */
export function readMilestones(model: CompiledMarkov, work: MarkovWorkspace, row: number): void {
  const current = work.current;
  for (let m = 0; m < model.milestones.length; m++) {
    const milestone = model.milestones[m]!;
    if (milestone.row !== row) continue;
    let share = 0;
    for (let e = 0; e < model.expanded; e++) if (milestone.states[e] === 1) share += current[e]!;
    work.milestones[m] = share;
  }
}
