import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import type { ChanceBranch, TreeNode } from "../../../src/models/tree/index.js";

/** A random chance tree from a list of numbers in (0, 1), with a naive recursive expected cost beside it. */
function build(numbers: readonly number[], depth: number, at = { i: 0 }): { node: TreeNode<unknown>; expected: number } {
  const next = () => numbers[at.i++ % numbers.length]!;
  if (depth === 0 || next() < 0.3) {
    const cost = Math.round(next() * 1000);
    return { node: terminal({ cost }), expected: cost };
  }
  const width = 2 + Math.floor(next() * 3);
  const weights = Array.from({ length: width }, () => 0.05 + next());
  const total = weights.reduce((a, b) => a + b, 0);
  let expected = 0;
  const branches = weights.map((w, b): ChanceBranch<unknown> => {
    const child = build(numbers, depth - 1, at);
    const edge = Math.round(next() * 100);
    const p = w / total;
    expected += p * (edge + child.expected);
    // the last branch takes the complement, as a modeller would write it
    const probability: ChanceBranch<unknown>["probability"] = b === width - 1 ? complement : p;
    return { label: `b${b}`, probability, payoffs: { cost: edge }, next: child.node };
  });
  return { node: chance(branches), expected };
}

describe("decisionTree invariants", () => {
  it("for random chance trees, rollback equals a naive recursion and the sum of path contributions", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 5, maxLength: 40 }), (numbers) => {
        const { node, expected } = build(numbers, 4);
        const tree = decisionTree({ title: "random", root: decision({ Only: node }) });
        const value = evaluateModel(tree, {}).Only.cost!;
        expect(value).toBeCloseTo(expected, 8);
        const paths = tree.paths({});
        expect(paths.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 12);
        expect(paths.reduce((s, p) => s + p.contribution["cost"]!, 0)).toBeCloseTo(value, 8);
      }),
      { numRuns: 200 },
    );
  });

  it("evaluateModel(tree) (reach × payoffs, top down) equals rollback's root (bottom up) within 1e-14 relative, with a shared subtree under two strategies", () => {
    // The same sums of path probability × payoff in another order: depth ≤ 4 and ≤ 5 branches per
    // node leave a few roundings of 1.1e-16 each between the two (all payoffs ≥ 0, so no cancellation).
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 5, maxLength: 40 }), (numbers) => {
        const shared = build(numbers, 3).node;
        const own = build([...numbers].reverse(), 4).node;
        const tree = decisionTree({ title: "two", root: decision({ A: chance([{ label: "s", probability: 0.4, next: shared }, { label: "o", probability: complement, payoffs: { costTesting: 5.1, costDrug: 2.3 }, next: own }]), B: shared }) });
        const totals = evaluateModel(tree, {});
        const rolled = tree.rollback({}).strategies;
        // A's branch o carries two cost categories, so its row adds two entries into `cost`.
        for (const strategy of ["A", "B"] as const) {
          for (const outcome of ["cost", "costTesting"]) {
            const expected = rolled[strategy].expected[outcome] ?? 0;
            expect(Math.abs((totals[strategy][outcome] ?? 0) - expected)).toBeLessThanOrEqual(1e-14 * expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a strategy's expected outcomes are linear in its leaf payoffs (scaling every payoff scales the result)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (p, k) => {
        const make = (scale: number) => decisionTree({ title: "lin", root: decision({ A: chance([{ label: "x", probability: p, payoffs: { cost: 10 * scale }, next: terminal({ cost: 3 * scale }) }, { label: "y", probability: complement, next: terminal({ cost: 7 * scale }) }]) }) });
        expect(evaluateModel(make(k), {}).A.cost).toBeCloseTo(k * evaluateModel(make(1), {}).A.cost!, 9);
      }),
      { numRuns: 100 },
    );
  });
});
