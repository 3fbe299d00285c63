// Invariants of the Markov cohort engine on random models (fast-check), plus an oracle check that
// the generated kernel of the PSA path equals the generic recording loop of run().
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { evaluateModel } from "../../../src/models/model.js";
import { applyHazardRatio } from "../../../src/math/index.js";
import type { CycleCorrection } from "../../../src/math/index.js";

const STATES = ["S0", "S1", "S2", "S3", "Dead"] as const;
type State = (typeof STATES)[number];

/** Random rows for the alive states (Dead absorbing), normalised from positive weights with some structural zeros. */
const rowsArbitrary = fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 }).map((weights) =>
  weights.map((row, i) => {
    const withDeath = row.map((w, j) => (j === 4 ? Math.max(w, 0.001) : w));
    withDeath[i] = Math.max(withDeath[i]!, 0.01);
    const total = withDeath.reduce((a, b) => a + b, 0);
    return withDeath.map((w) => w / total);
  }),
);

const caseArbitrary = fc.record({
  rows: rowsArbitrary,
  cost: fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 4, maxLength: 4 }),
  utility: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
  cycles: fc.integer({ min: 1, max: 40 }),
  cycleLength: fc.constantFrom(1, 0.5, 1 / 12),
  costRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  effectRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  correction: fc.constantFrom<CycleCorrection>("none-beginning", "none-end", "half-cycle", "trapezoid", "simpson", "darth-simpson"),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case, overrides: { correction?: CycleCorrection; rates?: [number, number]; allUtilityOne?: boolean } = {}) {
  const byState = (values: readonly number[]) => Object.fromEntries(values.map((v, i) => [STATES[i]!, v])) as Record<State, number>;
  return markovCohort({
    states: STATES,
    strategies: ["Control", "Treatment"],
    outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
    cycles: c.cycles,
    cycleLength: c.cycleLength,
    start: { S0: 1 },
    discountRate: { cost: overrides.rates?.[0] ?? c.costRate, effect: overrides.rates?.[1] ?? c.effectRate },
    cycleCorrection: overrides.correction ?? c.correction,
    transitions: (p: { hr: number }, _time, strategy) => {
      const rows = c.rows.map((row) => Object.fromEntries(row.map((q, j) => [STATES[j]!, q])) as Record<State, number>);
      const result = Object.fromEntries(rows.map((row, i) => [STATES[i]!, row])) as Record<State, Record<State, number>>;
      if (strategy === "Treatment") {
        for (let i = 0; i < 4; i++) {
          const row = { ...result[STATES[i]!] };
          const dead = applyHazardRatio(row.Dead, p.hr);
          // A hazard ratio on death; the mass it removes stays in the state itself.
          row[STATES[i]!] = row[STATES[i]!] + (row.Dead - dead);
          row.Dead = dead;
          result[STATES[i]!] = row;
        }
      }
      return { ...result, Dead: { Dead: 1 } };
    },
    values: () => ({
      cost: byState(c.cost),
      qaly: byState(overrides.allUtilityOne === true ? [1, 1, 1, 1] : c.utility),
      lifeYears: { S0: 1, S1: 1, S2: 1, S3: 1 },
    }),
  });
}

const runs = { numRuns: 60 };

describe("markovCohort: invariants on random models", () => {
  it("run(params) conserves the cohort: every trace row sums to 1", () => {
    fc.assert(fc.property(caseArbitrary, (c) => {
      for (const row of build(c).run({ hr: 0.8 }).strategies.Control.trace) expect(Math.abs(Object.values(row).reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
    }), runs);
  });

  it("run(params) never lets the proportion dead decrease", () => {
    fc.assert(fc.property(caseArbitrary, (c) => {
      const trace = build(c).run({ hr: 0.8 }).strategies.Treatment.trace;
      for (let t = 1; t < trace.length; t++) expect(trace[t]!.Dead).toBeGreaterThanOrEqual(trace[t - 1]!.Dead - 1e-15);
    }), runs);
  });

  it("evaluateInto with all utilities 1 gives QALYs equal to life years", () => {
    fc.assert(fc.property(caseArbitrary, (c) => {
      const result = evaluateModel(build(c, { allUtilityOne: true }), { hr: 0.8 });
      for (const s of ["Control", "Treatment"] as const) {
        expect(result[s].qaly).toBeCloseTo(result[s].lifeYears!, 12);
      }
    }), runs);
  });

  it("evaluateInto gives discounted ≤ undiscounted totals, equal at rate 0", () => {
    fc.assert(fc.property(caseArbitrary, (c) => {
      const discounted = evaluateModel(build(c), { hr: 0.8 }).Treatment;
      for (const name of ["cost", "qaly", "lifeYears"]) expect(discounted[name]!).toBeLessThanOrEqual(discounted[`${name}Undiscounted`]! * (1 + 1e-12) + 1e-12);
      const flat = evaluateModel(build(c, { rates: [0, 0] }), { hr: 0.8 }).Treatment;
      for (const name of ["cost", "qaly", "lifeYears"]) expect(flat[name]).toBe(flat[`${name}Undiscounted`]);
    }), runs);
  });

  it("evaluateInto with half-cycle or trapezoid lies between the beginning- and end-of-cycle totals", () => {
    fc.assert(fc.property(caseArbitrary, fc.constantFrom<CycleCorrection>("half-cycle", "trapezoid"), (c, correction) => {
      const at = (rule: CycleCorrection) => evaluateModel(build(c, { correction: rule }), { hr: 0.8 }).Control;
      const [begin, end, corrected] = [at("none-beginning"), at("none-end"), at(correction)];
      for (const name of ["cost", "qaly", "lifeYears", "costUndiscounted"]) {
        const low = Math.min(begin[name]!, end[name]!);
        const high = Math.max(begin[name]!, end[name]!);
        const slack = 1e-12 * Math.max(1, high);
        expect(corrected[name]!).toBeGreaterThanOrEqual(low - slack);
        expect(corrected[name]!).toBeLessThanOrEqual(high + slack);
      }
    }), runs);
  });

  it("evaluateInto with a hazard ratio of 1 makes the strategies identical", () => {
    fc.assert(fc.property(caseArbitrary, (c) => {
      const result = evaluateModel(build(c), { hr: 1 });
      expect(result.Treatment).toEqual(result.Control);
    }), runs);
  });

  it("evaluateInto (generated kernel) equals run(params).totals (generic recording loop)", () => {
    fc.assert(fc.property(caseArbitrary, fc.boolean(), (c, equalRates) => {
      // Equal rates exercise the kernel variant that shares the cost and effect sums.
      const model = build(c, equalRates ? { rates: [0.03, 0.03] } : {});
      const fast = evaluateModel(model, { hr: 0.7 });
      const detailed = model.run({ hr: 0.7 }).strategies;
      for (const s of ["Control", "Treatment"] as const) {
        for (const name of model.outcomes) expect(Math.abs(fast[s][name]! - detailed[s].totals[name]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(fast[s][name]!)));
      }
    }), runs);
  });
});
