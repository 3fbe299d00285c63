import type { CompiledTree } from "./compiled-tree.js";
import { BRANCH_SUM_TOLERANCE } from "./tree-errors.js";

/** Which chance nodes a draw checks and fills, and where the others' probabilities come from. */
export interface ChancePlan {
  /**
   * Positions in `tree.chanceNodes` of the nodes checked and filled each draw: those with a function
   * among their probabilities, each distinct one once. A node of constants is filled once, at
   * construction, unless its check would fail (then it is checked each draw, so the error is raised
   * at evaluation as before).
   */
  readonly dynamic: Int32Array;
  /**
   * Per branch, the branch holding its probability each draw: itself, or the same branch of an
   * earlier node with the same probabilities (the same value-table entries and complement), which
   * gets the same numbers and passes or fails the same checks first.
   */
  readonly branchSource: Int32Array;
  /** The branches of such repeated nodes and their sources: copied when every branch is read (paths, rollback). */
  readonly copyTo: Int32Array;
  readonly copyFrom: Int32Array;
}

/**
 * Plans the chance nodes and fills the probabilities of the constant ones into `probability`, with
 * the arithmetic of the per-draw pass (the complement is 1 − the others' sum in branch order,
 * floored at 0).
 */
export function chancePlan(tree: CompiledTree<unknown>, values: Float64Array, probability: Float64Array): ChancePlan {
  const { chanceNodes, chanceComplement, nodeBranchStart, branchProbability } = tree;
  const { functions } = tree.values;
  const tolerance = BRANCH_SUM_TOLERANCE;
  const dynamic: number[] = [];
  const branchSource = Int32Array.from(branchProbability, (_, b) => b);
  const copyTo: number[] = [];
  const copyFrom: number[] = [];
  const first = new Map<string, number>();
  for (let k = 0; k < chanceNodes.length; k++) {
    const id = chanceNodes[k]!;
    const start = nodeBranchStart[id]!;
    const end = nodeBranchStart[id + 1]!;
    const rest = chanceComplement[k]!;
    let constant = true;
    let valid = true;
    let sum = 0;
    for (let b = start; b < end; b++) {
      if (b === rest) continue;
      if (functions[branchProbability[b]!] !== undefined) constant = false;
      const p = values[branchProbability[b]!]!;
      if (!(p >= -tolerance && p <= 1 + tolerance)) valid = false;
      sum += p;
    }
    if (rest >= 0 ? 1 - sum < -tolerance : Math.abs(sum - 1) > tolerance) valid = false;
    if (constant && valid) {
      for (let b = start; b < end; b++) if (b !== rest) probability[b] = values[branchProbability[b]!]!;
      if (rest >= 0) {
        const q = 1 - sum;
        probability[rest] = q < 0 ? 0 : q;
      }
      continue;
    }
    const key = `${rest < 0 ? -1 : rest - start}|${branchProbability.subarray(start, end).join(",")}`;
    const same = first.get(key);
    if (same === undefined) {
      first.set(key, start);
      dynamic.push(k);
      continue;
    }
    for (let b = start; b < end; b++) {
      branchSource[b] = same + (b - start);
      copyTo.push(b);
      copyFrom.push(same + (b - start));
    }
  }
  return { dynamic: Int32Array.from(dynamic), branchSource, copyTo: Int32Array.from(copyTo), copyFrom: Int32Array.from(copyFrom) };
}
