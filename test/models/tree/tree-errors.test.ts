import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { chance, decision, decisionTree, terminal } from "../../../src/models/tree/index.js";
import type { ChanceBranch, DecisionNode } from "../../../src/models/tree/index.js";
import { thrown } from "../../helpers/thrown.js";

type P = { pFail: number; pRebiopsyFails: number; cTest: number };
const gene = (probabilityOk: ChanceBranch<P>["probability"]): DecisionNode<P> =>
  decision({
    "NGS panel": chance([
      { label: "Sample adequate", probability: complement, next: terminal({ cost: 1 }) },
      { label: "Sample fails", probability: (p: P) => p.pFail, next: chance("Re-biopsy", [
        { label: "Re-biopsy", probability: (p: P) => 1 - p.pRebiopsyFails, next: terminal({ cost: (p: P) => p.cTest }) },
        { label: "Re-biopsy fails", probability: probabilityOk, next: terminal({ cost: 0 }) },
      ]) },
    ]),
  });

describe("decisionTree construction checks", () => {
  it("decisionTree reports duplicate labels, two complements and an empty chance node all at once", () => {
    const error = thrown(() =>
      decisionTree({
        title: "Broken",
        root: decision({
          A: chance([
            { label: "x", probability: complement, next: terminal() },
            { label: "x", probability: complement, next: chance([]) },
          ]),
        }),
      }),
    );
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_model", ["strategies", "A", "x"]],
      ["invalid_model", ["strategies", "A"]],
      ["invalid_model", ["strategies", "A", "x"]],
    ]);
    expect(error.issues[1]!.message).toContain("2 complement branches");
    expect(error.issues[2]!.message).toContain("has no branches");
  });

  it("decisionTree rejects constant probabilities outside [0, 1] or not summing to 1", () => {
    const error = thrown(() => decisionTree({ title: "Sums", root: decision({ A: chance([{ label: "x", probability: 1.2, next: terminal() }, { label: "y", probability: 0.5, next: terminal() }]) }) }));
    expect(error.issues.map((i) => i.code)).toEqual(["probability_out_of_range", "row_sum_not_one"]);
    expect(error.issues[0]!.path).toEqual(["strategies", "A", "x", "probability"]);
  });

  it("decisionTree requires a decision at the root and names an unknown leaf-model strategy", () => {
    expect(thrown(() => decisionTree({ title: "x", root: terminal() as unknown as DecisionNode<unknown> })).path).toEqual(["root"]);
    const leaf = { title: "Leaf", strategies: ["a", "b"], outcomes: ["cost"], evaluateInto: () => undefined };
    const error = thrown(() => decisionTree({ title: "x", root: decision({ A: terminal(leaf, { strategy: "c" as "a" }), B: terminal(leaf, {}) }) }));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown_strategy", ["strategies", "A", "strategy"]],
      ["unknown_strategy", ["strategies", "B", "strategy"]],
    ]);
  });

  it("decisionTree rejects a count named like a payoff", () => {
    const error = thrown(() => decisionTree({ title: "x", root: decision({ A: { counts: { cost: 1 }, next: terminal({ cost: 1 }) } }) }));
    expect(error.code).toBe("invalid_model");
  });
});

describe("decisionTree evaluation checks", () => {
  const tree = decisionTree<P>({ title: "Gene panel", root: gene((p) => p.pRebiopsyFails + 0.02) });
  const out = new Float64Array(tree.strategies.length * tree.outcomes.length);
  const ok = { pFail: 0.1, pRebiopsyFails: 0.2, cTest: 100 };

  it("evaluateInto names the node path, the sum and the draw when a chance node's probabilities do not sum to 1", () => {
    const error = thrown(() => tree.evaluateInto(ok, out, { draw: 17 }));
    expect(error.code).toBe("row_sum_not_one");
    expect(error.path).toEqual(["draw", 17, "strategies", "NGS panel", "Sample fails"]);
    expect(error.message).toContain('"NGS panel > Sample fails"');
    expect(error.message).toContain("PSA draw 17");
    expect(error.issues[0]!.received).toBeCloseTo(1.02, 12);
  });

  it("evaluateInto rejects a probability outside [0, 1] and a negative complement", () => {
    const exact = decisionTree<P>({ title: "Gene panel", root: gene((p) => p.pRebiopsyFails) });
    const negative = thrown(() => exact.evaluateInto({ ...ok, pFail: 1.5 }, out, { draw: 3 }));
    expect([negative.code, negative.path]).toEqual(["probability_out_of_range", ["draw", 3, "strategies", "NGS panel", "Sample fails", "probability"]]);
    expect(() => exact.evaluateInto(ok, out)).not.toThrow();
    const over = thrown(() => evaluateModel(decisionTree<{ q: number }>({ title: "c", root: decision({ A: chance([{ label: "x", probability: (p) => p.q, next: terminal() }, { label: "y", probability: complement, next: terminal() }]) }) }), { q: 1 + 1e-6 }));
    expect(over.code).toBe("probability_out_of_range");
    const rest = thrown(() => evaluateModel(decisionTree<{ q: number }>({ title: "c", root: decision({ A: chance([{ label: "x", probability: (p) => p.q, next: terminal() }, { label: "z", probability: (p) => p.q, next: terminal() }, { label: "y", probability: complement, next: terminal() }]) }) }), { q: 0.6 }));
    expect([rest.code, rest.path]).toEqual(["negative_complement", ["strategies", "A"]]);
  });

  it("evaluateInto accepts a sum within 1e-9 of 1 and rejects one just outside", () => {
    const tiny = (e: number) => decisionTree({ title: "t", root: decision({ A: chance([{ label: "x", probability: () => 0.5 + e, next: terminal() }, { label: "y", probability: 0.5, next: terminal() }]) }) });
    expect(() => evaluateModel(tiny(5e-10), {})).not.toThrow();
    expect(thrown(() => evaluateModel(tiny(2e-9), {})).code).toBe("row_sum_not_one");
  });

  it("evaluateInto reports a payoff that is not finite (e.g. a misspelt parameter) with its path", () => {
    const error = thrown(() => tree.evaluateInto({ pFail: 0.1, pRebiopsyFails: 0.2 } as P, out, { draw: 2 }));
    expect(error.code).toBe("non_finite_value");
    expect(error.path).toEqual(["draw", 2, "strategies", "NGS panel", "Sample fails", "Re-biopsy", "payoffs", "cost"]);
  });

  it("evaluateInto rejects a start distribution in the context (a tree has no states)", () => {
    expect(thrown(() => tree.evaluateInto(ok, out, { start: { Well: 1 } })).path).toEqual(["context", "start"]);
  });
});

describe("decisionTree construction checks for JavaScript callers", () => {
  it("decisionTree reports an option or branch without a node as invalid_model at its path", () => {
    const error = thrown(() => decisionTree({ title: "x", root: decision({ A: undefined as unknown as DecisionNode<unknown>, B: chance([{ label: "b", probability: 1, next: "oops" as unknown as DecisionNode<unknown> }]) }) }));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_model", ["strategies", "A", "next"]],
      ["invalid_model", ["strategies", "B", "b", "next"]],
    ]);
  });
});
