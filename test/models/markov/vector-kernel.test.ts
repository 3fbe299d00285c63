// The generated vector kernel's direct run (runDirect: transitions and values both read from arrays
// and both changing by cycle, as Briggs HIV's combination arm): the same totals as the callback form
// bit for bit, the same errors as the interpreted loop, and the same numbers when code generation is
// refused (a content security policy) and the interpreted loop runs instead.
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { byCycle, byCycleAndStateTime } from "../../../src/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { thrown } from "../../helpers/thrown.js";

type Index = typeof import("../../../src/index.js");
type ModelModule = typeof import("../../../src/models/model.js");

afterEach(() => {
  vi.unstubAllGlobals();
  // Test files share modules (isolate: false): a later file must not import a refused copy.
  vi.resetModules();
});

/** Fresh copies of the library with code generation refused from the start. */
async function refused(): Promise<{ index: Index; model: ModelModule }> {
  vi.resetModules();
  vi.stubGlobal("Function", function refusedFunction(): never {
    throw new EvalError("Code generation from strings disallowed for this context");
  });
  return { index: await import("../../../src/index.js"), model: await import("../../../src/models/model.js") };
}

interface Case {
  readonly tunnel: number;
  readonly cycles: number;
  readonly progress: Float64Array;
  readonly death: Float64Array;
  readonly cost: Float64Array;
  readonly utility: Float64Array;
}

const caseArbitrary = fc.record({ tunnel: fc.constantFrom(1, 3, 20), cycles: fc.integer({ min: 1, max: 25 }), seed: fc.integer({ min: 1, max: 1_000_000 }) }).map(({ tunnel, cycles, seed }): Case => {
  let state = seed;
  const next = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const array = (length: number, scale: number) => Float64Array.from({ length }, () => next() * scale);
  return { tunnel, cycles, progress: array(cycles, 0.3), death: array(cycles * tunnel, 0.2), cost: array(cycles + 1, 1000), utility: array((cycles + 1) * tunnel, 1) };
});

/** A model with a tunnel (20 positions: more than 16 expanded states, the kernel's summing loop) whose rows and values change by cycle, in both forms. */
function models(library: Index, c: Case) {
  const shared = { states: ["Well", { name: "Sick", tunnel: c.tunnel }, "Dead"], strategies: ["Only"], outcomes: { cost: "cost", qaly: "effect" }, cycles: c.cycles, start: { Well: 1 }, discountRate: { cost: 0.035, effect: 0.015 }, cycleCorrection: "half-cycle" } as const;
  const vector = library.markovCohort({
    ...shared,
    transitionArrays: () => ({ Well: { Well: library.complement, Sick: library.byCycle(c.progress) }, Sick: { Sick: library.complement, Dead: library.byCycleAndStateTime(c.death) }, Dead: { Dead: 1 } }),
    valueArrays: () => ({ cost: { Well: 10, Sick: library.byCycle(c.cost) }, qaly: { Well: 1, Sick: library.byCycleAndStateTime(c.utility) } }),
  });
  const callback = library.markovCohort({
    ...shared,
    transitions: (_p: object, time) => ({ Well: { Well: library.complement, Sick: c.progress[time.cycle - 1]! }, Sick: { Sick: library.complement, Dead: c.death[(time.cycle - 1) * c.tunnel + time.stateTime]! }, Dead: { Dead: 1 } }),
    values: (_p: object, time) => ({ cost: { Well: 10, Sick: c.cost[time.cycle]! }, qaly: { Well: 1, Sick: c.utility[time.cycle * c.tunnel + time.stateTime]! } }),
  });
  return { vector, callback };
}

describe("vector kernel: the direct run (transitions and values by cycle)", () => {
  it("gives the callback form's totals bit for bit, with code generated and with code generation refused (fast-check)", async () => {
    const library = await import("../../../src/index.js");
    const cases = fc.sample(caseArbitrary, { numRuns: 40, seed: 20 });
    const expected = cases.map((c) => {
      const { vector, callback } = models(library, c);
      const totals = evaluateModel(callback, {});
      expect(evaluateModel(vector, {})).toEqual(totals);
      // Again, through the generated readers of the arrays' shape.
      expect(evaluateModel(vector, {})).toEqual(totals);
      return totals;
    });
    const fresh = await refused();
    cases.forEach((c, i) => expect(fresh.model.evaluateModel(models(fresh.index, c).vector, {})).toEqual(expected[i]));
  });

  it("a strategy whose value arrays change shape from call to call (which entries vary, their kind, outcome and state) gets the callback form's totals on every call", async () => {
    const library = await import("../../../src/index.js");
    const c = fc.sample(caseArbitrary.filter((k) => k.tunnel === 3), { numRuns: 1, seed: 7 })[0]!;
    // Three shapes, in turn: the direct run is generated for each shape and taken again when a shape comes back.
    const shapes = [
      { cost: { Well: 10, Sick: library.byCycle(c.cost) }, qaly: { Well: 1, Sick: library.byCycleAndStateTime(c.utility) } },
      { cost: { Well: library.byCycle(c.cost), Sick: 5 }, qaly: { Well: 1, Sick: 0.5 } },
      { qaly: { Sick: library.byCycle(c.cost), Well: library.byCycle(c.cost) } },
    ];
    const callbackValues = [
      (time: { cycle: number; stateTime: number }) => ({ cost: { Well: 10, Sick: c.cost[time.cycle]! }, qaly: { Well: 1, Sick: c.utility[time.cycle * c.tunnel + time.stateTime]! } }),
      (time: { cycle: number }) => ({ cost: { Well: c.cost[time.cycle]!, Sick: 5 }, qaly: { Well: 1, Sick: 0.5 } }),
      (time: { cycle: number }) => ({ qaly: { Sick: c.cost[time.cycle]!, Well: c.cost[time.cycle]! } }),
    ];
    let call = 0;
    const shared = { states: ["Well", { name: "Sick", tunnel: c.tunnel }, "Dead"], strategies: ["Only"], outcomes: { cost: "cost", qaly: "effect" }, cycles: c.cycles, start: { Well: 1 }, discountRate: { cost: 0.035, effect: 0.015 }, cycleCorrection: "half-cycle" } as const;
    const transitionArrays = () => ({ Well: { Well: library.complement, Sick: library.byCycle(c.progress) }, Sick: { Sick: library.complement, Dead: library.byCycleAndStateTime(c.death) }, Dead: { Dead: 1 } });
    const vector = library.markovCohort({ ...shared, transitionArrays, valueArrays: () => shapes[call % 3]! as never });
    for (let round = 0; round < 7; round++) {
      const shape = round % 3;
      const callback = library.markovCohort({
        ...shared,
        transitions: (_p: object, time) => ({ Well: { Well: library.complement, Sick: c.progress[time.cycle - 1]! }, Sick: { Sick: library.complement, Dead: c.death[(time.cycle - 1) * c.tunnel + time.stateTime]! }, Dead: { Dead: 1 } }),
        values: ((_p: object, time: { cycle: number; stateTime: number }) => callbackValues[shape]!(time)) as never,
      });
      call = round;
      expect(evaluateModel(vector, {})).toEqual(evaluateModel(callback, {}));
    }
  });

  it("without tunnels (the masses kept in locals), a bad value or probability is reported as by the interpreted loop", async () => {
    const cycles = 6;
    const cost = Float64Array.from({ length: cycles + 1 }, (_, t) => 100 + t);
    const badCost = Float64Array.from(cost);
    badCost[3] = Number.POSITIVE_INFINITY;
    const progress = new Float64Array(cycles).fill(0.2);
    const badProgress = Float64Array.from(progress);
    badProgress[4] = 0.9;
    const build = (library: Index, p: Float64Array, c: Float64Array) =>
      library.markovCohort({
        states: ["Well", "Sick", "Dead"],
        strategies: ["Only"],
        outcomes: { cost: "cost", qaly: "effect" },
        cycles,
        start: { Well: 1 },
        transitionArrays: () => ({ Well: { Well: library.complement, Sick: library.byCycle(p), Dead: library.byCycle(p) }, Sick: { Sick: library.complement, Dead: 0.1 }, Dead: { Dead: 1 } }),
        valueArrays: () => ({ cost: { Well: library.byCycle(c), Sick: 500 }, qaly: { Well: 1, Sick: 0.6 } }),
      });
    const errors = (library: Index, model: ModelModule) =>
      [
        [badProgress, cost],
        [progress, badCost],
      ].map(([p, c]) => {
        // Past cycle 1 and row 0 (read when the arrays are): found by the run, generated or interpreted.
        const error = thrown(() => model.evaluateModel(build(library, p!, c!), {}));
        return [error.code, error.path, error.issues[0]!.message];
      });
    const generated = errors(await import("../../../src/index.js"), await import("../../../src/models/model.js"));
    expect(generated.map(([code, path]) => [code, path])).toEqual([
      ["negative_complement", ["strategies", "Only", "cycle", 5, "from", "Well", "to", "Well"]],
      ["non_finite_value", ["strategies", "Only", "row", 3, "values", "cost", "Well"]],
    ]);
    const fresh = await refused();
    expect(errors(fresh.index, fresh.model)).toEqual(generated);
  });

  it("a value that is not a finite number is reported at its trace row and state time, as by the interpreted loop", async () => {
    const cycles = 6;
    const tunnel = 20;
    const utility = new Float64Array((cycles + 1) * tunnel).fill(0.7);
    utility[4 * tunnel + 3] = Number.NaN;
    const cost: unknown[] = [1, 2, 3, 4, 5, "6", 7];
    const build = (library: Index, values: () => object) =>
      library.markovCohort({
        states: ["Well", { name: "Sick", tunnel }, "Dead"],
        strategies: ["Only"],
        outcomes: { cost: "cost", qaly: "effect" },
        cycles,
        start: { Well: 1 },
        transitionArrays: () => ({ Well: { Well: library.complement, Sick: library.byCycle(new Float64Array(cycles).fill(0.3)) }, Sick: { Sick: library.complement, Dead: 0.1 }, Dead: { Dead: 1 } }),
        valueArrays: values as never,
      });
    const qaly = () => ({ cost: { Well: 1 }, qaly: { Well: 1, Sick: byCycleAndStateTime(utility) } });
    const text = () => ({ cost: { Well: 1, Sick: byCycle(cost as number[]) } });
    const library = await import("../../../src/index.js");
    const generated = [qaly, text].map((values) => thrown(() => evaluateModel(build(library, values), {})));
    expect(generated.map((error) => [error.code, error.path])).toEqual([
      ["non_finite_value", ["strategies", "Only", "row", 4, "values", "qaly", "Sick", "stateTime", 3]],
      ["non_finite_value", ["strategies", "Only", "row", 5, "values", "cost", "Sick", "stateTime", 0]],
    ]);
    const fresh = await refused();
    const interpreted = [qaly, text].map((values) => {
      try {
        fresh.model.evaluateModel(build(fresh.index, values), {});
      } catch (error) {
        const { code, path, message } = (error as { issues: { code: string; path: unknown[]; message: string }[] }).issues[0]!;
        return [code, path, message];
      }
      throw new Error("expected an error");
    });
    expect(interpreted).toEqual(generated.map((error) => [error.code, error.path, error.issues[0]!.message]));
  });
});
