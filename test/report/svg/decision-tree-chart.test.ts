import { describe, expect, it } from "vitest";
import { chance, complement, decision, decisionTree, terminal } from "../../../src/index.js";
import type { TreeNode } from "../../../src/models/tree/index.js";
import { decisionTreeChart } from "../../../src/report/index.js";
import { openNodes } from "../../../src/report/svg/decision-tree-chart.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

/** A chance node with `width` branches, `depth` levels deep: width^depth leaves of cost 100·i at level 1. */
function bushy(width: number, depth: number, cost = 0): TreeNode<object> {
  if (depth === 0) return terminal({ cost, qaly: 1 });
  return chance(Array.from({ length: width }, (_, i) => ({ label: `E${i}`, probability: i === 0 ? complement : 1 / (2 * width), next: bushy(width, depth - 1, cost + 100 * i) })));
}

describe("decisionTreeChart of a large tree", () => {
  // 2 strategies × (1 + 4 + 16 + 64 + 256) nodes below the option: 682 nodes, 512 path ends.
  const tree = decisionTree({ title: "Big", root: decision({ A: bushy(4, 4), B: bushy(4, 4, 50) }) });
  const rollback = tree.rollback({});

  it("decisionTreeChart(rollback) of a 682-node tree draws at most maxRows path ends, each collapsed node with its hidden node count", () => {
    const svg = decisionTreeChart(rollback, { maxRows: 30 });
    expectChart(svg, "decision-tree");
    const collapsed = countElements(svg, "circle", "collapsed");
    const terminals = countElements(svg, "path", "terminal");
    expect(collapsed).toBeGreaterThan(0);
    expect(collapsed + terminals).toBeLessThanOrEqual(30);
    // Every node is either drawn or counted in exactly one collapsed node's "… N nodes".
    const drawn = countElements(svg, "circle", "chance") + collapsed + terminals;
    const hidden = texts(svg).filter((t) => t.startsWith("… ")).reduce((sum, t) => sum + Number(/^… (\d+) nodes/.exec(t)![1]), 0);
    expect(drawn + hidden).toBe(2 * (1 + 4 + 16 + 64 + 256));
  });

  it("decisionTreeChart(rollback) opens the most likely nodes first and prints a collapsed node's expected values", () => {
    const svg = decisionTreeChart(rollback, { maxRows: 8 });
    // Each strategy's first node opens (4 events); then E0 (p = 5/8) of each would need 3 more rows each: 2 × 4 + 2 × 3 > 8.
    expect(countElements(svg, "circle", "collapsed")).toBe(8);
    // Each level adds 100·i with p = 5/8, 1/8, 1/8, 1/8: 75 expected; under A, E1's node carries 100 plus 3 more levels.
    const notes = texts(svg).filter((t) => t.startsWith("… "));
    expect(notes.slice(0, 2)).toEqual(["… 84 nodes: cost 225, qaly 1", "… 84 nodes: cost 325, qaly 1"]);
  });

  it("openNodes(roots, maxRows) is null when the whole tree fits, so small trees are drawn as before", () => {
    const roots = Object.values(rollback.strategies).map((root) => root.branches[0]!.node);
    expect(openNodes(roots, 512)).toBeNull();
    expect(openNodes(roots, 511)).not.toBeNull();
    const small = decisionTreeChart(decisionTree({ title: "Small", root: decision({ A: bushy(2, 2), B: terminal({ cost: 1, qaly: 1 }) }) }).rollback({}));
    expect(countElements(small, "circle", "collapsed")).toBe(0);
    expect(countElements(small, "path", "terminal")).toBe(5);
  });

  it("decisionTreeChart(rollback) shows each strategy's expected values including the payoffs on its option", () => {
    const withTest = decisionTree({ title: "Test cost", root: decision({ Test: { payoffs: { cost: 200 }, next: bushy(2, 1) }, "No test": terminal({ cost: 0, qaly: 1 }) }) });
    // Test: 200 + (1/4 · 100) = 225.
    expect(texts(decisionTreeChart(withTest.rollback({})))).toContain("EV: cost 225, qaly 1");
  });
});
