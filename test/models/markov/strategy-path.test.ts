// A strategy's whole run in one generated call (src/models/markov/strategy-path.ts) against the
// interpreted run of a copy of the library whose code generation was refused (as under a content
// security policy): totals bit for bit, errors with the same code, path and message. The draws change
// the entries' kinds (number or byCycle) and hold bad numbers now and then, so the paths learned from
// one draw's shapes meet other shapes and failing checks, and fall back to the interpreted run.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as live from "../../../src/index.js";
import { compileMarkov } from "../../../src/models/markov/compile-markov.js";
import { evaluateStrategy } from "../../../src/models/markov/evaluate-strategy.js";
import { MarkovWorkspace } from "../../../src/models/markov/markov-workspace.js";
import type { MarkovCohortDefinition } from "../../../src/models/markov/markov-definition.js";
import { thrown } from "../../helpers/thrown.js";
import { refusedLibraryCopy } from "../../helpers/code-generation-refused.js";
import { lehmer } from "../../helpers/lehmer.js";

type Qaly = typeof live;


interface Draw {
  /** Per entry: 0 a number, 1 byCycle. */
  readonly kinds: readonly number[];
  readonly seed: number;
  /** 0: valid; 1: a probability above 1 in some cycle; 2: a NaN value in some row; 3: a row summing above 1 (complement negative); 4: a row summing to 0.5 in a state no mass reaches. */
  readonly fault: number;
}

const drawArbitrary = fc.record({ kinds: fc.array(fc.constantFrom(0, 1), { minLength: 4, maxLength: 4 }), seed: fc.integer({ min: 1, max: 1_000_000 }), fault: fc.constantFrom(0, 0, 0, 0, 1, 2, 3, 4) });
const CYCLES = 12;

/** A three-state model (with a fourth, absorbing) whose transitions and values come from the draw, in the vector form. */
function definition(q: Qaly, discount: number): MarkovCohortDefinition<Draw, readonly ["Well", "Sick", "Severe", "Dead"], "A" | "B", "cost" | "qaly"> {
  const series = (d: Draw, k: number, length: number, scale: number, bad: number) => {
    const next = lehmer(d.seed * (k + 7));
    const values = Float64Array.from({ length }, () => next() * scale);
    if (bad !== 0) values[d.seed % length] = bad;
    return d.kinds[k] === 1 ? q.byCycle(values) : values[0]!;
  };
  return {
    states: ["Well", "Sick", "Severe", "Dead"],
    strategies: ["A", "B"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: CYCLES,
    start: { Well: 0.75, Sick: 0.25 },
    discountRate: { cost: 0.035, effect: discount },
    cycleCorrection: "half-cycle",
    transitionArrays: (d, _grid, strategy) => ({
      Well: { Well: q.complement, Sick: series(d, 0, CYCLES, 0.3, d.fault === 1 ? 1.5 : 0), Dead: strategy === "A" && d.fault !== 4 ? 0.01 : 0 },
      Sick: { Severe: series(d, 1, CYCLES, 0.3, d.fault === 3 ? 0.9 : 0), Sick: q.complement, Dead: series(d, 1, CYCLES, d.fault === 4 ? 0 : 0.2, d.fault === 3 ? 0.5 : 0) },
      Severe: { Severe: q.complement, Dead: d.fault === 4 ? 0 : 0.2 },
      Dead: { Dead: d.fault === 4 ? 0.5 : 1 },
    }),
    valueArrays: (d, _grid, strategy) => ({
      cost: { Well: 100, Sick: series(d, 2, CYCLES + 1, 1000, d.fault === 2 ? Number.NaN : 0), Severe: strategy === "A" ? 5000 : series(d, 3, CYCLES + 1, 5000, 0) },
      qaly: { Well: 1, Sick: 0.6, Severe: series(d, 3, CYCLES + 1, 0.4, 0) },
    }),
  };
}

function outcome(model: live.Model<Draw, string>, d: Draw, i: number): Float64Array | string {
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  try {
    model.evaluateInto(d, out, { draw: i });
    return out;
  } catch {
    const error = thrown(() => model.evaluateInto(d, out, { draw: i }));
    return JSON.stringify({ message: error.message, issues: error.issues });
  }
}

describe("generated strategy paths", () => {
  it("give the interpreted run's totals and errors over draws whose shapes change (fast-check)", async () => {
    const refused = await refusedLibraryCopy();
    fc.assert(
      fc.property(fc.array(drawArbitrary, { minLength: 1, maxLength: 40 }), fc.constantFrom(0, 0.035), (draws, discount) => {
        const generated = live.markovCohort(definition(live, discount));
        const interpreted = refused.markovCohort(definition(refused, discount));
        draws.forEach((d, i) => expect(outcome(generated, d, i)).toEqual(outcome(interpreted, d, i)));
      }),
      { numRuns: 20 },
    );
  });

  it("are learned for the homogeneous and by-cycle loops and taken on the next draw", () => {
    const model = compileMarkov(definition(live, 0) as unknown as Parameters<typeof compileMarkov>[0]);
    const work = new MarkovWorkspace(model);
    const fixed: Draw = { kinds: [0, 0, 0, 0], seed: 5, fault: 0 };
    const varying: Draw = { kinds: [1, 1, 1, 1], seed: 5, fault: 0 };
    const mixed: Draw = { kinds: [1, 0, 0, 0], seed: 5, fault: 0 };
    evaluateStrategy(model, work, 0, fixed, undefined);
    expect(work.strategyPaths.pathOf(0)).toBeDefined();
    evaluateStrategy(model, work, 1, varying, undefined);
    expect(work.strategyPaths.pathOf(1)).toBeDefined();
    // Transitions by cycle with values fixed for the run take the weighted loop: no path is learned for it, the one kept stays.
    const kept = work.strategyPaths.pathOf(1);
    evaluateStrategy(model, work, 1, mixed, undefined);
    expect(work.strategyPaths.pathOf(1)).toBe(kept);
    // Run alone, the path writes the interpreted run's totals and last masses.
    const path = work.strategyPaths.pathOf(1)!;
    const interpreted = [Float64Array.from(work.total), Float64Array.from(work.totalUndiscounted)];
    evaluateStrategy(model, work, 1, varying, undefined);
    const expected = [Float64Array.from(work.total), Float64Array.from(work.totalUndiscounted), Float64Array.from(work.current)];
    expect(expected[0]).not.toEqual(interpreted[0]);
    work.total.fill(Number.NaN);
    work.totalUndiscounted.fill(Number.NaN);
    work.current.fill(Number.NaN);
    expect(path(varying, work.grids.at(0), work.current, work.total, work.totalUndiscounted)).toBe(true);
    expect([work.total, work.totalUndiscounted, work.current]).toEqual(expected);
    // A shape it was not made for: false, nothing written.
    expect(path(mixed, work.grids.at(0), work.current, work.total, work.totalUndiscounted)).toBe(false);
    expect([work.total, work.totalUndiscounted, work.current]).toEqual(expected);
  });

  it("are dropped when they fall back in more than a quarter of their calls (the functions would be called twice)", () => {
    let calls = 0;
    const base = definition(live, 0);
    const model = live.markovCohort({ ...base, transitionArrays: (d: Draw, g, s) => (calls++, base.transitionArrays!(d, g, s)) });
    const out = new Float64Array(model.strategies.length * model.outcomes.length);
    // Learnable shapes (all by cycle) alternating with a mix the path does not cover (rows by cycle, values fixed).
    const draw = (i: number): Draw => ({ kinds: i % 2 === 0 ? [1, 1, 1, 1] : [1, 1, 0, 0], seed: 11 + i, fault: 0 });
    const callsOf = (from: number, to: number): number => {
      calls = 0;
      for (let i = from; i < to; i++) model.evaluateInto(draw(i), out, { draw: i });
      return calls;
    };
    // Early on each uncovered draw calls the functions twice (the path, then the interpreted run).
    expect(callsOf(0, 10)).toBeGreaterThan(20);
    callsOf(10, 100);
    expect(callsOf(100, 120)).toBe(40);
  });
});
