// Microsimulations in model files: the bundled Sick-Sicker microsimulation (Krijkamp et al. 2018,
// Appendix B) gives the TypeScript twin's results bit for bit, and every kind of mistake is a typed
// issue at the file's path.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { krijkampMicrosim, krijkampParameters } from "../../models/sick-sicker-microsim/model.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { thrown } from "../helpers/thrown.js";

const fileName = "models/sick-sicker-microsim/model.yaml";
// 20 000 of the published 100 000 individuals keep the test short; bit identity does not depend on the size.
const text = readFileSync(new URL(`../../${fileName}`, import.meta.url), "utf8").replace("individuals: 100000", "individuals: 20000");

describe("models/sick-sicker-microsim/model.yaml", () => {
  it("compiles and gives the TypeScript model (krijkampMicrosim({ extended: true })) bit for bit: same streams, same arithmetic", () => {
    const project = compileModelFile(text, { fileName });
    const fromFile = evaluateModel(project.model, project.parameters.base());
    const twin = krijkampMicrosim({ extended: true, individuals: 20_000 });
    const fromTs = evaluateModel(twin, krijkampParameters);
    expect(project.model.outcomes).toEqual(twin.outcomes);
    for (const strategy of twin.strategies) for (const outcome of twin.outcomes) expect(Object.is(fromFile[strategy]![outcome], fromTs[strategy]![outcome]), `${strategy} ${outcome}`).toBe(true);
  });
});

/** A small microsimulation file with `model` entries replaced. */
function file(model: Record<string, string>): string {
  const base: Record<string, string> = {
    type: "microsimulation",
    states: "[Well, Dead]",
    outcomes: "{ cost: cost, qaly: effect }",
    individuals: "100",
    cycles: "3",
    start: "{ Well: 1 }",
    transitions: "{ Well: { Dead: pDie, Well: complement }, Dead: { Dead: 1 } }",
    values: "{ cost: { Well: 100 }, qaly: { Well: 1 } }",
    ...model,
  };
  const lines = Object.entries(base).map(([key, value]) => `  ${key}: ${value}`);
  return ["metadata: { title: Test, currency: SEK }", "parameters: { pDie: 0.1, age0: 60 }", "strategies: [A, B]", "model:", ...lines, ""].join("\n");
}

const issuesOf = (source: string) => {
  const result = checkModelFile(source, { fileName: "m.yaml" });
  return result.ok ? [] : result.issues.map((issue) => `${issue.code} ${issue.path.join(".")}`);
};

describe("microsimulation model files: typed issues with paths", () => {
  it("a valid file compiles; attributes, history and time names are readable in expressions", () => {
    const source = file({
      attributes: "{ age: { kind: normal, mean: 60, sd: 5 }, male: { kind: categorical, values: [0, 1], probabilities: [0.4, 0.6] } }",
      history: "{ ill: { states: [Well], count: total } }",
      transitions: '{ Well: { Dead: "min(1, pDie * (1 + male) * (age > 62 ? 2 : 1) * (1 + 0 * ill))", Well: complement }, Dead: { Dead: 1 } }',
    });
    expect(issuesOf(source)).toEqual([]);
    const result = evaluateModel(compileModelFile(source, { fileName: "m.yaml" }).model, { pDie: 0.1, age0: 60 });
    expect(result.A!.qaly).toBeGreaterThan(0);
    expect(result.A!.qaly).toEqual(result.B!.qaly);
  });

  it("a bad attribute distribution is reported at model.attributes.<name>", () => {
    expect(issuesOf(file({ attributes: "{ age: { kind: normal, mean: 60, sd: -1 } }" }))).toEqual(["invalid_argument model.attributes.age.sd"]);
  });

  it("an unknown state, outcome or counted state is reported with its path", () => {
    const issues = issuesOf(file({ transitions: "{ Well: { Ded: pDie, Well: complement }, Dead: { Dead: 1 } }", values: "{ qually: { Well: 1 } }", history: "{ ill: { states: [Sick], count: ever } }" }));
    expect(issues).toEqual(expect.arrayContaining(["unknown_state model.transitions.Well.Ded", "unknown_outcome model.values.qually", "unknown_state model.history.ill.states.0"]));
  });

  it("an attribute named like a parameter, or a history count that does not exist, is refused", () => {
    expect(issuesOf(file({ attributes: "{ pDie: { kind: uniform, min: 0, max: 1 } }" }))).toContain("invalid_model model.attributes.pDie");
    expect(issuesOf(file({ history: "{ ill: { states: [Well], count: sometimes } }" }))).toEqual([expect.stringMatching(/^invalid_model model\.history\.ill\.count/)]);
    expect(issuesOf(file({ individuals: "1" }))).toEqual([expect.stringMatching(/^invalid_model model\.individuals/)]);
  });

  it("a row that does not sum to 1 fails at evaluation, naming strategy, cycle and row", () => {
    const project = compileModelFile(file({ transitions: "{ Well: { Dead: pDie, Well: 0.5 }, Dead: { Dead: 1 } }" }), { fileName: "m.yaml" });
    const error = thrown(() => evaluateModel(project.model, { pDie: 0.1, age0: 60 }));
    expect(error.code).toBe("row_sum_not_one");
    expect(error.path).toEqual(["strategies", "A", "cycle", 1, "transitions", "Well"]);
  });

  it("the resource budget counts individuals × cycles × states × strategies", () => {
    const result = checkModelFile(file({ individuals: "100000000", cycles: "1000" }), { fileName: "m.yaml", limits: { work: 1e9 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.code).toBe("resource_limit");
  });
});
