import { TERMINAL, type CompiledTree } from "./compiled-tree.js";

/**
 * The roll-down of every strategy (totals only) as three flat passes, built once per tree from the
 * strategy's instances in `order` (parents before children). Everything a pass writes or reads lives
 * in one buffer: the edges' weights, the instances' reaches, then the products.
 *
 * Weights: instance by instance in `order`, its reach r (1 at the root, else the sum of the weights
 * of the edges into it, from 0 in edge order), then for each edge out of it (to a child along branch
 * b) w = r × probability(b). The walk instead pushed w into the child's reach (reach += w) edge by
 * edge: the same additions in the same order, so the same bits; gathering the sum where it is needed
 * keeps the loop free of that read-modify-write at an address loaded from the plan, which the next
 * edge's load had to wait for (the edges cost ~8 ns each that way).
 *
 * Products: each distinct (weight, value) pair of the strategy once: a testing cost that adds to
 * `cost`, `costTesting` and `costUndiscounted` is one multiplication, not three. A value that is the
 * constant 1 (a count) is no product at all: w × 1 is w, bit for bit.
 *
 * Totals: per outcome, the products (or weights) the roll-down adds to that outcome, in the order it
 * adds them. Each outcome's total is its own sum, so summing outcome by outcome instead of edge by
 * edge adds the same numbers in the same order: the same bits as the walk of the instances.
 *
 * The plan's indices and the buffer are plain arrays (small integers; doubles), not typed arrays: in
 * these gather loops V8 (Node 20) reads a plain array's element ~1.5-2× faster than a typed array's
 * whose object is not a compile-time constant; the roll-down of the NSCLC tree went from ~15 to ~10 µs.
 */
export interface RollDownPlan {
  /** Per strategy, its edges `[edgeStart[s], edgeStart[s + 1])`; edge j's weight is `buffer[j]`. */
  readonly edgeStart: readonly number[];
  /** Per edge, the branch whose probability it carries. */
  readonly edgeBranch: readonly number[];
  /** Per strategy, its instances in order `[stepStart[s], stepStart[s + 1])`. */
  readonly stepStart: readonly number[];
  /** Per step: buffer index of its instance's reach; the edges into it `inEdge[inStart[k] …]`; the end of the edges out of it. */
  readonly stepReach: readonly number[];
  readonly inStart: readonly number[];
  readonly inEdge: readonly number[];
  readonly outEnd: readonly number[];
  /** Per strategy, its products `[productStart[s], productStart[s + 1])`, written to `buffer[productAt + k]`. */
  readonly productStart: readonly number[];
  /** Per product: buffer index of its weight, pool index of its value. */
  readonly productWeight: readonly number[];
  readonly productValue: readonly number[];
  readonly productAt: number;
  /** Per strategy and outcome (s × width + o), its terms `[termStart[k], termStart[k + 1])`. */
  readonly termStart: readonly number[];
  /** Per term: the buffer index of the number it adds (a product, or a weight for a value of 1). */
  readonly termSource: readonly number[];
  /** Length of the buffer: edges, instances' reaches, products. */
  readonly size: number;
}

/**
 * Builds the plan. `branchSource` maps each branch to the one holding its probability (ChancePlan);
 * `rowsAt` is the pool index of the payoff rows. Left out, as the loop skips them
 * or adds nothing with them: payoff entries whose value is the constant 0 (w × ±0 adds ±0 to a sum
 * that started at +0, which changes no sum), and a terminal row's outcomes it never writes (always
 * 0). A weight of 0 (an instance not reached, a branch of probability 0), which the loop skips, is
 * kept: w × x is then ±0 and changes no sum, every value and row being finite.
 *
 * With `zero` (branches, as `branchSource` names them, whose probability is exactly 0 at this draw),
 * the plan leaves out each edge along such a branch with its payoffs, and every instance no edge left
 * reaches, with its edges and payoffs: all of them add w × x = ±0 to the totals (x finite, as the
 * tree checks values, rows and probabilities), and a sum that starts at +0 never changes by adding
 * ±0, so that plan gives the same bits while every branch in `zero` is still 0 (see TreeWorkspace).
 */
export function rollDownPlan<P>(tree: CompiledTree<P>, order: Int32Array, orderStart: Int32Array, branchSource: Int32Array, rowsAt: number, zero?: ReadonlySet<number>): RollDownPlan {
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
  const edgeBranch: number[] = [];
  const stepStart = [0];
  const stepReach: number[] = [];
  const inStart = [0];
  const inEdge: number[] = [];
  const outEnd: number[] = [];
  const productStart = [0];
  const productWeight: number[] = [];
  const productValue: number[] = [];
  const termStart = [0];
  const termWeight: number[] = [];
  const termValue: number[] = [];
  for (let s = 0; s < strategies; s++) {
    // The strategy's edges and, per outcome, its (weight, value) terms in the walk's order; a weight
    // is an edge index or reachAt + instance.
    const into = new Map<number, number[]>();
    const weightOf: number[][] = Array.from({ length: width }, () => []);
    const valueOf: number[][] = Array.from({ length: width }, () => []);
    for (let k = orderStart[s]!; k < orderStart[s + 1]!; k++) {
      const i = order[k]!;
      // Every edge into i comes from an instance earlier in `order`, so its list is complete here;
      // an instance other than the root (first in order) that no edge reaches is left out.
      if (zero !== undefined && k > orderStart[s]! && !into.has(i)) continue;
      stepReach.push(reachAt + i);
      inEdge.push(...(into.get(i) ?? []));
      inStart.push(inEdge.length);
      if (instanceKind[i] === TERMINAL) {
        outEnd.push(edgeBranch.length);
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
        if (zero?.has(branchSource[b]!) === true) continue;
        const edge = edgeBranch.length;
        let list = into.get(childInstance[c]!);
        if (list === undefined) into.set(childInstance[c]!, (list = []));
        list.push(edge);
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
      outEnd.push(edgeBranch.length);
    }
    stepStart.push(stepReach.length);
    edgeStart.push(edgeBranch.length);
    const productOf = new Map<string, number>();
    for (let o = 0; o < width; o++) {
      for (let t = 0; t < weightOf[o]!.length; t++) {
        const w = weightOf[o]![t]!;
        const v = valueOf[o]![t]!;
        termWeight.push(w);
        if (v < constants.length && functions[v] === undefined && constants[v] === 1) {
          termValue.push(-1);
          continue;
        }
        const key = `${w},${v}`;
        let k = productOf.get(key);
        if (k === undefined) {
          k = productWeight.length;
          productOf.set(key, k);
          productWeight.push(w);
          productValue.push(v);
        }
        termValue.push(k);
      }
      termStart.push(termWeight.length);
    }
    productStart.push(productWeight.length);
  }
  const productAt = reachAt + instanceKind.length;
  return {
    edgeStart: edgeStart,
    edgeBranch: edgeBranch,
    stepStart: stepStart,
    stepReach: stepReach,
    inStart: inStart,
    inEdge: inEdge,
    outEnd: outEnd,
    productStart: productStart,
    productWeight: productWeight,
    productValue: productValue,
    productAt,
    termStart: termStart,
    termSource: termWeight.map((w, t) => (termValue[t]! < 0 ? w : productAt + termValue[t]!)),
    size: productAt + productWeight.length,
  };
}
