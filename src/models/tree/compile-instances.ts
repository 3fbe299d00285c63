import type { NodeRecord } from "./collect-nodes.js";
import { CHANCE, CHOSEN, type CompiledTree, TERMINAL } from "./compiled-tree.js";
import type { Policy } from "./expand-policies.js";

type InstanceArrays = Pick<CompiledTree<unknown>, "instanceKind" | "instanceNode" | "instanceChildStart" | "childBranch" | "childInstance" | "strategyRoot">;

/**
 * Builds the instances every strategy evaluates, in post-order. An instance is a node under the
 * choices made at the decisions below it, so a subtree without decisions is one instance shared
 * by all strategies, and rollback work is never repeated.
 */
export function compileInstances<P>(records: readonly NodeRecord<P>[], policies: readonly Policy[]): InstanceArrays {
  const decisionsBelow = new Map<number, readonly number[]>();
  const below = (id: number): readonly number[] => {
    let found = decisionsBelow.get(id);
    if (found !== undefined) return found;
    const { node, children } = records[id]!;
    const set = new Set<number>(node.kind === "decision" ? [id] : []);
    decisionsBelow.set(id, []); // guards against re-entry; the tree is acyclic after validation
    for (const child of children) for (const d of below(child)) set.add(d);
    found = [...set].sort((a, b) => a - b);
    decisionsBelow.set(id, found);
    return found;
  };

  const kind: number[] = [];
  const nodeOf: number[] = [];
  const childStart: number[] = [];
  const childBranch: number[] = [];
  const childInstance: number[] = [];
  const memo = new Map<string, number>();
  let branchBase = 0;
  const branchStart = new Map<number, number>();
  for (const record of records) {
    branchStart.set(record.id, branchBase);
    branchBase += record.node.kind === "terminal" ? 0 : record.node.branches.length;
  }

  const instantiate = (id: number, choices: ReadonlyMap<number, number>): number => {
    const key = `${id}|${below(id).map((d) => `${d}=${choices.get(d) ?? ""}`).join(",")}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const { node, children } = records[id]!;
    const first = branchStart.get(id)!;
    const pairs: [number, number][] = [];
    if (node.kind === "chance") children.forEach((child, b) => pairs.push([first + b, instantiate(child, choices)]));
    if (node.kind === "decision") {
      const chosen = choices.get(id)!;
      pairs.push([first + chosen, instantiate(children[chosen]!, choices)]);
    }
    const index = kind.length;
    kind.push(node.kind === "terminal" ? TERMINAL : node.kind === "chance" ? CHANCE : CHOSEN);
    nodeOf.push(id);
    childStart.push(childBranch.length);
    for (const [branch, instance] of pairs) {
      childBranch.push(branch);
      childInstance.push(instance);
    }
    memo.set(key, index);
    return index;
  };

  const roots = policies.map((policy) => instantiate(0, policy.choices));
  childStart.push(childBranch.length);
  return {
    instanceKind: Uint8Array.from(kind),
    instanceNode: Int32Array.from(nodeOf),
    instanceChildStart: Int32Array.from(childStart),
    childBranch: Int32Array.from(childBranch),
    childInstance: Int32Array.from(childInstance),
    strategyRoot: Int32Array.from(roots),
  };
}
