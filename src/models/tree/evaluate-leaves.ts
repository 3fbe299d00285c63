import type { EvaluationContext } from "../model.js";
import type { CompiledTree } from "./compiled-tree.js";
import { type LeafSlot, slotContext } from "./leaf-slot.js";
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
    slot.batched = false;
    for (let c = 0; c < slot.candidates.length; c++) {
      const other = slot.candidates[c]!;
      if (source[other] !== other || !equal(current, slots[other]!.current)) continue;
      source[s] = other;
      break;
    }
  }
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!;
    if (source[s] !== s || slot.batched) continue;
    // A model that evaluates several starts at once runs this draw's other slots of it (same start time) in one call.
    if (slot.model.evaluateStartsInto !== undefined && evaluateBatch(slots, source, s, params, draw)) continue;
    evaluateSlot(slot, params, draw);
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

/** Evaluates one slot by itself, naming its leaf on error. */
function evaluateSlot<P>(slot: LeafSlot, params: P, draw: number | undefined): void {
  try {
    slot.model.evaluateInto(params, slot.buffer, slotContext(slot, draw, slot.current[slot.startNames.length]!));
  } catch (error) {
    throw leafError(error, slot.labels, slot.model.title, nodeIssuePath(slot.labels, draw));
  }
}

// Reused by every batch; a batch inside a batch (a model's evaluateStartsInto that evaluates a tree) takes fresh ones.
const shared = { members: [] as LeafSlot[], contexts: [] as EvaluationContext[], buffers: [] as Float64Array[] };
let busy = false;

/**
 * Evaluates slot `s` with the later distinct slots of the same model and start time in one
 * {@link Model.evaluateStartsInto} call; returns false (nothing done) when no other slot joins it.
 * If the batch fails, every slot is evaluated one by one in tree order, which throws the error
 * (naming the leaf) that a slot-by-slot evaluation throws.
 */
function evaluateBatch<P>(slots: readonly LeafSlot[], source: Int32Array, s: number, params: P, draw: number | undefined): boolean {
  const slot = slots[s]!;
  const time = slot.current[slot.startNames.length]!;
  const nested = busy;
  const { members, contexts, buffers } = nested ? { members: [] as LeafSlot[], contexts: [] as EvaluationContext[], buffers: [] as Float64Array[] } : shared;
  members.length = 0;
  for (let other = s; other < slots.length; other++) {
    const candidate = slots[other]!;
    if (source[other] === other && candidate.model === slot.model && candidate.current[candidate.startNames.length] === time) members.push(candidate);
  }
  if (members.length < 2) return false;
  contexts.length = 0;
  buffers.length = 0;
  for (const member of members) {
    contexts.push(slotContext(member, draw, time));
    buffers.push(member.buffer);
    member.batched = true;
  }
  busy = true;
  try {
    slot.model.evaluateStartsInto!(params, contexts, buffers);
  } catch (error) {
    // The slot-by-slot runs take no batch buffers (a tree inside them batches with fresh ones while busy).
    for (let other = 0; other < slots.length; other++) if (source[other] === other) evaluateSlot(slots[other]!, params, draw);
    // evaluateStartsInto throws only what a single evaluation throws: reaching here is a fault of the batch itself.
    throw error;
  } finally {
    busy = nested;
  }
  return true;
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
