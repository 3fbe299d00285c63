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
  /** Probability of reaching each instance from the current strategy's root (for totals only). */
  readonly reach: Float64Array;
  /**
   * Per strategy, the instances below its root, parents before children: the reverse post-order of
   * a depth-first walk from the root in branch order (`order[orderStart[s] … orderStart[s + 1]]`).
   * It depends only on the strategy's own structure, so strategies built alike add alike.
   */
  readonly order: Int32Array;
  readonly orderStart: Int32Array;
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
    this.reach = new Float64Array(tree.instanceKind.length);
    const order: number[] = [];
    const orderStart = [0];
    for (const root of tree.strategyRoot) {
      const seen = new Set<number>();
      const post: number[] = [];
      const visit = (i: number): void => {
        seen.add(i);
        for (let c = tree.instanceChildStart[i]!; c < tree.instanceChildStart[i + 1]!; c++) if (!seen.has(tree.childInstance[c]!)) visit(tree.childInstance[c]!);
        post.push(i);
      };
      visit(root);
      for (let k = post.length - 1; k >= 0; k--) order.push(post[k]!);
      orderStart.push(order.length);
    }
    this.order = Int32Array.from(order);
    this.orderStart = Int32Array.from(orderStart);
    this.source = new Int32Array(tree.slots.length);
  }
}
