import { CHANCE, TERMINAL, type CompiledTree } from "./compiled-tree.js";
import type { TreeWorkspace } from "./tree-workspace.js";

/** One root-to-leaf path of one strategy, with its probability, payoffs and contribution. */
export interface TreePath {
  /** The strategy this path belongs to. */
  readonly strategy: string;
  /** Branch labels from the root option to the terminal, e.g. `["Sumatriptan", "Relief", "No recurrence"]`. */
  readonly labels: readonly string[];
  /** Name of the terminal node, when it has one. */
  readonly terminal?: string;
  /** Probability of the path: the product of its branch probabilities. */
  readonly probability: number;
  /** Total payoffs along the path (branches, terminal and leaf model), per outcome. */
  readonly payoffs: Readonly<Record<string, number>>;
  /** probability × payoffs: the path's share of the strategy's expected values. */
  readonly contribution: Readonly<Record<string, number>>;
}

/** Walks every strategy's evaluated instances and lists its paths in tree order. */
export function treePaths<P>(tree: CompiledTree<P>, work: TreeWorkspace): TreePath[] {
  const width = tree.outcomes.length;
  const paths: TreePath[] = [];
  const row0 = tree.branchProbability.length;
  tree.policies.forEach((policy, s) => {
    const walk = (instance: number, labels: string[], probability: number, sum: Float64Array): void => {
      const kind = tree.instanceKind[instance]!;
      const id = tree.instanceNode[instance]!;
      if (kind === TERMINAL) {
        const row = (row0 + tree.nodeTerminal[id]!) * width;
        const payoffs: Record<string, number> = {};
        const contribution: Record<string, number> = {};
        tree.outcomes.forEach((name, o) => {
          payoffs[name] = sum[o]! + work.rows[row + o]!;
          contribution[name] = probability * payoffs[name]!;
        });
        const node = tree.records[id]!.node;
        paths.push({ strategy: policy.name, labels, ...(node.name === undefined ? {} : { terminal: node.name }), probability, payoffs, contribution });
        return;
      }
      const node = tree.records[id]!.node;
      const first = tree.nodeBranchStart[id]!;
      for (let c = tree.instanceChildStart[instance]!; c < tree.instanceChildStart[instance + 1]!; c++) {
        const b = tree.childBranch[c]!;
        const next = Float64Array.from(sum, (x, o) => x + work.rows[b * width + o]!);
        const p = kind === CHANCE ? work.probability[b]! : 1;
        const label = node.kind === "terminal" ? "" : node.branches[b - first]!.label;
        walk(tree.childInstance[c]!, [...labels, label], probability * p, next);
      }
    };
    walk(tree.strategyRoot[s]!, [], 1, new Float64Array(width));
  });
  return paths;
}
