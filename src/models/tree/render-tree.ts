import { isComplement } from "../complement.js";
import { evaluateModel, type EvaluationContext } from "../model.js";
import type { DecisionTree } from "./decision-tree.js";
import { resolveValue } from "./resolve-value.js";
import type { BranchValues, Payoffs, TerminalNode, TreeNode, Value } from "./tree-types.js";

/**
 * Renders a tree as indented text for the console and docs: decision (□), chance (○) and terminal
 * (◁) nodes, each branch with its probability and payoffs. Without parameters, functions are shown
 * by their source (`p.pRelief`); with parameters, every value is evaluated and the expected
 * outcomes per strategy are listed at the end.
 *
 * @param tree - a tree from {@link decisionTree}
 * @param params - parameter values (optional)
 * @returns the text, lines separated by `\n`
 * @example
 * const tree = decisionTree({ title: "Demo", root: decision({ A: terminal({ cost: 1 }), B: terminal({ cost: 2 }) }) });
 * renderTree(tree).split("\n")[2] // => "├─ A  ◁ cost 1"
 */
export function renderTree<P>(tree: DecisionTree<P, string>, params?: P): string {
  const lines: string[] = [tree.title, `□${tree.root.name === undefined ? "" : ` ${tree.root.name}`}`];
  const show = (value: Value<P>): string => (params === undefined ? source(value) : format(resolveValue(value, params)));
  const payoffText = (payoffs: Payoffs<P> | undefined, sign: string): string[] => Object.entries(payoffs ?? {}).map(([name, value]) => `${name} ${sign}${show(value)}`);
  const branchText = (branch: BranchValues<P>): string => {
    const parts = [...payoffText(branch.payoffs, "+"), ...payoffText(branch.counts, "+"), ...(branch.time === undefined ? [] : [`time +${show(branch.time)}`])];
    return parts.length === 0 ? "" : `  [${parts.join(", ")}]`;
  };
  const walk = (node: TreeNode<P>, prefix: string): void => {
    if (node.kind === "terminal") return;
    const probabilities = node.kind === "chance" ? chanceProbabilities(node.branches, params, show) : [];
    node.branches.forEach((branch, i) => {
      const last = i === node.branches.length - 1;
      const p = node.kind === "chance" ? `  p=${probabilities[i]}` : "";
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${branch.label}${p}${branchText(branch)}  ${nodeText(branch.next, params, show)}`);
      walk(branch.next, prefix + (last ? "   " : "│  "));
    });
  };
  walk(tree.root, "");
  if (params !== undefined) {
    const totals = evaluateModel(tree, params);
    lines.push("", "Expected values per strategy:");
    for (const strategy of tree.strategies) lines.push(`  ${strategy}: ${tree.outcomes.map((o) => `${o} ${format(totals[strategy]![o]!)}`).join(", ")}`);
  }
  return lines.join("\n");
}

function chanceProbabilities<P>(branches: readonly { probability: Value<P> | symbol }[], params: P | undefined, show: (v: Value<P>) => string): string[] {
  if (params === undefined) return branches.map((b) => (isComplement(b.probability) ? "complement" : show(b.probability as Value<P>)));
  const values = branches.map((b) => (isComplement(b.probability) ? Number.NaN : resolveValue(b.probability as Value<P>, params)));
  const rest = 1 - values.reduce((sum, v) => (Number.isNaN(v) ? sum : sum + v), 0);
  return values.map((v) => (Number.isNaN(v) ? `${format(rest)} (complement)` : format(v)));
}

function nodeText<P>(node: TreeNode<P>, params: P | undefined, show: (v: Value<P>) => string): string {
  const name = node.name === undefined ? "" : ` ${node.name}`;
  const clone = node.clone === undefined ? "" : ` ⟲ ${node.clone}`;
  if (node.kind === "decision") return `□${name}${clone}`;
  if (node.kind === "chance") return `○${name}${clone}`;
  const parts = [...Object.entries(node.payoffs), ...Object.entries(node.counts)].map(([k, v]) => `${k} ${show(v)}`);
  return `◁${name}${clone}${parts.length === 0 ? "" : ` ${parts.join(", ")}`}${leafText(node, params, show)}`;
}

function leafText<P>(node: TerminalNode<P>, params: P | undefined, show: (v: Value<P>) => string): string {
  const leaf = node.model;
  if (leaf === undefined) return "";
  const entry = [
    ...(leaf.strategy === undefined ? [] : [`strategy "${leaf.strategy}"`]),
    ...(leaf.start === undefined ? [] : [`start {${Object.entries(leaf.start).map(([s, v]) => `${s}: ${show(v)}`).join(", ")}}`]),
    ...(leaf.startTime === undefined ? [] : [`startTime ${show(leaf.startTime)}`]),
  ];
  let text = ` ⇒ model "${leaf.model.title}"${entry.length === 0 ? "" : ` (${entry.join(", ")})`}`;
  if (params !== undefined) {
    const context: { start?: Record<string, number>; startTime?: number } = {};
    if (leaf.start !== undefined) context.start = Object.fromEntries(Object.entries(leaf.start).map(([s, v]) => [s, resolveValue(v, params)]));
    if (leaf.startTime !== undefined) context.startTime = resolveValue(leaf.startTime, params);
    const result = evaluateModel(leaf.model, params, context as EvaluationContext)[leaf.strategy ?? leaf.model.strategies[0]!]!;
    text += `: ${Object.entries(result).map(([k, v]) => `${k} ${format(v)}`).join(", ")}`;
  }
  return text;
}

function source(value: unknown): string {
  if (typeof value === "number") return format(value);
  const text = String(value).replace(/^\s*(?:\(\s*\w+(?:\s*:[^)]*)?\)|\w+)\s*=>\s*/, "").replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Four significant digits, integers as they are. */
function format(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
