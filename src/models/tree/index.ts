export { decisionTree } from "./decision-tree.js";
export type { DecisionTree, DecisionTreeDefinition, TreeRollback } from "./decision-tree.js";
export { decision } from "./decision.js";
export type { DecisionOptions } from "./decision.js";
export { chance } from "./chance.js";
export { terminal } from "./terminal.js";
export type { ModelEntry, TerminalOptions } from "./terminal.js";
export { subtree } from "./subtree.js";
export { resolveValue } from "./resolve-value.js";
export { renderTree } from "./render-tree.js";
export { BRANCH_SUM_TOLERANCE } from "./tree-errors.js";
export { MAX_STRATEGIES } from "./expand-policies.js";
export type { PolicyChoice } from "./expand-policies.js";
export type { TreePath } from "./tree-paths.js";
export type { RollbackNode, RollbackBranch } from "./tree-rollback.js";
export type {
  Value,
  Payoffs,
  BranchValues,
  ChanceBranch,
  DecisionBranch,
  DecisionOption,
  DecisionNode,
  ChanceNode,
  TerminalNode,
  LeafModel,
  TreeNode,
} from "./tree-types.js";
