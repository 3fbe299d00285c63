import type { TreeRollback } from "../../models/tree/decision-tree.js";
import type { RollbackNode } from "../../models/tree/tree-rollback.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatValue } from "../format/format-number.js";
import type { ChartOptions } from "./chart-options.js";
import { px, svgRoot, svgText, textWidth, truncate } from "./svg-text.js";

/** Options of {@link decisionTreeChart}. */
export interface DecisionTreeChartOptions extends ChartOptions {
  /** Outcomes printed at the nodes (default the first two of the rollback, e.g. cost and QALYs). */
  readonly outcomes?: readonly string[];
  /**
   * Most rows (ends of drawn paths) before subtrees are collapsed (default 40). A bigger tree is
   * drawn from the top, opening the most likely nodes first; each collapsed node shows its
   * expected values and how many nodes it hides.
   */
  readonly maxRows?: number;
  /** Deepest level below a strategy opened when the tree is collapsed (default 4), so one long chain cannot take all rows. */
  readonly maxDepth?: number;
}

interface Placed {
  readonly node: RollbackNode;
  readonly label: string;
  readonly probability: number | null;
  readonly depth: number;
  readonly y: number;
  readonly children: Placed[];
  /** Nodes hidden below a collapsed node (0 when drawn in full). */
  readonly hidden: number;
}

const LEAF = 38;
const MAX_ROWS = 40;
const MAX_DEPTH = 4;

/** Number of nodes in a subtree, the node included. */
function subtreeSize(node: RollbackNode): number {
  let count = 1;
  for (const branch of node.branches) count += subtreeSize(branch.node);
  return count;
}

/** Rows (ends of paths) of a subtree drawn in full. */
function rowsOf(node: RollbackNode): number {
  return node.branches.length === 0 ? 1 : node.branches.reduce((sum, b) => sum + rowsOf(b.node), 0);
}

/**
 * The nodes to open when the tree has more than `maxRows` rows: starting from the strategies,
 * repeatedly open the most likely closed node (highest probability of being reached; shallower
 * first on ties) whose branches still fit and that lies at most `maxDepth` levels below its
 * strategy. `null` when the whole tree fits. @internal
 */
export function openNodes(roots: readonly RollbackNode[], maxRows: number, maxDepth = MAX_DEPTH): Set<RollbackNode> | null {
  if (roots.reduce((sum, r) => sum + rowsOf(r), 0) <= maxRows) return null;
  const open = new Set<RollbackNode>();
  let frontier = roots.filter((r) => r.branches.length > 0);
  let rows = roots.length;
  const base = Math.min(...roots.map((r) => r.labels.length));
  for (;;) {
    frontier.sort((a, b) => b.reach - a.reach || a.labels.length - b.labels.length);
    const next = frontier.find((node) => rows + node.branches.length - 1 <= maxRows && node.labels.length - base <= maxDepth);
    if (next === undefined) return open;
    open.add(next);
    rows += next.branches.length - 1;
    frontier = frontier.filter((node) => node !== next);
    for (const b of next.branches) if (b.node.branches.length > 0) frontier.push(b.node);
  }
}

/**
 * A decision tree diagram (SVG string) from a rollback: the decision (□) with one branch per
 * strategy, chance nodes (○) with each branch's label and probability, terminal nodes (◁) with
 * their expected payoffs, and the expected values of each strategy at its decision branch
 * (Briggs, Claxton & Sculpher 2006, ch. 2). Every node's full expected values are in its tooltip.
 * A tree with more than `maxRows` path ends is drawn from the top: the most likely nodes are
 * opened first, and each subtree left closed is a dashed node with its expected values (from that
 * node on) and the number of nodes it hides, so a tree of thousands of nodes stays readable.
 *
 * @param rollback - from `tree.rollback(params)`
 * @param options - outcomes to print, size and title
 * @returns an `<svg>` element as text
 * @example
 * const tree = decisionTree({ title: "Demo", root: decision({ A: chance([{ label: "Cure", probability: 0.6, next: terminal({ cost: 100, qaly: 1 }) }, { label: "No cure", probability: complement, next: terminal({ cost: 300, qaly: 0.5 }) }]), B: terminal({ cost: 250, qaly: 0.9 }) }) });
 * const svg = decisionTreeChart(tree.rollback({}));
 * svg.match(/class="node terminal"/g).length // => 3
 * svg.includes("p = 0.4") // => true
 */
export function decisionTreeChart(rollback: TreeRollback<string>, options: DecisionTreeChartOptions = {}): string {
  const shown = options.outcomes ?? rollback.outcomes.slice(0, 2);
  // The strategy's root decision carries its chosen option as its only branch.
  const roots = Object.entries(rollback.strategies as Record<string, RollbackNode>).map(([name, root]) => [name, root.branches[0]?.node ?? root] as const);
  // A strategy's expected values include what its option carries (e.g. the test's cost): the root's.
  const strategyValues = new Map(Object.entries(rollback.strategies as Record<string, RollbackNode>).map(([name, root]) => [name, root]));
  const open = openNodes(roots.map(([, node]) => node), options.maxRows ?? MAX_ROWS, options.maxDepth ?? MAX_DEPTH);
  let leaves = 0;
  let maxDepth = 1;
  const place = (node: RollbackNode, label: string, probability: number | null, depth: number): Placed => {
    maxDepth = Math.max(maxDepth, depth);
    const shut = open !== null && node.branches.length > 0 && !open.has(node);
    // A decision made inside a strategy has one evaluated branch: draw through it.
    const children = shut ? [] : node.branches.map((b) => place(b.node, b.label, node.kind === "chance" ? b.probability : null, depth + 1));
    const y = children.length === 0 ? leaves++ * LEAF : (children[0]!.y + children[children.length - 1]!.y) / 2;
    return { node, label, probability, depth, y, children, hidden: shut ? subtreeSize(node) - 1 : 0 };
  };
  const strategies = roots.map(([name, node]) => place(node, name, null, 1));
  const top = 44;
  const left = 20;
  const values = (node: RollbackNode): string => shown.map((o) => `${o} ${formatValue(node.expected[o])}`).join(", ");
  const endText = (p: Placed): string => (p.hidden > 0 ? `… ${p.hidden} nodes: ${values(p.node)}` : values(p.node));
  // Columns wide enough for the branch labels; the strategy column also for the expected values.
  let labelWidth = 60;
  let textRoom = 60;
  const measure = (p: Placed): void => {
    if (p.depth > 1) labelWidth = Math.max(labelWidth, textWidth(truncate(p.label, 28), 11));
    if (p.children.length === 0) textRoom = Math.max(textRoom, textWidth(endText(p), 11) + 24);
    p.children.forEach(measure);
  };
  strategies.forEach(measure);
  const column = labelWidth + 36;
  const first = Math.max(column, ...strategies.map((s) => textWidth(`EV: ${values(strategyValues.get(s.label) ?? s.node)}`, 11) + 30));
  const width = options.width ?? Math.max(720, Math.ceil(left + first + (maxDepth - 1) * column + textRoom));
  const xOf = (depth: number): number => (depth === 0 ? left : left + first + (depth - 1) * column);
  const rootY = strategies.length === 0 ? 0 : (strategies[0]!.y + strategies[strategies.length - 1]!.y) / 2;
  let body = "";
  const draw = (p: Placed, parentX: number, parentY: number): void => {
    const x = xOf(p.depth);
    const y = top + p.y;
    body += `<path class="branch" d="M${px(parentX + 7)} ${px(parentY)}L${px(parentX + 16)} ${px(y)}L${px(x - 8)} ${px(y)}" fill="none" stroke="#555" stroke-width="1.2"/>`;
    body += svgText(parentX + 20, y - 5, truncate(p.label, 28), 'class="branch-label" font-size="11"');
    if (p.probability !== null) body += svgText(parentX + 20, y + 13, `p = ${formatValue(p.probability, 3)}`, 'class="probability" font-size="11" fill="#555"');
    const tip = `<title>${escapeXml(`${[...p.node.labels].join(" › ")}: ${Object.entries(p.node.expected).map(([k, v]) => `${k} ${formatValue(v, 4)}`).join(", ")}`)}</title>`;
    const kind = p.node.kind;
    if (p.hidden > 0) {
      const shape = kind === "chance" ? `<circle class="node collapsed" cx="${px(x)}" cy="${px(y)}" r="7"` : `<rect class="node collapsed" x="${px(x - 7)}" y="${px(y - 7)}" width="14" height="14"`;
      body += `${shape} fill="#ffffff" stroke="#777" stroke-width="1.5" stroke-dasharray="3 2">${tip}</${kind === "chance" ? "circle" : "rect"}>`;
      body += svgText(x + 10, y + 4, endText(p), 'class="payoff collapsed-note" font-size="11" fill="#444"');
    } else if (kind === "terminal") {
      body += `<path class="node terminal" d="M${px(x - 7)} ${px(y)}L${px(x + 5)} ${px(y - 7)}L${px(x + 5)} ${px(y + 7)}Z" fill="#009E73">${tip}</path>`;
      body += svgText(x + 10, y + 4, values(p.node), 'class="payoff" font-size="11"');
    } else if (kind === "chance") {
      body += `<circle class="node chance" cx="${px(x)}" cy="${px(y)}" r="7" fill="#E69F00">${tip}</circle>`;
    } else {
      body += `<rect class="node decision" x="${px(x - 7)}" y="${px(y - 7)}" width="14" height="14" fill="#0072B2">${tip}</rect>`;
    }
    if (p.depth === 1) body += svgText(parentX + 20, y + 14, `EV: ${values(strategyValues.get(p.label) ?? p.node)}`, 'class="expected" font-size="11" font-weight="600"');
    for (const child of p.children) draw(child, x, y);
  };
  body += `<rect class="node decision root" x="${px(xOf(0) - 7)}" y="${px(top + rootY - 7)}" width="14" height="14" fill="#0072B2"/>`;
  for (const s of strategies) draw(s, xOf(0), top + rootY);
  const height = top + Math.max(1, leaves) * LEAF + 20;
  return svgRoot("decision-tree", width, height, options.title ?? "Decision tree (expected values)", `<g class="marks">${body}</g>`);
}
