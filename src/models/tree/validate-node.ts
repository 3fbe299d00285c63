import type { IssueCollector, PathSegment } from "../../core/errors.js";
import { isComplement } from "../complement.js";
import { BRANCH_SUM_TOLERANCE, nodeIssuePath, nodePathText } from "./tree-errors.js";
import type { BranchValues, Payoffs, TreeNode, Value } from "./tree-types.js";

/**
 * Checks one node's own structure (not its children): options and events present, labels unique
 * and non-empty, at most one complement, values numbers or functions, constant probabilities in
 * [0, 1] summing to 1, a leaf model's strategy known. Adds every issue found to `issues`.
 */
export function validateNode<P>(node: TreeNode<P>, labels: readonly string[], issues: IssueCollector): void {
  const path = nodeIssuePath(labels);
  const where = nodePathText(labels);
  if (node.kind === "terminal") return validateTerminal(node, path, where, issues);
  const kind = node.kind === "decision" ? "decision" : "chance node";
  if (!Array.isArray(node.branches) || node.branches.length === 0) {
    issues.add({ code: "invalid_model", path, message: `the ${kind} at "${where}" has no ${node.kind === "decision" ? "options" : "branches"}` });
    return;
  }
  const seen = new Set<string>();
  for (const [index, branch] of node.branches.entries()) {
    const label: unknown = branch.label;
    const at: PathSegment[] = typeof label === "string" && label !== "" ? nodeIssuePath([...labels, label]) : [...path, index];
    if (typeof label !== "string" || label.trim() === "") issues.add({ code: "invalid_model", path: at, message: `branch ${index} of the ${kind} at "${where}" needs a non-empty label`, received: label });
    else if (seen.has(label)) issues.add({ code: "invalid_model", path: at, message: `the ${kind} at "${where}" has two branches labelled "${label}"`, received: label });
    else seen.add(label);
    if (!isNode(branch.next)) issues.add({ code: "invalid_model", path: [...at, "next"], message: `branch "${String(label)}" at "${where}" needs \`next\`: a decision, chance or terminal node`, received: branch.next });
    validateBranchValues(branch, at, issues);
  }
  if (node.kind === "chance") validateProbabilities(node.branches, path, where, issues);
}

function validateProbabilities<P>(branches: readonly { label: string; probability: Value<P> | symbol }[], path: PathSegment[], where: string, issues: IssueCollector): void {
  let complements = 0;
  let constantSum = 0;
  let allConstant = true;
  for (const branch of branches) {
    const probability: unknown = branch.probability;
    const at = [...path, branch.label, "probability"];
    if (isComplement(probability)) complements++;
    else if (typeof probability === "number") {
      if (!(probability >= -BRANCH_SUM_TOLERANCE && probability <= 1 + BRANCH_SUM_TOLERANCE)) issues.add({ code: "probability_out_of_range", path: at, message: `probability ${probability} of "${branch.label}" at "${where}" is outside [0, 1]`, received: probability });
      constantSum += probability;
    } else if (typeof probability === "function") allConstant = false;
    else issues.add({ code: "invalid_model", path: at, message: `probability of "${branch.label}" at "${where}" must be a number, a function of the parameters or complement`, received: probability });
  }
  if (complements > 1) issues.add({ code: "invalid_model", path, message: `the chance node at "${where}" has ${complements} complement branches; at most one may take the rest`, received: complements });
  else if (allConstant && complements === 1 && constantSum > 1 + BRANCH_SUM_TOLERANCE) issues.add({ code: "negative_complement", path, message: `the other probabilities at "${where}" sum to ${constantSum}, leaving a negative complement`, received: constantSum });
  else if (allConstant && complements === 0 && Math.abs(constantSum - 1) > BRANCH_SUM_TOLERANCE) issues.add({ code: "row_sum_not_one", path, message: `branch probabilities at "${where}" sum to ${constantSum}, not 1`, received: constantSum });
}

function validateBranchValues<P>(branch: BranchValues<P>, path: PathSegment[], issues: IssueCollector): void {
  validatePayoffs(branch.payoffs, [...path, "payoffs"], issues);
  validatePayoffs(branch.counts, [...path, "counts"], issues);
  if (branch.time !== undefined) validateValue(branch.time, [...path, "time"], issues);
}

function validateTerminal<P>(node: Extract<TreeNode<P>, { kind: "terminal" }>, path: PathSegment[], where: string, issues: IssueCollector): void {
  validatePayoffs(node.payoffs, [...path, "payoffs"], issues);
  validatePayoffs(node.counts, [...path, "counts"], issues);
  const leaf = node.model;
  if (leaf === undefined) return;
  const strategies = leaf.model.strategies;
  if (leaf.strategy === undefined && strategies.length !== 1) {
    issues.add({ code: "unknown_strategy", path: [...path, "strategy"], message: `the leaf at "${where}" enters "${leaf.model.title}", which has ${strategies.length} strategies: name one (${strategies.join(", ")})` });
  } else if (leaf.strategy !== undefined && !strategies.includes(leaf.strategy)) {
    issues.add({ code: "unknown_strategy", path: [...path, "strategy"], message: `the leaf at "${where}" enters "${leaf.model.title}" with unknown strategy "${leaf.strategy}" (known: ${strategies.join(", ")})`, received: leaf.strategy });
  }
  validatePayoffs(leaf.start, [...path, "start"], issues);
  if (leaf.startTime !== undefined) validateValue(leaf.startTime, [...path, "startTime"], issues);
}

function validatePayoffs<P>(payoffs: Payoffs<P> | undefined, path: PathSegment[], issues: IssueCollector): void {
  if (payoffs === undefined) return;
  if (typeof payoffs !== "object" || payoffs === null) {
    issues.add({ code: "invalid_model", path, message: "must be an object of name → number or function of the parameters", received: payoffs });
    return;
  }
  for (const [name, value] of Object.entries(payoffs)) validateValue(value, [...path, name], issues);
}

function validateValue(value: unknown, path: PathSegment[], issues: IssueCollector): void {
  if (typeof value === "function") return;
  if (typeof value === "number" && Number.isFinite(value)) return;
  issues.add({ code: typeof value === "number" ? "non_finite_value" : "invalid_model", path, message: "must be a finite number or a function of the parameters", received: value });
}

/** Whether a value is a tree node (decision, chance or terminal). */
export function isNode(value: unknown): value is TreeNode<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "decision" || kind === "chance" || kind === "terminal";
}
