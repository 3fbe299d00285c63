import type { CompiledTree } from "./compiled-tree.js";

/** Buffers of one tree, allocated once at construction and reused by every draw. */
export class TreeWorkspace {
  /** Every value of the value table for the current draw. */
  readonly values: Float64Array;
  readonly constants: Float64Array;
  /** Probability of every branch (1 for decision options). */
  readonly probability: Float64Array;
  /** Payoff rows (branches, then terminals) × outcomes. */
  readonly rows: Float64Array;
  /** Expected outcomes of every instance × outcomes. */
  readonly instances: Float64Array;
  /** Slot whose buffer holds each slot's result this draw (itself, or an earlier identical one). */
  readonly source: Int32Array;
  /** Outer start time (a tree entered as a leaf of another tree). */
  startTime = 0;

  constructor(tree: CompiledTree<unknown>) {
    const width = tree.outcomes.length;
    const branches = tree.branchProbability.length;
    this.values = new Float64Array(tree.values.constants.length);
    this.constants = Float64Array.from(tree.values.constants);
    this.probability = new Float64Array(branches);
    for (let b = 0; b < branches; b++) if (tree.branchProbability[b] === -2) this.probability[b] = 1;
    this.rows = new Float64Array((branches + tree.terminalCount) * width);
    this.instances = new Float64Array(tree.instanceKind.length * width);
    this.source = new Int32Array(tree.slots.length);
  }
}
