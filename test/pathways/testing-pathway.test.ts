import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { panel, sequential, testingPathway, testingTree, type TestingPathwayDefinition } from "../../src/pathways/index.js";
import { thrown } from "../helpers/thrown.js";

type P = { pEgfr: number; sensHot: number };

/** A small valid definition; tests break one part at a time. */
const valid = {
  categories: { EGFR: { prevalence: 0.1, arm: "targeted" }, ALK: { prevalence: 0.05, arm: "targeted" }, none: { prevalence: complement } },
  tests: {
    hotspot: { sensitivity: { EGFR: 0.95 }, failure: 0.08, cost: 6000 },
    alkIhc: { sensitivity: { ALK: 0.95 }, cost: 1500 },
  },
  strategies: { Hotspot: panel("hotspot"), Sequential: sequential(["hotspot", "alkIhc"]) },
  treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "missed" },
} as const;
const arms = { targeted: { qaly: 3 }, chemo: { qaly: 1.5 }, missed: { qaly: 1 } };

/** Builds a definition from the valid one with parts replaced (type checks off: these are the bad inputs a model file can hold). */
function broken(change: (d: Record<string, any>) => void): TestingPathwayDefinition<P> {
  const copy = structuredClone({ ...valid, categories: { ...valid.categories, none: { prevalence: 0.85 } } }) as Record<string, any>;
  copy["categories"].none = { prevalence: complement };
  change(copy);
  return copy as TestingPathwayDefinition<P>;
}

describe("testingPathway checks the structure on every build", () => {
  it("testingPathway accepts a valid definition and returns frozen data", () => {
    const pathway = testingPathway(valid);
    expect(pathway.kind).toBe("testing-pathway");
    expect(Object.isFrozen(pathway.tests.hotspot.sensitivity)).toBe(true);
    expect(Object.isFrozen(valid.tests.hotspot)).toBe(false); // the caller's objects are copied, not frozen
  });

  it("testingPathway names a test covering an unknown category, with a suggestion", () => {
    const error = thrown(() => testingPathway(broken((d) => (d["tests"].hotspot.sensitivity = { EGRF: 0.95 }))));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "tests", "hotspot", "sensitivity", "EGRF"]]]);
    expect(error.message).toMatchInlineSnapshot(`
      "1 issue in testing pathway
        ✖ invalid_model: test "hotspot" covers unknown category "EGRF"; did you mean 'EGFR'?
          → at pathways.tests.hotspot.sensitivity.EGRF"
    `);
  });

  it("testingPathway names a strategy's unknown test at its position", () => {
    const error = thrown(() => testingPathway(broken((d) => (d["strategies"].Sequential = sequential(["hotspot", "alkIch"])))));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "strategies", "Sequential", "tests", 1]]]);
    expect(error.issues[0]!.message).toMatchInlineSnapshot(`"strategy "Sequential" names unknown test "alkIch"; did you mean 'alkIhc'?"`);
  });

  it("testingPathway rejects constant prevalences that do not sum to 1", () => {
    const error = thrown(() => testingPathway(broken((d) => (d["categories"].none = { prevalence: 0.8 }))));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["row_sum_not_one", ["pathways", "categories"]]]);
    expect(error.issues[0]!.message).toMatchInlineSnapshot(`"prevalences sum to 0.9500000000000001, not 1 (tolerance 1e-9)"`);
    const over = thrown(() => testingPathway(broken((d) => (d["categories"].EGFR.prevalence = 0.99))));
    expect(over.issues.map((i) => i.code)).toEqual(["negative_complement"]);
  });

  it("testingPathway rejects a sensitivity outside [0, 1] and reports every issue at once", () => {
    const error = thrown(() =>
      testingPathway(
        broken((d) => {
          d["tests"].hotspot.sensitivity.EGFR = 1.2;
          d["tests"].alkIhc.failure = -0.1;
          d["tests"].alkIhc.cost = -5;
          d["treatment"].pTreat = Number.NaN;
        }),
      ),
    );
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["probability_out_of_range", ["pathways", "tests", "hotspot", "sensitivity", "EGFR"]],
      ["probability_out_of_range", ["pathways", "tests", "alkIhc", "failure"]],
      ["invalid_parameter", ["pathways", "tests", "alkIhc", "cost"]],
      ["non_finite_value", ["pathways", "treatment", "pTreat"]],
    ]);
    expect(error.issues[0]!.message).toMatchInlineSnapshot(`"1.2 is not a probability in [0, 1]"`);
  });

  it("testingPathway asks for the false-positive rule when a specificity may be below 1", () => {
    const error = thrown(() => testingPathway(broken((d) => (d["tests"].hotspot.specificity = (p: P) => p.sensHot))));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "treatment", "falsePositive"]]]);
    const none = thrown(() => testingPathway(broken((d) => (d["tests"].hotspot.specificity = { none: 0.99 }))));
    expect(none.issues[0]!.path).toEqual(["pathways", "tests", "hotspot", "specificity", "none"]);
  });

  it("testingPathway rejects unknown strategy kinds, empty sequences, two complements and arms that are not names", () => {
    const error = thrown(() =>
      testingPathway(
        broken((d) => {
          d["strategies"].Hotspot = { kind: "lottery", test: "hotspot" };
          d["strategies"].Sequential = { kind: "sequential", tests: [] };
          d["categories"].ALK.prevalence = complement;
          d["treatment"].missedArm = "";
        }),
      ),
    );
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_model", ["pathways", "categories"]],
      ["invalid_model", ["pathways", "strategies", "Hotspot", "kind"]],
      ["invalid_model", ["pathways", "strategies", "Sequential", "tests"]],
      ["invalid_model", ["pathways", "treatment", "missedArm"]],
    ]);
  });
});

describe("testingTree checks the arms and the parameter-driven inputs", () => {
  it("testingTree names a missing arm", () => {
    const error = thrown(() => testingTree(testingPathway(valid), { title: "x", arms: { targeted: { qaly: 3 }, chemo: { qaly: 1 } } as typeof arms }));
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["pathways", "arms", "missed"]]]);
  });

  it("testingTree checks function prevalences and sensitivities at evaluation, naming the pathway path and the draw", () => {
    const pathway = testingPathway({
      categories: { EGFR: { prevalence: (p: P) => p.pEgfr, arm: "targeted" }, none: { prevalence: 0.9 } },
      tests: { hotspot: { sensitivity: { EGFR: (p) => p.sensHot }, cost: 6000 } },
      strategies: { Hotspot: panel("hotspot") },
      treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "missed" },
    });
    const tree = testingTree(pathway, { title: "x", arms });
    expect(evaluateModel(tree, { pEgfr: 0.1, sensHot: 0.9 }).Hotspot!.detectedEgfr).toBeCloseTo(0.09, 12);
    const sum = thrown(() => tree.evaluateInto({ pEgfr: 0.2, sensHot: 0.9 }, new Float64Array(100), { draw: 17 }));
    expect([sum.code, sum.path]).toEqual(["row_sum_not_one", ["draw", 17, "pathways", "categories"]]);
    expect(sum.message).toMatchInlineSnapshot(`"draw[17].pathways.categories: prevalences sum to 1.1, not 1 (tolerance 1e-9) (PSA draw 17)"`);
    const sens = thrown(() => evaluateModel(tree, { pEgfr: 0.1, sensHot: 1.3 }));
    expect([sens.code, sens.path]).toEqual(["probability_out_of_range", ["pathways", "tests", "hotspot", "sensitivity", "EGFR"]]);
    const typo = thrown(() => tree.paths({ pEgfr: 0.1 } as P));
    expect(typo.code).toBe("non_finite_value");
    expect(typo.message).toContain("does the function read a parameter name that does not exist?");
  });

  it("checks a function shared by several inputs of one domain once per evaluation, and names the first of them when it fails", () => {
    let calls = 0;
    const sens = (p: P): number => (calls++, p.sensHot);
    const pathway = testingPathway({
      categories: { EGFR: { prevalence: (p: P) => p.pEgfr, arm: "targeted" }, ALK: { prevalence: 0.05, arm: "targeted" }, none: { prevalence: complement } },
      tests: { hotspot: { sensitivity: { EGFR: sens, ALK: sens }, cost: 6000 } },
      strategies: { Hotspot: panel("hotspot") },
      treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "missed" },
    });
    const tree = testingTree(pathway, { title: "x", arms });
    const out = new Float64Array(tree.strategies.length * tree.outcomes.length);
    tree.evaluateInto({ pEgfr: 0.1, sensHot: 0.9 }, out);
    calls = 0;
    tree.evaluateInto({ pEgfr: 0.1, sensHot: 0.9 }, out);
    // Once by the checks, once by the tree (one value however many branches read it).
    expect(calls).toBe(2);
    const error = thrown(() => tree.evaluateInto({ pEgfr: 0.1, sensHot: 1.3 }, out, { draw: 3 }));
    expect([error.code, error.path]).toEqual(["probability_out_of_range", ["draw", 3, "pathways", "tests", "hotspot", "sensitivity", "EGFR"]]);
  });
});
