import type { TreeRollback } from "../../models/tree/decision-tree.js";
import type { RollbackNode } from "../../models/tree/tree-rollback.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatValue } from "../format/format-number.js";
import type { ChartOptions } from "./chart-frame.js";
import { px, svgRoot, svgText, textWidth, truncate } from "./svg-text.js";

/** Options of {@link decisionTreeChart}. */
export interface DecisionTreeChartOptions extends ChartOptions {
  /** Outcomes printed at the nodes (default the first two of the rollback, e.g. cost and QALYs). */
  readonly outcomes?: readonly string[];
}

interface Placed {
  readonly node: RollbackNode;
  readonly label: string;
  readonly probability: number | null;
  readonly depth: number;
  readonly y: number;
  readonly children: Placed[];
}

const LEAF = 38;

/**
 * A decision tree diagram (SVG string) from a rollback: the decision (□) with one branch per
 * strategy, chance nodes (○) with each branch's label and probability, terminal nodes (◁) with
 * their expected payoffs, and the expected values of each strategy at its decision branch
 * (Briggs, Claxton & Sculpher 2006, ch. 2). Every node's full expected values are in its tooltip.
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
  let leaves = 0;
  let maxDepth = 1;
  const place = (node: RollbackNode, label: string, probability: number | null, depth: number): Placed => {
    maxDepth = Math.max(maxDepth, depth);
    // A decision made inside a strategy has one evaluated branch: draw through it.
    const children = node.branches.map((b) => place(b.node, b.label, node.kind === "chance" ? b.probability : null, depth + 1));
    const y = children.length === 0 ? leaves++ * LEAF : (children[0]!.y + children[children.length - 1]!.y) / 2;
    return { node, label, probability, depth, y, children };
  };
  const strategies = Object.entries(rollback.strategies as Record<string, RollbackNode>).map(([name, root]) => {
    // The strategy's root decision carries its chosen option as its only branch.
    const option = root.branches[0];
    return option === undefined ? place(root, name, null, 1) : place(option.node, name, null, 1);
  });
  const top = 44;
  const left = 20;
  const values = (node: RollbackNode): string => shown.map((o) => `${o} ${formatValue(node.expected[o])}`).join(", ");
  // Columns wide enough for the branch labels; the strategy column also for the expected values.
  let labelWidth = 60;
  let textRoom = 60;
  const measure = (p: Placed): void => {
    if (p.depth > 1) labelWidth = Math.max(labelWidth, textWidth(truncate(p.label, 28), 11));
    if (p.children.length === 0) textRoom = Math.max(textRoom, textWidth(values(p.node), 11) + 24);
    p.children.forEach(measure);
  };
  strategies.forEach(measure);
  const column = labelWidth + 36;
  const first = Math.max(column, ...strategies.map((s) => textWidth(`EV: ${values(s.node)}`, 11) + 30));
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
    if (kind === "terminal") {
      body += `<path class="node terminal" d="M${px(x - 7)} ${px(y)}L${px(x + 5)} ${px(y - 7)}L${px(x + 5)} ${px(y + 7)}Z" fill="#009E73">${tip}</path>`;
      body += svgText(x + 10, y + 4, values(p.node), 'class="payoff" font-size="11"');
    } else if (kind === "chance") {
      body += `<circle class="node chance" cx="${px(x)}" cy="${px(y)}" r="7" fill="#E69F00">${tip}</circle>`;
    } else {
      body += `<rect class="node decision" x="${px(x - 7)}" y="${px(y - 7)}" width="14" height="14" fill="#0072B2">${tip}</rect>`;
    }
    if (p.depth === 1) body += svgText(parentX + 20, y + 14, `EV: ${values(p.node)}`, 'class="expected" font-size="11" font-weight="600"');
    for (const child of p.children) draw(child, x, y);
  };
  body += `<rect class="node decision root" x="${px(xOf(0) - 7)}" y="${px(top + rootY - 7)}" width="14" height="14" fill="#0072B2"/>`;
  for (const s of strategies) draw(s, xOf(0), top + rootY);
  const height = top + Math.max(1, leaves) * LEAF + 20;
  return svgRoot("decision-tree", width, height, options.title ?? "Decision tree (expected values)", `<g class="marks">${body}</g>`);
}
