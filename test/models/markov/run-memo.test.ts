// The vector kernel's run memo (run-memo.ts): a strategy whose run has the inputs of the last one
// kept (the same transitions, start and inert states: strategies that differ only in their values)
// takes that run's weighted traces. The results must be the callback form's bit for bit however the
// arrays are handed over: one buffer refilled for every strategy, a buffer per strategy with the same
// numbers, the same buffers returned again, or plain arrays holding non-numbers where no cohort is.
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { byCycle, byCycleAndStateTime, complement, markovCohort } from "../../../src/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { RunMemo } from "../../../src/models/markov/run-memo.js";
import { lehmer } from "../../helpers/lehmer.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const STRATEGIES = ["One", "Two", "Three", "Four"] as const;
type Handover = "refilled" | "perStrategy" | "perClass";

const caseArbitrary = fc.record({
  // Strategies with the same class have the same transitions (the memo's case); values differ by strategy.
  classes: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  handover: fc.constantFrom<Handover>("refilled", "perStrategy", "perClass"),
  tunnel: fc.integer({ min: 1, max: 5 }),
  cycles: fc.integer({ min: 1, max: 10 }),
  start: fc.constantFrom("A", "T", "mixed"),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function models(c: Case) {
  const unit = lehmer(c.seed);
  const next = (): number => unit() * 0.3;
  const { cycles, tunnel } = c;
  const progress = [0, 1, 2].map(() => Float64Array.from({ length: cycles }, next));
  const death = [0, 1, 2].map(() => Float64Array.from({ length: cycles * tunnel }, next));
  const classOf = (strategy: string): number => c.classes[STRATEGIES.indexOf(strategy as (typeof STRATEGIES)[number])]!;
  const cost = (strategy: string): number => 100 * (1 + STRATEGIES.indexOf(strategy as (typeof STRATEGIES)[number]));
  const shared = {
    states: ["A", { name: "T", tunnel }, "D"],
    strategies: STRATEGIES,
    outcomes: { cost: "cost", qaly: "effect" },
    cycles,
    start: { A: 0.6, T: 0.4 },
    discountRate: { cost: 0.035, effect: 0.015 },
    values: (_p: object, _time: unknown, strategy: string) => ({ cost: { A: cost(strategy), T: 2 * cost(strategy) }, qaly: { A: 1, T: 0.5 } }),
  } as const;
  const callback = markovCohort({
    ...shared,
    transitions: (_p: object, time, strategy) => ({ A: { A: complement, T: progress[classOf(strategy)]![time.cycle - 1]! }, T: { T: complement, D: death[classOf(strategy)]![(time.cycle - 1) * tunnel + time.stateTime]! }, D: { D: 1 } }),
  });
  // The arrays handed over: one pair refilled on every call, a pair per strategy, or a pair per class (the same objects for strategies of a class).
  const buffers = new Map<string, { progress: Float64Array; death: Float64Array }>();
  const vector = markovCohort({
    ...shared,
    transitionArrays: (_p: object, _grid, strategy) => {
      const key = c.handover === "refilled" ? "" : c.handover === "perStrategy" ? strategy : String(classOf(strategy));
      let made = buffers.get(key);
      if (made === undefined) buffers.set(key, (made = { progress: new Float64Array(cycles), death: new Float64Array(cycles * tunnel) }));
      made.progress.set(progress[classOf(strategy)]!);
      made.death.set(death[classOf(strategy)]!);
      return { A: { A: complement, T: byCycle(made.progress) }, T: { T: complement, D: byCycleAndStateTime(made.death) }, D: { D: 1 } };
    },
  });
  const context = c.start === "mixed" ? {} : { start: { [c.start]: 1 } };
  return { callback, vector, context };
}

describe("run memo: strategies with the same transitions", () => {
  it("give the callback form's totals bit for bit, whether the arrays are refilled, per strategy or shared (fast-check)", () => {
    const reuse = vi.spyOn(RunMemo.prototype, "reuse");
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const { callback, vector, context } = models(c);
        const expected = evaluateModel(callback, {}, context);
        expect(evaluateModel(vector, {}, context)).toEqual(expected);
        expect(evaluateModel(vector, {}, context)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
    // The memo was used, not only consulted.
    expect(reuse.mock.results.some((result) => result.value === true)).toBe(true);
    expect(reuse.mock.results.some((result) => result.value === false)).toBe(true);
  });

  it("compares the positions the kept run may have read: a number changed where the cohort is makes a new run, one where no cohort is reuses the run, both as the callback form", () => {
    const cycles = 4;
    const tunnel = 4;
    const base = Float64Array.from({ length: cycles * tunnel }, (_, i) => 0.05 + 0.01 * i);
    // Row 2 (cycle 3), position 2: the cohort that starts in T is there, the highest position read in that row. Row 0, position 3: not reached before cycle 4, never read in row 0.
    const changed = (index: number) => base.map((value, i) => (i === index ? value + 0.1 : value));
    for (const [index, reused] of [[2 * tunnel + 2, false], [3, true]] as const) {
      const death = (strategy: string) => (strategy === "Two" ? changed(index) : base);
      const shared = { states: ["A", { name: "T", tunnel }, "D"], strategies: ["One", "Two"], outcomes: { cost: "cost" }, cycles, start: { A: 0.5, T: 0.5 }, values: () => ({ cost: { A: 1, T: 10 } }) } as const;
      const vector = markovCohort({ ...shared, transitionArrays: (_p: object, _grid, strategy) => ({ A: { A: complement, T: byCycle([0.3, 0.3, 0.3, 0.3]) }, T: { T: complement, D: byCycleAndStateTime(death(strategy)) }, D: { D: 1 } }) });
      const callback = markovCohort({ ...shared, transitions: (_p: object, time, strategy) => ({ A: { A: complement, T: 0.3 }, T: { T: complement, D: death(strategy)[(time.cycle - 1) * tunnel + time.stateTime]! }, D: { D: 1 } }) });
      const reuse = vi.spyOn(RunMemo.prototype, "reuse");
      const totals = evaluateModel(vector, {});
      expect(reuse.mock.results.map((result) => result.value)).toEqual([false, reused]);
      reuse.mockRestore();
      expect(totals).toEqual(evaluateModel(callback, {}));
      if (!reused) expect(totals.Two!.cost).not.toBe(totals.One!.cost);
    }
  });

  it("a plain array holding a symbol, a string or undefined where no cohort is read is kept without reading them as numbers, and never matches numbers", () => {
    const cycles = 3;
    const tunnel = 4;
    // Position 3 of the tunnel is reached in cycle 4 at the earliest: cycle 1's row there is never read.
    const death = (odd: unknown): unknown[] => Array.from({ length: cycles * tunnel }, (_, i) => (i === 3 ? odd : 0.1));
    const build = (odd: (strategy: string) => unknown) =>
      markovCohort({
        states: ["A", { name: "T", tunnel }, "D"],
        strategies: ["One", "Two", "Three"],
        outcomes: { cost: "cost" },
        cycles,
        start: { A: 1 },
        transitionArrays: (_p: object, _grid, strategy) => ({ A: { A: complement, T: byCycle([0.2, 0.3, 0.4]) }, T: { T: complement, D: byCycleAndStateTime(death(odd(strategy)) as number[]) }, D: { D: 1 } }),
        values: (_p: object, _time, strategy) => ({ cost: { A: strategy.length, T: 10 } }),
      });
    const odd = build((strategy) => (strategy === "One" ? Symbol("x") : strategy === "Two" ? "0.1" : undefined));
    const plain = build(() => 0.1);
    expect(evaluateModel(odd, {})).toEqual(evaluateModel(plain, {}));
  });
});
