// Peers' time variables in model files (issue 17, item 4): heemod's model_time (the cycle, from 1)
// and state_time (from 1, as heemod_state_time), DARTH's 0-based cycle index (darth_cycle), beside
// qaly's cycle, age and state_time. Expected values are hand computations.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Issue } from "../../src/core/errors.js";
import { MODEL_FILE_FUNCTIONS, type Env, type Getter } from "../../src/files/expression-env.js";
import { modelScope } from "../../src/files/model-scope.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";

/** Alive → Dead with an age-dependent death probability from a step table (60: 0.1 … 63: 0.4). */
const model = (probability: string, extra = "") => `metadata: { title: time names, currency: SEK }
parameters: { age_init: 60 }
tables:
  mortality: { data: { age: [60, 61, 62, 63], p: [0.1, 0.2, 0.3, 0.4] }, key: age, value: p }
strategies: [SoC]
model:
  type: markov
  states: [Alive, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  cycles: 3
  startAge: 60
  start: { Alive: 1 }
  discountRate: { cost: 0, effect: 0 }
${extra}  transitions: { Alive: { Dead: "${probability}", Alive: complement }, Dead: { Dead: 1 } }
  values: { cost: { Alive: 0 }, lifeYears: { Alive: 1 } }
`;
const lifeYears = (text: string): number => {
  const project = compileModelFile(text, { fileName: "time.yaml" });
  return evaluateModel(project.model, project.parameters.base()).SoC!.lifeYears!;
};

describe("model-file time variables of heemod and DARTH", () => {
  it("an age lookup written as in heemod (age_init + model_time) gives heemod's result", () => {
    // heemod: cycle k uses age 60 + k, so p = 0.2, 0.3, 0.4; method "end" counts rows 1 … 3:
    // 0.8 + 0.8·0.7 + 0.8·0.7·0.6 = 0.8 + 0.56 + 0.336 = 1.696.
    expect(lifeYears(model("mortality(age_init + model_time)", "  cycleCorrection: end\n"))).toBeCloseTo(1.696, 12);
    // heemod's default "life-table": (1 + 0.8)/2 + (0.8 + 0.56)/2 + (0.56 + 0.336)/2 = 2.028.
    expect(lifeYears(model("mortality(age_init + model_time)", "  cycleCorrection: life-table\n"))).toBeCloseTo(2.028, 12);
  });

  it("qaly's age (and DARTH's age_init + darth_cycle) is the age at the start of the cycle: one year younger", () => {
    // p = 0.1, 0.2, 0.3: 0.9 + 0.72 + 0.504 = 2.124 (rows 1 … 3).
    expect(lifeYears(model("mortality(age)", "  cycleCorrection: end\n"))).toBeCloseTo(2.124, 12);
    expect(lifeYears(model("mortality(age_init + darth_cycle)", "  cycleCorrection: end\n"))).toBeCloseTo(2.124, 12);
    expect(lifeYears(model("mortality(age_init + cycle - 1)", "  cycleCorrection: end\n"))).toBeCloseTo(2.124, 12);
  });

  it("darth_cycle counts cycles of any length from 0 (monthly cycles: 0, 1, 2)", () => {
    // Monthly cycles, death probability 0.1·(darth_cycle + 1) = 0.1, 0.2, 0.3 in cycles 1 … 3.
    const text = model("0.1 * (darth_cycle + 1)", "  cycleLength: 1/12\n  cycleCorrection: end\n");
    expect(lifeYears(text)).toBeCloseTo((0.9 + 0.72 + 0.504) / 12, 12);
  });

  it("heemod_state_time is state_time + 1 in a tunnel state", () => {
    // Sick is a 2-cycle tunnel: death probability 0.1 · heemod_state_time = 0.1 then 0.2.
    const text = `metadata: { title: tunnel, currency: SEK }
parameters: {}
strategies: [SoC]
model:
  type: markov
  states: [{ name: Sick, tunnel: 2 }, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  cycles: 2
  start: { Sick: 1 }
  cycleCorrection: end
  discountRate: { cost: 0, effect: 0 }
  transitions: { Sick: { Dead: "0.1 * heemod_state_time", Sick: complement }, Dead: { Dead: 1 } }
  values: { cost: { Sick: 0 }, lifeYears: { Sick: 1 } }
`;
    // Row 1: 0.9; row 2: 0.9 · 0.8 = 0.72.
    expect(lifeYears(text)).toBeCloseTo(0.9 + 0.72, 12);
  });

  it("the new names are reserved: a parameter cannot be called model_time", () => {
    expect(() => compileModelFile(model("0.1").replace("parameters: { age_init: 60 }", "parameters: { age_init: 60, model_time: 1 }"), { fileName: "time.yaml" })).toThrow(/model_time/);
  });
});

describe("modelScope: strategy variables", () => {
  // The scope keeps the entered strategy's getters in an array (one load per read instead of two
  // Map lookups): a read must give the entered strategy's own getter's value, whatever the order of
  // entries, repeated entries of one strategy included, and strategy variables seen from a model
  // variable are cached per entry.
  it("reads the getter of the strategy entered last, in any order of entries", () => {
    const strategies = ["A", "B", "C"];
    const own = (s: number, v: number): Getter => (p) => p.x! * 10 + s * 100 + v;
    const variables = new Map(strategies.map((s, i) => [s, new Map([["u", own(i, 1)], ["w", own(i, 2)]])]));
    const base: Env = { names: ["x"], getters: new Map(), functions: MODEL_FILE_FUNCTIONS };
    const issues: Issue[] = [];
    const scope = modelScope({ total: "u + w" }, strategies, variables, base, [], issues);
    expect(issues).toEqual([]);
    const u = scope.env.getters.get("u")!;
    const w = scope.env.getters.get("w")!;
    const total = scope.env.getters.get("total")!;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 30 }), (entries) => {
        for (const [s, x] of entries) {
          scope.enter(undefined, strategies[s]!);
          const p = { x };
          expect(u(p)).toBe(x * 10 + s * 100 + 1);
          expect(w(p)).toBe(x * 10 + s * 100 + 2);
          expect(total(p)).toBe(2 * (x * 10 + s * 100) + 3);
        }
      }),
    );
  });
});

describe("compileBeforeCycles: expressions evaluated before any cycle", () => {
  it("a Markov starting value that reads a model variable or the time is refused as such, not as an unknown name", () => {
    const file = (startingValue: string) => `metadata: { title: starting values }
parameters: { c0: 10 }
strategies: [SoC]
model:
  type: markov
  states: [Alive, Dead]
  outcomes: { cost: cost, qaly: effect }
  cycles: 3
  start: { Alive: 1 }
  variables: { v1: c0 * 2 }
  transitions: { Alive: { Dead: 0.5, Alive: complement }, Dead: { Dead: 1 } }
  values: { qaly: { Alive: 1 } }
  startingValues: { cost: { Alive: "${startingValue}" } }
`;
    let error: unknown;
    try {
      compileModelFile(file("v1 + cycle"), { fileName: "model.yaml" });
    } catch (e) {
      error = e;
    }
    const issues = (error as { issues: Issue[] }).issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual([["invalid_model", ["model", "startingValues", "cost", "Alive"]]]);
    expect(issues[0]!.message).toContain("a starting value is evaluated once, before any cycle, so it cannot read 'v1', 'cycle'");
    // A name nobody defines stays an unknown name; a parameter is fine.
    expect(() => compileModelFile(file("v2 + 1"), { fileName: "model.yaml" })).toThrow(/unknown name 'v2'/);
    const fine = compileModelFile(file("c0 * 3"), { fileName: "model.yaml" });
    expect(evaluateModel(fine.model, fine.parameters.base()).SoC!.cost).toBe(30);
  });

  it("a partitioned-survival capped value's duration that reads the time is refused as such", () => {
    const text = `metadata: { title: capped }
parameters: { cDrug: 1000 }
strategies: [SoC]
model:
  type: partitioned-survival
  outcomes: { cost: cost, qaly: effect }
  cycleLength: 1
  horizon: 5
  curves:
    PFS: { kind: exponential, rate: 0.5 }
    OS: { kind: exponential, rate: 0.2 }
  values: { qaly: { PF: 1, PD: 1 } }
  cappedValues:
    drug: { outcome: cost, states: PF, perYear: cDrug, maxDuration: "time + 1" }
`;
    expect(() => compileModelFile(text, { fileName: "model.yaml" })).toThrow(/a capped value's duration is evaluated once, before any cycle, so it cannot read 'time'/);
    // A curve's parameter likewise (it said "unknown name 'cycle'", and for a model variable suggested a parameter).
    const curve = text.replace("maxDuration: \"time + 1\"", "maxDuration: 2").replace("variables: {}", "").replace("OS: { kind: exponential, rate: 0.2 }", "OS: { kind: exponential, rate: \"0.2 * cycle\" }");
    expect(() => compileModelFile(curve, { fileName: "model.yaml" })).toThrow(/a curve's parameter is evaluated once, before any cycle, so it cannot read 'cycle'/);
  });
});
