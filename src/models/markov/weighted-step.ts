import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { floorRow } from "./background-floor.js";
import { bookFlows, chainTransitionValues } from "./cycle-steps.js";

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
  const { rowStart, rowEnd, col, colState, val, rawVal, deathSlot, active, nextActive, joined, stateOf, tvFirst, tvNext, tvFlow } = work;
  const count = work.activeCount;
  const states = model.states.length;
  const floor = work.floor;
  const background = model.background;
  const dead = background === undefined ? undefined : background.dead;
  const qPop = floor === undefined ? 0 : floor[cycle - 1]!;
  const booking = work.tvCount > 0;
  if (booking) chainTransitionValues(model, work);
  const row = cycle - 1;
  const costCoefficient = model.coefficients[0][row]!;
  const effectCoefficient = model.coefficients[1][row]!;
  const undiscountedCoefficient = model.undiscounted[row]!;
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  if (work.stepStamp === 0x7fffffff) {
    joined.fill(0);
    work.stepStamp = 0;
  }
  const stamp = ++work.stepStamp;
  let added = 0;
  for (let k = 0; k < count; k++) {
    const e = active[k]!;
    const mass = current[e]!;
    // An empty state adds exact zeros to every sum: skipping it changes nothing.
    if (mass === 0) continue;
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
  // Insertion sort: the list is nearly ascending already (tunnels move one position per step).
  for (let k = 1; k < added; k++) {
    const e = nextActive[k]!;
    let j = k - 1;
    while (j >= 0 && nextActive[j]! > e) {
      nextActive[j + 1] = nextActive[j]!;
      j--;
    }
    nextActive[j + 1] = e;
  }
  if (booking) bookFlows(model, work, cycle, undefined);
  work.active = nextActive;
  work.nextActive = active;
  work.activeCount = added;
  work.current = next;
  work.next = current;
}
