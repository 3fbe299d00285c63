// Transition matrices visible (issue 17, item 11): model.transitionMatrix(params, strategy, cycle)
// returns the matrix the engine uses in that cycle. Checked against hand-written rows and against the
// trace (row k = row k − 1 × M_k).
import { describe, expect, it } from "vitest";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { thrown } from "../../helpers/thrown.js";

type P = { pSick: number; hr: number };
const model = (extra: Record<string, unknown> = {}) =>
  markovCohort({
    states: ["Well", { name: "Sick", tunnel: 2 }, "Dead"],
    strategies: ["SoC", "New"],
    outcomes: { qaly: "effect" },
    cycles: 4,
    startAge: 60,
    start: { Well: 1 },
    transitions: (p: P, time, strategy) => ({
      // Death risk 0.01 per cycle number, halved by the new drug; sick people die more in their first cycle.
      Well: { Sick: p.pSick, Dead: 0.01 * time.cycle * (strategy === "New" ? p.hr : 1), Well: complement },
      Sick: { Dead: time.stateTime === 0 ? 0.3 : 0.1, Sick: complement },
      Dead: { Dead: 1 },
    }),
    values: () => ({ qaly: { Well: 1, Sick: 0.5 } }),
    ...extra,
  });
const params = { pSick: 0.1, hr: 0.5 };

const multiply = (row: readonly number[], matrix: readonly (readonly number[])[]): number[] => matrix[0]!.map((_, j) => row.reduce((sum, v, i) => sum + v * matrix[i]![j]!, 0));

describe("MarkovCohortModel.transitionMatrix", () => {
  it("gives the hand-written rows of a strategy in a cycle, tunnel positions expanded", () => {
    const m = model().transitionMatrix(params, "New", 2);
    expect(m.strategy).toBe("New");
    expect(m.cycle).toBe(2);
    expect(m.states).toEqual(["Well", "Sick[0]", "Sick[1]", "Dead"]);
    // Well: Dead 0.01 · 2 · 0.5 = 0.01, Sick 0.1, Well 0.89; Sick[0] → Sick[1] 0.7, Dead 0.3; Sick[1] stays 0.9.
    const rounded = m.matrix.map((row) => row.map((v) => +v.toFixed(12)));
    expect(rounded).toEqual([
      [0.89, 0.1, 0, 0.01],
      [0, 0, 0.7, 0.3],
      [0, 0, 0.9, 0.1],
      [0, 0, 0, 1],
    ]);
    expect(model().transitionMatrix(params, "SoC", 3).matrix[0]![3]).toBeCloseTo(0.03, 15);
  });

  it("multiplying the trace by each cycle's matrix reproduces the next trace row (with a background-mortality floor too)", () => {
    const floor = { backgroundMortality: { lifeTable: lifeTable({ ages: [60, 61, 62, 63], rates: { female: [0.02, 0.05, 0.1, 0.2] } }), sexMix: { female: 1 }, deathState: "Dead" } };
    for (const m of [model(), model(floor)]) {
      for (const strategy of ["SoC", "New"] as const) {
        const trace = m.run(params).strategies[strategy].trace;
        let row = [1, 0, 0, 0];
        for (let k = 1; k <= 4; k++) {
          row = multiply(row, m.transitionMatrix(params, strategy, k).matrix);
          const expected = trace[k]!;
          expect(row[0]).toBeCloseTo(expected.Well, 14);
          expect(row[1]! + row[2]!).toBeCloseTo(expected.Sick, 14);
          expect(row[3]).toBeCloseTo(expected.Dead, 14);
        }
      }
    }
  });

  it("every row sums to 1", () => {
    const m = model().transitionMatrix(params, "SoC", 4);
    for (const row of m.matrix) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("names an unknown strategy or a cycle outside 1 … N with a typed error", () => {
    expect(thrown(() => model().transitionMatrix(params, "Other" as "SoC", 1)).issues[0]).toMatchObject({ code: "unknown_strategy", path: ["strategy"] });
    for (const cycle of [0, 5, 1.5, Number.NaN]) expect(thrown(() => model().transitionMatrix(params, "SoC", cycle)).issues[0]).toMatchObject({ code: "invalid_argument", path: ["cycle"] });
  });

  it("does not disturb later evaluations of the model", () => {
    const m = model();
    const before = m.run(params).strategies.New.totals;
    m.transitionMatrix({ pSick: 0.5, hr: 1 }, "SoC", 3);
    expect(m.run(params).strategies.New.totals).toEqual(before);
  });
});
