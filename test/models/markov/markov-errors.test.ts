// Run-time and definition checks: every error names strategy, cycle, from/to state and the PSA draw.
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { thrown } from "../../helpers/thrown.js";

type Params = { pSick: number; pDie: number };

function model(rows?: (p: Params) => Record<string, Record<string, number | typeof complement>>, extra: Record<string, unknown> = {}) {
  return markovCohort({
    states: ["Well", "Sick", "Dead"],
    strategies: ["Standard care", "New drug"],
    outcomes: { cost: "cost" },
    cycles: 5,
    start: { Well: 1 },
    transitions: (p: Params, time, strategy) =>
      (rows?.(p) ?? {
        Well: { Sick: strategy === "New drug" && time.cycle >= 3 ? p.pSick * 4 : p.pSick, Dead: p.pDie, Well: complement },
        Sick: { Dead: 0.2, Sick: complement },
        Dead: { Dead: 1 },
      }) as never,
    values: () => ({ cost: { Sick: 100 } }),
    ...extra,
  });
}

describe("markovCohort: run-time checks", () => {
  it("evaluateInto reports probability_out_of_range with strategy, cycle, from, to and PSA draw", () => {
    const error = thrown(() => evaluateModel(model(), { pSick: 0.3, pDie: 0.01 }, { draw: 412 }));
    expect(error.code).toBe("probability_out_of_range");
    expect(error.path).toEqual(["draw", 412, "strategies", "New drug", "cycle", 3, "from", "Well", "to", "Sick"]);
    expect(error.issues[0]!.received).toBeCloseTo(1.2, 12);
    expect(error.message).toMatchInlineSnapshot(`"draw[412].strategies["New drug"].cycle[3].from.Well.to.Sick: probability from "Well" to "Sick" must be in [0, 1] (received 1.2) (strategy "New drug", cycle 3, PSA draw 412)"`);
  });

  it("evaluateInto reports negative_complement when the other probabilities exceed 1", () => {
    const error = thrown(() => evaluateModel(model(), { pSick: 0.7, pDie: 0.4 }));
    expect(error.code).toBe("negative_complement");
    expect(error.path).toEqual(["strategies", "Standard care", "cycle", 1, "from", "Well", "to", "Well"]);
  });

  it("evaluateInto reports row_sum_not_one beyond the tolerance and accepts it within a configured tolerance", () => {
    const rows = (p: Params) => ({ Well: { Well: 0.9, Sick: p.pSick }, Sick: { Sick: 1 }, Dead: { Dead: 1 } });
    const error = thrown(() => evaluateModel(model(rows), { pSick: 0.1 + 1e-6, pDie: 0 }));
    expect(error.code).toBe("row_sum_not_one");
    expect(error.path).toEqual(["strategies", "Standard care", "cycle", 1, "from", "Well"]);
    expect(() => evaluateModel(model(rows, { tolerance: 1e-5 }), { pSick: 0.1 + 1e-6, pDie: 0 })).not.toThrow();
  });

  it("evaluateInto reports non_finite_value for NaN and Infinity probabilities", () => {
    const error = thrown(() => evaluateModel(model(), { pSick: Number.NaN, pDie: 0.01 }, { draw: 7 }));
    expect(error.code).toBe("non_finite_value");
    expect(error.path).toEqual(["draw", 7, "strategies", "Standard care", "cycle", 1, "from", "Well", "to", "Sick"]);
    const values = markovCohort({
      states: ["A"], strategies: ["s"], outcomes: { qaly: "effect" }, cycles: 2, start: { A: 1 },
      transitions: () => ({ A: { A: 1 } }),
      values: (_p, time) => ({ qaly: { A: time.cycle === 2 ? Infinity : 1 } }),
    });
    const valueError = thrown(() => evaluateModel(values, {}));
    expect(valueError.code).toBe("non_finite_value");
    expect(valueError.path).toEqual(["strategies", "s", "row", 2, "values", "qaly", "A"]);
  });

  it("evaluateInto reports unknown_state, a repeated complement and a missing row", () => {
    const typo = thrown(() => evaluateModel(model(() => ({ Well: { Sik: 0.1, Well: complement }, Sick: { Sick: 1 }, Dead: { Dead: 1 } })), { pSick: 0, pDie: 0 }));
    expect(typo.code).toBe("unknown_state");
    expect(typo.path).toEqual(["strategies", "Standard care", "cycle", 1, "from", "Well", "to", "Sik"]);
    expect(typo.message).toMatch(/did you mean 'Sick'/);
    const twice = thrown(() => evaluateModel(model(() => ({ Well: { Sick: complement, Well: complement }, Sick: { Sick: 1 }, Dead: { Dead: 1 } })), { pSick: 0, pDie: 0 }));
    expect(twice.code).toBe("invalid_model");
    expect(twice.path).toEqual(["strategies", "Standard care", "cycle", 1, "from", "Well", "to", "Well"]);
    const missing = thrown(() => evaluateModel(model(() => ({ Well: { Well: 1 }, Sick: { Sick: 1 } })), { pSick: 0, pDie: 0 }));
    expect(missing.code).toBe("invalid_model");
    expect(missing.path).toEqual(["strategies", "Standard care", "cycle", 1, "from", "Dead"]);
  });

  it("evaluateInto names the time in state of a tunnel row", () => {
    const tunnel = markovCohort({
      states: [{ name: "Post", tunnel: 3 }, "Dead"], strategies: ["s"], outcomes: { cost: "cost" }, cycles: 4, start: { Post: 1 },
      transitions: (_p, time) => ({ Post: { Dead: time.stateTime === 2 ? 1.5 : 0.1, Post: complement }, Dead: { Dead: 1 } }),
    });
    const error = thrown(() => evaluateModel(tunnel, {}));
    expect(error.code).toBe("probability_out_of_range");
    expect(error.path).toEqual(["strategies", "s", "cycle", 1, "from", "Post", "stateTime", 2, "to", "Dead"]);
  });

  it("evaluateInto(time-dependent tunnel rows) names cycle and time in state of a bad row the cohort reaches in a later cycle", () => {
    // Entered at time in state 0, the cohort is at stateTime 2 in cycle 3.
    const tunnel = markovCohort({
      states: [{ name: "Post", tunnel: 5 }, "Dead"], strategies: ["s"], outcomes: { cost: "cost" }, cycles: 4, start: { Post: 1 },
      transitions: (_p, time) => ({ Post: { Dead: time.cycle === 3 && time.stateTime === 2 ? 1.5 : 0.1, Post: complement }, Dead: { Dead: 1 } }),
    });
    const error = thrown(() => evaluateModel(tunnel, {}));
    expect(error.code).toBe("probability_out_of_range");
    expect(error.path).toEqual(["strategies", "s", "cycle", 3, "from", "Post", "stateTime", 2, "to", "Dead"]);
  });

  it("evaluateInto(time-dependent tunnel rows) from cycle 2 on evaluates only positions holding mass: a row the cohort never occupies is not read", () => {
    // In cycle 3 the cohort is at stateTime 2 only; the row at stateTime 4 then never enters the results.
    const rows = (bad: boolean) => (_p: unknown, time: { cycle: number; stateTime: number }) => ({ Post: { Dead: bad && time.cycle === 3 && time.stateTime === 4 ? 1.5 : 0.1 + 0.01 * time.stateTime, Post: complement }, Dead: { Dead: 1 } });
    const build = (bad: boolean) => markovCohort({ states: [{ name: "Post", tunnel: 5 }, "Dead"], strategies: ["s"], outcomes: { lifeYears: "effect" }, cycles: 4, start: { Post: 1 }, transitions: rows(bad), values: () => ({ lifeYears: { Post: 1 } }) });
    expect(evaluateModel(build(true), {})).toEqual(evaluateModel(build(false), {}));
  });

  it("evaluateInto reports unknown_outcome, a bad start override, age without startAge and a short output buffer", () => {
    const outcomeTypo = markovCohort({ states: ["A"], strategies: ["s"], outcomes: { qaly: "effect" }, cycles: 1, start: { A: 1 }, transitions: () => ({ A: { A: 1 } }), values: () => ({ qualy: { A: 1 } }) as never });
    expect(thrown(() => evaluateModel(outcomeTypo, {})).code).toBe("unknown_outcome");
    const start = thrown(() => evaluateModel(model(), { pSick: 0.1, pDie: 0.01 }, { start: { Well: 0.5 } }));
    expect(start.code).toBe("invalid_model");
    expect(start.path).toEqual(["strategies", "Standard care", "start"]);
    const ageless = markovCohort({ states: ["A"], strategies: ["s"], outcomes: { qaly: "effect" }, cycles: 1, start: { A: 1 }, transitions: (_p, time) => ({ A: { A: time.age > 0 ? 1 : 1 } }) });
    expect(thrown(() => evaluateModel(ageless, {})).path).toEqual(["startAge"]);
    const short = thrown(() => model().evaluateInto({ pSick: 0.1, pDie: 0.01 }, new Float64Array(1)));
    expect(short.code).toBe("dimension_mismatch");
  });
});

describe("markovCohort: definition checks", () => {
  it("markovCohort(definition) collects every definition issue before throwing", () => {
    const error = thrown(() =>
      markovCohort({
        states: ["A", "A", { name: "T", tunnel: 0 }],
        strategies: ["s"],
        outcomes: { cost: "bogus" as "cost" },
        cycleLength: -1,
        cycles: 1.5,
        start: { B: 1 } as never,
        transitions: () => ({}) as never,
      }),
    );
    expect(error.issues.map((issue) => issue.code)).toEqual(["invalid_model", "invalid_model", "invalid_model", "invalid_model", "invalid_model", "unknown_state"]);
    expect(error.issues.map((issue) => issue.path)).toEqual([["states", 1], ["states", 2, "tunnel"], ["cycleLength"], ["cycles"], ["outcomes", "cost"], ["strategies", "s", "start", "B"]]);
  });

  it("markovCohort rejects a cycle discount timing with an integration rule, and a horizon that is not whole cycles", () => {
    const base = { states: ["A"], strategies: ["s"], outcomes: { cost: "cost" }, start: { A: 1 }, transitions: () => ({ A: { A: 1 } }) } as const;
    expect(thrown(() => markovCohort({ ...base, cycles: 3, cycleCorrection: "simpson", discountTiming: "cycle-end" })).path).toEqual(["discountTiming"]);
    expect(thrown(() => markovCohort({ ...base, horizon: 2.5, cycleLength: 1 })).path).toEqual(["horizon"]);
  });

  it("transitionValues that give a tunnel state's moves a value by time.stateTime: invalid_model naming the move (one value per move and cycle stands for every position)", () => {
    // Found by test/files/build-markov-oracle.test.ts: the value was read at stateTime 0 and booked on
    // the deaths from every position, so a cost of dying after 1+ cycles sick came out 0.
    const tunnelled = (value: (stateTime: number) => number) =>
      markovCohort({
        states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"],
        strategies: ["s"],
        outcomes: { cost: "cost" },
        cycles: 3,
        start: { Sick: 0.5, Well: 0.5 },
        cycleCorrection: "none-end",
        discountRate: { cost: 0, effect: 0 },
        transitions: () => ({ Well: { Dead: 0.5, Well: complement }, Sick: { Dead: 0.5, Sick: complement }, Dead: { Dead: 1 } }),
        transitionValues: (_p, time) => ({ cost: { Sick: { Dead: value(time.stateTime) }, Well: { Dead: time.stateTime === 0 ? 10 : 99 } } }),
      });
    const error = thrown(() => evaluateModel(tunnelled((k) => (k === 0 ? 0 : 1000)), {}));
    expect(error.code).toBe("invalid_model");
    expect(error.path).toEqual(["strategies", "s", "cycle", 1, "transitionValues", "cost", "Sick", "Dead"]);
    expect(error.message).toContain('a transition value out of a tunnel state cannot depend on the time in state (stateTime)');
    expect(error.message).toContain('worth 0 at stateTime 0 and 1000 at stateTime 1');
    // Read but the same at every position, and read out of an ordinary state (always 0 there): kept.
    // Deaths per cycle 0.25, 0.125, 0.0625 out of each of Sick and Well.
    expect(evaluateModel(tunnelled((k) => Math.min(k, 0) + 100), {}).s.cost).toBeCloseTo(0.4375 * 100 + 0.4375 * 10, 10);
  });
});
