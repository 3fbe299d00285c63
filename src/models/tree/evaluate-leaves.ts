import type { CompiledTree } from "./compiled-tree.js";
import { slotContext } from "./leaf-slot.js";
import { failAtNode, leafError, nodeIssuePath } from "./tree-errors.js";
import type { TreeWorkspace } from "./tree-workspace.js";

/**
 * Runs each distinct leaf-model input once for this draw (slots with equal numbers share one run)
 * and adds every terminal's strategy outputs to its payoff row.
 */
export function evaluateLeaves<P>(tree: CompiledTree<P>, work: TreeWorkspace, params: P, draw: number | undefined): void {
  const { slots } = tree;
  const { values, source, rows } = work;
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!;
    const current = slot.current;
    const n = slot.startNames.length;
    for (let i = 0; i < n; i++) current[i] = values[slot.startValues[i]!]!;
    current[n] = work.startTime + (slot.startTime < 0 ? 0 : values[slot.startTime]!);
    source[s] = s;
    for (let c = 0; c < slot.candidates.length; c++) {
      const other = slot.candidates[c]!;
      if (source[other] !== other || !equal(current, slots[other]!.current)) continue;
      source[s] = other;
      break;
    }
    if (source[s] !== s) continue;
    try {
      slot.model.evaluateInto(params, slot.buffer, slotContext(slot, draw, current[n]!));
    } catch (error) {
      throw leafError(error, slot.labels, slot.model.title, nodeIssuePath(slot.labels, draw));
    }
  }
  const width = tree.outcomes.length;
  const { terminalSlot, terminalStrategy, terminalMapStart, outcomeMap } = tree;
  const row0 = tree.branchProbability.length;
  for (let t = 0; t < terminalSlot.length; t++) {
    const s = terminalSlot[t]!;
    if (s < 0) continue;
    const slot = slots[source[s]!]!;
    const buffer = slot.buffer;
    const from = terminalStrategy[t]! * slot.width;
    const row = (row0 + t) * width;
    const map = terminalMapStart[t]!;
    for (let o = 0; o < slot.width; o++) {
      const x = buffer[from + o]!;
      if (!(x - x === 0)) failAtNode("non_finite_value", slot.labels, ["model", slot.model.outcomes[o]!], `model "${slot.model.title}" returned ${x} for ${slot.model.outcomes[o]!}`, draw, x);
      rows[row + outcomeMap[map + o]!]! += x;
    }
  }
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
