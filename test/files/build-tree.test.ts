import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { markovCohort } from "../../src/models/markov/markov-cohort.js";
import { decisionTree } from "../../src/models/tree/decision-tree.js";
import { decision } from "../../src/models/tree/decision.js";
import { chance } from "../../src/models/tree/chance.js";
import { terminal } from "../../src/models/tree/terminal.js";
import { complement } from "../../src/models/complement.js";
import { applyHazardRatio } from "../../src/math/apply-hazard-ratio.js";

const TREE = `metadata: { title: Tree, currency: SEK }
parameters: { pPositive: 0.3, cTest: 100, pDie: 0.1, hrTreated: 0.5, uWell: 0.8 }
strategies:
  No test: { variables: { tested: 0 } }
  Test: { variables: { tested: 1 } }
models:
  longTerm:
    type: markov
    states: [Well, Dead]
    outcomes: { qaly: effect }
    start: { Well: 1 }
    cycles: 5
    transitions:
      Well: { Well: complement, Dead: "tested == 1 ? applyHazardRatio(pDie, hrTreated) : pDie" }
      Dead: { Dead: 1 }
    values: { qaly: { Well: uWell } }
model:
  type: decision-tree
  root:
    decision:
      No test: { terminal: { model: longTerm } }
      Test:
        payoffs: { cost: cTest }
        next:
          chance:
            - { label: Positive, probability: pPositive, counts: { positives: 1 }, next: { terminal: { model: longTerm, start: { Well: 1 } } } }
            - { label: Negative, probability: complement, next: { terminal: { model: longTerm, startTime: 0.5 } } }
`;

function issuesOf(text: string) {
  const result = checkModelFile(text, { fileName: "tree.yaml" });
  if (result.ok) throw new Error("expected issues");
  return result.issues.map((issue) => [issue.code, issue.path.join(".")]);
}

describe("compileModelFile: decision trees", () => {
  it("compileModelFile(tree with Markov leaves) equals decisionTree + markovCohort written in TypeScript", () => {
    const project = compileModelFile(TREE, { fileName: "tree.yaml" });
    type P = Readonly<Record<string, number>>;
    const longTerm = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["No test", "Test"],
      outcomes: { qaly: "effect" },
      start: { Well: 1 },
      cycles: 5,
      transitions: (p: P, _time, strategy) => ({ Well: { Well: complement, Dead: strategy === "Test" ? applyHazardRatio(p["pDie"]!, p["hrTreated"]!) : p["pDie"]! }, Dead: { Dead: 1 } }),
      values: (p: P) => ({ qaly: { Well: p["uWell"]! } }),
    });
    const tree = decisionTree<P>({
      title: "Tree",
      root: decision({
        "No test": terminal(longTerm, { strategy: "No test" }),
        Test: {
          payoffs: { cost: (p) => p["cTest"]! },
          next: chance([
            { label: "Positive", probability: (p) => p["pPositive"]!, counts: { positives: 1 }, next: terminal(longTerm, { strategy: "Test", start: { Well: 1 } }) },
            { label: "Negative", probability: complement, next: terminal(longTerm, { strategy: "Test", startTime: 0.5 }) },
          ]),
        },
      }),
    });
    const params = project.parameters.base();
    expect(project.model.outcomes).toEqual(tree.outcomes);
    expect(evaluateModel(project.model, params)).toEqual(evaluateModel(tree, params));
  });

  it("compileModelFile reports tree problems with their YAML path: unknown model, strategy, subtree, binding and keys", () => {
    const broken = TREE.replace("No test: { terminal: { model: longTerm } }", "No test: { terminal: { model: longTerms } }")
      .replace("Test:\n        payoffs", "Tset:\n        payoffs")
      .replace("{ label: Negative, probability: complement,", "{ label: Negative, probability: complement, prob: 1,");
    const keys = TREE.replace("{ label: Negative, probability: complement,", "{ label: Negative, probability: complement, prob: 1,");
    expect(issuesOf(keys)).toEqual([["invalid_model", "model.root.decision.Test.next.chance.1.prob"]]);
    expect(issuesOf(broken)).toEqual([
      ["unknown_strategy", "model.root.decision.Tset"],
      ["unknown_strategy", "model.root.decision"],
      ["invalid_model", "model.root.decision.No test.terminal.model"],
    ]);
    const subtree = TREE.replace("No test: { terminal: { model: longTerm } }", "No test: { subtree: after, with: { pX: pPositive, pY: 1 } }") + "subtrees:\n  after:\n    parameters: [pX, pZ]\n    node: { chance: [{ label: A, probability: pX, next: { terminal: { payoffs: { qaly: pZ } } } }, { label: B, probability: complement, next: { subtree: after, with: { pX: 1, pZ: 1 } } }] }\n";
    expect(issuesOf(subtree)).toEqual([
      ["invalid_model", "model.root.decision.No test.with"],
      ["invalid_model", "model.root.decision.No test.with.pY"],
      ["circular_dependency", "subtrees.after.node.chance.1.next.subtree"],
    ]);
  });
});

describe("compileModelFile: leaf models and cost by year", () => {
  const file = (costByYearOfN: string) => `metadata: { title: mixed costByYear }
parameters: { c: 100 }
strategies: [A, B]
models:
  m:
    type: markov
    states: [W, D]
    outcomes: { costDrug: cost, qaly: effect }
    start: { W: 1 }
    cycles: 3
    costByYear: 2
    transitions: { W: { D: 0.3, W: complement }, D: { D: 1 } }
    values: { costDrug: { W: 10 }, qaly: { W: 1 } }
  n:
    type: markov
    states: [W, D]
    outcomes: { costDrug: cost, qaly: effect }
    start: { W: 1 }
    cycles: 3${costByYearOfN}
    transitions: { W: { D: 0.3, W: complement }, D: { D: 1 } }
    values: { costDrug: { W: 10 }, qaly: { W: 1 } }
model:
  type: decision-tree
  root:
    decision:
      A: { terminal: { model: m, payoffs: { costTest: c } } }
      B: { terminal: { model: n, payoffs: { costTest: c } } }
`;

  it("a leaf model without costByYear (or with fewer years) beside one with it is refused at the leaf: its costs would be missing from the annual outputs", () => {
    // Found by test/files/build-tree-oracle.test.ts's helper: B's drug costs (18.6 per person) were in
    // costDrugUndiscounted but costDrugYear1 and costDrugYear2 read 0, so a budget impact undercounted.
    for (const [n, years] of [["", 0], ["\n    costByYear: 1", 1]] as const) {
      const result = checkModelFile(file(n), { fileName: "tree.yaml" });
      if (result.ok) throw new Error("expected an issue");
      expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_model", ["model", "strategies", "B"]]]);
      expect(result.issues[0]!.message).toContain(`reports cost by year for ${years} years, another leaf's model for 2`);
    }
    const same = compileModelFile(file("\n    costByYear: 2"), { fileName: "tree.yaml" });
    const b = evaluateModel(same.model, same.parameters.base()).B!;
    // Rows 0-3 hold 1, 0.7, 0.49, 0.343 alive; trapezoid amounts 5, 7, 4.9, 1.715, each row over the
    // half cycle either side: year 1 = 5 + 7/2, year 2 = 7/2 + 4.9/2 (docs/budget-impact.md).
    expect(b.costDrugUndiscounted!).toBeCloseTo(18.615, 12);
    expect(b.costDrugYear1!).toBeCloseTo(8.5, 12);
    expect(b.costDrugYear2!).toBeCloseTo(5.95, 12);
    expect(b.costTestYear1).toBe(100);
  });
});

describe("compileModelFile: subtrees", () => {
  const file = (extra: string) => `metadata: { title: subtrees }
parameters: { pGood: 0.6, c: 100 }
strategies: [A, B]
subtrees:
  outcome:
    parameters: [p]
    node: { chance: [ { label: Good, probability: p, next: { terminal: { payoffs: { qaly: 1, cost: c } } } }, { label: Bad, probability: complement, next: { terminal: { payoffs: { qaly: 0.5 } } } } ] }
${extra}model:
  type: decision-tree
  root:
    decision:
      A: { subtree: outcome, with: { p: pGood } }
      B: { terminal: { payoffs: { qaly: 0.7, cost: 0 } } }
`;

  it("a subtree used nowhere is refused (it was never compiled, so a typo in it passed unseen)", () => {
    // Found by the helper writing test/files/build-tree-oracle.test.ts.
    const spare = "  spare:\n    parameters: [q]\n    node: { terminal: { payoffs: { qaly: pTypo, cost: nope } } }\n";
    const result = checkModelFile(file(spare), { fileName: "tree.yaml" });
    if (result.ok) throw new Error("expected an issue");
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_model", ["subtrees", "spare"]]]);
    expect(result.issues[0]!.message).toContain("subtree 'spare' is not used");
    const used = compileModelFile(file(""), { fileName: "tree.yaml" });
    expect(evaluateModel(used.model, used.parameters.base()).A!.qaly).toBeCloseTo(0.6 + 0.4 * 0.5, 15);
  });
});
