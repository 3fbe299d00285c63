// The vector form of model-file Markov models (issue 20): tables whose expressions read the time are
// given to the engine as arrays over the cycles and tunnel positions they depend on. The oracle is
// the callback form (callbackForm: the compiler as it was), which evaluates the same expressions per
// cycle and position: the numbers are the same arithmetic, so results must agree bit for bit.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QalyError, type Issue } from "../../src/core/errors.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { arrayForms, callbackForm, type CellRows } from "../../src/files/cohort-arrays.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { compileValue, MODEL_FILE_FUNCTIONS, type Env, type Getter } from "../../src/files/expression-env.js";
import { modelScope } from "../../src/files/model-scope.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { complement } from "../../src/models/complement.js";
import type { TimeArray } from "../../src/models/markov/array-entry.js";
import { EngineCycleGrid } from "../../src/models/markov/cycle-grid.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/index.js";
import { dataReader } from "../../src/node/load-model.js";

const load = (fileName: string): (() => ModelProject) => {
  const path = new URL(`../../${fileName}`, import.meta.url).pathname;
  const text = readFileSync(path, "utf8");
  return () => compileModelFile(text, { fileName, readFile: dataReader(dirname(path)) });
};

/** Every number of two PSA buffers is the same double (Object.is: also -0 and NaN). */
function expectSameBuffer(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const differing = [...a].flatMap((x, i) => (Object.is(x, b[i]) ? [] : [i]));
  expect(differing).toEqual([]);
}

function expectSameResults(vector: Record<string, Record<string, number>>, callbacks: Record<string, Record<string, number>>): void {
  expect(Object.keys(vector)).toEqual(Object.keys(callbacks));
  for (const [strategy, outcomes] of Object.entries(callbacks)) {
    for (const [outcome, value] of Object.entries(outcomes)) expect(Object.is(vector[strategy]![outcome], value), `${strategy}.${outcome}: ${vector[strategy]![outcome]} vs ${value}`).toBe(true);
  }
}

describe("model-file Markov models in the vector form equal the callback form bit for bit", () => {
  it.each([
    ["models/aml-myeloid-panel/model.yaml", 12],
    ["models/hiv-briggs-2006/model.yaml", 200],
    ["models/sick-sicker/model.yaml", 50],
    ["test/fixtures/trust/budget/valid-markov.yaml", 50],
  ])("%s: base case and a seeded PSA (%i draws)", (fileName, samples) => {
    const build = load(fileName);
    const vector = build();
    const callbacks = callbackForm(build);
    expectSameResults(evaluateModel(vector.model, vector.parameters.base()), evaluateModel(callbacks.model, callbacks.parameters.base()));
    const seed = `cohort-arrays ${fileName}`;
    expectSameBuffer(runPsaSync(vector.model, vector.parameters, { samples, seed }).buffer, runPsaSync(callbacks.model, callbacks.parameters, { samples, seed }).buffer);
  });

  it("HIV's scenario 'Lamivudine for life' (every cycle reads the time, the same value in each) and the AML subgroups", () => {
    const hiv = load("models/hiv-briggs-2006/model.yaml");
    const vector = applyScenario(hiv(), "Lamivudine for life");
    const callbacks = callbackForm(() => applyScenario(hiv(), "Lamivudine for life"));
    expectSameResults(evaluateModel(vector.model, vector.parameters.base()), evaluateModel(callbacks.model, callbacks.parameters.base()));
    const aml = load("models/aml-myeloid-panel/model.yaml");
    const amlVector = aml();
    const amlCallbacks = callbackForm(aml);
    for (const subgroup of ["True favourable", "True adverse"]) {
      const params = { ...amlVector.parameters.base(), ...(subgroup === "True favourable" ? { pFav: 1, pInt: 0, pAdv: 0 } : { pFav: 0, pInt: 0, pAdv: 1 }) };
      expectSameResults(evaluateModel(amlVector.model, params), evaluateModel(amlCallbacks.model, params));
    }
  });

  it("the Markov model's base-case run (trace and per-row values) and transition matrices are the same in both forms", () => {
    const hiv = load("models/hiv-briggs-2006/model.yaml");
    const vector = hiv();
    const callbacks = callbackForm(hiv);
    const run = (project: ModelProject) => (project.model as unknown as { run(p: unknown): unknown }).run(project.parameters.base());
    expect(run(vector)).toEqual(run(callbacks));
    // The engine's matrices of a cycle (every tunnel position) are the same too.
    type WithMatrix = { transitionMatrix(p: unknown, strategy: string, cycle: number): unknown };
    for (const strategy of ["Monotherapy", "Combination"]) {
      for (const cycle of [1, 2, 3, 20]) expect((vector.model as unknown as WithMatrix).transitionMatrix(vector.parameters.base(), strategy, cycle)).toEqual((callbacks.model as unknown as WithMatrix).transitionMatrix(callbacks.parameters.base(), strategy, cycle));
    }
  });
});

describe("a tree entering a time-dependent Markov model at several times", () => {
  // Ages and times differ by entry time (the engine's grid per entry time); the tunnel adds state time.
  const text = `metadata: { title: entry times, currency: SEK }
parameters:
  pSick: { value: 0.1, distribution: { kind: beta, mean: 0.1, sd: 0.02 } }
  pLate: { value: 0.4, distribution: { kind: beta, mean: 0.4, sd: 0.05 } }
  delay: { value: 2.5, distribution: { kind: gamma, mean: 2.5, sd: 0.5 } }
strategies:
  Wait: { variables: { treated: 0 } }
  Treat: { variables: { treated: 1 } }
models:
  cohort:
    type: markov
    states: [Well, { name: Sick, tunnel: 3 }, Dead]
    outcomes: { cost: cost, qaly: effect }
    cycles: 12
    startAge: 60
    start: { Well: 1 }
    variables: { background: "min(0.5, 0.0005 * (age - 40) ^ 1.5)" }
    transitions:
      Well: { Sick: "treated == 1 ? pSick / 2 : pSick", Dead: background, Well: complement }
      Sick: { Dead: "background + 0.05 * state_time", Well: "time < 4 ? 0.1 : 0", Sick: complement }
      Dead: { Dead: 1 }
    values:
      cost: { Well: "100 * treated", Sick: "state_time == 0 ? 5000 : 1000 + 10 * cycle" }
      qaly: { Well: "age < 66 ? 1 : 0.9", Sick: 0.6 }
model:
  type: decision-tree
  root:
    decision:
      Wait: { terminal: { model: cohort } }
      Treat:
        next:
          chance:
            - { label: Early, probability: 1 - pLate, next: { terminal: { model: cohort } } }
            - { label: Late, probability: complement, next: { terminal: { model: cohort, startTime: delay } } }
`;

  it("gives the callback form's results bit for bit, in the base case and a PSA whose entry time is drawn", () => {
    const vector = compileModelFile(text, { fileName: "entry.yaml" });
    const callbacks = callbackForm(() => compileModelFile(text, { fileName: "entry.yaml" }));
    expectSameResults(evaluateModel(vector.model, vector.parameters.base()), evaluateModel(callbacks.model, callbacks.parameters.base()));
    expectSameBuffer(runPsaSync(vector.model, vector.parameters, { samples: 40, seed: "entry" }).buffer, runPsaSync(callbacks.model, callbacks.parameters, { samples: 40, seed: "entry" }).buffer);
  });
});

/** A scope and compiled cells over parameters p1, p2 and strategy variable `on` (A: 0, B: 1). */
function setUp(variables: Record<string, string> = {}) {
  const base: Env = { names: ["p1", "p2"], getters: new Map(), functions: MODEL_FILE_FUNCTIONS };
  const issues: Issue[] = [];
  const strategyVariables = new Map([
    ["A", new Map<string, Getter>([["on", () => 0]])],
    ["B", new Map<string, Getter>([["on", () => 1]])],
  ]);
  const scope = modelScope(variables, ["A", "B"], strategyVariables, base, [], issues);
  const cell = (source: string) => ({ getter: compileValue(source, scope.env, [], issues) as Getter, source });
  return { scope, cell, issues };
}

const grid = (cycles: number, startAge?: number) =>
  new EngineCycleGrid({ cycles, cycleLength: 1, startAge, states: ["Well", "Sick", "Dead"], stateIndex: new Map([["Well", 0], ["Sick", 1], ["Dead", 2]]), tunnel: Int32Array.from([1, 3, 1]) }, 0);

describe("arrayForms(transitions, values, tunnels, scope, hasStartAge)", () => {
  const tunnels = new Map([["Sick", 3]]);
  const params = { p1: 0.1, p2: 0.2 };

  it("gives each entry the shape of what it reads: byCycle, byStateTime (tunnel states only), both, or a number", () => {
    const { scope, cell, issues } = setUp({ late: "cycle > 2 ? p1 : p2" });
    const rows: CellRows = [
      ["Well", [["Sick", cell("late")], ["Dead", cell("0.01 * state_time + p1")], ["Well", complement]]],
      ["Sick", [["Dead", cell("0.1 * state_time + 0.01 * cycle")], ["Well", cell("state_time == 1 ? p2 : 0")], ["Sick", complement]]],
      ["Dead", [["Dead", 1]]],
    ];
    const forms = arrayForms(rows, [], tunnels, scope, false);
    expect(issues).toEqual([]);
    expect(forms.valueArrays).toBeUndefined();
    const out = forms.transitionArrays!(params, grid(4), "A") as Record<string, Record<string, unknown>>;
    expect(Object.keys(out.Well!)).toEqual(["Sick", "Dead", "Well"]);
    expect(out.Well!.Well).toBe(complement);
    expect([(out.Well!.Sick as TimeArray).by, Array.from((out.Well!.Sick as TimeArray).values)]).toEqual(["cycle", [0.2, 0.2, 0.1, 0.1]]);
    // Well is no tunnel: its time in state is always 0, so the entry is a number.
    expect(out.Well!.Dead).toBe(0.1);
    const both = out.Sick!.Dead as TimeArray;
    expect(both.by).toBe("cycleAndStateTime");
    // Cycle-major: (cycle − 1) · 3 + state time.
    expect(Array.from(both.values).map((x) => Math.round(x * 100) / 100)).toEqual([0.01, 0.11, 0.21, 0.02, 0.12, 0.22, 0.03, 0.13, 0.23, 0.04, 0.14, 0.24]);
    expect([(out.Sick!.Well as TimeArray).by, Array.from((out.Sick!.Well as TimeArray).values)]).toEqual(["stateTime", [0, 0.2, 0]]);
    expect(out.Dead!.Dead).toBe(1);
  });

  it("an entry that reads no time for this strategy (a branch not taken) is a number, as the callback form would see", () => {
    const { scope, cell } = setUp();
    const rows: CellRows = [["Well", [["Dead", cell("on == 1 and cycle <= 2 ? p1 : p2")], ["Well", complement]]], ["Sick", [["Sick", 1]]], ["Dead", [["Dead", 1]]]];
    const forms = arrayForms(rows, [], tunnels, scope, false);
    expect((forms.transitionArrays!(params, grid(3), "A") as Record<string, Record<string, unknown>>).Well!.Dead).toBe(0.2);
    const b = (forms.transitionArrays!(params, grid(3), "B") as Record<string, Record<string, unknown>>).Well!.Dead as TimeArray;
    expect([b.by, Array.from(b.values)]).toEqual(["cycle", [0.1, 0.1, 0.2]]);
  });

  it("values: byCycle over the trace rows 0 … N, byStateTime in a tunnel state; a table that reads no time keeps the callback form", () => {
    const { scope, cell } = setUp();
    const values: CellRows = [["cost", [["Well", cell("100 * cycle")], ["Sick", cell("state_time == 0 ? 1000 : 10")], ["Dead", 0]]]];
    const forms = arrayForms([["Well", [["Well", 1]]]], values, tunnels, scope, true);
    expect(forms.transitionArrays).toBeUndefined();
    const out = forms.valueArrays!(params, grid(2), "A") as Record<string, Record<string, unknown>>;
    expect([(out.cost!.Well as TimeArray).by, Array.from((out.cost!.Well as TimeArray).values)]).toEqual(["cycle", [0, 100, 200]]);
    expect([(out.cost!.Sick as TimeArray).by, Array.from((out.cost!.Sick as TimeArray).values)]).toEqual(["stateTime", [1000, 10, 10]]);
    expect(out.cost!.Dead).toBe(0);
    expect(arrayForms([["Well", [["Well", cell("p1 + p2")]]]], [["cost", [["Well", cell("p1")]]]], tunnels, scope, true)).toEqual({});
  });

  it("an array is refilled when a number it reads or the grid changes, and kept when neither does (strategies sharing a cell)", () => {
    const { scope, cell } = setUp();
    const rows: CellRows = [["Well", [["Dead", cell("on == 1 ? p1 * cycle : p1")], ["Sick", cell("p2 * cycle / 10")], ["Well", complement]]], ["Sick", [["Sick", 1]]], ["Dead", [["Dead", 1]]]];
    const forms = arrayForms(rows, [], tunnels, scope, false);
    const three = grid(3);
    const read = (p: typeof params, g: EngineCycleGrid, strategy: string): number[][] => {
      const well = (forms.transitionArrays!(p, g, strategy) as Record<string, Record<string, unknown>>).Well!;
      return [well.Dead, well.Sick].map((entry) => (typeof entry === "number" ? [entry] : Array.from((entry as TimeArray).values)));
    };
    expect(read(params, three, "B")).toEqual([[0.1, 0.2, 0.1 * 3], [0.02, 0.04, 0.2 * 3 / 10]]);
    // Strategy A reads another value of `on`: its Dead entry is a number, Sick's array is the same numbers (kept).
    expect(read(params, three, "A")).toEqual([[0.1], [0.02, 0.04, 0.2 * 3 / 10]]);
    expect(read({ p1: 0.1, p2: 0.3 }, three, "B")).toEqual([[0.1, 0.2, 0.1 * 3], [0.3 / 10, 0.3 * 2 / 10, 0.3 * 3 / 10]]);
    expect(read({ p1: 0.05, p2: 0.3 }, three, "B")).toEqual([[0.05, 0.1, 0.05 * 3], [0.3 / 10, 0.3 * 2 / 10, 0.3 * 3 / 10]]);
    // Another grid of the same length (another model or entry time) is filled again.
    expect(read({ p1: 0.05, p2: 0.3 }, grid(3), "B")).toEqual([[0.05, 0.1, 0.05 * 3], [0.3 / 10, 0.3 * 2 / 10, 0.3 * 3 / 10]]);
  });

  it("ages come from the grid (startAge + time); a model that reads the age without a startAge keeps the callback form", () => {
    const { scope, cell } = setUp({ old: "age > 61 ? 1 : 0" });
    const rows: CellRows = [["Well", [["Dead", cell("0.1 * old")], ["Well", complement]]]];
    const forms = arrayForms(rows, [], tunnels, scope, true);
    const dead = (forms.transitionArrays!(params, grid(3, 60), "A") as Record<string, Record<string, unknown>>).Well!.Dead as TimeArray;
    expect(Array.from(dead.values)).toEqual([0, 0, 0.1]);
    expect(arrayForms(rows, [], tunnels, scope, false)).toEqual({});
  });
});

/** A small Markov model file with a tunnel, strategy variables and time-dependent expressions. */
function modelText(spec: { cycles: number; tunnel: number; startAge: boolean; late: string; sick: string; sickDeath: string; costWell: string; qalySick: string; transitionCost: string }): string {
  return `metadata: { title: property, currency: SEK }
parameters:
  p1: { value: 0.05, distribution: { kind: beta, mean: 0.05, sd: 0.01 } }
  p2: { value: 0.12, distribution: { kind: beta, mean: 0.12, sd: 0.02 } }
  c1: { value: 500, distribution: { kind: gamma, mean: 500, sd: 50 } }
strategies:
  A: { variables: { on: 0 } }
  B: { variables: { on: 1 } }
model:
  type: markov
  states: [Well, { name: Sick, tunnel: ${spec.tunnel} }, Dead]
  outcomes: { cost: cost, qaly: effect }
  cycles: ${spec.cycles}
${spec.startAge ? "  startAge: 58\n" : ""}  start: { Well: 1 }
  cycleCorrection: half-cycle
  variables:
    late: "${spec.late}"
  transitions:
    Well: { Sick: "${spec.sick}", Dead: "0.01 + 0.5 * late", Well: complement }
    Sick: { Dead: "${spec.sickDeath}", Well: 0.05, Sick: complement }
    Dead: { Dead: 1 }
  values:
    cost: { Well: "${spec.costWell}", Sick: c1 }
    qaly: { Well: 1, Sick: "${spec.qalySick}" }
  transitionValues:
    cost: { Well: { Sick: "${spec.transitionCost}" } }
`;
}

describe("property: random time-dependent model files give the same results in both forms", () => {
  // Each expression stays in [0, 0.3] so every row is valid whatever the draw.
  const probability = fc.constantFrom("p1", "p1 * (1 + 0.01 * cycle)", "on == 1 and cycle <= 3 ? p1 : p2", "state_time < 2 ? p1 : p2", "0.02 * heemod_state_time", "darth_cycle > 1 ? p2 : p1", "late", "on == 1 ? late : p1", "min(0.3, p1 * (1 + time / 10))");
  const aged = fc.constantFrom("p1", "min(0.3, 0.002 * (age - 50))", "age > 60 and state_time > 0 ? p2 : p1");
  const value = fc.constantFrom("100", "c1 * 0.1 * cycle", "state_time == 0 ? c1 : 10", "on == 1 ? 5 * model_time : 3", "c1");
  it("compileModelFile(file) evaluates as callbackForm(compileModelFile(file)), bit for bit", () => {
    fc.assert(
      fc.property(
        fc.record({ cycles: fc.integer({ min: 1, max: 12 }), tunnel: fc.integer({ min: 1, max: 5 }), startAge: fc.boolean(), late: fc.constantFrom("cycle > 2 ? 0.1 : 0", "0", "on * 0.01 * state_time", "0.001 * cycle"), sick: probability, sickDeath: fc.oneof(probability, aged), costWell: value, qalySick: fc.constantFrom("0.7", "state_time < 1 ? 0.5 : 0.7", "0.7 - 0.01 * cycle"), transitionCost: value }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        (spec, p1) => {
          const text = modelText({ ...spec, sickDeath: spec.startAge ? spec.sickDeath : spec.sickDeath.includes("age") ? "p2" : spec.sickDeath });
          const vector = compileModelFile(text, { fileName: "property.yaml" });
          const callbacks = callbackForm(() => compileModelFile(text, { fileName: "property.yaml" }));
          const params = { ...vector.parameters.base(), p1 };
          expectSameResults(evaluateModel(vector.model, params), evaluateModel(callbacks.model, params));
          // Other numbers, then the first again: arrays kept from one call to the next must follow the parameters.
          const other = { ...params, p1: p1 / 2, p2: 0.15 };
          expectSameResults(evaluateModel(vector.model, other), evaluateModel(callbacks.model, other));
          expectSameResults(evaluateModel(vector.model, params), evaluateModel(callbacks.model, params));
        },
      ),
      { numRuns: 120, seed: 20261207 },
    );
  });
});

describe("errors in the vector form name what the callback form names", () => {
  const issueOf = (build: () => ModelProject): Issue => {
    try {
      const project = build();
      evaluateModel(project.model, project.parameters.base());
    } catch (error) {
      if (error instanceof QalyError) return error.issues[0]!;
      throw error;
    }
    throw new Error("no error");
  };
  const text = (sick: string, sickDeath: string) => modelText({ cycles: 6, tunnel: 4, startAge: true, late: "0", sick, sickDeath, costWell: "1", qalySick: "0.7", transitionCost: "0" });

  it.each([
    ["a probability above 1 from cycle 3 on", "cycle >= 3 ? 1.5 : p1", "p2", ["strategies", "A", "cycle", 3, "from", "Well", "to", "Sick"]],
    ["a probability above 1 at state time 2 (read in the first cycle)", "p1", "state_time == 2 ? 1.5 : p2", ["strategies", "A", "cycle", 1, "from", "Sick", "stateTime", 2, "to", "Dead"]],
    ["a negative probability in cycle 4", "cycle == 4 ? -0.5 : p1", "p2", ["strategies", "A", "cycle", 4, "from", "Well", "to", "Sick"]],
  ])("%s: the same code and path (strategy, cycle, from, state time, to) in both forms", (_, sick, sickDeath, path) => {
    const vector = issueOf(() => compileModelFile(text(sick, sickDeath), { fileName: "errors.yaml" }));
    const callbacks = issueOf(() => callbackForm(() => compileModelFile(text(sick, sickDeath), { fileName: "errors.yaml" })));
    expect(vector.code).toBe(callbacks.code);
    expect(vector.path).toEqual(callbacks.path);
    expect(vector.path).toEqual(path);
    expect(vector.message).toContain(`cycle ${path[3]}`);
  });
});
