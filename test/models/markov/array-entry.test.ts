// byCycleTimesStateTime: an entry of the vector form that is a by-cycle factor times a by-state-time
// factor. The engine multiplies as it reads (transitions) or forms the products once per call (state
// values), so a model written with it gives, bit for bit, the totals and traces of the same model with
// the products filled into byCycleAndStateTime arrays and of the callback form computing the same
// products: every path (generated readers and kernels, the interpreted loop with code generation
// refused, the run memo across strategies) is compared, not within a tolerance. Errors name the entry,
// the cycle and the state time as for any array entry.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { byCycleAndStateTime, byCycleTimesStateTime, complement, markovCohort } from "../../../src/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { refusedLibraryCopy } from "../../helpers/code-generation-refused.js";
import { thrown } from "../../helpers/thrown.js";
import { lehmer } from "../../helpers/lehmer.js";

type Library = typeof import("../../../src/index.js");

// Random models: A, a tunnel T (length L), B, D; T → B is (by cycle) × (by state time), A → T a product
// over a one-position "tunnel"; T's utility a product by trace row and state time.
const caseArbitrary = fc
  .record({
    tunnel: fc.integer({ min: 1, max: 8 }),
    cycles: fc.integer({ min: 1, max: 14 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    floor: fc.boolean(),
    transitionValue: fc.boolean(),
    startTime: fc.constantFrom(0, 0, 1.5),
    start: fc.constantFrom("mixed" as const, "T" as const, "B" as const),
  })
  .map((c) => {
    const next = lehmer(c.seed);
    // Factors in [0.5, 1) and [0, 0.3): products below 0.3, so every complement stays ≥ 0.1.
    const array = (length: number, low: number, width: number): Float64Array => Float64Array.from({ length }, () => low + width * next());
    const { cycles, tunnel } = c;
    return { ...c, xc: array(cycles, 0.5, 0.5), xs: array(1, 0, 0.3), zc: array(cycles, 0.5, 0.5), zs: array(tunnel, 0, 0.3), w: array(cycles, 0, 0.3), qc: array(cycles + 1, 0.5, 0.5), qs: array(tunnel, 0.5, 0.5) };
  });
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Strategy Two halves T → B's state-time factor, Three doubles A → T's cycle factor; Same has One's transitions and other values (the run memo's case). */
const scaleState = (strategy: string): number => (strategy === "Two" ? 0.5 : 1);
const scaleCycle = (strategy: string): number => (strategy === "Three" ? 1.5 : 1);

/** The model in three forms: products (byCycleTimesStateTime), products filled in (byCycleAndStateTime), callbacks. */
function models(library: Library, c: Case) {
  const { byCycle: lbyCycle, byCycleAndStateTime: lboth, byCycleTimesStateTime: lproduct, complement: lcomplement, markovCohort: lmarkov } = library;
  const shared = {
    states: ["A", { name: "T", tunnel: c.tunnel }, "B", "D"],
    strategies: ["One", "Two", "Three", "Same"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: c.cycles,
    start: { A: 0.6, T: 0.4 },
    startAge: 60,
    cycleCorrection: "half-cycle",
    ...(c.floor ? { backgroundMortality: { lifeTable: lifeTable({ ages: [60, 70, 80], rates: { female: [0.05, 0.1, 0.2] } }), sexMix: { female: 1 }, deathState: "D" as const } } : {}),
    ...(c.transitionValue ? { transitionValues: () => ({ cost: { T: { B: 250 } } }) } : {}),
  } as const;
  const zs = (strategy: string): Float64Array => c.zs.map((value) => value * scaleState(strategy));
  const xc = (strategy: string): Float64Array => c.xc.map((value) => value * scaleCycle(strategy));
  const cost = (strategy: string): number => (strategy === "Same" ? 700 : 100);
  const values = (_p: object, time: { cycle: number; stateTime: number }, strategy: string) => ({ cost: { A: cost(strategy), T: 50, B: 20 }, qaly: { A: 1, T: c.qc[time.cycle]! * c.qs[time.stateTime]! } });
  const transitions = (_p: object, time: { cycle: number; stateTime: number }, strategy: string) => ({
    A: { A: lcomplement, T: xc(strategy)[time.cycle - 1]! * c.xs[0]!, D: 0.01 },
    T: { T: lcomplement, B: c.zc[time.cycle - 1]! * zs(strategy)[time.stateTime]!, D: c.w[time.cycle - 1]! },
    B: { B: lcomplement, D: 0.2 },
    D: { D: 1 },
  });
  const filled = (cycle: ArrayLike<number>, stateTime: ArrayLike<number>): Float64Array => Float64Array.from({ length: cycle.length * stateTime.length }, (_, k) => cycle[Math.floor(k / stateTime.length)]! * stateTime[k % stateTime.length]!);
  const arrays = (form: "product" | "filled") => (_p: object, _grid: unknown, strategy: string) => {
    const entry = (cycle: ArrayLike<number>, stateTime: ArrayLike<number>) => (form === "product" ? lproduct(cycle, stateTime) : lboth(filled(cycle, stateTime)));
    return {
      A: { A: lcomplement, T: entry(xc(strategy), c.xs), D: 0.01 },
      T: { T: lcomplement, B: entry(c.zc, zs(strategy)), D: lbyCycle(c.w) },
      B: { B: lcomplement, D: 0.2 },
      D: { D: 1 },
    };
  };
  const valueArrays = (form: "product" | "filled") => (_p: object, _grid: unknown, strategy: string) => ({ cost: { A: cost(strategy), T: 50, B: 20 }, qaly: { A: 1, T: form === "product" ? lproduct(c.qc, c.qs) : lboth(filled(c.qc, c.qs)) } });
  return {
    callback: lmarkov({ ...shared, transitions, values }),
    product: lmarkov({ ...shared, transitionArrays: arrays("product") as never, valueArrays: valueArrays("product") as never }),
    filled: lmarkov({ ...shared, transitionArrays: arrays("filled") as never, valueArrays: valueArrays("filled") as never }),
  };
}

/** What `run` gives: its result, or its error's code, path and message. */
function outcomeOf(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return [(error as { code: string }).code, (error as { path: unknown }).path, (error as Error).message];
  }
}

const contextOf = (c: Case) => ({ startTime: c.startTime, ...(c.start === "mixed" ? {} : { start: { [c.start]: 1 } }) });

describe("byCycleTimesStateTime", () => {
  it("gives the totals and traces of the filled-in products and of the callback form bit for bit, on every call (generated readers and kernels, run memo) (fast-check)", async () => {
    const library = await import("../../../src/index.js");
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const { callback, product, filled } = models(library, c);
        const context = contextOf(c);
        const expected = evaluateModel(callback, {}, context);
        expect(evaluateModel(filled, {}, context)).toEqual(expected);
        // Three calls: the first read through the checked path, the next through the readers generated for the shape.
        for (let call = 0; call < 3; call++) expect(evaluateModel(product, {}, context)).toEqual(expected);
        const run = product.run({});
        const reference = callback.run({});
        for (const strategy of ["One", "Two", "Same"] as const) {
          expect(run.strategies[strategy].trace).toEqual(reference.strategies[strategy].trace);
          expect(run.strategies[strategy].perCycle).toEqual(reference.strategies[strategy].perCycle);
        }
        // transitionMatrix reads every position of the cycle it shows.
        for (const cycle of new Set([1, c.cycles])) expect(product.transitionMatrix({}, "Two", cycle)).toEqual(callback.transitionMatrix({}, "Two", cycle));
      }),
      { numRuns: 120 },
    );
  });

  it("gives the same numbers when code generation is refused (the interpreted fill and loop)", async () => {
    const library = await import("../../../src/index.js");
    const cases = fc.sample(caseArbitrary, { numRuns: 30, seed: 11 });
    const expected = cases.map((c) => evaluateModel(models(library, c).callback, {}, contextOf(c)));
    const refused = await refusedLibraryCopy();
    const { evaluateModel: refusedEvaluate } = await import("../../../src/models/model.js");
    cases.forEach((c, i) => {
      const { product } = models(refused, c);
      expect(refusedEvaluate(product, {}, contextOf(c))).toEqual(expected[i]);
      expect(refusedEvaluate(product, {}, contextOf(c))).toEqual(expected[i]);
    });
  });

  it("the run memo does not reuse a run when only a factor changes, even where no cohort of the kept run was", () => {
    // Strategies share their rows object; Two's state-time factor differs at the last tunnel position only.
    const stateTime = new Float64Array([0.1, 0.1, 0.1]);
    const other = new Float64Array([0.1, 0.1, 0.25]);
    const shared = { states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"], strategies: ["One", "Two"], outcomes: { qaly: "effect" }, cycles: 6, start: { Well: 1 } } as const;
    const cycle = new Float64Array(6).fill(0.9);
    const rows = (_p: object, _grid: unknown, strategy: string) => ({ Well: { Well: complement, Sick: 0.3 }, Sick: { Sick: complement, Dead: byCycleTimesStateTime(cycle, strategy === "Two" ? other : stateTime) }, Dead: { Dead: 1 } });
    const callback = markovCohort({ ...shared, transitions: (_p: object, time, strategy) => ({ Well: { Well: complement, Sick: 0.3 }, Sick: { Sick: complement, Dead: 0.9 * (strategy === "Two" ? other : stateTime)[time.stateTime]! }, Dead: { Dead: 1 } }), values: () => ({ qaly: { Well: 1, Sick: 0.5 } }) });
    const product = markovCohort({ ...shared, transitionArrays: rows as never, valueArrays: () => ({ qaly: { Well: 1, Sick: 0.5 } }) });
    const expected = evaluateModel(callback, {});
    expect(expected.One.qaly).not.toBe(expected.Two.qaly);
    for (let call = 0; call < 3; call++) expect(evaluateModel(product, {})).toEqual(expected);
  });
});

describe("byCycleTimesStateTime: errors name the entry, the cycle and the state time", () => {
  const base = { states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"], strategies: ["SoC"], outcomes: { cost: "cost" }, cycles: 4, start: { Well: 1 } } as const;
  type Rows = Record<string, Record<string, unknown>>;
  const withRows = (rows: () => Rows) => markovCohort({ ...base, transitionArrays: rows as never, valueArrays: () => ({ cost: { Sick: 100 } }) });
  const good = (dead: unknown = byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1, 0.2, 0.3])): Rows => ({ Well: { Well: complement, Sick: 0.3, Dead: 0.01 }, Sick: { Sick: complement, Dead: dead }, Dead: { Dead: 1 } });

  it("a factor of the wrong length is a dimension_mismatch naming the factor", () => {
    const cycle = thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, 0.9], [0.1, 0.2, 0.3]))), {}, { draw: 2 }));
    expect(cycle.code).toBe("dimension_mismatch");
    expect(cycle.path).toEqual(["draw", 2, "strategies", "SoC", "cycle", 1, "from", "Sick", "to", "Dead", "cycle"]);
    expect(cycle.message).toContain('the by-cycle factor from "Sick" to "Dead" has 2 numbers; expected one per cycle (4)');
    const stateTime = thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1]))), {}));
    expect(stateTime.path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Sick", "to", "Dead", "stateTime"]);
    expect(stateTime.message).toContain('expected one per state time of "Sick" (tunnel 3)');
  });

  it("a product out of range names its cycle and state time", () => {
    // The cohort first stands at state time 1 in cycle 3 (it enters Sick in cycle 1).
    const error = thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, 0.9, 3, 0.9], [0.1, 0.5, 0.3]))), {}));
    expect(error.code).toBe("probability_out_of_range");
    expect(error.path).toEqual(["strategies", "SoC", "cycle", 3, "from", "Sick", "stateTime", 1, "to", "Dead"]);
    expect(error.message).toContain("must be in [0, 1] (received 1.5) at state time 1");
  });

  it("a factor that is not a number (a plain array may hold anything) is a non_finite_value, never multiplied; NaN too", () => {
    for (const odd of ["0.5", undefined, null, Symbol("x")]) {
      const inStateTime = thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1, odd as unknown as number, 0.3]))), {}));
      expect(inStateTime.code).toBe("non_finite_value");
      expect(inStateTime.path).toEqual(["strategies", "SoC", "cycle", 3, "from", "Sick", "stateTime", 1, "to", "Dead"]);
      const inCycle = thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([odd as unknown as number, 0.9, 0.9, 0.9], [0.1, 0.2, 0.3]))), {}));
      expect(inCycle.code).toBe("non_finite_value");
      expect(inCycle.path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Sick", "stateTime", 0, "to", "Dead"]);
    }
    expect(thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1, "0.2" as unknown as number, 0.3]))), {})).message).toContain('(received "0.2")');
    expect(thrown(() => evaluateModel(withRows(() => good(byCycleTimesStateTime([0.9, Number.NaN, 0.9, 0.9], [0.1, 0.2, 0.3]))), {})).code).toBe("non_finite_value");
  });

  it("a product without its two arrays is an invalid_model entry, and the message lists byCycleTimesStateTime", () => {
    const error = thrown(() => evaluateModel(withRows(() => good({ by: "cycleTimesStateTime", cycle: [0.9, 0.9, 0.9, 0.9] })), {}));
    expect(error.code).toBe("invalid_model");
    expect(error.path).toEqual(["strategies", "SoC", "cycle", 1, "from", "Sick", "to", "Dead"]);
    expect(error.message).toContain("byCycleAndStateTime / byCycleTimesStateTime");
  });

  it("after good draws (generated readers), each bad product is reported as on a fresh model, and a good one read again as a fresh model reads it", () => {
    const bads: unknown[] = [
      byCycleTimesStateTime([0.9, 0.9], [0.1, 0.2, 0.3]),
      byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1, 0.2]),
      byCycleTimesStateTime([0.9, 0.9, 3, 0.9], [0.1, 0.5, 0.3]),
      byCycleTimesStateTime([0.9, 0.9, 0.9, 0.9], [0.1, "0.2" as unknown as number, 0.3]),
      byCycleAndStateTime(new Float64Array(12).fill(0.1)),
      0.2,
    ];
    for (const bad of bads) {
      let current: Rows = good();
      const model = withRows(() => current);
      evaluateModel(model, { k: 1 });
      evaluateModel(model, { k: 2 });
      current = good(bad);
      // Valid "bad" shapes (another kind of entry) give results, the others errors: compared either way.
      expect(outcomeOf(() => evaluateModel(model, { k: 3 }))).toEqual(outcomeOf(() => evaluateModel(withRows(() => good(bad)), { k: 3 })));
      current = good();
      expect(evaluateModel(model, { k: 4 })).toEqual(evaluateModel(withRows(() => good()), { k: 4 }));
    }
  });

  it("state values: wrong lengths are dimension_mismatch naming the factor; a factor that is not a number names the trace row and state time", () => {
    const withValues = (qaly: unknown) => markovCohort({ ...base, outcomes: { qaly: "effect" }, transitionArrays: (() => good()) as never, valueArrays: () => ({ qaly: { Sick: qaly } }) as never });
    const rows = thrown(() => evaluateModel(withValues(byCycleTimesStateTime([1, 1, 1, 1], [0.5, 0.5, 0.5])), {}));
    expect(rows.code).toBe("dimension_mismatch");
    expect(rows.path.slice(-4)).toEqual(["values", "qaly", "Sick", "cycle"]);
    expect(rows.message).toContain("expected one per trace row (5)");
    const stateTime = thrown(() => evaluateModel(withValues(byCycleTimesStateTime([1, 1, 1, 1, 1], [0.5])), {}));
    expect(stateTime.path.slice(-4)).toEqual(["values", "qaly", "Sick", "stateTime"]);
    const odd = thrown(() => evaluateModel(withValues(byCycleTimesStateTime([1, 1, "1" as unknown as number, 1, 1], [0.5, 0.5, 0.5])), {}));
    expect(odd.code).toBe("non_finite_value");
    expect(odd.path.slice(-5)).toEqual(["values", "qaly", "Sick", "stateTime", 0]);
    expect(odd.message).toContain('(received "1") at state time 0');
    expect(thrown(() => evaluateModel(withValues({ by: "cycleTimesStateTime", stateTime: [1, 1, 1] }), {})).code).toBe("invalid_model");
  });
});
