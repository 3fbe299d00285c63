import type { CompiledTree } from "./compiled-tree.js";
import { chancePlan, type ChancePlan } from "./chance-plan.js";
import { rollDownPlan, type RollDownPlan } from "./roll-down-plan.js";

/** Buffers of one tree, allocated once at construction and reused by every draw. */
export class TreeWorkspace {
  /** Every value of the value table for the current draw (constants written once, here). */
  readonly values: Float64Array;
  /** Indices of the values that are functions, in table order: called each draw. */
  readonly calls: Int32Array;
  readonly chance: ChancePlan;
  /** Probability of every branch (1 for decision options; see {@link ChancePlan} for repeated nodes). */
  readonly probability: Float64Array;
  /** Payoff rows (branches, then terminals) × outcomes. */
  readonly rows: Float64Array;
  /** Expected outcomes of every instance × outcomes. */
  readonly instances: Float64Array;
  /**
   * Per strategy, the instances below its root, parents before children: the reverse post-order of
   * a depth-first walk from the root in branch order (`order[orderStart[s] … orderStart[s + 1]]`).
   * It depends only on the strategy's own structure, so strategies built alike add alike.
   */
  readonly order: Int32Array;
  readonly orderStart: Int32Array;
  /** Slot whose buffer holds each slot's result this draw (itself, or an earlier identical one). */
  readonly source: Int32Array;
  /** The value table then the payoff rows in one buffer (`values` and `rows` are views of it), for the roll-down's products. */
  readonly pool: Float64Array;
  /** The roll-down's numbers: edge weights, reaches, products (see {@link RollDownPlan}; a plain array of doubles, as its indices). */
  readonly weights: number[];
  readonly plan: RollDownPlan;
  /**
   * The plan without the branches whose probability was exactly 0 at the first draw that asked for
   * totals, and what only they reach (e.g. false positives of a test of specificity 1), with those
   * branches (`zeroBranches`): the roll-down takes it for a draw where all of them are still 0 (the
   * same bits: see {@link rollDownPlan}), else `plan`. `undefined` before that draw, or when it had none.
   */
  zeroPlan: RollDownPlan | undefined;
  zeroBranches: number[] = [];
  /** Whether `zeroPlan` has been made (at the first totals-only draw). */
  zeroPlanMade = false;
  /** Outer start time (a tree entered as a leaf of another tree). */
  startTime = 0;

  constructor(tree: CompiledTree<unknown>) {
    const width = tree.outcomes.length;
    const branches = tree.branchProbability.length;
    const { functions, constants } = tree.values;
    this.pool = new Float64Array(constants.length + (branches + tree.terminalCount) * width);
    this.values = this.pool.subarray(0, constants.length);
    this.values.set(constants);
    this.calls = Int32Array.from(functions.flatMap((f, v) => (f === undefined ? [] : [v])));
    this.probability = new Float64Array(branches);
    for (let b = 0; b < branches; b++) if (tree.branchProbability[b] === -2) this.probability[b] = 1;
    this.chance = chancePlan(tree, this.values, this.probability);
    this.rows = this.pool.subarray(constants.length);
    this.instances = new Float64Array(tree.instanceKind.length * width);
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
    this.plan = rollDownPlan(tree, this.order, this.orderStart, this.chance.branchSource, constants.length);
    // Filled with a double first, so the array holds unboxed doubles from the start (no elements-kind
    // change, and deoptimisation, at the first draw), then zeroed.
    this.weights = Array.from({ length: this.plan.size }, () => 0.5).fill(0);
  }

  /** Makes `zeroPlan` from this draw's branch probabilities (its buffer needs no more than `plan`'s). */
  makeZeroPlan(tree: CompiledTree<unknown>): void {
    this.zeroPlanMade = true;
    const zero = new Set<number>();
    for (const b of this.plan.edgeBranch) if (this.probability[b] === 0) zero.add(b);
    if (zero.size === 0) return;
    this.zeroBranches = [...zero];
    this.zeroPlan = rollDownPlan(tree, this.order, this.orderStart, this.chance.branchSource, tree.values.constants.length, zero);
  }
}
