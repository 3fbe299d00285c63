import { TERMINAL, type CompiledTree } from "./compiled-tree.js";

/**
 * The roll-down of every strategy (totals only) as two flat passes, built once per tree from the
 * strategy's instances in `order` (parents before children).
 *
 * Weights: for every edge (instance → child along branch b) in the order the roll-down visits it,
 * w = reach(parent) × probability(b), and reach(child) += w. One array holds the edges' weights and,
 * after them, the instances' reaches, so a terminal's payoffs read their weight (its reach) from the
 * same place.
 *
 * Payoffs: per outcome, the (weight, value) products the roll-down adds to that outcome, in the
 * order it adds them. Each outcome's total is its own sum, so summing outcome by outcome instead of
 * edge by edge adds the same products in the same order: the same bits. Values are read from one
 * pool holding the value table and then the payoff rows.
 */
export interface RollDownPlan {
  /** Per strategy, its edges `[edgeStart[s], edgeStart[s + 1])`. */
  readonly edgeStart: Int32Array;
  /** Per edge: its parent's and its child's reach, as indices into the weights array; its branch. */
  readonly edgeParent: Int32Array;
  readonly edgeChild: Int32Array;
  readonly edgeBranch: Int32Array;
  /** Per strategy and outcome (s × width + o), its products `[termStart[k], termStart[k + 1])`. */
  readonly termStart: Int32Array;
  /** Per product: index of its weight (weights array) and of its value (pool). */
  readonly termWeight: Int32Array;
  readonly termValue: Int32Array;
  /** Length of the weights array: every edge, then every instance's reach. */
  readonly weightCount: number;
}

/**
 * Builds the plan. `branchSource` maps each branch to the one holding its probability (ChancePlan);
 * `rowsAt` is the pool index of the payoff rows. Left out, as the loop skips them
 * or adds nothing with them: payoff entries whose value is the constant 0 (w × ±0 adds ±0 to a sum
 * that started at +0, which changes no sum), and a terminal row's outcomes it never writes (always
 * 0). A weight of 0 (an instance not reached, a branch of probability 0), which the loop skips, is
 * kept: w × x is then ±0 and changes no sum, every value and row being finite.
 */
export function rollDownPlan<P>(tree: CompiledTree<P>, order: Int32Array, orderStart: Int32Array, branchSource: Int32Array, rowsAt: number): RollDownPlan {
  const width = tree.outcomes.length;
  const strategies = tree.strategyRoot.length;
  const { instanceKind, instanceNode, instanceChildStart, childBranch, childInstance, nodeTerminal, rowEntryStart, entryValue, entryTarget, rowTouchedStart, touched } = tree;
  const { functions, constants } = tree.values;
  const terminalRow0 = tree.branchProbability.length;
  let edges = 0;
  for (let s = 0; s < strategies; s++) {
    for (let k = orderStart[s]!; k < orderStart[s + 1]!; k++) {
      const i = order[k]!;
      if (instanceKind[i] !== TERMINAL) edges += instanceChildStart[i + 1]! - instanceChildStart[i]!;
    }
  }
  const reachAt = edges;
  const edgeStart = [0];
  const edgeParent: number[] = [];
  const edgeChild: number[] = [];
  const edgeBranch: number[] = [];
  const termStart = [0];
  const termWeight: number[] = [];
  const termValue: number[] = [];
  for (let s = 0; s < strategies; s++) {
    const weightOf: number[][] = Array.from({ length: width }, () => []);
    const valueOf: number[][] = Array.from({ length: width }, () => []);
    for (let k = orderStart[s]!; k < orderStart[s + 1]!; k++) {
      const i = order[k]!;
      if (instanceKind[i] === TERMINAL) {
        const row = terminalRow0 + nodeTerminal[instanceNode[i]!]!;
        const written = new Set(touched.subarray(rowTouchedStart[row]!, rowTouchedStart[row + 1]!));
        for (let o = 0; o < width; o++) {
          if (!written.has(o)) continue;
          weightOf[o]!.push(reachAt + i);
          valueOf[o]!.push(rowsAt + row * width + o);
        }
        continue;
      }
      for (let c = instanceChildStart[i]!; c < instanceChildStart[i + 1]!; c++) {
        const b = childBranch[c]!;
        const edge = edgeParent.length;
        edgeParent.push(reachAt + i);
        edgeChild.push(reachAt + childInstance[c]!);
        // A chosen option's probability is 1 in the workspace: w = r × 1 = r. A repeated chance
        // node's branch reads the same number where it is computed (ChancePlan).
        edgeBranch.push(branchSource[b]!);
        for (let e = rowEntryStart[b]!; e < rowEntryStart[b + 1]!; e++) {
          const v = entryValue[e]!;
          if (functions[v] === undefined && constants[v] === 0) continue;
          const o = entryTarget[e]!;
          weightOf[o]!.push(edge);
          valueOf[o]!.push(v);
        }
      }
    }
    edgeStart.push(edgeParent.length);
    for (let o = 0; o < width; o++) {
      termWeight.push(...weightOf[o]!);
      termValue.push(...valueOf[o]!);
      termStart.push(termWeight.length);
    }
  }
  return {
    edgeStart: Int32Array.from(edgeStart),
    edgeParent: Int32Array.from(edgeParent),
    edgeChild: Int32Array.from(edgeChild),
    edgeBranch: Int32Array.from(edgeBranch),
    termStart: Int32Array.from(termStart),
    termWeight: Int32Array.from(termWeight),
    termValue: Int32Array.from(termValue),
    weightCount: edges + instanceKind.length,
  };
}
