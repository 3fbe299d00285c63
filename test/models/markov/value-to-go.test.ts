// The backward (value-to-go) evaluation of several starts (src/models/markov/value-to-go.ts) against
// the forward pass of each start, on random Markov models: tunnels, rows that depend on the time in
// state (or on the cycle: those strategies run forward), settled and looping states, background
// mortality, transition and starting values, milestones, cycle corrections, discounting, entry times.
//
// Tolerance: 1e-12 relative. The two passes add the same products in another order (forward: each
// row's mass summed over cycles, then times its values; backward: each state's future summed into its
// value-to-go, then times the start's mass), so they differ by rounding only: with n terms of one
// sign per total the reordering error is below n·ε relative, under 2e-14 for the ≤ 60 cycles and
// ≤ 12 expanded states here (and 5e-15 measured on the AML back end's 480 cycles). That bound is
// relative to the sum of the terms' absolute values: when values of both signs cancel (a saving in one
// state, a cost in another) the total may be far smaller, and the difference is then checked against
// 1e-12 of that sum (the same model with every value's absolute value). Found in review: a cost total
// of 2.3e-7 from terms of ~1e-3 differed by 1.4e-12 relative, 3e-19 absolute.
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { compileMarkov } from "../../../src/models/markov/compile-markov.js";
import { MarkovWorkspace } from "../../../src/models/markov/markov-workspace.js";
import { ValueToGo } from "../../../src/models/markov/value-to-go.js";
import { byStateTime } from "../../../src/models/markov/array-entry.js";
import { FillCache } from "../../../src/models/markov/fill-cache.js";
import { complement } from "../../../src/models/complement.js";
import type { EvaluationContext } from "../../../src/models/model.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import type { CycleCorrection } from "../../../src/math/index.js";
import { thrown } from "../../helpers/thrown.js";
import { refusedLibraryCopy, withCodeGenerationRefused } from "../../helpers/code-generation-refused.js";

const TOLERANCE = 1e-12;
const STATES = ["A", "B", "C", "Dead"] as const;
const LIVING = ["A", "B", "C"] as const;
const table = lifeTable({ ages: [60, 70, 80, 90], rates: { female: [0.01, 0.03, 0.08, 0.2], male: [0.015, 0.04, 0.1, 0.25] } });

/** One row's weights to A, B, C, Dead (structural zeros; sometimes "stay put": only the entry to itself). */
const rowArbitrary = (self: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 4, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant([0, 1, 2, 3].map((j) => (j === self ? 1 : 0))) },
  );

const caseArbitrary = fc.record({
  tunnels: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })),
  // rows[state][position] (positions beyond a tunnel's length are ignored); the last row of C is C's only row.
  rows: fc.tuple(fc.array(rowArbitrary(0), { minLength: 5, maxLength: 5 }), fc.array(rowArbitrary(1), { minLength: 4, maxLength: 4 }), rowArbitrary(2)),
  byCycle: fc.boolean(),
  values: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true })), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
  transitionValues: fc.array(fc.tuple(fc.constantFrom(...LIVING), fc.constantFrom(...STATES), fc.double({ min: 0.001, max: 500, noNaN: true })), { maxLength: 3 }),
  startingValue: fc.option(fc.double({ min: 0.001, max: 100, noNaN: true }), { nil: undefined }),
  floor: fc.boolean(),
  cycles: fc.integer({ min: 1, max: 60 }),
  cycleLength: fc.constantFrom(1, 0.5, 1 / 12),
  milestoneRow: fc.nat(),
  correction: fc.constantFrom<CycleCorrection>("none-beginning", "none-end", "half-cycle", "trapezoid"),
  costRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  effectRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  weight: fc.constantFrom<"once" | "row">("once", "row"),
  starts: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
  startTime: fc.constantFrom(0, 0, 1.5, 7.25, 31),
  // A per-year cost in Dead (then the floor's deaths from a settled state count: no settled table).
  deadCost: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0.001, max: 50, noNaN: true })),
  // Values of both signs in one outcome (B's cost and QALYs, the odd transition values, C's starting value): totals may cancel.
  negative: fc.boolean(),
  // One raw death probability per state (A, B, C) that the floor may exceed in some cycles only.
  rawDeath: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0.005, max: 0.2, noNaN: true })),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  return markovCohort(definitionOf(c));
}

function definitionOf(c: Case) {
  const [tunnelA, tunnelB] = c.tunnels;
  const sign = c.negative === true ? -1 : 1;
  const rowOf = (weights: readonly number[], self: number) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const row: Record<string, number | typeof complement> = {};
    if (total === 0) return { [STATES[self]!]: 1 };
    // Normalised, with the entry to itself as the complement (so a "stay put" row is exactly 1).
    const keep = 1 - (c.rawDeath ?? 0);
    weights.forEach((w, j) => {
      if (j !== self && w > 0) row[STATES[j]!] = (w / total) * keep;
    });
    if ((c.rawDeath ?? 0) > 0) row["Dead"] = ((row["Dead"] as number | undefined) ?? 0) + c.rawDeath!;
    row[STATES[self]!] = complement;
    return row;
  };
  const milestone = Math.min(c.milestoneRow % (c.cycles + 1), c.cycles);
  return {
    states: [{ name: "A", tunnel: tunnelA }, { name: "B", tunnel: tunnelB }, "C", "Dead"],
    strategies: ["One", "Two"],
    outcomes: { cost: "cost", qaly: "effect", events: "effect" },
    cycles: c.cycles,
    cycleLength: c.cycleLength,
    start: { A: 1 },
    startAge: 60,
    cycleCorrection: c.correction,
    discountRate: { cost: c.costRate, effect: c.effectRate },
    transitionValueWeight: c.weight,
    milestones: { alive: { states: ["A", "B", "C"], time: milestone * c.cycleLength } },
    ...(c.floor ? { backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 }, deathState: "Dead" } } : {}),
    transitions: (p: { scale: number }, time, strategy) => {
      // Reading the cycle makes the rows time-dependent (that strategy then runs forward); strategy Two halves every move.
      const damp = (c.byCycle && strategy === "Two" ? 1 / (1 + time.cycle) : 1) * (strategy === "Two" ? 0.5 : 1) * p.scale;
      const weights = (w: readonly number[], self: number) => w.map((x, j) => (j === self ? x : x * damp));
      return {
        A: rowOf(weights(c.rows[0][Math.min(time.stateTime, tunnelA - 1)]!, 0), 0),
        B: rowOf(weights(c.rows[1][Math.min(time.stateTime, tunnelB - 1)]!, 1), 1),
        C: rowOf(weights(c.rows[2], 2), 2),
        Dead: { Dead: 1 },
      };
    },
    values: (_p, time) => ({
      cost: { A: c.values[0]![0]! * (time.stateTime % 2 === 0 ? 1 : 0.5), B: sign * c.values[1]![0]!, C: c.values[2]![0]!, ...(!c.deadCost ? {} : { Dead: c.deadCost }) },
      qaly: { A: c.values[0]![1]!, B: sign * c.values[1]![1]! * (time.stateTime === 0 ? 0.5 : 1), C: c.values[2]![1]! },
      events: { C: c.values[2]![2]! },
    }),
    transitionValues: () => {
      const tv: Record<string, Record<string, Record<string, number>>> = { cost: {}, events: {} };
      c.transitionValues.forEach(([from, to, value], i) => {
        if (from === to) return;
        const outcome = i % 2 === 0 ? "cost" : "events";
        (tv[outcome]![from] ??= {})[to] = i % 2 === 0 ? value : sign * value;
      });
      return tv;
    },
    ...(c.startingValue === undefined ? {} : { startingValues: () => ({ cost: { A: c.startingValue!, C: sign * 2 * c.startingValue! } }) }),
  } satisfies Parameters<typeof markovCohort<{ scale: number }>>[0];
}

/** One model for a sequence of cases: parameter `index` picks the case whose rows, values and transition values each function reads (the model's own settings are the first case's). */
function sequenceDefinition(cases: readonly Case[]) {
  const definitions = cases.map(definitionOf);
  type P = { scale: number; index: number };
  const first = definitions[0]!;
  return {
    ...first,
    transitions: (p: P, time, strategy) => definitions[p.index]!.transitions(p, time, strategy),
    values: (p: P, time) => definitions[p.index]!.values(p, time),
    transitionValues: (p: P) => definitions[p.index]!.transitionValues(),
  } satisfies Parameters<typeof markovCohort<P>>[0];
}

/**
 * The same sequence with the rows in the vector form: per state and destination, the callback form's
 * numbers at each tunnel position as a by-state-time array (entries the callback leaves out are 0,
 * not stored), the entry to itself the complement.
 */
function vectorSequenceDefinition(cases: readonly Case[]) {
  const callbacks = sequenceDefinition(cases);
  const { transitions, ...rest } = callbacks;
  const [tunnelA, tunnelB] = cases[0]!.tunnels;
  const tunnels = [tunnelA, tunnelB, 1, 1];
  type P = { scale: number; index: number };
  return {
    ...rest,
    transitionArrays: (p: P, _grid: unknown, strategy: string) => {
      const rows: Record<string, Record<string, number | typeof complement | ReturnType<typeof byStateTime>>> = {};
      STATES.forEach((from, s) => {
        const at = (position: number) => transitions(p, { stateTime: position, cycle: 1 } as never, strategy) as Record<string, Record<string, number | typeof complement>>;
        const row: (typeof rows)[string] = {};
        for (const to of STATES) {
          if (to === from) {
            row[to] = complement;
            continue;
          }
          const numbers = Array.from({ length: tunnels[s]! }, (_, position) => {
            const value = at(position)[from]![to];
            return typeof value === "number" ? value : 0;
          });
          row[to] = tunnels[s]! > 1 ? byStateTime(numbers) : numbers[0]!;
        }
        rows[from] = row;
      });
      return rows;
    },
  } satisfies Parameters<typeof markovCohort<P>>[0];
}

function starts(c: Case): EvaluationContext[] {
  return c.starts.map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    const start = total === 0 ? { A: 1 } : { A: w[0]! / total, B: w[1]! / total, C: 1 - w[0]! / total - w[1]! / total };
    return { start: Object.fromEntries(Object.entries(start).map(([k, v]) => [k, Math.max(0, v)])), startTime: c.startTime, draw: 7 };
  });
}

/** Within TOLERANCE of the larger magnitude, or of `gross` (the same total with every value's absolute value) when values of both signs cancel. */
function close(a: number, b: number, gross = 0): boolean {
  return a === b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b), gross);
}

/** Each start's batched totals against its forward totals (throws naming the first that differs). */
function check(c: Case, scale: number): void {
  const model = build(c);
  const contexts = starts(c);
  const width = model.strategies.length * model.outcomes.length;
  const outs = contexts.map(() => new Float64Array(width));
  model.evaluateStartsInto!({ scale }, contexts, outs);
  // With values of both signs, the scale of the rounding is the total of the absolute values.
  const absolute = c.negative ? build({ ...c, negative: false }) : undefined;
  contexts.forEach((context, i) => {
    const forward = new Float64Array(width);
    model.evaluateInto({ scale }, forward, context);
    const gross = new Float64Array(width);
    absolute?.evaluateInto({ scale }, gross, context);
    for (let k = 0; k < width; k++) {
      if (!close(forward[k]!, outs[i]![k]!, gross[k]!)) throw new Error(`start ${i}, ${model.strategies[Math.floor(k / model.outcomes.length)]} ${model.outcomes[k % model.outcomes.length]}: forward ${forward[k]}, value-to-go ${outs[i]![k]}`);
    }
  });
}

describe("Markov value-to-go: several starts in one backward pass", () => {
  it(`gives each start's forward totals and milestones within ${TOLERANCE} relative (of the absolute terms' sum) on random models (property)`, () => {
    // Not vacuous: most strategies take the backward pass, and none falls back after an error.
    const spy = vi.spyOn(ValueToGo.prototype, "evaluate");
    fc.assert(
      fc.property(caseArbitrary, fc.double({ min: 0.2, max: 1, noNaN: true }), check),
      { numRuns: 300 },
    );
    const results = spy.mock.results;
    spy.mockRestore();
    expect(results.every((r) => r.type === "return")).toBe(true);
    expect(results.filter((r) => r.value === true).length).toBeGreaterThan(results.length / 2);
  });

  it("gives every call of a sequence on one model a fresh model's numbers bit for bit while the stored entries, starts, transition and per-year values change from call to call or repeat, rows in the callback and the vector form (property)", () => {
    // classify keeps what the stored entries decide (adjacency, rows with an entry to themselves) while the
    // workspace's entries version stays: the vector form's generated fill keeps it when it stores the same entries.
    const structure = vi.spyOn(ValueToGo.prototype as unknown as { structure: () => void }, "structure");
    const classify = vi.spyOn(ValueToGo.prototype as unknown as { classify: () => void }, "classify");
    // Calls on the kept models, per form: classified, and derived again.
    const kept = { callback: { classified: 0, derived: 0 }, vector: { classified: 0, derived: 0 } };
    try {
      fc.assert(
        fc.property(caseArbitrary, fc.array(fc.tuple(caseArbitrary, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.double({ min: 0.2, max: 1, noNaN: true }), fc.boolean(), (first, rest, scale, vector) => {
          // One model: what the model fixes comes from the first case; rows (kept from the previous case or new), values, transition values and starts from each.
          const cases = [first];
          for (const [next, keepRows] of rest) cases.push({ ...next, tunnels: first.tunnels, floor: first.floor, cycles: first.cycles, cycleLength: first.cycleLength, milestoneRow: first.milestoneRow, correction: first.correction, costRate: first.costRate, effectRate: first.effectRate, weight: first.weight, startingValue: first.startingValue, ...(keepRows ? { rows: cases[cases.length - 1]!.rows, rawDeath: cases[cases.length - 1]!.rawDeath } : {}) });
          // The vector form's rows read no cycle (a strategy reading it runs forward).
          if (vector) cases.forEach((c, i) => (cases[i] = { ...c, byCycle: false }));
          // Values of one sign: the forward comparison below needs no sum of absolute terms (the bit-for-bit one needs nothing).
          cases.forEach((c, i) => (cases[i] = { ...c, negative: false }));
          const make = () => markovCohort(vector ? vectorSequenceDefinition(cases) : sequenceDefinition(cases));
          const model = make();
          const counts = kept[vector ? "vector" : "callback"];
          const width = model.strategies.length * model.outcomes.length;
          // Every call on the kept model first (nothing else fills its workspace in between), then the checks.
          const results = cases.map((c, index) => {
            const contexts = starts(c);
            const outs = contexts.map(() => new Float64Array(width));
            const [classified, derived] = [classify.mock.calls.length, structure.mock.calls.length];
            model.evaluateStartsInto!({ scale, index }, contexts, outs);
            counts.classified += classify.mock.calls.length - classified;
            counts.derived += structure.mock.calls.length - derived;
            return { contexts, outs };
          });
          results.forEach(({ contexts, outs }, index) => {
            const params = { scale, index };
            const fresh = contexts.map(() => new Float64Array(width));
            make().evaluateStartsInto!(params, contexts, fresh);
            outs.forEach((out, i) => out.forEach((v, k) => {
              if (!Object.is(v, fresh[i]![k])) throw new Error(`call ${index}, start ${i}, output ${k}: ${v} on the model, ${fresh[i]![k]} on a fresh one`);
            }));
            // And the forward pass's numbers (the fresh model derives everything anew).
            contexts.forEach((context, i) => {
              const forward = new Float64Array(width);
              model.evaluateInto(params, forward, context);
              for (let k = 0; k < width; k++) if (!close(forward[k]!, outs[i]![k]!)) throw new Error(`call ${index}, start ${i}, output ${k}: forward ${forward[k]}, value-to-go ${outs[i]![k]}`);
            });
          });
        }),
        { numRuns: 200 },
      );
      // Not vacuous: the callback form's rows go through functions that store rows anew every call (always derived); the
      // vector form kept the derivation for many calls and derived again where entries changed, beyond each model's first.
      expect(kept.callback.derived).toBe(kept.callback.classified);
      expect(kept.vector.derived).toBeGreaterThan(100);
      expect(kept.vector.derived).toBeLessThan(kept.vector.classified * 0.7);
    } finally {
      structure.mockRestore();
      classify.mockRestore();
    }
  });

  it("checks a total that cancels against the sum of its terms' absolute values (review counterexample)", () => {
    // Cost 2.3e-7 = starting values 0.001 − 0.002·C's share + A's and C's costs: 1.4e-12 relative between the passes, 3e-19 absolute.
    const c = { tunnels: [1, 1], rows: [[[0, 0, 0, 0.01], [1, 0, 0, 0], [0.01, 0, 0.01, 0.01], [1, 0, 0, 0], [0, 0, 0.01, 0.01]], [[0, 1, 0, 0], [0, 0.01, 0, 0.01], [0, 0, 0, 0.01], [0, 0, 0.01, 0]], [0.018383789639837958, 0.16207466292054779, 0.9452732559892055, 0.487892678512363]], byCycle: false, values: [[0, 0, 0.001], [0, 0, 0.001], [0.001, 0, 0.001]], transitionValues: [], startingValue: 0.001, floor: false, cycles: 13, cycleLength: 0.5, milestoneRow: 0, correction: "none-beginning", costRate: 0, effectRate: 0, weight: "once", starts: [[0.021592304158151974, 0, 0.028822613450473034], [0, 0, 0.01], [0, 0.01, 0]], startTime: 0, deadCost: 0, negative: true, rawDeath: 0.005 } as unknown as Case;
    expect(() => check(c, 0.9274574770564086)).not.toThrow();
  });

  it("takes the backward pass for inputs fixed for the run and leaves rows that read the cycle to the forward pass", () => {
    const fixed = { tunnels: [3, 2], rows: [[[1, 1, 0, 1], [0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], [[1, 1, 1, 1], [0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0]], [0, 0, 1, 1]], byCycle: true, values: [[1, 1, 0], [2, 1, 0], [3, 0, 1]], transitionValues: [["A", "C", 10]], startingValue: 5, floor: true, cycles: 24, cycleLength: 1, milestoneRow: 5, correction: "half-cycle", costRate: 0.03, effectRate: 0.03, weight: "once", starts: [[1, 0, 0], [0, 1, 0]], startTime: 0 } as unknown as Case;
    const compiled = compileMarkov(definitionOf(fixed) as unknown as Parameters<typeof compileMarkov>[0]);
    const work = new MarkovWorkspace(compiled);
    const valueToGo = new ValueToGo(compiled);
    const contexts = starts(fixed);
    let written = 0;
    expect(valueToGo.evaluate(work, 0, { scale: 1 }, contexts, () => written++)).toBe(true);
    expect(written).toBe(2);
    // Strategy Two reads the cycle: nothing written, the caller runs it forward.
    expect(valueToGo.evaluate(work, 1, { scale: 1 }, contexts, () => written++)).toBe(false);
    expect(written).toBe(2);
    // The stay-put rows: A's last position settles (values × a table of the model), C loops under the floor.
    expect(Array.from(valueToGo.settled)).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect(Array.from(valueToGo.looping)).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(valueToGo.zero)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
});

// Targeted cases of the review (issue 15): each compares the batched entry with evaluateInto per start.
type Q = { pRelapse: number; pDie: number; bad: number; cRelapse: number };
const q: Q = { pRelapse: 0.08, pDie: 0.02, bad: 0, cRelapse: 1500 };

/** Sick (tunnel 4) → Cured (settled: stays put but for the floor) or Relapsed (looping: itself or Dead). */
function backEnd(options: { readonly ageValues?: boolean; readonly costByYear?: boolean; readonly cycles?: number; readonly deadCost?: number; readonly fixedSelf?: boolean; readonly noValues?: boolean } = {}) {
  const cycles = options.cycles ?? 40;
  return markovCohort({
    title: "Review back end",
    states: [{ name: "Sick", tunnel: 4 }, "Cured", "Relapsed", "Dead"],
    strategies: ["Usual", "New"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles,
    start: { Sick: 1 },
    startAge: 62,
    cycleCorrection: "half-cycle",
    discountRate: { cost: 0.035, effect: 0.015 },
    milestones: { curedAtEnd: { states: ["Cured"], time: cycles }, aliveAt5: { states: ["Sick", "Cured", "Relapsed"], time: 5 }, atEntry: { states: ["Relapsed"], time: 0 } },
    ...(options.costByYear ? { costByYear: 3 } : {}),
    backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 }, deathState: "Dead" },
    transitions: (p: Q, time, strategy) => {
      const cure = time.stateTime === 3 ? (strategy === "New" ? 0.5 : 0.3) : 0;
      return {
        Sick: { Cured: cure, Relapsed: p.pRelapse + p.bad, Dead: p.pDie, Sick: complement },
        Cured: { Cured: 1 },
        // fixedSelf: the entry to itself stays 0.9 while the death probability moves (within the row-sum tolerance).
        Relapsed: options.fixedSelf ? { Dead: 5 * p.pDie, Relapsed: 0.9 } : { Dead: 3 * p.pDie, Relapsed: complement },
        Dead: { Dead: 1 },
      };
    },
    ...(options.noValues
      ? {}
      : {
          values: (_p: Q, time: { readonly age: number }) => ({
            cost: { Sick: 4000, Relapsed: 9000, Cured: options.ageValues ? 10 * time.age : 200, ...(options.deadCost === undefined ? {} : { Dead: options.deadCost }) },
            qaly: { Sick: 0.7, Cured: 0.9, Relapsed: 0.5 },
          }),
        }),
    transitionValues: (p: Q) => ({ cost: { Sick: { Relapsed: p.cRelapse, Cured: 800 } } }),
    startingValues: () => ({ cost: { Sick: 2500 } }),
  });
}

/** Compares with the forward pass; `exact` cases must run forward (bit for bit), the others backward (no strategy falls back). */
function compare(model: ReturnType<typeof backEnd>, params: Q, contexts: readonly (EvaluationContext | undefined)[], exact = false): void {
  const width = model.strategies.length * model.outcomes.length;
  const outs = contexts.map(() => new Float64Array(width));
  const spy = vi.spyOn(ValueToGo.prototype, "evaluate");
  try {
    model.evaluateStartsInto!(params, contexts, outs);
    expect(spy.mock.results.map((r) => r.type === "return" && r.value === true)).toEqual(model.strategies.map(() => !exact));
  } finally {
    spy.mockRestore();
  }
  contexts.forEach((context, i) => {
    const forward = new Float64Array(width);
    model.evaluateInto(params, forward, context);
    for (let k = 0; k < width; k++) {
      const label = `start ${i}, ${model.strategies[Math.floor(k / model.outcomes.length)]} ${model.outcomes[k % model.outcomes.length]}: forward ${forward[k]}, batched ${outs[i]![k]}`;
      if (exact ? forward[k] !== outs[i]![k] : !close(forward[k]!, outs[i]![k]!)) throw new Error(label);
    }
  });
}

/** The forms rows reach the matrix in: callbacks; the vector form's generated fill; and, in a library copy with code generation refused, its interpreted fill. */
async function rowForms(): Promise<{ vector: boolean; cohort: typeof markovCohort; live: boolean }[]> {
  const refused = (await refusedLibraryCopy()).markovCohort as unknown as typeof markovCohort;
  return [
    { vector: false, cohort: markovCohort, live: true },
    { vector: true, cohort: markovCohort, live: true },
    { vector: true, cohort: refused, live: false },
  ];
}

/** Strategies Usual and New over `states` (A, B, C, Dead), 30 cycles from A, with `rows` in the callback or the vector form; per-year costs and QALYs in A, B and C. */
function rowsModel<P>(cohort: typeof markovCohort, vector: boolean, states: readonly string[], rows: (p: P, strategy: string) => Record<string, Record<string, number | symbol>>) {
  return cohort({
    states,
    strategies: ["Usual", "New"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 30,
    start: { A: 1 },
    discountRate: { cost: 0.03, effect: 0.03 },
    // The rows hold `complement` (a symbol): the engine's row types, as the definitions above write them.
    ...(vector ? { transitionArrays: (p: P, _grid: unknown, strategy: string) => rows(p, strategy) as never } : { transitions: (p: P, _time: unknown, strategy: string) => rows(p, strategy) as never }),
    values: () => ({ cost: { A: 100, B: 200, C: 5000 }, qaly: { A: 0.9, B: 0.8, C: 0.4 } }),
  });
}

/**
 * Evaluates `make()`'s model with each parameter set in turn (nothing else filling its workspace in between),
 * then checks every call against a fresh model, bit for bit, and against the forward pass. Returns each call's outputs.
 */
function keptAgainstFresh<P>(make: () => { readonly strategies: readonly string[]; readonly outcomes: readonly string[]; evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void; evaluateStartsInto?(params: P, contexts: readonly (EvaluationContext | undefined)[], outs: readonly Float64Array[]): void }, params: readonly P[], contexts: readonly EvaluationContext[]): Float64Array[][] {
  const kept = make();
  const width = kept.strategies.length * kept.outcomes.length;
  const results = params.map((p) => {
    const outs = contexts.map(() => new Float64Array(width));
    kept.evaluateStartsInto!(p, contexts, outs);
    return outs;
  });
  results.forEach((outs, call) => {
    const fresh = contexts.map(() => new Float64Array(width));
    make().evaluateStartsInto!(params[call]!, contexts, fresh);
    contexts.forEach((context, i) => {
      const forward = new Float64Array(width);
      kept.evaluateInto(params[call]!, forward, context);
      for (let k = 0; k < width; k++) {
        expect(Object.is(outs[i]![k], fresh[i]![k]), `call ${call}, start ${i}, output ${k}: ${outs[i]![k]} kept, ${fresh[i]![k]} fresh`).toBe(true);
        expect(close(forward[k]!, outs[i]![k]!), `call ${call}, start ${i}, output ${k}: forward ${forward[k]}, batched ${outs[i]![k]}`).toBe(true);
      }
    });
  });
  return results;
}

const fromSick = { start: { Sick: 1 } };
const fromRelapsed = { start: { Relapsed: 1 } };
const mixed = { start: { Sick: 0.6, Cured: 0.3, Relapsed: 0.1 } };

describe("Markov value-to-go: review cases", () => {
  it("finds the states a start reaches alike through per-state bit masks (≤ 31 states) and the byte matrix (more): chains of 20 and 40 states (22 and 42 with Dead and Island) entered at their head, mid-chain and at their end", () => {
    for (const length of [20, 40]) {
      const names = Array.from({ length }, (_, i) => `S${i}`);
      const model = markovCohort({
        // Island holds values but no start reaches it.
        states: [...names, "Dead", "Island"],
        strategies: ["Slow", "Fast"],
        outcomes: { cost: "cost", qaly: "effect" },
        cycles: 60,
        start: { S0: 1 },
        discountRate: { cost: 0.03, effect: 0.015 },
        transitions: (p: { move: number }, _time, strategy) => {
          const move = strategy === "Fast" ? 2 * p.move : p.move;
          const rows: Record<string, Record<string, number | typeof complement>> = { Dead: { Dead: 1 }, Island: { Island: 1 } };
          names.forEach((name, i) => {
            rows[name] = i + 1 < length ? { [names[i + 1]!]: move, Dead: 0.01, [name]: complement } : { Dead: 0.01, [name]: complement };
          });
          return rows;
        },
        values: () => ({ cost: { ...Object.fromEntries(names.map((name, i) => [name, 10 * (i + 1)])), Island: 7 }, qaly: { ...Object.fromEntries(names.map((name) => [name, 1])), Island: 5 } }),
      });
      const contexts: EvaluationContext[] = [{ start: { S0: 1 } }, { start: { S5: 0.5, S12: 0.5 } }, { start: { S1: 0.25, [names[length - 1]!]: 0.75 } }];
      const width = model.strategies.length * model.outcomes.length;
      const outs = contexts.map(() => new Float64Array(width));
      const spy = vi.spyOn(ValueToGo.prototype, "evaluate");
      try {
        model.evaluateStartsInto!({ move: 0.3 }, contexts, outs);
        expect(spy.mock.results.map((r) => r.type === "return" && r.value === true)).toEqual([true, true]);
      } finally {
        spy.mockRestore();
      }
      contexts.forEach((context, i) => {
        const forward = new Float64Array(width);
        model.evaluateInto({ move: 0.3 }, forward, context);
        for (let k = 0; k < width; k++) expect(close(forward[k]!, outs[i]![k]!), `${length} states, start ${i}, output ${k}: forward ${forward[k]}, batched ${outs[i]![k]}`).toBe(true);
        // Not vacuous: every start accrues costs along the chain.
        expect(forward[0]).toBeGreaterThan(0);
      });
    }
  });

  it("alternating entry times reuse no other entry time's settled table (floor and discounting from each entry)", () => {
    const model = backEnd();
    for (const time of [0, 1.5, 0, 12.25, 1.5, 0, 30]) compare(model, q, [fromSick, fromRelapsed, mixed].map((c) => ({ ...c, startTime: time, draw: 3 })));
  });

  it("stays right when more entry times than the kept tables come (one per PSA draw) and old ones come back", () => {
    const model = backEnd({ cycles: 12 });
    const times = Array.from({ length: 40 }, (_, k) => (k * 7) % 23 + k / 8);
    for (const time of [...times, ...times.slice(0, 5)]) compare(model, q, [fromSick, mixed].map((c) => ({ ...c, startTime: time })));
  });

  it("handles duplicate starts, default starts (undefined contexts) and starts with zero mass in some states", () => {
    const model = backEnd();
    compare(model, q, [fromSick, fromSick, mixed, fromSick]);
    compare(model, q, [undefined, undefined]);
    compare(model, q, [undefined, { start: { Sick: 0, Cured: 1, Relapsed: 0 } }, fromRelapsed]);
  });

  it("counts a death state's own values (the settled shortcut declines) and milestones at entry, mid-run and at the horizon", () => {
    const model = backEnd({ deadCost: 50 });
    compare(model, q, [fromSick, fromRelapsed, mixed]);
    compare(model, q, [fromSick, mixed].map((c) => ({ ...c, startTime: 4 })));
    const out = [new Float64Array(model.strategies.length * model.outcomes.length), new Float64Array(model.strategies.length * model.outcomes.length)];
    model.evaluateStartsInto!(q, [fromRelapsed, fromSick], out);
    expect(out[0]![model.outcomes.indexOf("atEntry")]).toBe(1);
    expect(out[1]![model.outcomes.indexOf("atEntry")]).toBe(0);
  });

  it("reuses a start's vector only while its object reads the same: a start changed in place, and a failing start followed by a good one, give the forward pass's numbers", () => {
    const model = backEnd();
    const start: Record<string, number> = { Sick: 1 };
    const context = { start };
    compare(model, q, [context, fromRelapsed]);
    delete start["Sick"];
    start["Relapsed"] = 1;
    compare(model, q, [context, fromSick]);
    start["Relapsed"] = 0.5;
    start["Cured"] = 0.5;
    compare(model, q, [context, fromSick]);
    start["Cured"] = 0.7;
    const out = [new Float64Array(model.strategies.length * model.outcomes.length)];
    expect(() => model.evaluateStartsInto!(q, [context], out)).toThrow(/sum to 1/);
    start["Cured"] = 0.5;
    compare(model, q, [context, fromSick]);
  });

  it("reads zeros for a model without per-year values: transition values, starting values and milestones still count", () => {
    const model = backEnd({ noValues: true });
    compare(model, q, [fromSick, fromRelapsed, mixed]);
    const out = [new Float64Array(model.strategies.length * model.outcomes.length)];
    model.evaluateStartsInto!(q, [fromSick], out);
    expect(out[0]![model.outcomes.indexOf("cost")]).toBeGreaterThan(2500);
    expect(out[0]![model.outcomes.indexOf("qaly")]).toBe(0);
    expect(out[0]![model.outcomes.indexOf("aliveAt5")]).toBeGreaterThan(0);
  });

  it("runs forward, bit for bit, a settled state whose values read the age, and annual costs", () => {
    compare(backEnd({ ageValues: true }), q, [fromSick, mixed].map((c) => ({ ...c, startTime: 2 })), true);
    compare(backEnd({ costByYear: true }), q, [fromSick, fromRelapsed], true);
  });

  it("keeps a looping state's table while its inputs repeat (both strategies here, and the next call) and recomputes it when the self probability, death probability or entry time changes: bit for bit a fresh model's numbers", () => {
    const kept = backEnd();
    const width = kept.strategies.length * kept.outcomes.length;
    const tables = vi.spyOn(ValueToGo.prototype as unknown as { loopTable: () => void }, "loopTable");
    try {
      const calls: number[] = [];
      for (const [params, time] of [[q, 0], [q, 0], [{ ...q, pDie: 0.03 }, 0], [{ ...q, pDie: 0.03 }, 2.5], [q, 0], [{ ...q, pRelapse: 0.1 }, 0]] as const) {
        const contexts = [fromSick, fromRelapsed].map((c) => ({ ...c, startTime: time }));
        const before = tables.mock.calls.length;
        const outs = contexts.map(() => new Float64Array(width));
        kept.evaluateStartsInto!(params, contexts, outs);
        calls.push(tables.mock.calls.length - before);
        const fresh = contexts.map(() => new Float64Array(width));
        backEnd().evaluateStartsInto!(params, contexts, fresh);
        outs.forEach((out, i) => out.forEach((v, k) => expect(Object.is(v, fresh[i]![k])).toBe(true)));
      }
      // Relapsed → Dead reads pDie only: the relapse probability leaves its table as it was.
      expect(calls).toEqual([1, 0, 1, 1, 1, 0]);
      // The floor reads the row's death probability too: 1e-12 more (the row still sums to 1 within the tolerance), with the same entry to itself, is another table.
      const fixed = backEnd({ fixedSelf: true });
      const results = [0.02, 0.02 + 1e-12].map((pDie) => {
        const before = tables.mock.calls.length;
        const outs = [new Float64Array(width), new Float64Array(width)];
        fixed.evaluateStartsInto!({ ...q, pDie }, [fromSick, fromRelapsed], outs);
        expect(tables.mock.calls.length - before).toBe(1);
        const fresh = [new Float64Array(width), new Float64Array(width)];
        backEnd({ fixedSelf: true }).evaluateStartsInto!({ ...q, pDie }, [fromSick, fromRelapsed], fresh);
        outs.forEach((out, i) => out.forEach((v, k) => expect(Object.is(v, fresh[i]![k])).toBe(true)));
        return outs[1]!;
      });
      expect(results[0]).not.toEqual(results[1]);
    } finally {
      tables.mockRestore();
    }
  });

  it("derives the reachable states again when a row's stored entries change, also back to those of an earlier call (callback form, vector form generated and interpreted)", async () => {
    // C is reached only through B's entry to it, stored last in B's row (C after Dead). The first call leaves it out, the
    // second stores it (derived again: C live); the third leaves it out and, as A's row changes in the middle (no entry to
    // B), is derived again; the fourth stores it again: the entries kept from the second call read the same beyond the
    // third's row end, and C must be live again.
    for (const { vector, cohort } of await rowForms()) {
      const rows = (p: { toC: number; toB: number }, strategy: string) => ({
        A: { A: complement, B: strategy === "New" ? 1.5 * p.toB : p.toB, Dead: 0.01 },
        B: { B: complement, Dead: 0.02, C: p.toC },
        // C loops (itself or Dead): its table is kept while its death probability repeats; here it changes with toC.
        C: { Dead: 0.1 + p.toC / 10, C: complement },
        Dead: { Dead: 1 },
      });
      const chain = () => rowsModel(cohort, vector, ["A", "B", "Dead", "C"], rows);
      const params = ([[0, 0], [0.2, 0.2], [0, 0], [0.3, 0], [0, 0], [0.2, 0.2]] as const).map(([toC, toB]) => ({ toC, toB }));
      const outs = keptAgainstFresh(chain, params, [{ start: { A: 1 } }, { start: { A: 0.5, B: 0.5 } }]);
      // Not vacuous: C's per-year cost (5 000) makes the cost from A and B 16 500-28 500 when B leads there, 2 400 when not.
      outs.forEach((out, call) => expect(out[1]![0]! > 10_000).toBe(params[call]!.toC > 0));
    }
  });

  it("derives again after a strategy's kept fill is put back: strategies that store different entries, the same parameters call after call (callback form, vector form generated and interpreted)", async () => {
    // Usual stores A's entry to C (C reached only from it; C's row is stepped: it leads to B too), New does not; from the
    // second call on each strategy's fill comes back from its fill cache: New's classification must not serve Usual.
    const restore = vi.spyOn(FillCache.prototype, "restore");
    try {
      for (const { vector, cohort, live } of await rowForms()) {
        const rows = (p: { toC: number }, strategy: string) => ({
          A: { A: complement, B: 0.2, C: strategy === "Usual" ? p.toC : 0, Dead: 0.01 },
          B: { B: complement, Dead: 0.02 },
          C: { B: 0.05, Dead: 0.1, C: complement },
          Dead: { Dead: 1 },
        });
        const make = () => rowsModel(cohort, vector, ["A", "B", "C", "Dead"], rows);
        const before = restore.mock.calls.length;
        const outs = keptAgainstFresh(make, [{ toC: 0.1 }, { toC: 0.1 }, { toC: 0.1 }], [{ start: { A: 1 } }, { start: { B: 1 } }]);
        // Not vacuous: the fills came back from the cache (the live library's, which the spy sees), and the strategies differ.
        if (live) expect(restore.mock.calls.length - before).toBeGreaterThanOrEqual(4);
        expect(Math.abs(outs[2]![0]![0]! - outs[2]![0]![2]!)).toBeGreaterThan(1_000);
      }
    } finally {
      restore.mockRestore();
    }
  });

  it("throws the error evaluateInto throws for the first start that fails, whatever start reaches the bad row", () => {
    const model = backEnd();
    const width = model.strategies.length * model.outcomes.length;
    for (const bad of [Number.NaN, 2]) {
      const params = { ...q, bad };
      // Relapse is read from Sick only: the second start's cohort never needs it, the first's does.
      for (const contexts of [[fromRelapsed, fromSick], [fromSick, fromRelapsed]]) {
        const batched = thrown(() => model.evaluateStartsInto!(params, contexts.map((c) => ({ ...c, draw: 9 })), contexts.map(() => new Float64Array(width))));
        const single = thrown(() => model.evaluateInto(params, new Float64Array(width), { ...contexts[0]!, draw: 9 }));
        expect(batched.issues).toEqual(single.issues);
      }
    }
    const invalid = thrown(() => model.evaluateStartsInto!(q, [fromSick, { start: { Sick: 0.5, Cured: 0.6 } }], [new Float64Array(width), new Float64Array(width)]));
    expect(invalid.issues).toEqual(thrown(() => model.evaluateInto(q, new Float64Array(width), { start: { Sick: 0.5, Cured: 0.6 } })).issues);
  });
});

describe("Markov value-to-go: the generated loops (rows, looping states' tables)", () => {
  it("give the interpreted loops' numbers bit for bit (code generation refused, as under a CSP) on random models", async () => {
    const cases = fc.sample(fc.tuple(caseArbitrary, fc.double({ min: 0.2, max: 1, noNaN: true })), { numRuns: 150, seed: 15 });
    const run = (make: typeof markovCohort, [c, scale]: (typeof cases)[number]): Float64Array[] => {
      const model = make(definitionOf(c));
      const contexts = starts(c);
      const outs = contexts.map(() => new Float64Array(model.strategies.length * model.outcomes.length));
      model.evaluateStartsInto!({ scale }, contexts, outs);
      return outs;
    };
    const interpreted = await withCodeGenerationRefused(
      () => import("../../../src/models/markov/index.js"),
      async (fresh) => {
        // Built and evaluated while refused: the kernel is generated lazily, at the first backward pass.
        const results = cases.map((x) => run(fresh.markovCohort, x));
        expect((await import("../../../src/core/generated-function.js")).codeGenerationRefused()).toBe(true);
        return results;
      },
    );
    const { backwardKernel, loopTableKernel, MAX_GENERATED_SLOTS } = await import("../../../src/models/markov/value-to-go-kernel.js");
    expect(backwardKernel(Uint8Array.of(0, 1), 1, false)).toBeTypeOf("function");
    expect(loopTableKernel(4)).toBeTypeOf("function");
    // Very wide layouts (many outcomes or milestones) keep the interpreted loops.
    expect(backwardKernel(new Uint8Array(30), MAX_GENERATED_SLOTS - 59, false)).toBeUndefined();
    expect(loopTableKernel(MAX_GENERATED_SLOTS + 1)).toBeUndefined();
    expect(backwardKernel(new Uint8Array(30), MAX_GENERATED_SLOTS - 60, true)).toBeTypeOf("function");
    cases.forEach((x, k) => {
      const generated = run(markovCohort, x);
      generated.forEach((out, i) => out.forEach((v, j) => {
        if (!Object.is(v, interpreted[k]![i]![j])) throw new Error(`case ${k}, start ${i}, output ${j}: generated ${v}, interpreted ${interpreted[k]![i]![j]}`);
      }));
    });
  });
});
