// The vector form of Markov transitions and values (transitionArrays / valueArrays) against the
// callback form. Where both forms compute every probability and value with the same arithmetic,
// the engine sums the same terms in the same order (rows ascending, a row in its key order), so the
// results are compared bit for bit (toEqual / toBe), not within a tolerance.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { byCycle, byCycleAndStateTime, byStateTime, complement, markovCohort } from "../../../src/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { baseParameters, hivBriggs2006 } from "../../../models/hiv-briggs-2006/model.js";
import { thrown } from "../../helpers/thrown.js";
import { darthBase, darthCallback, darthVector } from "./darth-state-residence.js";
import { hivCallback } from "./hiv-callback.js";
import { lehmer } from "../../helpers/lehmer.js";

/**
 * A model whose arrays function returned `good` for two draws (distinct parameters each time, so no
 * kept fill stands in for a call) reports `bad` exactly as a fresh model does, and then reads `good`
 * again as a fresh model reads it.
 */
function expectBadAfterGoodAsFresh(make: (arrays: () => unknown) => Parameters<typeof evaluateModel>[0], good: unknown, bad: unknown): void {
  let current = good;
  const model = make(() => current);
  evaluateModel(model, { k: 1 });
  evaluateModel(model, { k: 2 });
  current = bad;
  const after = thrown(() => evaluateModel(model, { k: 3 }));
  const fresh = thrown(() => evaluateModel(make(() => bad), { k: 3 }));
  expect([after.code, after.path, after.message]).toEqual([fresh.code, fresh.path, fresh.message]);
  current = good;
  expect(evaluateModel(model, { k: 4 })).toEqual(evaluateModel(make(() => good), { k: 4 }));
}

describe("vector form: published models written in both forms", () => {
  it("DARTH's state-residence Sick-Sicker (75-position tunnel, age-dependent mortality): bit-identical totals of the 4 strategies", () => {
    expect(evaluateModel(darthVector, darthBase)).toEqual(evaluateModel(darthCallback, darthBase));
    const other = { ...darthBase, hrB: 0.4, scale: 0.1, g1: 0.09 };
    expect(evaluateModel(darthVector, other)).toEqual(evaluateModel(darthCallback, other));
  });

  it("DARTH: run() (trace, per-row values) and a cohort entering at a later time (tree leaf) are bit-identical too", () => {
    const vector = darthVector.run(darthBase);
    const callback = darthCallback.run(darthBase);
    expect(vector.strategies.AB.trace).toEqual(callback.strategies.AB.trace);
    expect(vector.strategies.B.perCycle).toEqual(callback.strategies.B.perCycle);
    for (const startTime of [0, 10, 3, 0]) {
      expect(evaluateModel(darthVector, darthBase, { startTime })).toEqual(evaluateModel(darthCallback, darthBase, { startTime }));
    }
  });

  it("Briggs HIV (by-cycle relative risk and lamivudine cost): the bundled model (vector form) is bit-identical to the callback form it replaced", () => {
    expect(evaluateModel(hivBriggs2006, baseParameters)).toEqual(evaluateModel(hivCallback, baseParameters));
    for (const changed of [{ treatmentYears: 1, rrCombination: 0.6 }, { treatmentYears: 0 }, { treatmentYears: 25 }, { rrCombination: 1 }]) {
      const params = { ...baseParameters, ...changed };
      expect(evaluateModel(hivBriggs2006, params)).toEqual(evaluateModel(hivCallback, params));
    }
    expect(hivBriggs2006.run(baseParameters).strategies.Combination.trace).toEqual(hivCallback.run(baseParameters).strategies.Combination.trace);
  });

  it("Briggs HIV through the vector form reproduces the published DMHEE results (heemod, 7 significant digits: relative 1e-6)", () => {
    const reference = JSON.parse(readFileSync(new URL("../../../models/hiv-briggs-2006/reference.json", import.meta.url), "utf8")) as { variants: Record<string, { expected: Record<string, Record<string, number>>; toleranceRelative: number }> };
    const variant = reference.variants["dmhee_exact"]!;
    const result = evaluateModel(hivBriggs2006, baseParameters);
    for (const strategy of ["Monotherapy", "Combination"] as const) {
      for (const [outcome, expected] of Object.entries(variant.expected[strategy]!)) {
        expect(Math.abs(result[strategy][outcome]! - expected) / Math.abs(expected)).toBeLessThanOrEqual(variant.toleranceRelative);
      }
    }
  });

  it("transitionMatrix of the vector form equals the callback form's, cycle by cycle", () => {
    for (const cycle of [1, 2, 40, 75]) {
      expect(darthVector.transitionMatrix(darthBase, "B", cycle)).toEqual(darthCallback.transitionMatrix(darthBase, "B", cycle));
    }
  });
});

// Random time-dependent models with a tunnel: state A, tunnel T (length L), B, D.
const caseArbitrary = fc
  .record({ tunnel: fc.integer({ min: 1, max: 6 }), cycles: fc.integer({ min: 1, max: 12 }), seed: fc.integer({ min: 1, max: 1_000_000 }), correction: fc.constantFrom("none-end" as const, "half-cycle" as const, "trapezoid" as const, "darth-simpson" as const), timeValues: fc.boolean(), floor: fc.boolean(), transitionValue: fc.boolean(), milestone: fc.boolean(), costByYear: fc.boolean(), startTime: fc.constantFrom(0, 0, 2.5), weight: fc.constantFrom("once" as const, "row" as const), start: fc.constantFrom("mixed" as const, "mixed" as const, "T" as const, "B" as const) })
  .map((c) => {
    // A small deterministic generator from the seed: entries in [0, 0.3), so every complement stays ≥ 0.1.
    const unit = lehmer(c.seed);
    const next = (): number => unit() * 0.3;
    const array = (length: number): Float64Array => Float64Array.from({ length }, next);
    const { cycles, tunnel } = c;
    return { ...c, x: array(cycles), y: array(tunnel), z: array(cycles * tunnel), w: array(cycles), v: array(cycles), dA: next(), costT: array(tunnel).map((u) => u * 1000), costB: array(cycles + 1).map((u) => u * 1000), qalyT: array((cycles + 1) * tunnel) };
  });
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function models(c: Case) {
  const shared = {
    states: ["A", { name: "T", tunnel: c.tunnel }, "B", "D"],
    strategies: ["One", "Two"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: c.cycles,
    start: { A: 0.7, T: 0.3 },
    startAge: 60,
    cycleCorrection: c.correction,
    ...(c.floor ? { backgroundMortality: { lifeTable: lifeTable({ ages: [60, 70, 80], rates: { female: [0.05, 0.1, 0.2] } }), sexMix: { female: 1 }, deathState: "D" as const } } : {}),
    ...(c.transitionValue ? { transitionValues: () => ({ cost: { A: { T: 500 }, T: { B: 250 } } }), transitionValueWeight: c.weight } : {}),
    ...(c.milestone ? { milestones: { inT: { states: ["T" as const], time: Math.min(2, c.cycles) } } } : {}),
    ...(c.costByYear ? { costByYear: Math.min(2, c.cycles) } : {}),
  } as const;
  const factor = (strategy: string): number => (strategy === "Two" ? 0.5 : 1);
  const transitions = (_p: Record<string, number>, time: { cycle: number; stateTime: number }, strategy: string) => ({
      A: { A: complement, T: c.x[time.cycle - 1]! * factor(strategy), D: c.dA },
      T: { A: c.y[time.stateTime]!, T: complement, B: c.z[(time.cycle - 1) * c.tunnel + time.stateTime]!, D: c.w[time.cycle - 1]! },
      B: { B: complement, D: c.v[time.cycle - 1]! },
      D: { D: 1 },
    });
  const values = (_p: Record<string, number>, time: { cycle: number; stateTime: number }) => (c.timeValues ? { cost: { A: 100, T: c.costT[time.stateTime]!, B: c.costB[time.cycle]! }, qaly: { A: 1, T: c.qalyT[time.cycle * c.tunnel + time.stateTime]! } } : { cost: { A: 100, T: c.costT[time.stateTime]! }, qaly: { A: 1, B: 0.5 } });
  const transitionArrays = (_p: Record<string, number>, _grid: unknown, strategy: string) => ({
      A: { A: complement, T: byCycle(c.x.map((value) => value * factor(strategy))), D: c.dA },
      T: { A: byStateTime(c.y), T: complement, B: byCycleAndStateTime(c.z), D: byCycle(c.w) },
      B: { B: complement, D: byCycle(c.v) },
      D: { D: 1 },
    });
  const valueArrays = () => (c.timeValues ? { cost: { A: 100, T: byStateTime(c.costT), B: byCycle(c.costB) }, qaly: { A: 1, T: byCycleAndStateTime(c.qalyT) } } : { cost: { A: 100, T: byStateTime(c.costT) }, qaly: { A: 1, B: 0.5 } });
  return {
    callback: markovCohort({ ...shared, transitions, values }),
    vector: markovCohort({ ...shared, transitionArrays, valueArrays }),
    // Either form of each, mixed.
    vectorTransitions: markovCohort({ ...shared, transitionArrays, values }),
    vectorValues: markovCohort({ ...shared, transitions, valueArrays }),
  };
}

describe("vector form: random time-dependent models with tunnels (fast-check)", () => {
  it("both forms (and the two mixes) give bit-identical totals and traces, with or without background mortality, transition values, milestones, costs by year, a later entry time or another start state; trace rows sum to 1", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const { callback, vector, vectorTransitions, vectorValues } = models(c);
        // Entered in B, the generated kernel skips A and T (no mass can reach them: markLive).
        const context = { startTime: c.startTime, ...(c.start === "mixed" ? {} : { start: { [c.start]: 1 } }) };
        const expected = evaluateModel(callback, {}, context);
        expect(evaluateModel(vector, {}, context)).toEqual(expected);
        // Again: the arrays' result now goes through the reader generated for its shape (plan-reader.ts).
        expect(evaluateModel(vector, {}, context)).toEqual(expected);
        expect(evaluateModel(vectorTransitions, {}, context)).toEqual(expected);
        expect(evaluateModel(vectorValues, {}, context)).toEqual(expected);
        const run = vector.run({});
        expect(run.strategies.Two.trace).toEqual(callback.run({}).strategies.Two.trace);
        expect(run.strategies.One.perCycle).toEqual(callback.run({}).strategies.One.perCycle);
        for (const row of run.strategies.One.trace) expect(Math.abs(row.A + row.T + row.B + row.D - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 150 },
    );
  });
});

describe("vector form: rows that do not depend on the cycle", () => {
  it("numbers and byStateTime entries are filled once per draw and take the time-homogeneous paths, bit-identical to callbacks that read only the state time", () => {
    const shared = { states: ["Well", { name: "Sick", tunnel: 4 }, "Dead"], strategies: ["SoC", "New"], outcomes: { cost: "cost", qaly: "effect" }, cycles: 30, start: { Well: 1 } } as const;
    const dying = [0.05, 0.1, 0.15, 0.2];
    const vector = markovCohort({
      ...shared,
      transitionArrays: (p: { pSick: number }, _grid, strategy) => ({ Well: { Well: complement, Sick: strategy === "New" ? p.pSick / 2 : p.pSick, Dead: 0.01 }, Sick: { Sick: complement, Dead: byStateTime(dying) }, Dead: { Dead: 1 } }),
      valueArrays: () => ({ cost: { Sick: byStateTime([5000, 1000, 1000, 1000]) }, qaly: { Well: 1, Sick: 0.6 } }),
    });
    const callback = markovCohort({
      ...shared,
      transitions: (p: { pSick: number }, time, strategy) => ({ Well: { Well: complement, Sick: strategy === "New" ? p.pSick / 2 : p.pSick, Dead: 0.01 }, Sick: { Sick: complement, Dead: dying[time.stateTime]! }, Dead: { Dead: 1 } }),
      values: (_p, time) => ({ cost: { Sick: [5000, 1000, 1000, 1000][time.stateTime]! }, qaly: { Well: 1, Sick: 0.6 } }),
    });
    for (const pSick of [0.1, 0.2, 0.1]) expect(evaluateModel(vector, { pSick })).toEqual(evaluateModel(callback, { pSick }));
    expect(vector.run({ pSick: 0.1 }).strategies.New.trace).toEqual(callback.run({ pSick: 0.1 }).strategies.New.trace);
  });
});

// Rows fixed for the run (numbers and byStateTime) under a floor or transition values: the array loop
// floors and books them, and a fill kept for equal parameters (a tree's leaves) brings its plan back.
// The vector form refills one buffer per call, as the AML back end does, so a kept plan must hold a copy.
const fixedArbitrary = fc.record({ tunnel: fc.integer({ min: 2, max: 8 }), cycles: fc.integer({ min: 1, max: 30 }), seed: fc.integer({ min: 1, max: 1_000_000 }), floor: fc.boolean(), transitionValue: fc.boolean(), weight: fc.constantFrom("once" as const, "row" as const), starts: fc.array(fc.constantFrom("A", "T", "B"), { minLength: 1, maxLength: 4 }), startTime: fc.constantFrom(0, 1.5) }).filter((c) => c.floor || c.transitionValue);

describe("vector form: rows fixed for the run with background mortality or transition values", () => {
  it("the array loop gives the callback form's totals and traces bit for bit, entered from several start states in a row (kept fills) (fast-check)", () => {
    fc.assert(
      fc.property(fixedArbitrary, (c) => {
        const unit = lehmer(c.seed);
        const next = (): number => unit() * 0.3;
        const relapse = Float64Array.from({ length: c.tunnel }, next);
        const dying = Float64Array.from({ length: c.tunnel }, (_, i) => (i % 3 === 0 ? 0 : next()));
        const dA = next();
        const scale = (strategy: string): number => (strategy === "Two" ? 0.5 : 1);
        const shared = {
          states: ["A", { name: "T", tunnel: c.tunnel }, "B", "D"],
          strategies: ["One", "Two"],
          outcomes: { cost: "cost", qaly: "effect" },
          cycles: c.cycles,
          start: { A: 1 },
          startAge: 75,
          cycleLength: 0.5,
          cycleCorrection: "half-cycle",
          ...(c.floor ? { backgroundMortality: { lifeTable: lifeTable({ ages: [60, 70, 80], rates: { female: [0.05, 0.1, 0.2] } }), sexMix: { female: 1 }, deathState: "D" as const } } : {}),
          ...(c.transitionValue ? { transitionValues: () => ({ cost: { A: { T: 500 }, T: { B: 250 } }, qaly: { T: { B: -0.1 } } }), transitionValueWeight: c.weight } : {}),
        } as const;
        const buffer = new Float64Array(c.tunnel);
        const vector = markovCohort({
          ...shared,
          transitionArrays: (_p: Record<string, number>, _grid, strategy) => {
            for (let i = 0; i < c.tunnel; i++) buffer[i] = relapse[i]! * scale(strategy);
            return { A: { A: complement, T: 0.2, D: dA }, T: { B: byStateTime(buffer), D: byStateTime(dying), T: complement }, B: { B: complement, D: 0.1 }, D: { D: 1 } };
          },
          valueArrays: () => ({ cost: { A: 100, T: byStateTime(Float64Array.from({ length: c.tunnel }, (_, i) => 1000 - i)) }, qaly: { A: 1, T: 0.7, B: 0.5 } }),
        });
        const callback = markovCohort({
          ...shared,
          transitions: (_p: Record<string, number>, time, strategy) => ({ A: { A: complement, T: 0.2, D: dA }, T: { B: relapse[time.stateTime]! * scale(strategy), D: dying[time.stateTime]!, T: complement }, B: { B: complement, D: 0.1 }, D: { D: 1 } }),
          values: (_p, time) => ({ cost: { A: 100, T: 1000 - time.stateTime }, qaly: { A: 1, T: 0.7, B: 0.5 } }),
        });
        const params = { x: 1 };
        for (const start of c.starts) {
          const context = { start: { [start]: 1 }, startTime: c.startTime };
          expect(evaluateModel(vector, params, context)).toEqual(evaluateModel(callback, params, context));
        }
        expect(vector.run(params).strategies.Two.trace).toEqual(callback.run(params).strategies.Two.trace);
      }),
      { numRuns: 100 },
    );
  });
});

describe("vector form: the interpreted step", () => {
  it("a strategy whose arrays keep changing shape (key order, constant or by cycle) leaves the generated kernels after 8 shapes; the interpreted step gives the same numbers", () => {
    const orders = [["A", "T", "D"], ["A", "D", "T"], ["T", "A", "D"], ["T", "D", "A"], ["D", "A", "T"], ["D", "T", "A"]] as const;
    const cycles = 6;
    const dying = Float64Array.from({ length: cycles }, (_, i) => 0.01 + 0.02 * i);
    const row = (shape: number, value: (name: string) => unknown) => Object.fromEntries(orders[shape % 6]!.map((name) => [name, value(name)]));
    const shared = { states: ["A", { name: "T", tunnel: 3 }, "D"], strategies: ["Only"], outcomes: { qaly: "effect" }, cycles, start: { A: 1 }, values: () => ({ qaly: { A: 1, T: 0.5 } }) } as const;
    const vector = markovCohort({
      ...shared,
      transitionArrays: (p: { shape: number }) =>
        ({ A: row(p.shape, (name) => (name === "A" ? complement : name === "T" ? 0.2 : p.shape >= 6 ? byCycle(dying) : 0.05)), T: { T: complement, D: byStateTime([0.1, 0.2, 0.3]), A: byCycle(dying) }, D: { D: 1 } }) as never,
    });
    const callback = markovCohort({
      ...shared,
      transitions: (p: { shape: number }, time) =>
        ({ A: row(p.shape, (name) => (name === "A" ? complement : name === "T" ? 0.2 : p.shape >= 6 ? dying[time.cycle - 1]! : 0.05)), T: { T: complement, D: [0.1, 0.2, 0.3][time.stateTime]!, A: dying[time.cycle - 1]! }, D: { D: 1 } }) as never,
    });
    for (const shape of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 8]) expect(evaluateModel(vector, { shape })).toEqual(evaluateModel(callback, { shape }));
  });
});

describe("vector form: checks", () => {
  const base = {
    states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"],
    strategies: ["SoC", "New"],
    outcomes: { cost: "cost" },
    cycles: 4,
    start: { Well: 1 },
  } as const;
  type Rows = Record<string, Record<string, unknown>>;
  const withRows = (rows: (strategy: string) => Rows, extra: Record<string, unknown> = {}) =>
    markovCohort({ ...base, transitionArrays: (_p: object, _grid, strategy) => rows(strategy) as never, valueArrays: () => ({ cost: { Sick: 100 } }), ...extra });
  const good = (sick: unknown = 0.1): Rows => ({ Well: { Well: complement, Sick: sick, Dead: 0.01 }, Sick: { Sick: complement, Dead: 0.2 }, Dead: { Dead: 1 } });

  it("giving both forms in one place is an invalid_model issue naming the path", () => {
    const both = thrown(() => markovCohort({ ...base, transitions: () => good() as never, transitionArrays: () => good() as never, values: () => ({}), valueArrays: () => ({}) }));
    expect(both.issues.map((issue) => issue.path)).toEqual([["transitionArrays"], ["valueArrays"]]);
    const onStrategy = thrown(() => markovCohort({ ...base, strategies: { SoC: {}, New: { transitions: () => good() as never, transitionArrays: () => good() as never } }, transitions: () => good() as never }));
    expect(onStrategy.issues[0]!.path).toEqual(["strategies", "New", "transitionArrays"]);
    expect(onStrategy.code).toBe("invalid_model");
  });

  it("a strategy's own transitionArrays replace the shared callback (and the reverse)", () => {
    const model = markovCohort({ ...base, strategies: { SoC: {}, New: { transitionArrays: () => good(0.5) as never } }, transitions: () => good() as never, values: () => ({ cost: { Sick: 100 } }) });
    const callback = markovCohort({ ...base, strategies: { SoC: {}, New: { transitions: () => good(0.5) as never } }, transitions: () => good() as never, values: () => ({ cost: { Sick: 100 } }) });
    expect(evaluateModel(model, {})).toEqual(evaluateModel(callback, {}));
  });

  it("a by-cycle array of the wrong length is a dimension_mismatch naming strategy, from and to", () => {
    const error = thrown(() => evaluateModel(withRows(() => good(byCycle([0.1, 0.1]))), {}, { draw: 7 }));
    expect(error.code).toBe("dimension_mismatch");
    expect(error.path).toEqual(["draw", 7, "strategies", "SoC", "cycle", 1, "from", "Well", "to", "Sick"]);
    expect(error.message).toContain("has 2 numbers; expected one per cycle (4)");
    const stateTime = thrown(() => evaluateModel(withRows(() => ({ ...good(), Sick: { Sick: complement, Dead: byCycleAndStateTime(new Float64Array(4)) } })), {}));
    expect(stateTime.message).toContain("expected cycles × tunnel of \"Sick\" (4 × 3 = 12)");
  });

  it("a probability out of range in an array names the cycle and the state time", () => {
    const dead = new Float64Array(12).fill(0.2);
    dead[2 * 3 + 1] = 1.5; // cycle 3, state time 1
    const error = thrown(() => evaluateModel(withRows(() => ({ ...good(), Sick: { Sick: complement, Dead: byCycleAndStateTime(dead) } })), {}));
    expect(error.code).toBe("probability_out_of_range");
    expect(error.path).toEqual(["strategies", "SoC", "cycle", 3, "from", "Sick", "stateTime", 1, "to", "Dead"]);
    expect(error.message).toContain("must be in [0, 1] (received 1.5) at state time 1");
  });

  it("a non-finite value is a non_finite_value, in an array or as a constant", () => {
    const error = thrown(() => evaluateModel(withRows(() => good(byCycle([0.1, Number.NaN, 0.1, 0.1]))), {}));
    expect(error.code).toBe("non_finite_value");
    expect(error.path).toEqual(["strategies", "SoC", "cycle", 2, "from", "Well", "to", "Sick"]);
    expect(thrown(() => evaluateModel(withRows(() => good(Number.POSITIVE_INFINITY)), {})).code).toBe("non_finite_value");
  });

  it("plain arrays may hold anything: a string, undefined or null is a non_finite_value, never read as a number", () => {
    for (const odd of ["0.1", undefined, null]) {
      const error = thrown(() => evaluateModel(withRows(() => good(byCycle([0.1, 0.1, odd as unknown as number, 0.1]))), {}));
      expect(error.code).toBe("non_finite_value");
      expect(error.path).toEqual(["strategies", "SoC", "cycle", 3, "from", "Well", "to", "Sick"]);
    }
    expect(thrown(() => evaluateModel(withRows(() => good(byCycle([0.1, 0.1, "0.1" as unknown as number, 0.1]))), {})).message).toContain('(received "0.1")');
    const values = markovCohort({ ...base, transitionArrays: () => good() as never, valueArrays: () => ({ cost: { Well: byCycle([1, 2, "3" as unknown as number, 4, 5]) } }) });
    expect(thrown(() => evaluateModel(values, {})).code).toBe("non_finite_value");
  });

  it("a negative complement and a row sum ≠ 1 are reported as in the callback form", () => {
    const negative = thrown(() => evaluateModel(withRows((s) => good(s === "New" ? byCycle([0.1, 0.1, 0.995, 0.1]) : 0.1)), {}));
    expect(negative.code).toBe("negative_complement");
    expect(negative.path).toEqual(["strategies", "New", "cycle", 3, "from", "Well", "to", "Well"]);
    const sum = thrown(() => evaluateModel(withRows(() => ({ ...good(), Sick: { Sick: byStateTime([0.7, 0.7, 0.5]), Dead: 0.3 } })), {}));
    expect(sum.code).toBe("row_sum_not_one");
    expect(sum.path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Sick", "stateTime", 2]);
  });

  it("unknown states, missing rows and entries that are neither numbers, complement nor time arrays are named", () => {
    expect(thrown(() => evaluateModel(withRows(() => ({ ...good(), Sik: { Sik: 1 } })), {})).code).toBe("unknown_state");
    expect(thrown(() => evaluateModel(withRows(() => ({ ...good(), Dead: { Ded: 1 } })), {})).path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Dead", "to", "Ded"]);
    expect(thrown(() => evaluateModel(withRows(() => ({ Well: good().Well!, Sick: good().Sick! })), {})).path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Dead"]);
    const bad = thrown(() => evaluateModel(withRows(() => good([0.1, 0.1, 0.1, 0.1])), {}));
    expect(bad.code).toBe("invalid_model");
    expect(bad.message).toContain("byCycle / byStateTime / byCycleAndStateTime");
    expect(thrown(() => evaluateModel(withRows(() => ({ ...good(), Dead: { Dead: complement, Well: complement } })), {})).message).toContain("complement is given more than once");
  });

  it("after a good draw (the generated readers know the shape), each bad result is reported as on a fresh model", () => {
    const lengthTwo = byCycle([0.1, 0.1]);
    const cases: Rows[] = [
      good(1.5),
      good(Number.NaN),
      good("0.1"),
      good(byCycle([0.1, 0.1, 2, 0.1])),
      good(lengthTwo),
      good(byStateTime([0.1, 0.1, 0.1, 0.1])),
      good({ by: "cycle", values: 4 }),
      { ...good(), Dead: { Dead: complement, Well: complement } },
      { Well: good().Well!, Sick: good().Sick! },
      { ...good(), Sick: { Sick: complement, Dead: byStateTime([0.2, 0.2, 1.2]) } },
    ];
    for (const learnt of [good(), good(byCycle([0.1, 0.1, 0.1, 0.1])), { ...good(), Sick: { Sick: complement, Dead: byStateTime([0.2, 0.2, 0.2]) } }]) {
      for (const bad of cases) expectBadAfterGoodAsFresh((arrays) => withRows(arrays as () => Rows), learnt, bad);
    }
  });

  it("after a good draw, each bad value table is reported as on a fresh model, and a good one read as a fresh model reads it", () => {
    const withValues = (values: () => unknown) => markovCohort({ ...base, transitionArrays: () => good() as never, valueArrays: () => values() as never });
    const cases: unknown[] = [
      { cost: { Sick: Number.NaN } },
      { cost: { Sick: "1" } },
      { cost: { Well: byCycle([1, 2, 3, 4]) } },
      { cost: { Well: byCycle([Number.NaN, 2, 3, 4, 5]) } },
      { cost: { Well: byCycle([1, 2, Number.POSITIVE_INFINITY, 4, 5]) } },
      { cost: { Sick: byStateTime([1, Number.NaN, 3]) } },
      // The second learnt shape with a bad number in trace row 0.
      { cost: { Well: byCycle([Number.NaN, 2, 3, 4, 5]), Sick: byStateTime([1, 2, 3]) } },
      { cost: { Well: byCycle([1, 2, 3, 4, 5]), Sick: byStateTime([1, 2, Number.NaN]) } },
      { cost: { Sick: byCycle([1, 2, 3, 4, 5]), Well: { by: "stateTime", values: [1, 2] } } },
      { cost: { Well: 1, Sick: byStateTime([1, 2, 3]), Dead: { by: "row", values: [1] } } },
      { qaly: { Well: 1 } },
      { cost: { Wel: 1 } },
      { cost: null },
    ];
    const learnt: unknown[] = [{ cost: { Sick: 100 } }, { cost: { Well: byCycle([1, 2, 3, 4, 5]), Sick: byStateTime([1, 2, 3]) } }, { cost: undefined }, { cost: { Well: 1, Sick: byStateTime([1, 2, 3]), Dead: byCycleAndStateTime(new Float64Array(5)) } }];
    for (const table of learnt) {
      for (const bad of cases) expectBadAfterGoodAsFresh(withValues, table, bad);
    }
    // Other numbers in a learnt shape.
    let values: unknown = learnt[1];
    const model = withValues(() => values);
    evaluateModel(model, { k: 1 });
    evaluateModel(model, { k: 2 });
    values = { cost: { Well: byCycle([5, 4, 3, 2, 1]), Sick: byStateTime([7, 8, 9]) } };
    expect(evaluateModel(model, { k: 3 })).toEqual(evaluateModel(withValues(() => values), { k: 3 }));
  });

  it("state value arrays: wrong length, non-finite numbers, unknown outcomes and states", () => {
    const values = (table: unknown) => markovCohort({ ...base, transitionArrays: () => good() as never, valueArrays: () => table as never });
    const length = thrown(() => evaluateModel(values({ cost: { Well: byCycle([1, 2, 3, 4]) } }), {}));
    expect(length.code).toBe("dimension_mismatch");
    expect(length.message).toContain("expected one per trace row (5)");
    const nan = thrown(() => evaluateModel(values({ cost: { Sick: byCycleAndStateTime(Float64Array.from({ length: 15 }, (_, i) => (i === 7 ? Number.NaN : 1))) } }), {}));
    expect(nan.code).toBe("non_finite_value");
    expect(nan.path).toEqual(["strategies", "SoC", "row", 2, "values", "cost", "Sick", "stateTime", 1]);
    expect(thrown(() => evaluateModel(values({ qaly: { Well: 1 } }), {})).code).toBe("unknown_outcome");
    expect(thrown(() => evaluateModel(values({ cost: { Wel: 1 } }), {})).code).toBe("unknown_state");
  });

  it("the grid: ages need startAge (the same error as TimeContext.age), tunnelLength knows the states", () => {
    const ages = markovCohort({ ...base, transitionArrays: (_p: object, grid) => good(byCycle(grid.transitionAge.map(() => 0.1))) as never, valueArrays: () => ({}) });
    const error = thrown(() => evaluateModel(ages, {}));
    expect(error.code).toBe("invalid_model");
    expect(error.path).toEqual(["startAge"]);
    const unknown = markovCohort({ ...base, transitionArrays: (_p: object, grid) => good(grid.tunnelLength("Sik") / 10) as never });
    expect(thrown(() => evaluateModel(unknown, {})).code).toBe("unknown_state");
  });

  it("the grid holds the callback form's times and ages: cycle 1 … N, (cycle − 1) · length, startAge + startTime + time", () => {
    const seen: number[][] = [];
    const model = markovCohort({
      ...base,
      cycleLength: 0.5,
      startAge: 40,
      transitionArrays: (_p: object, grid) => {
        seen.push([...grid.transitionCycle], [...grid.transitionTime], [...grid.transitionAge], [...grid.row], [...grid.rowTime], [...grid.rowAge], [grid.tunnelLength("Sick"), grid.tunnelLength("Well")]);
        return good() as never;
      },
    });
    evaluateModel(model, {}, { startTime: 2 });
    expect(seen.slice(0, 7)).toEqual([[1, 2, 3, 4], [0, 0.5, 1, 1.5], [42, 42.5, 43, 43.5], [0, 1, 2, 3, 4], [0, 0.5, 1, 1.5, 2], [42, 42.5, 43, 43.5, 44], [3, 1]]);
  });

  it("a fill that read the ages is not reused for another entry time", () => {
    const rows = (age: number): Rows => good(age > 45 ? 0.3 : 0.1);
    const vector = markovCohort({ ...base, startAge: 40, transitionArrays: (_p: object, grid) => rows(grid.transitionAge[0]!) as never, valueArrays: () => ({ cost: { Sick: 100 } }) });
    const callback = markovCohort({ ...base, startAge: 40, transitions: (_p: object, time) => rows(time.age - time.time) as never, values: () => ({ cost: { Sick: 100 } }) });
    for (const startTime of [0, 10, 0, 10]) expect(evaluateModel(vector, { same: 1 }, { startTime })).toEqual(evaluateModel(callback, { same: 1 }, { startTime }));
  });
});
