// The microsimulation engine: exact results of deterministic models (attributes, age, time in
// state, history counters, one-off values, start time), typed errors with paths, and invariants on
// random models (fast-check): occupancy sums to the number of individuals, same seed → identical
// bits, chunk size changes nothing, identical strategies get identical results (common random numbers).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { categorical, complement, evaluateModel, markovCohort, normal, runPsaSync, uniform } from "../../../src/index.js";
import { microsimulation, type MicrosimCell } from "../../../src/qaly-microsimulation.js";
import type { ParameterDraws } from "../../../src/parameters/parameter-draws.js";
import { thrown } from "../../helpers/thrown.js";

type P = Readonly<Record<string, number>>;
const base = { strategies: ["Only"], outcomes: { lifeYears: "effect" }, cycleCorrection: "every-row", discountRate: { cost: 0, effect: 0 } } as const;

describe("microsimulation: deterministic models give exact results", () => {
  it("age is the age attribute at entry plus the time; a transition that reads it fires at the right cycle", () => {
    // Half aged 60, half 61 at entry; death when the age at the start of the cycle reaches 62.
    const model = microsimulation({
      ...base,
      states: ["Well", "Dead"],
      individuals: 1000,
      cycles: 4,
      start: { Well: 1 },
      attributes: { age: categorical({ values: [60, 61], probabilities: [0.5, 0.5] }) },
      transitions: { Well: { Dead: (_p: P, who) => (who.age >= 62 ? 1 : 0), Well: complement }, Dead: { Dead: 1 } },
      values: { lifeYears: { Well: 1 } },
    });
    const run = model.run({});
    const trace = run.strategies.Only.trace;
    const aged60 = trace[2]!.Well;
    expect(aged60).toBeGreaterThan(400);
    expect(aged60).toBeLessThan(600);
    expect(trace[1]!.Well).toBe(1000);
    expect(trace[3]!.Well).toBe(0);
    // Rows 0 and 1 for everyone, row 2 for those aged 60 at entry.
    expect(run.strategies.Only.mean.lifeYears).toBeCloseTo((2000 + aged60) / 1000, 12);
    // The SE is that of a two-point variable: sd = √(q(1−q)·n/(n−1)).
    const q = aged60 / 1000;
    expect(run.strategies.Only.mcse.lifeYears).toBeCloseTo(Math.sqrt((q * (1 - q) * 1000) / 999 / 1000), 12);
  });

  it("stateTime counts the cycles already spent in the state; history counters count consecutive, total and ever", () => {
    // A → B → A → B … deterministically; values read the counters.
    const model = microsimulation({
      ...base,
      states: ["A", "B", "C"],
      outcomes: { inA: "effect", total: "effect", ever: "effect", run: "effect" },
      individuals: 2,
      cycles: 4,
      start: { A: 1 },
      history: { timeInB: { states: ["B"], count: "total" }, beenB: { states: ["B"], count: "ever" }, inAB: { states: ["A", "B"], count: "consecutive" } },
      transitions: { A: { B: 1 }, B: { A: 1 }, C: { C: 1 } },
      values: {
        inA: { A: (_p: P, who) => who.stateTime + 10 },
        total: { A: (_p: P, who) => who.timeInB },
        ever: { A: (_p: P, who) => who.beenB, B: (_p: P, who) => who.beenB },
        run: { A: (_p: P, who) => who.inAB, B: (_p: P, who) => who.inAB },
      },
    });
    const result = evaluateModel(model, {}).Only;
    expect(result.inA).toBe(30); // rows 0, 2, 4 in A, each just entered
    expect(result.total).toBe(0 + 1 + 2); // B rows before rows 0, 2, 4
    expect(result.ever).toBe(0 + 1 + 1 + 1 + 1); // ever includes the current row
    expect(result.run).toBe(0 + 1 + 2 + 3 + 4); // consecutive rows in {A, B} before each row
    expect(result.inAMcse).toBe(0);
  });

  it("a tunnel of stateTime matches the Markov cohort's tunnel state (exactly: the moves are certain)", () => {
    const model = microsimulation({
      ...base,
      states: ["Sick", "Well"],
      individuals: 3,
      cycles: 6,
      start: { Sick: 1 },
      transitions: { Sick: { Well: (_p: P, who) => (who.stateTime >= 2 ? 1 : 0), Sick: complement }, Well: { Well: 1 } },
      values: { lifeYears: { Sick: 1 } },
    });
    // Sick in rows 0, 1, 2 (stateTime 0, 1, 2; leaves in cycle 3).
    expect(evaluateModel(model, {}).Only.lifeYears).toBe(3);
  });

  it("one-off values on moves are discounted at the time of the move; startTime discounts and ages like the cohort engine", () => {
    const definition = {
      states: ["Well", "Dead"],
      strategies: ["Only"],
      outcomes: { cost: "cost" },
      individuals: 2,
      cycles: 3,
      start: { Well: 1 },
      cycleCorrection: "none-end",
      discountRate: { cost: 0.05, effect: 0 },
      transitions: { Well: { Dead: (_p: P, who: { cycle: number }) => (who.cycle === 2 ? 1 : 0), Well: complement }, Dead: { Dead: 1 } },
      transitionValues: { cost: { Well: { Dead: 1000 } } },
      values: { cost: { Well: 100 } },
    } as const;
    const result = evaluateModel(microsimulation(definition), {}).Only;
    // Row 1 alive (100 at t = 1), death in cycle 2 (1000 discounted to t = 2 under "row" timing).
    expect(result.cost).toBeCloseTo(100 / 1.05 + 1000 / 1.05 ** 2, 9);
    expect(result.costUndiscounted).toBe(1100);
    const later = evaluateModel(microsimulation(definition), {}, { startTime: 2 }).Only;
    expect(later.cost).toBeCloseTo(result.cost! / 1.05 ** 2, 9);
    expect(later.costUndiscounted).toBe(1100);
  });

  it("context.start overrides the starting distribution (a decision-tree leaf)", () => {
    const model = microsimulation({ ...base, states: ["Well", "Dead"], individuals: 10, cycles: 1, start: { Well: 1 }, transitions: { Well: { Well: 1 }, Dead: { Dead: 1 } }, values: { lifeYears: { Well: 1 } } });
    expect(evaluateModel(model, {}, { start: { Dead: 1 } }).Only.lifeYears).toBe(0);
    expect(thrown(() => evaluateModel(model, {}, { start: { Wel: 1 } })).code).toBe("unknown_state");
  });
});

describe("microsimulation: typed errors with paths", () => {
  const valid = { ...base, states: ["Well", "Dead"], individuals: 10, cycles: 2, start: { Well: 1 }, values: { lifeYears: { Well: 1 } } } as const;

  it("reports every definition problem at once, with the closest state name", () => {
    const error = thrown(() =>
      microsimulation({
        ...valid,
        individuals: 1,
        attributes: { x: { mean: 1 } as never, cycle: normal({ mean: 0, sd: 1 }) },
        history: { h: { states: ["Sick"], count: "often" as never } },
        transitions: { Well: { Ded: 0.1, Well: complement } as never, Dead: { Dead: 1.5 } },
      }),
    );
    const where = error.issues.map((issue) => `${issue.code} ${issue.path.join(".")}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "invalid_model individuals",
        "invalid_model attributes.x",
        "invalid_model attributes.cycle",
        "unknown_state history.h.states.0",
        "invalid_model history.h.count",
        "unknown_state transitions.Well.Ded",
        "probability_out_of_range transitions.Dead.Dead",
      ]),
    );
    expect(error.issues.find((issue) => issue.path.join(".") === "transitions.Well.Ded")!.message).toContain("did you mean 'Dead'?");
  });

  it("a constant row that does not sum to 1 fails at evaluation, naming strategy, cycle and row", () => {
    const model = microsimulation({ ...valid, transitions: { Well: { Well: 0.5, Dead: (p: P) => p.pDie! }, Dead: { Dead: 1 } } });
    const error = thrown(() => evaluateModel(model, { pDie: 0.3 }, { draw: 4 }));
    expect(error.code).toBe("row_sum_not_one");
    expect(error.path).toEqual(["draw", 4, "strategies", "Only", "cycle", 1, "transitions", "Well"]);
  });

  it("an individual's probability out of range fails naming the individual; a negative complement too", () => {
    const model = microsimulation({ ...valid, attributes: { x: uniform({ min: 0, max: 2 }) }, transitions: { Well: { Dead: (_p: P, who) => who.x, Well: complement }, Dead: { Dead: 1 } } });
    const error = thrown(() => evaluateModel(model, {}));
    expect(["probability_out_of_range", "negative_complement"]).toContain(error.code);
    expect(error.path.slice(0, 5)).toEqual(["strategies", "Only", "cycle", 1, "individual"]);
  });

  it("a non-finite value fails with its cell's path; an attribute function that returns no distribution fails at attributes.<name>", () => {
    const model = microsimulation({ ...valid, transitions: { Well: { Well: 1 }, Dead: { Dead: 1 } }, values: { lifeYears: { Well: (p: P) => p.missing! } } });
    expect(thrown(() => evaluateModel(model, {})).path).toEqual(["strategies", "Only", "cycle", 0, "values", "lifeYears", "Well"]);
    const bad = microsimulation({ ...valid, attributes: { x: () => 3 as never }, transitions: { Well: { Well: 1 }, Dead: { Dead: 1 } } });
    expect(thrown(() => evaluateModel(bad, {})).path).toEqual(["attributes", "x"]);
  });
});

/** A random 3-state model whose rows may read the time, an attribute and a history counter. */
const caseArbitrary = fc.record({
  p: fc.array(fc.double({ min: 0.01, max: 0.45, noNaN: true }), { minLength: 4, maxLength: 4 }),
  reads: fc.constantFrom("nothing", "time", "attribute", "history"),
  individuals: fc.integer({ min: 2, max: 300 }),
  cycles: fc.integer({ min: 1, max: 12 }),
  chunk: fc.integer({ min: 1, max: 64 }),
  seed: fc.integer(),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function randomModel(c: Case, options: { chunkSize?: number; strategies?: readonly string[] } = {}) {
  const modifier: MicrosimCell<P, string, "x" | "sick"> = (_p, who) => (c.reads === "time" ? 1 + 0.05 * who.cycle : c.reads === "attribute" ? who.x : c.reads === "history" ? 1 + 0.1 * Math.min(who.sick, 5) : 1);
  const scaled = (q: number) => (p: P, who: Parameters<Exclude<typeof modifier, number>>[1], g: string) => Math.min(0.5, q * (modifier as (a: P, b: typeof who, s: string) => number)(p, who, g));
  return microsimulation({
    states: ["A", "B", "Dead"],
    strategies: options.strategies ?? ["One", "Two"],
    outcomes: { cost: "cost", qaly: "effect" },
    individuals: c.individuals,
    cycles: c.cycles,
    seed: c.seed,
    chunkSize: options.chunkSize ?? c.chunk,
    start: { A: 0.7, B: 0.3 },
    attributes: { x: uniform({ min: 0.5, max: 1.5 }) },
    history: { sick: { states: ["B"], count: "total" } },
    transitions: { A: { B: scaled(c.p[0]!), Dead: c.p[1]!, A: complement }, B: { A: c.p[2]!, Dead: scaled(c.p[3]!), B: complement }, Dead: { Dead: 1 } },
    values: { cost: { A: 100, B: (_p: P, who, g) => (g === "Two" ? 300 : 200) * who.x }, qaly: { A: 1, B: 0.6 } },
  });
}

describe("microsimulation: invariants (fast-check)", () => {
  it("every trace row counts every individual, in every strategy", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const run = randomModel(c).run({});
        for (const strategy of ["One", "Two"] as const) for (const row of run.strategies[strategy]!.trace) expect(row.A + row.B + row.Dead).toBe(c.individuals);
      }),
      { numRuns: 40 },
    );
  });

  it("the same seed gives bit-identical outputs, and the chunk size changes no bit", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const out = (chunkSize?: number) => {
          const model = randomModel(c, chunkSize === undefined ? {} : { chunkSize });
          const buffer = new Float64Array(model.strategies.length * model.outcomes.length);
          model.evaluateInto({}, buffer, { draw: 3 });
          return Array.from(buffer);
        };
        const first = out();
        expect(out()).toEqual(first);
        expect(out(1)).toEqual(first);
        expect(out(c.individuals)).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });

  it("identical strategies get identical results (common random numbers), so their difference has SE 0", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const run = randomModel(c, { strategies: ["One", "Same"] }).run({});
        expect(run.strategies.Same!.mean).toEqual(run.strategies.One!.mean);
        expect(run.differenceMcse.One!.Same!.qaly).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it("different PSA draws use different individuals", () => {
    const c: Case = { p: [0.2, 0.05, 0.3, 0.1], reads: "attribute", individuals: 50, cycles: 5, chunk: 7, seed: 11 };
    const trace = (draw: number) => randomModel(c).run({}, { draw }).strategies.One!.trace;
    expect(trace(0)).not.toEqual(trace(1));
    expect(trace(1)).toEqual(trace(1));
  });
});

describe("microsimulation: time-dependent rows converge to the Markov cohort", () => {
  it("a probability that rises with the cycle (tabulated once per cycle) matches markovCohort within 4 MCSE", () => {
    const pDie = (cycle: number) => Math.min(1, 0.02 * cycle);
    const shared = { states: ["Well", "Dead"], strategies: ["Only"], outcomes: { qaly: "effect" }, cycles: 20, start: { Well: 1 }, discountRate: { cost: 0.03, effect: 0.03 } } as const;
    const micro = evaluateModel(microsimulation({ ...shared, individuals: 20_000, transitions: { Well: { Dead: (_p: P, who) => pDie(who.cycle), Well: complement }, Dead: { Dead: 1 } }, values: { qaly: { Well: 0.8 } } }), {}).Only;
    const cohort = evaluateModel(markovCohort({ ...shared, transitions: (_p, t) => ({ Well: { Dead: pDie(t.cycle), Well: complement }, Dead: { Dead: 1 } }), values: () => ({ qaly: { Well: 0.8 } }) }), {}).Only;
    expect(Math.abs(micro.qaly! - cohort.qaly!)).toBeLessThan(4 * micro.qalyMcse!);
  });
});

describe("microsimulation: the model contract", () => {
  it("runPsaSync runs it unchanged: every output and its MCSE per draw, reproducible", () => {
    const draws: ParameterDraws = { names: ["pDie"], size: 3, column: () => Float64Array.of(0.1, 0.2, 0.3), row: (i) => ({ pDie: [0.1, 0.2, 0.3][i]! }) };
    const model = microsimulation({ ...base, states: ["Well", "Dead"], individuals: 500, cycles: 5, start: { Well: 1 }, transitions: { Well: { Dead: (p: P) => p.pDie!, Well: complement }, Dead: { Dead: 1 } }, values: { lifeYears: { Well: 1 } } });
    const psa = runPsaSync(model, draws);
    expect(psa.outcomes).toEqual(["lifeYears", "lifeYearsUndiscounted", "lifeYearsMcse", "lifeYearsUndiscountedMcse"]);
    const lifeYears = Array.from(psa.values("lifeYears", "Only"));
    expect(lifeYears[0]).toBeGreaterThan(lifeYears[1]!);
    expect(lifeYears[1]).toBeGreaterThan(lifeYears[2]!);
    expect(Array.from(runPsaSync(model, draws).values("lifeYears", "Only"))).toEqual(lifeYears);
  });
});
