// The generated reader of a valueArrays result (value-plan-reader.ts) writes every slot of the
// workspace's values: the table's entries, and zeros where the table has none, even when another
// strategy's table (sharing the workspace) wrote there in between. Compared with the callback form,
// whose values are the same numbers, bit for bit, over calls that go through the reader.
import { describe, expect, it } from "vitest";
import { byCycle, complement, markovCohort } from "../../../src/index.js";
import { evaluateModel } from "../../../src/models/model.js";

const cycles = 5;
const drug = Float64Array.from({ length: cycles + 1 }, (_, t) => 1000 - 10 * t);
const shared = {
  states: ["Well", { name: "Sick", tunnel: 2 }, "Dead"],
  strategies: ["Full", "Sparse"],
  outcomes: { cost: "cost", qaly: "effect" },
  cycles,
  start: { Well: 1 },
  discountRate: { cost: 0.03, effect: 0.03 },
} as const;

describe("value plan reader", () => {
  it("zeroes the slots its table leaves out, after another strategy wrote them (generated reader against the callback form)", () => {
    const vector = markovCohort({
      ...shared,
      transitionArrays: () => ({ Well: { Well: complement, Sick: 0.2, Dead: 0.05 }, Sick: { Sick: complement, Dead: 0.3 }, Dead: { Dead: 1 } }),
      valueArrays: (_p: object, _grid, strategy) => (strategy === "Full" ? { cost: { Well: 100, Sick: byCycle(drug) }, qaly: { Well: 1, Sick: 0.6, Dead: 0 } } : { qaly: { Sick: 0.5 } }),
    });
    const callback = markovCohort({
      ...shared,
      transitions: () => ({ Well: { Well: complement, Sick: 0.2, Dead: 0.05 }, Sick: { Sick: complement, Dead: 0.3 }, Dead: { Dead: 1 } }),
      values: (_p: object, time, strategy) => (strategy === "Full" ? { cost: { Well: 100, Sick: drug[time.cycle]! }, qaly: { Well: 1, Sick: 0.6, Dead: 0 } } : { qaly: { Sick: 0.5 } }),
    });
    const expected = evaluateModel(callback, { draw: 0 });
    // The first call reads each table through the checked path and makes the readers; the others go
    // through them (new parameter values each call: no fill is taken from the fill cache).
    for (let call = 0; call < 4; call++) expect(evaluateModel(vector, { draw: call })).toEqual(expected);
  });
});
