import { CHANCE, TERMINAL, type CompiledTree } from "./compiled-tree.js";
import { evaluateLeaves } from "./evaluate-leaves.js";
import { BRANCH_SUM_TOLERANCE as TOL, failAtNode } from "./tree-errors.js";
import type { TreeWorkspace } from "./tree-workspace.js";

/**
 * Evaluates one draw into the workspace: every value once, chance-node checks, payoff rows, leaf
 * models (each distinct input once), then the rollback of every instance in post-order:
 * chance: E = Σ p_b (payoffs_b + E_child); chosen option: E = payoffs + E_child. With `out`, only
 * each strategy's totals are wanted: they are written there by `rollDown` instead, and the
 * instances' expected values are left as they were.
 */
export function evaluateTree<P>(tree: CompiledTree<P>, work: TreeWorkspace, params: P, draw: number | undefined, out?: Float64Array): void {
  // Module constants as locals: the hot loops then read registers, not module bindings (which some
  // loaders, e.g. tsx's CommonJS output, turn into property getters).
  const tolerance = TOL;
  const terminalKind = TERMINAL;
  const chanceKind = CHANCE;
  const width = tree.outcomes.length;
  const { values, probability, rows, instances } = work;
  // Constants sit in `values` from the workspace's construction; only functions are evaluated, in
  // table order (a function shared by several sites is one entry of the table).
  const { functions } = tree.values;
  const calls = work.calls;
  for (let k = 0; k < calls.length; k++) {
    const v = calls[k]!;
    const x = functions[v]!(params);
    if (!(x - x === 0)) failValue(tree, v, x, draw);
    values[v] = x;
  }

  // Chance nodes of constants were checked and filled once by the workspace, and a repeated node
  // is checked and filled once, where it first occurs (see ChancePlan).
  const { chanceNodes, chanceComplement, nodeBranchStart, branchProbability } = tree;
  const { dynamic, copyTo, copyFrom } = work.chance;
  for (let d = 0; d < dynamic.length; d++) {
    const k = dynamic[d]!;
    const id = chanceNodes[k]!;
    const end = nodeBranchStart[id + 1]!;
    const rest = chanceComplement[k]!;
    let sum = 0;
    for (let b = nodeBranchStart[id]!; b < end; b++) {
      if (b === rest) continue;
      const p = values[branchProbability[b]!]!;
      if (!(p >= -tolerance && p <= 1 + tolerance)) failAtNode("probability_out_of_range", tree.records[id]!.labels, [branchLabel(tree, id, b), "probability"], `probability ${p} of branch "${branchLabel(tree, id, b)}" is outside [0, 1]`, draw, p);
      probability[b] = p;
      sum += p;
    }
    if (rest >= 0) {
      const q = 1 - sum;
      if (q < -tolerance) failAtNode("negative_complement", tree.records[id]!.labels, [], `the other branch probabilities sum to ${sum}, leaving a negative complement for "${branchLabel(tree, id, rest)}"`, draw, sum);
      probability[rest] = q < 0 ? 0 : q;
    } else if (Math.abs(sum - 1) > tolerance) {
      failAtNode("row_sum_not_one", tree.records[id]!.labels, [], `branch probabilities sum to ${sum}, not 1 (tolerance ${TOL})`, draw, sum);
    }
  }

  // The roll-down reads a repeated node's probabilities where they were computed; paths and rollback read every branch.
  if (out === undefined) for (let k = 0; k < copyTo.length; k++) probability[copyTo[k]!] = probability[copyFrom[k]!]!;

  const { rowEntryStart, entryValue, entryTarget, rowTouchedStart, touched } = tree;
  const rowCount = rowEntryStart.length - 1;
  // For totals only, rollDown reads the branches' payoffs from their entries: only the terminals' rows are built.
  for (let r = out === undefined ? 0 : branchProbability.length; r < rowCount; r++) {
    const base = r * width;
    const lastTouched = rowTouchedStart[r + 1]!;
    for (let t = rowTouchedStart[r]!; t < lastTouched; t++) rows[base + touched[t]!] = 0;
    const lastEntry = rowEntryStart[r + 1]!;
    for (let e = rowEntryStart[r]!; e < lastEntry; e++) rows[base + entryTarget[e]!]! += values[entryValue[e]!]!;
  }
  if (tree.slots.length > 0) evaluateLeaves(tree, work, params, draw);
  if (out !== undefined) {
    rollDown(tree, work, out);
    return;
  }

  const { instanceKind, instanceNode, instanceChildStart, childBranch, childInstance, nodeTerminal } = tree;
  const terminalRow0 = branchProbability.length;
  for (let i = 0; i < instanceKind.length; i++) {
    const base = i * width;
    const kind = instanceKind[i]!;
    if (kind === terminalKind) {
      const row = (terminalRow0 + nodeTerminal[instanceNode[i]!]!) * width;
      for (let o = 0; o < width; o++) instances[base + o] = rows[row + o]!;
    } else if (kind === chanceKind) {
      for (let o = 0; o < width; o++) instances[base + o] = 0;
      for (let c = instanceChildStart[i]!; c < instanceChildStart[i + 1]!; c++) {
        const b = childBranch[c]!;
        const p = probability[b]!;
        // A branch of probability 0 adds 0·x = ±0 to every sum, which changes no sum (a sum started
        // at +0 is never −0), so it is skipped: tested pathways have many (e.g. false positives at
        // specificity 1).
        if (p === 0) continue;
        const child = childInstance[c]! * width;
        for (let o = 0; o < width; o++) instances[base + o]! += p * instances[child + o]!;
        // Branch payoffs are sparse: only the outcomes the branch carries.
        for (let t = rowTouchedStart[b]!; t < rowTouchedStart[b + 1]!; t++) instances[base + touched[t]!]! += p * rows[b * width + touched[t]!]!;
      }
    } else {
      const c = instanceChildStart[i]!;
      const b = childBranch[c]!;
      const child = childInstance[c]! * width;
      for (let o = 0; o < width; o++) instances[base + o] = instances[child + o]!;
      for (let t = rowTouchedStart[b]!; t < rowTouchedStart[b + 1]!; t++) instances[base + touched[t]!]! += rows[b * width + touched[t]!]!;
    }
  }
}

/**
 * Each strategy's totals as Σ over reachable instances of reach × payoffs, where reach is the
 * probability of arriving at the instance: pushed from the root down through the strategy's
 * instances, parents before children (`work.order`), so an instance's reach is complete when it is
 * visited. Only the branches' payoff entries (each value once per outcome it adds to, not summed
 * into a row first) and the terminals' rows are read, instead of every outcome of every instance as
 * the rollback does: the same sums of path probability × payoff, added in another order, so totals
 * differ from the rollback's by roundings (about 1e-16 relative per level of the tree).
 *
 * Three flat passes over the plan of {@link rollDownPlan}: the edges' weights, the distinct
 * products, then each outcome's terms in the order a walk of the instances adds them (the same bits
 * as that walk). The plan is the workspace's `zeroPlan` when its branches of probability 0 are still
 * 0: it skips what they lead to, whose terms are all ±0 (about a third of the NSCLC pathway's terms).
 */
function rollDown<P>(tree: CompiledTree<P>, work: TreeWorkspace, out: Float64Array): void {
  const width = tree.outcomes.length;
  const { probability, pool } = work;
  const buffer = work.weights;
  if (!work.zeroPlanMade) work.makeZeroPlan(tree as CompiledTree<unknown>);
  let plan = work.plan;
  const zeroPlan = work.zeroPlan;
  if (zeroPlan !== undefined) {
    // The plan without the branches of probability 0 holds while each of them still is 0.
    const zero = work.zeroBranches;
    let still = true;
    for (let k = 0; k < zero.length; k++) {
      if (probability[zero[k]!] !== 0) {
        still = false;
        break;
      }
    }
    if (still) plan = zeroPlan;
  }
  const { edgeStart, edgeBranch, stepStart, stepReach, inStart, inEdge, outEnd, productStart, productWeight, productValue, productAt, termStart, termSource } = plan;
  const strategies = edgeStart.length - 1;
  // Loop bounds are read into locals: V8 otherwise reloads them every iteration (measured ~2× on these loops).
  let t = 0;
  for (let s = 0; s < strategies; s++) {
    // An instance not reached gets reach ±0, and its edges w = ±0 × p = ±0.
    let j = edgeStart[s]!;
    const lastStep = stepStart[s + 1]!;
    for (let k = stepStart[s]!; k < lastStep; k++) {
      const from = inStart[k]!;
      const to = inStart[k + 1]!;
      let r = 1;
      if (from < to) {
        r = 0;
        for (let e = from; e < to; e++) r += buffer[inEdge[e]!]!;
      }
      buffer[stepReach[k]!] = r;
      const stop = outEnd[k]!;
      for (; j < stop; j++) buffer[j] = r * probability[edgeBranch[j]!]!;
    }
    const lastProduct = productStart[s + 1]!;
    for (let k = productStart[s]!; k < lastProduct; k++) buffer[productAt + k] = buffer[productWeight[k]!]! * pool[productValue[k]!]!;
    // Each outcome's terms follow the previous outcome's: one running index.
    const at = s * width;
    for (let o = 0; o < width; o++) {
      const stop = termStart[at + o + 1]!;
      let sum = 0;
      for (; t < stop; t++) sum += buffer[termSource[t]!]!;
      out[at + o] = sum;
    }
  }
}

function branchLabel<P>(tree: CompiledTree<P>, id: number, b: number): string {
  const node = tree.records[id]!.node;
  return node.kind === "terminal" ? "" : node.branches[b - tree.nodeBranchStart[id]!]!.label;
}

function failValue<P>(tree: CompiledTree<P>, v: number, x: unknown, draw: number | undefined): never {
  const site = tree.values.sites[v]!;
  const hint = x === undefined ? " (does the function read a parameter name that does not exist?)" : "";
  return failAtNode("non_finite_value", site.labels, site.tail, `${site.tail.join(".")} evaluated to ${String(x)}${hint}`, draw, x);
}
