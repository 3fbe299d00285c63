// The generated readers of transition rows and state values (rows-reader.ts, values-reader.ts) must
// accept exactly what the checked path accepts and fill the same numbers: when a function's rows
// change shape from one call to the next (key order, keys added or dropped, the complement moving),
// the engine falls back to the checked path and learns the new shape, so results do not depend on
// which path read a row, and errors name the cycle where the bad row first appears.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { thrown } from "../../helpers/thrown.js";

type Row = Record<string, number | typeof complement>;

/**
 * Rows of a 3-state model with tunnel "Sick" (3 positions). Probabilities are multiples of 1/16, so
 * every row sum and complement is exact whatever the order of the keys: a differently shaped row
 * must give the very same matrix.
 */
function rowsFor(sixteenths: readonly number[], cycle: number, stateTime: number, shape: number): Record<string, Row> {
  const pick = (i: number): number => sixteenths[(i + cycle + 2 * stateTime) % sixteenths.length]! / 16;
  const sick = pick(0);
  const die = pick(1) / 2;
  const recover = pick(2) / 2;
  const dieSick = pick(3) / 2;
  switch (shape % 4) {
    case 0:
      return { Well: { Well: complement, Sick: sick, Dead: die }, Sick: { Well: recover, Sick: complement, Dead: dieSick }, Dead: { Dead: 1 } };
    case 1:
      // Keys reversed, the complement last, the rows object in another order.
      return { Dead: { Dead: 1 }, Sick: { Dead: dieSick, Well: recover, Sick: complement }, Well: { Dead: die, Sick: sick, Well: complement } };
    case 2:
      // No complement: every probability written out (exact in sixteenths), zero entries present.
      return { Well: { Well: 1 - sick - die, Sick: sick, Dead: die }, Sick: { Well: recover, Sick: 1 - recover - dieSick, Dead: dieSick }, Dead: { Dead: 1, Well: 0 } };
    default:
      // Zero probabilities left out where they are zero.
      return {
        Well: { ...(sick === 0 ? {} : { Sick: sick }), ...(die === 0 ? {} : { Dead: die }), Well: complement },
        Sick: { ...(recover === 0 ? {} : { Well: recover }), Sick: complement, ...(dieSick === 0 ? {} : { Dead: dieSick }) },
        Dead: { Dead: 1 },
      };
  }
}

function model(sixteenths: readonly number[], shapeOf: (cycle: number, stateTime: number) => number, valueShape: (row: number) => number = () => 0) {
  return markovCohort({
    states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"],
    strategies: ["only"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 9,
    start: { Well: 1 },
    transitions: (_p: Record<string, never>, time) => rowsFor(sixteenths, time.cycle, time.stateTime, shapeOf(time.cycle, time.stateTime)) as never,
    values: (_p, time) =>
      valueShape(time.cycle) % 2 === 0
        ? { cost: { Well: 10, Sick: 100 + time.stateTime }, qaly: { Well: 1, Sick: 0.5 } }
        : { qaly: { Sick: 0.5, Well: 1 }, cost: { Sick: 100 + time.stateTime, Dead: 0, Well: 10 } },
  });
}

describe("generated row and value readers", () => {
  it("give the totals of one fixed shape whatever shape each call returns (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 4, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }), (sixteenths, shapes) => {
        const fixed = evaluateModel(model(sixteenths, () => 0), {});
        const changing = evaluateModel(model(sixteenths, (cycle, stateTime) => shapes[(cycle * 3 + stateTime) % shapes.length]!, (row) => shapes[row]!), {});
        expect(changing).toEqual(fixed);
      }),
      { numRuns: 60 },
    );
  });

  it("report an unknown destination that first appears in a later cycle, naming that cycle", () => {
    const late = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost" },
      cycles: 6,
      start: { Well: 1 },
      transitions: (_p: Record<string, never>, time) => ({ Well: { Well: complement, Dead: 0.1, ...(time.cycle >= 4 ? { Daed: 0 } : {}) }, Dead: { Dead: 1 } }) as never,
      values: () => ({ cost: { Well: 1 } }),
    });
    const error = thrown(() => evaluateModel(late, {}, { draw: 3 }));
    expect(error.code).toBe("unknown_state");
    expect(error.path).toEqual(["draw", 3, "strategies", "only", "cycle", 4, "from", "Well", "to", "Daed"]);
  });

  it("report a second complement and a value that stops being finite at the cycle where they appear", () => {
    const twice = markovCohort({
      states: ["Well", "Dead"],
      strategies: ["only"],
      outcomes: { cost: "cost" },
      cycles: 6,
      start: { Well: 1 },
      transitions: (_p: Record<string, never>, time) => ({ Well: { Well: complement, Dead: time.cycle === 5 ? complement : 0.1 }, Dead: { Dead: 1 } }) as never,
      values: (_p, time) => ({ cost: { Well: time.cycle === 3 ? Number.NaN : 1 } }),
    });
    const valueError = thrown(() => evaluateModel(twice, {}));
    expect(valueError.code).toBe("non_finite_value");
    expect(valueError.path).toEqual(["strategies", "only", "row", 3, "values", "cost", "Well"]);
    const rowError = thrown(() => evaluateModel(markovCohort({ ...twiceDefinition(), values: () => ({ cost: { Well: 1 } }) }), {}));
    expect(rowError.code).toBe("invalid_model");
    expect(rowError.path).toEqual(["strategies", "only", "cycle", 5, "from", "Well", "to", "Dead"]);
  });
});

function twiceDefinition() {
  return {
    states: ["Well", "Dead"],
    strategies: ["only"],
    outcomes: { cost: "cost" },
    cycles: 6,
    start: { Well: 1 },
    transitions: (_p: Record<string, never>, time: { readonly cycle: number }) => ({ Well: { Well: complement, Dead: time.cycle === 5 ? complement : 0.1 }, Dead: { Dead: 1 } }) as never,
  } as const;
}
