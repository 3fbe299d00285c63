import type { IssueCollector } from "../../core/errors.js";
import { nodeIssuePath, nodePathText } from "./tree-errors.js";
import type { TreeNode } from "./tree-types.js";
import { isNode, validateNode } from "./validate-node.js";

/** A distinct node object of a tree, with the labels of the first path that reaches it. */
export interface NodeRecord<P> {
  readonly node: TreeNode<P>;
  readonly id: number;
  /** Branch labels from the root to this node (empty for the root). */
  readonly labels: readonly string[];
  /** Ids of the distinct children, one per branch (-1 where `next` is invalid). */
  readonly children: readonly number[];
}

/**
 * Walks the tree depth first, numbering each distinct node object once (a node object used under
 * several branches is one node, evaluated once per draw) and validating it. Reports a node that
 * contains itself instead of recursing forever.
 */
export function collectNodes<P>(root: TreeNode<P>, issues: IssueCollector): NodeRecord<P>[] {
  const records: NodeRecord<P>[] = [];
  const ids = new Map<TreeNode<P>, number>();
  const onPath = new Set<TreeNode<P>>();

  function visit(node: TreeNode<P>, labels: readonly string[]): number {
    const known = ids.get(node);
    if (known !== undefined) {
      if (onPath.has(node)) issues.add({ code: "invalid_model", path: nodeIssuePath(labels), message: `the node at "${nodePathText(labels)}" contains itself` });
      return known;
    }
    const id = records.length;
    ids.set(node, id);
    const children: number[] = [];
    records.push({ node, id, labels, children });
    validateNode(node, labels, issues);
    if (node.kind === "terminal" || !Array.isArray(node.branches)) return id;
    onPath.add(node);
    for (const branch of node.branches) {
      children.push(isNode(branch.next) ? visit(branch.next as TreeNode<P>, [...labels, String(branch.label)]) : -1);
    }
    onPath.delete(node);
    return id;
  }

  if (!isNode(root) || root.kind !== "decision") {
    issues.add({ code: "invalid_model", path: ["root"], message: "the root of a decision tree must be a decision node whose options are the strategies", received: isNode(root) ? root.kind : root });
    return records;
  }
  visit(root, []);
  return records;
}
