// The partitioned-survival engine's "cycle" floor cache (src/models/psm/population-floor.ts): one table
// per entry time, reused across draws, but bounded, since a tree leaf's entry time may be drawn per PSA draw.
import { describe, expect, it } from "vitest";
import { compilePsm } from "../../../src/models/psm/compile-psm.js";
import { populationFloor } from "../../../src/models/psm/population-floor.js";
import { exponentialSurvival } from "../../../src/survival/exponential-survival.js";
import { lifeTable } from "../../../src/survival/life-table.js";

const table = lifeTable({ ages: [60, 70, 80, 90], rates: { female: [0.01, 0.03, 0.08, 0.2], male: [0.015, 0.04, 0.1, 0.25] } });

describe("populationFloor", () => {
  it("returns the same table for an entry time seen before, and keeps at most 16 entry times however many a PSA draws", () => {
    const model = compilePsm({
      strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 60, cycleLength: 1 / 12, timeUnit: "months", startAge: 65,
      backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 } },
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.1 }), OS: exponentialSurvival({ rate: 0.05 }) }),
    } as never);
    const first = populationFloor(model, 1.5)!;
    expect(populationFloor(model, 1.5)).toBe(first);
    for (let draw = 0; draw < 200; draw++) {
      populationFloor(model, 0.01 * draw);
      expect(model.floors.size).toBeLessThanOrEqual(16);
    }
    const again = populationFloor(model, 1.5)!;
    expect(Array.from(again.increments)).toEqual(Array.from(first.increments));
    expect(Array.from(again.factors)).toEqual(Array.from(first.factors));
  });
});
