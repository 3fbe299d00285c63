import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { floorRow } from "./background-floor.js";
import { bookFlows } from "./cycle-steps.js";
import { nextStepStamp, sortActive } from "./move-cohort.js";

/**
 * One cycle of the general loop in the weighted form (values fixed for the run, no recorder), in a
 * single pass over the occupied states instead of four: each occupied state adds trace row
 * `cycle − 1` to the coefficient-weighted trace, has its row floored by background mortality,
 * contributes its flows to the transition values and moves its mass. Every accumulator receives the
 * same terms in the same order as in the separate passes (states ascending; a row only reads its own
 * floored entries), so the totals are bit-identical; only the loop overhead goes, which is most of
 * the cost when a few states of a long tunnel hold mass (the AML back end: 3 of 124).
 */
export function weightedStep(model: CompiledMarkov, work: MarkovWorkspace, cycle: number): void {
  const current = work.current;
  const next = work.next;
  const { rowStart, rowEnd, col, colState, val, rawVal, deathSlot, active, nextActive, joined, stateOf, tvFirst, tvNext, tvFlow, inert } = work;
  const count = work.activeCount;
  const states = model.states.length;
  const floor = work.floor;
  const background = model.background;
  const dead = background === undefined ? undefined : background.dead;
  const qPop = floor === undefined ? 0 : floor[cycle - 1]!;
  const booking = work.tvCount > 0;
  const row = cycle - 1;
  const costCoefficient = model.coefficients[0][row]!;
  const effectCoefficient = model.coefficients[1][row]!;
  const undiscountedCoefficient = model.undiscounted[row]!;
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  const stamp = nextStepStamp(work);
  let added = 0;
  for (let k = 0; k < count; k++) {
    const e = active[k]!;
    const mass = current[e]!;
    // An empty state adds exact zeros to every sum: skipping it changes nothing.
    if (mass === 0) continue;
    if (inert[e] === 1) {
      current[e] = 0;
      continue;
    }
    costWeighted[e]! += costCoefficient * mass;
    effectWeighted[e]! += effectCoefficient * mass;
    undiscounted[e]! += undiscountedCoefficient * mass;
    const first = rowStart[e]!;
    const end = rowEnd[e]!;
    if (floor !== undefined) floorRow(rawVal, val, first, end, deathSlot[e]!, colState, dead!, qPop);
    if (booking) {
      const pairs = stateOf[e]! * states;
      for (let index = first; index < end; index++) {
        for (let n = tvFirst[pairs + colState[index]!]!; n >= 0; n = tvNext[n]!) tvFlow[n]! += mass * val[index]!;
      }
    }
    current[e] = 0;
    for (let index = first; index < end; index++) {
      const to = col[index]!;
      next[to]! += mass * val[index]!;
      if (joined[to] !== stamp) {
        joined[to] = stamp;
        nextActive[added++] = to;
      }
    }
  }
  sortActive(nextActive, added);
  if (booking) bookFlows(model, work, cycle, undefined);
  work.active = nextActive;
  work.nextActive = active;
  work.activeCount = added;
  work.current = next;
  work.next = current;
}

/**
 * Marks the states whose mass can no longer reach any output (`work.inert`): an absorbing state
 * (one entry, to itself, probability 1, not raised by background mortality) with no state value,
 * no transition value out of it and in no milestone, such as Dead. Their mass is dropped by
 * {@link weightedStep} instead of being carried, floored and weighted every cycle: what it would
 * have added is exactly zero (values 0). Call after the transitions, values or transition values
 * change; only for the weighted loop (no recorder: the trace is not kept).
 */
export function markInert(model: CompiledMarkov, work: MarkovWorkspace): void {
  // The rows as written (rawVal): a death state's row is copied into val only when it is floored.
  const { inert, rowStart, rowEnd, col, rawVal, values } = work;
  const expanded = model.expanded;
  const background = model.background;
  for (let i = 0; i < model.states.length; i++) {
    const e = model.base[i]!;
    let flag = model.tunnel[i] === 1 && rowEnd[e]! - rowStart[e]! === 1 && col[rowStart[e]!] === e && rawVal[rowStart[e]!] === 1 && (background === undefined || background.dead[i] === 1) ? 1 : 0;
    for (let o = 0; o < model.outcomes.length && flag === 1; o++) if (values[o * expanded + e] !== 0) flag = 0;
    for (let n = 0; n < work.tvCount && flag === 1; n++) if (work.tvFrom[n] === i) flag = 0;
    for (let m = 0; m < model.milestones.length && flag === 1; m++) if (model.milestones[m]!.states[e] === 1) flag = 0;
    inert[e] = flag;
  }
}
