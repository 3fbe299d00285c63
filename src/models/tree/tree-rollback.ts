import { CHANCE, TERMINAL, type CompiledTree } from "./compiled-tree.js";
import type { TreeWorkspace } from "./tree-workspace.js";

/** A node after rollback: its expected values from here on and its evaluated branches. */
export interface RollbackNode {
  /** The node's kind. */
  readonly kind: "decision" | "chance" | "terminal";
  /** The node's name, when it has one. */
  readonly name?: string;
  /** Branch labels from the root option to this node. */
  readonly labels: readonly string[];
  /** Probability of reaching this node under the strategy. */
  readonly reach: number;
  /** Expected outcomes from this node on (payoffs of the branches below, leaf models included). */
  readonly expected: Readonly<Record<string, number>>;
  /** For a terminal: its own payoffs (plain and leaf model). */
  readonly payoffs?: Readonly<Record<string, number>>;
  /** The branches evaluated: all events of a chance node, the chosen option of a decision. */
  readonly branches: readonly RollbackBranch[];
}

/** A branch after rollback. */
export interface RollbackBranch {
  /** The branch's label (event or option). */
  readonly label: string;
  /** Conditional probability of the branch (1 for a chosen option). */
  readonly probability: number;
  /** Payoffs incurred on the branch itself (only the outcomes it carries). */
  readonly payoffs: Readonly<Record<string, number>>;
  /** The node the branch leads to, rolled back. */
  readonly node: RollbackNode;
}

/** Expected values per node, per strategy: the evaluated instances as plain objects. */
export function treeRollback<P>(tree: CompiledTree<P>, work: TreeWorkspace): Record<string, RollbackNode> {
  const width = tree.outcomes.length;
  const row0 = tree.branchProbability.length;
  const record = (values: Float64Array, at: number): Record<string, number> => Object.fromEntries(tree.outcomes.map((name, o) => [name, values[at + o]!]));
  const touchedOf = (row: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (let t = tree.rowTouchedStart[row]!; t < tree.rowTouchedStart[row + 1]!; t++) out[tree.outcomes[tree.touched[t]!]!] = work.rows[row * width + tree.touched[t]!]!;
    return out;
  };
  const build = (instance: number, labels: readonly string[], reach: number): RollbackNode => {
    const kind = tree.instanceKind[instance]!;
    const id = tree.instanceNode[instance]!;
    const node = tree.records[id]!.node;
    const head = { kind: node.kind, ...(node.name === undefined ? {} : { name: node.name }), labels, reach, expected: record(work.instances, instance * width) };
    if (kind === TERMINAL) return { ...head, payoffs: touchedOf(row0 + tree.nodeTerminal[id]!), branches: [] };
    const branches: RollbackBranch[] = [];
    const first = tree.nodeBranchStart[id]!;
    for (let c = tree.instanceChildStart[instance]!; c < tree.instanceChildStart[instance + 1]!; c++) {
      const b = tree.childBranch[c]!;
      const p = kind === CHANCE ? work.probability[b]! : 1;
      const label = node.kind === "terminal" ? "" : node.branches[b - first]!.label;
      branches.push({ label, probability: p, payoffs: touchedOf(b), node: build(tree.childInstance[c]!, [...labels, label], reach * p) });
    }
    return { ...head, branches };
  };
  return Object.fromEntries(tree.policies.map((policy, s) => [policy.name, build(tree.strategyRoot[s]!, [], 1)]));
}
