// transitionValueWeight (issue 17, item 1): one-off transition values counted once per move (default,
// today's behaviour) or with the within-cycle weight of the row the move leads to (DARTH's
// transition-dynamics rewards). Hand computations on a two-state model.
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { QalyError } from "../../../src/core/errors.js";
import { checkModelFile, compileModelFile } from "../../../src/files/compile-model-file.js";

type TransitionValueWeight = "once" | "row";
// Well → Dead with probability 0.2 per cycle, a one-off cost of 100 on death, 2 cycles, trapezoid weights
// (½, 1, ½): 0.2 of the cohort dies in cycle 1 (into row 1) and 0.8 · 0.2 = 0.16 in cycle 2 (into row 2).
const model = (weight: TransitionValueWeight | undefined, rate = 0) =>
  markovCohort({
    states: ["Well", "Dead"],
    strategies: ["s"],
    outcomes: { cost: "cost" },
    cycles: 2,
    start: { Well: 1 },
    cycleCorrection: "trapezoid",
    discountRate: { cost: rate },
    ...(weight === undefined ? {} : { transitionValueWeight: weight }),
    transitions: () => ({ Well: { Dead: 0.2, Well: complement }, Dead: { Dead: 1 } }),
    transitionValues: () => ({ cost: { Well: { Dead: 100 } } }),
  });

describe("markovCohort transitionValueWeight", () => {
  it('evaluateModel(default and "once") counts each death once: 100 · (0.2 + 0.16) = 36', () => {
    expect(evaluateModel(model(undefined), {}).s!.cost).toBeCloseTo(36, 12);
    expect(evaluateModel(model("once"), {}).s).toEqual(evaluateModel(model(undefined), {}).s);
  });

  it('evaluateModel("row") weights the deaths into row k by w_k: 100 · (0.2 · 1 + 0.16 · ½) = 28, undiscounted too', () => {
    const result = evaluateModel(model("row"), {}).s!;
    expect(result.cost).toBeCloseTo(28, 12);
    expect(result.costUndiscounted).toBeCloseTo(28, 12);
  });

  it('evaluateModel("row", 3 % with row timing) discounts row k at 1.03^−k: 100 · (0.2/1.03 + 0.08/1.03²)', () => {
    const result = evaluateModel(model("row", 0.03), {}).s!;
    expect(result.cost).toBeCloseTo(100 * (0.2 / 1.03 + 0.08 / 1.03 ** 2), 12);
    expect(result.costUndiscounted).toBeCloseTo(28, 12);
    expect(evaluateModel(model("once", 0.03), {}).s!.cost).toBeCloseTo(100 * (0.2 / 1.03 + 0.16 / 1.03 ** 2), 12);
  });

  it("markovCohort(transitionValueWeight: \"end\") is an invalid_model error naming the option", () => {
    let error: unknown;
    try {
      model("end" as TransitionValueWeight);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QalyError);
    expect((error as QalyError).issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_model", ["transitionValueWeight"]]]);
  });
});

describe("model files: transitionValueWeight", () => {
  const file = (weight: string) => `metadata: { title: One-off death cost }
strategies: [s]
outcomes: { cost: cost, effect: null }
model:
  type: markov
  states: [Well, Dead]
  outcomes: { cost: cost }
  start: { Well: 1 }
  cycles: 2
  cycleCorrection: trapezoid
  discountRate: { cost: 0, effect: 0 }
  ${weight}
  transitions: { Well: { Dead: 0.2, Well: complement }, Dead: { Dead: 1 } }
  transitionValues: { cost: { Well: { Dead: 100 } } }
`;

  it("reads 'row' and 'once' with the API's hand-computed results (28 and 36) and refuses anything else at its path", () => {
    const cost = (weight: string) => evaluateModel(compileModelFile(file(weight), { fileName: "m.yaml" }).model, {}).s!.cost!;
    expect(cost("transitionValueWeight: row")).toBeCloseTo(28, 12);
    expect(cost("transitionValueWeight: once")).toBeCloseTo(36, 12);
    expect(cost("")).toBeCloseTo(36, 12);
    const refused = checkModelFile(file("transitionValueWeight: end"), { fileName: "m.yaml" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((issue) => issue.path.join("."))).toContain("model.transitionValueWeight");
  });
});
