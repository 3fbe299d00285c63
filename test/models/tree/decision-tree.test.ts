import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { chance, decision, decisionTree, resolveValue, subtree, terminal } from "../../../src/models/tree/index.js";

type P = { pPositive: number; cTest: number; cTreat: number; pRebiopsy: number };
const params: P = { pPositive: 0.3, cTest: 200, cTreat: 1000, pRebiopsy: 0.1 };

describe("decisionTree rollback", () => {
  const tree = decisionTree<P>({
    title: "Test and treat",
    root: decision({
      "No test": terminal({ cost: 0, qaly: 8 }),
      Test: {
        payoffs: { costTesting: (p) => p.cTest },
        time: 14 / 365.25,
        next: chance("Sample", [
          { label: "Fails", probability: (p) => p.pRebiopsy, counts: { reBiopsy: 1 }, payoffs: { costTesting: (p) => p.cTest }, next: terminal({ qaly: 8 }) },
          { label: "Adequate", probability: complement, next: chance([
            { label: "Positive", probability: (p) => p.pPositive, next: terminal({ costDrug: (p) => p.cTreat, qaly: 9 }, { counts: { driverDetected: 1 } }) },
            { label: "Negative", probability: complement, next: terminal({ qaly: 8 }) },
          ]) },
        ]),
      },
    }),
  });

  it("decisionTree(def).outcomes lists cost and qaly first, then payoffs, time and counts", () => {
    expect(tree.outcomes).toEqual(["cost", "qaly", "costTesting", "time", "costDrug", "reBiopsy", "driverDetected"]);
    expect(tree.strategies).toEqual(["No test", "Test"]);
  });

  it("evaluateModel(tree) accumulates branch payoffs along paths and weights them by path probability", () => {
    const r = evaluateModel(tree, params).Test!;
    expect(r.costTesting).toBeCloseTo(200 + 0.1 * 200, 10);
    expect(r.costDrug).toBeCloseTo(0.9 * 0.3 * 1000, 10);
    // a cost category also counts in the total cost
    expect(r.cost).toBeCloseTo(220 + 270, 10);
    expect(r.qaly).toBeCloseTo(0.1 * 8 + 0.9 * (0.3 * 9 + 0.7 * 8), 12);
    expect(r.reBiopsy).toBeCloseTo(0.1, 14);
    expect(r.driverDetected).toBeCloseTo(0.27, 14);
    expect(r.time).toBeCloseTo(14 / 365.25, 14);
  });

  it("tree.evaluateInto(params, out) lays outputs out by strategy then outcome", () => {
    const out = new Float64Array(tree.strategies.length * tree.outcomes.length);
    tree.evaluateInto(params, out);
    expect(out[tree.outcomes.indexOf("qaly")]).toBe(8);
    expect(out[tree.outcomes.length + tree.outcomes.indexOf("reBiopsy")]).toBeCloseTo(0.1, 14);
  });

  it("tree.rollback(params) gives expected values and reach probabilities per node", () => {
    const test = tree.rollback(params).strategies.Test!;
    const sample = test.branches[0]!.node;
    expect(sample.name).toBe("Sample");
    expect(sample.expected["cost"]).toBeCloseTo(0.1 * 200 + 270, 10);
    const positive = sample.branches[1]!.node.branches[0]!.node;
    expect(positive.reach).toBeCloseTo(0.27, 14);
    expect(positive.payoffs).toEqual({ costDrug: 1000, cost: 1000, qaly: 9, driverDetected: 1 });
    expect(test.expected["cost"]).toBeCloseTo(490, 10);
  });

  it("tree.paths(params) lists paths with labels, probabilities that sum to 1 and contributions", () => {
    const paths = tree.paths(params).filter((p) => p.strategy === "Test");
    expect(paths.map((p) => p.labels.join(" > "))).toEqual(["Test > Fails", "Test > Adequate > Positive", "Test > Adequate > Negative"]);
    expect(paths.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 15);
    expect(paths[1]!.payoffs["cost"]).toBe(1200);
    expect(paths[1]!.contribution["cost"]).toBeCloseTo(0.27 * 1200, 10);
  });

  it("evaluateInto rejects an output buffer that is too small with dimension_mismatch", () => {
    expect(() => tree.evaluateInto(params, new Float64Array(3))).toThrow(expect.objectContaining({ code: "dimension_mismatch", path: ["out"] }));
  });
});

describe("decisionTree with nested decisions", () => {
  const treat = decision("Treat if positive?", { Treat: terminal({ cost: 1000, qaly: 9 }), Watch: terminal({ cost: 0, qaly: 8.5 }) });
  const tree = decisionTree({
    title: "Nested",
    root: decision({
      Test: chance([
        { label: "Positive", probability: 0.4, next: treat },
        { label: "Negative", probability: complement, next: decision({ Treat: terminal({ cost: 1000, qaly: 8 }), Watch: terminal({ cost: 0, qaly: 8 }) }) },
      ]),
      "Treat all": terminal({ cost: 1000, qaly: 8.4 }),
    }),
  });

  it("decisionTree expands nested decisions into one strategy per policy, named 'option / choice / choice'", () => {
    expect(tree.strategies).toEqual(["Test / Treat / Treat", "Test / Treat / Watch", "Test / Watch / Treat", "Test / Watch / Watch", "Treat all"]);
    expect(tree.policies["Test / Treat / Watch"]).toEqual([
      { decision: "Test > Positive", name: "Treat if positive?", choice: "Treat" },
      { decision: "Test > Negative", choice: "Watch" },
    ]);
    expect(tree.policies["Treat all"]).toEqual([]);
  });

  it("evaluateModel(tree) values each policy by its own choices", () => {
    const r = evaluateModel(tree, {});
    expect(r["Test / Treat / Watch"]!.cost).toBeCloseTo(400, 12);
    expect(r["Test / Treat / Watch"]!.qaly).toBeCloseTo(0.4 * 9 + 0.6 * 8, 12);
    expect(r["Test / Watch / Watch"]!.cost).toBe(0);
  });

  it("a decision node object reused under two branches is one decision with one choice", () => {
    const shared = decision({ Treat: terminal({ cost: 1 }), Watch: terminal({ cost: 0 }) });
    const t = decisionTree({ title: "Shared", root: decision({ Test: chance([{ label: "+", probability: 0.5, next: shared }, { label: "-", probability: complement, next: shared }]) }) });
    expect(t.strategies).toEqual(["Test / Treat", "Test / Watch"]);
    expect(evaluateModel(t, {})["Test / Treat"]!.cost).toBe(1);
  });
});

describe("subtree clones", () => {
  type Q = { pCureA: number; pCureB: number };
  const treated = subtree("Treated", (b: { pCure: (p: Q) => number; cure: number }) =>
    chance<Q>([
      { label: "Cured", probability: b.pCure, next: terminal({ qaly: b.cure }) },
      { label: "Not cured", probability: (p) => 1 - resolveValue(b.pCure, p), next: terminal({ qaly: 2 }) },
    ]),
  );
  const tree = decisionTree<Q>({ title: "Clones", root: decision({ A: treated({ pCure: (p) => p.pCureA, cure: 10 }), B: treated({ pCure: (p) => p.pCureB, cure: 9 }) }) });

  it("subtree(name, build)(bindings) evaluates each copy with its own bindings", () => {
    const r = evaluateModel(tree, { pCureA: 0.5, pCureB: 0.8 });
    expect(r.A!.qaly).toBeCloseTo(6, 12);
    expect(r.B!.qaly).toBeCloseTo(0.8 * 9 + 0.2 * 2, 12);
    expect(tree.root.branches[0]!.next.clone).toBe("Treated");
  });
});

describe("leaf models and undiscounted twins", () => {
  it("a tree payoff named cost also adds to costUndiscounted when a leaf model reports it", () => {
    const leaf = { title: "Leaf", strategies: ["Only"], outcomes: ["cost", "costUndiscounted"], evaluateInto: (_p: unknown, out: Float64Array) => out.set([90, 100]) };
    const tree = decisionTree({ title: "Twin", root: decision({ A: { payoffs: { costTesting: 10 }, next: terminal(leaf, {}) } }) });
    expect(tree.outcomes).toEqual(["cost", "costTesting", "costUndiscounted"]);
    expect(evaluateModel(tree, {}).A).toEqual({ cost: 100, costUndiscounted: 110, costTesting: 10 });
  });
});
