// The `Tree` type namespace of the main entry: decision-tree nodes, branches, payoffs and the
// rollback. Types only.
export type {
  TreeNode as Node,
  DecisionNode,
  ChanceNode,
  TerminalNode,
  DecisionBranch,
  ChanceBranch,
  DecisionOption,
  DecisionOptions,
  TerminalOptions,
  ModelEntry,
  LeafModel,
  Value,
  Payoffs,
  BranchValues,
  PolicyChoice,
  TreePath as Path,
  TreeRollback as Rollback,
  RollbackNode,
  RollbackBranch,
} from "../models/tree/index.js";
