// Oracle test: a deliberately naive dense re-implementation of the documented formulas
// (docs/conventions.md) against the engine, on random time-dependent models, for every
// correction and discount timing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { complement } from "../../../src/models/complement.js";
import type { CycleCorrection, DiscountTiming } from "../../../src/math/index.js";

const STATES = ["A", "B", "Dead"] as const;

interface Case {
  base: number[][]; // probabilities A→B, A→Dead, B→Dead
  cost: number[];
  cycles: number;
  cycleLength: number;
  rate: number;
  correction: CycleCorrection;
  timing: DiscountTiming;
}

const rowWeights: Record<string, (n: number) => number[]> = {
  "none-beginning": (n) => Array.from({ length: n + 1 }, (_, t) => (t < n ? 1 : 0)),
  "none-end": (n) => Array.from({ length: n + 1 }, (_, t) => (t > 0 ? 1 : 0)),
  "half-cycle": (n) => Array.from({ length: n + 1 }, (_, t) => (t === 0 || t === n ? 0.5 : 1)),
  trapezoid: (n) => Array.from({ length: n + 1 }, (_, t) => (t === 0 || t === n ? 0.5 : 1)),
  "darth-simpson": (n) => Array.from({ length: n + 1 }, (_, t) => (t === 0 || t === n ? 1 / 3 : t % 2 === 1 ? 2 / 3 : 4 / 3)),
};

/** Time-dependent probabilities: progression grows with the cycle. */
const probabilities = (c: Case, cycle: number) => {
  const growth = 1 + 0.02 * cycle;
  const pAB = Math.min(0.5, c.base[0]![0]! * growth);
  const pAD = c.base[0]![1]!;
  const pBD = Math.min(0.9, c.base[0]![2]! * growth);
  return [
    [1 - pAB - pAD, pAB, pAD],
    [0, 1 - pBD, pBD],
    [0, 0, 1],
  ];
};
const costAt = (c: Case, row: number) => [c.cost[0]! * (1 + 0.01 * row), c.cost[1]!, 0];

function oracle(c: Case): number {
  const trace: number[][] = [[1, 0, 0]];
  for (let k = 1; k <= c.cycles; k++) {
    const p = probabilities(c, k);
    const m = trace[k - 1]!;
    trace.push([0, 1, 2].map((j) => m.reduce((sum, mass, i) => sum + mass * p[i]![j]!, 0)));
  }
  const f = trace.map((m, t) => m.reduce((sum, mass, i) => sum + mass * costAt(c, t)[i]!, 0));
  const d = (years: number) => (1 + c.rate) ** -years;
  const Δ = c.cycleLength;
  const n = c.cycles;
  if (c.timing === "row") return rowWeights[c.correction as string]!(n).reduce((sum, w, t) => sum + Δ * w * d(t * Δ) * f[t]!, 0);
  const [a, b] = c.correction === "none-beginning" ? [1, 0] : c.correction === "none-end" ? [0, 1] : [0.5, 0.5];
  const offset = c.timing === "cycle-start" ? 1 : c.timing === "cycle-end" ? 0 : 0.5;
  let total = 0;
  for (let k = 1; k <= n; k++) total += Δ * d((k - offset) * Δ) * (a * f[k - 1]! + b * f[k]!);
  return total;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    base: fc.tuple(fc.double({ min: 0.01, max: 0.3, noNaN: true }), fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true })).map((t) => [t]),
    cost: fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true })),
    cycles: fc.integer({ min: 1, max: 30 }),
    cycleLength: fc.constantFrom(1, 0.25),
    rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
    rule: fc.constantFrom<[CycleCorrection, DiscountTiming]>(
      ["none-beginning", "row"], ["none-end", "row"], ["half-cycle", "row"], ["trapezoid", "row"], ["darth-simpson", "row"],
      ["none-beginning", "cycle-start"], ["none-end", "cycle-end"], ["half-cycle", "cycle-start"], ["half-cycle", "cycle-middle"], ["none-end", "cycle-start"],
    ),
  })
  .map(({ rule, ...rest }) => ({ ...rest, cost: [...rest.cost], correction: rule[0], timing: rule[1] }));

describe("markovCohort against a naive dense oracle", () => {
  it("evaluateInto(time-dependent model) equals the documented formula for every correction and discount timing", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const model = markovCohort({
          states: STATES,
          strategies: ["only"],
          outcomes: { cost: "cost" },
          cycles: c.cycles,
          cycleLength: c.cycleLength,
          start: { A: 1 },
          discountRate: { cost: c.rate },
          cycleCorrection: c.correction,
          discountTiming: c.timing,
          transitions: (_p, time) => {
            const p = probabilities(c, time.cycle);
            return { A: { B: p[0]![1]!, Dead: p[0]![2]!, A: complement }, B: { Dead: p[1]![2]!, B: complement }, Dead: { Dead: 1 } };
          },
          values: (_p, time) => {
            const cost = costAt(c, time.cycle);
            return { cost: { A: cost[0]!, B: cost[1]! } };
          },
        });
        const expected = oracle(c);
        expect(Math.abs(evaluateModel(model, {}).only.cost! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
      { numRuns: 100 },
    );
  });
});
