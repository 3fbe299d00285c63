// A model file's Markov tables in the callback form (time-homogeneous rows and values: Sick-Sicker;
// transition and starting values: AML's back end) are refilled by one generated function per table
// (compileContextAssignments) instead of a loop calling one function per cell. The same numbers either
// way: compared bit for bit with the per-cell loop that runs when code generation is refused, over
// several draws and strategies.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { dataReader } from "../../src/node/load-model.js";
import { describe, expect, it } from "vitest";
import { withCodeGenerationRefused } from "../helpers/code-generation-refused.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { thrown } from "../helpers/thrown.js";

const SICK_SICKER = readFileSync(new URL("../../models/sick-sicker/model.yaml", import.meta.url), "utf8");
const AML_PATH = fileURLToPath(new URL("../../models/aml-myeloid-panel/model.yaml", import.meta.url));
const AML = readFileSync(AML_PATH, "utf8");

/** The model file's base values and three draws that move every parameter (a zero and a −0 among them). */
function drawsOf(base: Readonly<Record<string, number>>): Readonly<Record<string, number>>[] {
  const moved = (factor: number) => Object.fromEntries(Object.entries(base).map(([name, value], j) => [name, value * (factor + 0.01 * j)]));
  return [base, moved(0.9), moved(1.1), { ...moved(1), cTrtB: 0, cD: -0 }];
}

describe("buildMarkov: one generated function per table", () => {
  it("Sick-Sicker's transitions and values give the per-cell loop's totals and traces bit for bit", async () => {
    const generated = compileModelFile(SICK_SICKER, { fileName: "model.yaml" });
    const draws = drawsOf(generated.baseCase!);
    const totals = draws.map((params) => evaluateModel(generated.model, params));
    const traces = draws.map((params) => (generated.model as unknown as { run(p: object): { strategies: Record<string, { trace: unknown; perCycle: unknown }> } }).run(params));
    await withCodeGenerationRefused(
      async () => ({ fresh: await import("../../src/files/compile-model-file.js"), freshModel: await import("../../src/models/model.js") }),
      async ({ fresh, freshModel }) => {
        const interpreted = fresh.compileModelFile(SICK_SICKER, { fileName: "model.yaml" });
        expect(draws.map((params) => freshModel.evaluateModel(interpreted.model, params))).toEqual(totals);
        expect(draws.map((params) => (interpreted.model as unknown as { run(p: object): unknown }).run(params))).toEqual(traces);
        expect((await import("../../src/core/generated-function.js")).codeGenerationRefused()).toBe(true);
      },
    );
    // The strategies differ (strategy variables reach the generated tables), and a draw changes the totals.
    expect(totals[0]!["Strategy AB"]!["cost"]).not.toBe(totals[0]!["Standard of care"]!["cost"]);
    expect(totals[1]).not.toEqual(totals[0]);
  });

  it("AML's transition values (salvage cost and relapse count on relapse) and starting values (salvage at entry) give the per-cell loop's PSA bit for bit", async () => {
    const options = { fileName: "model.yaml", readFile: dataReader(dirname(AML_PATH)) };
    const generated = compileModelFile(AML, options);
    const psa = runPsaSync(generated.model, generated.parameters, { samples: 40, seed: "build-markov" });
    await withCodeGenerationRefused(
      async () => ({ fresh: await import("../../src/files/compile-model-file.js"), run: await import("../../src/analysis/run/run-psa.js") }),
      async ({ fresh, run }) => {
        const interpreted = fresh.compileModelFile(AML, options);
        const again = run.runPsaSync(interpreted.model, interpreted.parameters, { samples: 40, seed: "build-markov" });
        expect(Array.from(again.buffer)).toEqual(Array.from(psa.buffer));
      },
    );
    // The relapse cost is counted (it would be 0 without the transition values).
    expect(psa.outcomes).toContain("costRelapse");
  });
});

describe("buildMarkov: transition values and the time in state", () => {
  const file = (transitionValue: string, states = "[Well, { name: Sick, tunnel: 3 }, Dead]", variables = "") => `
metadata: { title: Transition value by time in state }
parameters:
  cDeath: { value: 1000 }
strategies: [Only]
model:
  type: markov
  states: ${states}
  outcomes: { cost: cost, qaly: effect }
  start: { Sick: 1 }
  cycles: 3
  cycleCorrection: none-end
  discountRate: { cost: 0, effect: 0 }${variables}
  transitions:
    Well: { Well: 1 }
    Sick: { Dead: 0.5, Sick: complement }
    Dead: { Dead: 1 }
  values:
    qaly: { Sick: 1 }
  transitionValues:
    cost: { Sick: { Dead: "${transitionValue}" } }
`;

  it("compileModelFile refuses a transition value out of a tunnel state that reads state_time, at the expression (it used to read 0 for every position)", () => {
    for (const [expression, variables] of [
      ["state_time == 0 ? 0 : cDeath", ""],
      ["heemod_state_time * cDeath", ""],
      ["sinceSick * cDeath", "\n  variables: { sinceSick: state_time }"],
    ] as const) {
      const error = thrown(() => compileModelFile(file(expression, undefined, variables), { fileName: "model.yaml" }));
      expect(error.code).toBe("invalid_model");
      expect(error.path).toEqual(["model", "transitionValues", "cost", "Sick", "Dead"]);
      expect(error.message).toContain("reads the time in state");
    }
  });

  it("compileModelFile keeps transition values that read the cycle out of a tunnel state, and state_time out of an ordinary one (0, as for state values)", () => {
    const byCycle = compileModelFile(file("cycle * cDeath"), { fileName: "model.yaml" });
    // Deaths 0.5, 0.25, 0.125 in cycles 1-3.
    expect(evaluateModel(byCycle.model, byCycle.baseCase ?? byCycle.parameters.base()).Only!.cost).toBeCloseTo(0.5 * 1000 + 0.25 * 2000 + 0.125 * 3000, 9);
    const plain = compileModelFile(file("state_time == 0 ? cDeath : 0", "[Well, Sick, Dead]"), { fileName: "model.yaml" });
    expect(evaluateModel(plain.model, plain.baseCase ?? plain.parameters.base()).Only!.cost).toBeCloseTo(875, 9);
    // Sick is ordinary, Well a tunnel: Sick's deaths are valued at state_time 0.
    const ordinaryFrom = compileModelFile(file("state_time == 0 ? cDeath : 0", "[{ name: Well, tunnel: 2 }, Sick, Dead]"), { fileName: "model.yaml" });
    expect(evaluateModel(ordinaryFrom.model, ordinaryFrom.parameters.base()).Only!.cost).toBeCloseTo(875, 9);
  });
});
