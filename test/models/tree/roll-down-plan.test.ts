import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QalyError } from "../../../src/core/errors.js";
import { complement } from "../../../src/models/complement.js";
import { compileTree } from "../../../src/models/tree/compile-tree.js";
import { TERMINAL, type CompiledTree } from "../../../src/models/tree/compiled-tree.js";
import { evaluateTree } from "../../../src/models/tree/evaluate-tree.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import type { ChanceBranch, DecisionNode, TreeNode } from "../../../src/models/tree/index.js";
import { TreeWorkspace } from "../../../src/models/tree/tree-workspace.js";

type P = { readonly v: readonly number[] };

/**
 * The roll-down as a walk of the instances (parents first), child by child and entry by entry: the
 * loop the flat plan replaced, kept here as the reference the plan must equal bit for bit. It reads
 * every branch's probability and the terminals' rows from a workspace after a full evaluation.
 */
function walk(tree: CompiledTree<P>, work: TreeWorkspace): Float64Array {
  const width = tree.outcomes.length;
  const out = new Float64Array(tree.strategyRoot.length * width);
  const { probability, rows, order, orderStart, values } = work;
  const reach = new Float64Array(tree.instanceKind.length);
  const terminalRow0 = tree.branchProbability.length;
  for (let s = 0; s < tree.strategyRoot.length; s++) {
    const at = s * width;
    reach.fill(0);
    reach[tree.strategyRoot[s]!] = 1;
    for (let k = orderStart[s]!; k < orderStart[s + 1]!; k++) {
      const i = order[k]!;
      const r = reach[i]!;
      if (r === 0) continue;
      if (tree.instanceKind[i] === TERMINAL) {
        const row = (terminalRow0 + tree.nodeTerminal[tree.instanceNode[i]!]!) * width;
        for (let o = 0; o < width; o++) out[at + o]! += r * rows[row + o]!;
        continue;
      }
      for (let c = tree.instanceChildStart[i]!; c < tree.instanceChildStart[i + 1]!; c++) {
        const b = tree.childBranch[c]!;
        const w = r * probability[b]!;
        if (w === 0) continue;
        reach[tree.childInstance[c]!]! += w;
        for (let e = tree.rowEntryStart[b]!; e < tree.rowEntryStart[b + 1]!; e++) out[at + tree.entryTarget[e]!]! += w * values[tree.entryValue[e]!]!;
      }
    }
  }
  return out;
}

/** Probability functions shared between nodes (the same objects), so equal chance nodes repeat as in a testing pathway. */
const shares = Array.from({ length: 4 }, (_, j) => Array.from({ length: 4 }, (_, k) => (p: P) => p.v[j]! / (k + 2)));
const payoffFunctions = Array.from({ length: 4 }, (_, j) => (p: P) => 100 * p.v[j]! - 30);

/** A random tree from a list of numbers in (0, 1): chance nodes (shared probability functions, zeros, constants), nested decisions, shared subtrees. */
function build(numbers: readonly number[], depth: number, at = { i: 0 }, shared: TreeNode<P>[] = []): TreeNode<P> {
  const next = (): number => numbers[at.i++ % numbers.length]!;
  const payoff = (): number | ((p: P) => number) => {
    const x = next();
    return x < 0.2 ? 0 : x < 0.3 ? -0 : x < 0.6 ? payoffFunctions[Math.floor(x * 40) % 4]! : Math.round(x * 1000) / 7;
  };
  const roll = next();
  if (depth === 0 || roll < 0.15) return terminal({ cost: payoff(), qaly: payoff() });
  if (roll < 0.25 && shared.length > 0) return shared[Math.floor(next() * shared.length)]!;
  if (roll < 0.33) {
    const options: Record<string, TreeNode<P>> = {};
    const n = 2 + Math.floor(next() * 2);
    for (let k = 0; k < n; k++) options[`d${k}`] = build(numbers, depth - 1, at, shared);
    return decision(options);
  }
  const width = 2 + Math.floor(next() * 3);
  const share = Math.floor(next() * 4);
  const branches = Array.from({ length: width }, (_, b): ChanceBranch<P> => {
    const x = next();
    const probability: ChanceBranch<P>["probability"] = b === width - 1 ? complement : x < 0.15 ? 0 : x < 0.3 ? 0.5 / width : shares[share]![b]!;
    // One value on several outcomes (one product for all) and counts of 1 (no product at all).
    const common = x >= 0.5 && x < 0.7 ? payoff() : 0;
    const payoffs = x < 0.5 ? { costTesting: payoff(), falsePositive: payoff() } : x < 0.7 ? { cost: common, costTesting: common, tests: 1 } : { cost: payoff() };
    return { label: `b${b}`, probability, payoffs, next: build(numbers, depth - 1, at, shared) };
  });
  const node = chance(branches);
  shared.push(node);
  return node;
}

function rootOf(numbers: readonly number[]): DecisionNode<P> {
  const shared: TreeNode<P>[] = [];
  const at = { i: 0 };
  return decision({ A: build(numbers, 4, at, shared), B: build([...numbers].reverse(), 4, at, shared), C: build(numbers, 3, at, shared) });
}

describe("the roll-down plan", () => {
  it("gives the walk's totals bit for bit on random trees (shared subtrees, repeated chance nodes, zeros, nested decisions, shared values, counts of 1)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (numbers, v) => {
          const tree = compileTree<P>("random", rootOf(numbers));
          const work = new TreeWorkspace(tree as CompiledTree<unknown>);
          const params = { v };
          evaluateTree(tree, work, params, undefined);
          const expected = walk(tree, work);
          const out = new Float64Array(expected.length);
          evaluateTree(tree, new TreeWorkspace(tree as CompiledTree<unknown>), params, undefined, out);
          for (let k = 0; k < out.length; k++) expect(Object.is(out[k], expected[k])).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("skips what branches of probability 0 reach while they stay 0, and takes the whole plan at a draw where one is not: the walk's totals bit for bit at every draw", () => {
    // Shares of 0 make dynamic branches of probability exactly 0; the workspace's plan without
    // them is made at the first draw, and each later draw must pick the plan its zeros allow.
    const share = fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: 0.001, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 60 }), fc.array(fc.array(share, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 4 }), (numbers, draws) => {
        const tree = compileTree<P>("random", rootOf(numbers));
        const work = new TreeWorkspace(tree as CompiledTree<unknown>);
        const reference = new TreeWorkspace(tree as CompiledTree<unknown>);
        for (const v of draws) {
          evaluateTree(tree, reference, { v }, undefined);
          const expected = walk(tree, reference);
          const out = new Float64Array(expected.length);
          evaluateTree(tree, work, { v }, undefined, out);
          for (let k = 0; k < out.length; k++) expect(Object.is(out[k], expected[k])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the plan without zero branches drops their edges, payoffs and what only they reach", () => {
    const tree = compileTree<{ q: number }>("zeros", decision({ A: chance<{ q: number }>([
      { label: "False positive", probability: (p) => p.q, payoffs: { cost: 7 }, next: chance([{ label: "Treated", probability: 0.5, payoffs: { cost: 100 }, next: terminal({ qaly: 1 }) }, { label: "Not", probability: complement, next: terminal({ qaly: 2 }) }]) },
      { label: "True negative", probability: complement, payoffs: { cost: 3 }, next: terminal({ qaly: 3 }) },
    ]) }));
    const work = new TreeWorkspace(tree as CompiledTree<unknown>);
    const out = new Float64Array(tree.outcomes.length);
    evaluateTree(tree, work, { q: 0 }, undefined, out);
    expect(work.zeroPlan).toBeDefined();
    expect(work.zeroPlan!.edgeBranch.length).toBeLessThan(work.plan.edgeBranch.length);
    expect(work.zeroPlan!.termSource.length).toBeLessThan(work.plan.termSource.length);
    expect(Array.from(out)).toEqual(tree.outcomes.map((o) => (o === "cost" ? 3 : o === "qaly" ? 3 : 0)));
    // q > 0 later: the whole plan, so the false positives count again.
    evaluateTree(tree, work, { q: 0.25 }, undefined, out);
    expect(out[tree.outcomes.indexOf("cost")]).toBeCloseTo(0.25 * (7 + 50) + 0.75 * 3, 12);
  });

  it("a repeated chance node is checked and filled once per draw; paths after a totals-only draw still read its probabilities", () => {
    let calls = 0;
    const pPositive = (p: { q: number }): number => {
      calls++;
      return p.q;
    };
    const test = () => chance<{ q: number }>([{ label: "Positive", probability: pPositive, payoffs: { cost: 10 }, next: terminal({ qaly: 1 }) }, { label: "Negative", probability: complement, next: terminal({ qaly: 2 }) }]);
    const tree = decisionTree({ title: "twice", root: decision({ A: test(), B: chance([{ label: "Retest", probability: 0.5, next: test() }, { label: "Skip", probability: complement, next: test() }]) }) });
    const out = new Float64Array(tree.strategies.length * tree.outcomes.length);
    tree.evaluateInto({ q: 0.25 }, out);
    expect(calls).toBe(1);
    tree.evaluateInto({ q: 0.5 }, out);
    const positive = tree.paths({ q: 0.5 }).filter((path) => path.labels.includes("Positive"));
    expect(positive.map((path) => path.probability)).toEqual([0.5, 0.25, 0.25]);
    // The first of the repeated nodes (strategy A's) is named when they fail.
    const error = (() => {
      try {
        tree.evaluateInto({ q: 1.5 }, out, { draw: 4 });
      } catch (caught) {
        return caught as QalyError;
      }
      throw new Error("no error");
    })();
    expect([error.code, error.path]).toEqual(["probability_out_of_range", ["draw", 4, "strategies", "A", "Positive", "probability"]]);
  });
});
