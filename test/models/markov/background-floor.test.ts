// The background-mortality floor's cache (src/models/markov/background-floor.ts): one table per entry
// time, reused across draws, but bounded, since a tree leaf's entry time may be drawn per PSA draw.
import { describe, expect, it } from "vitest";
import { backgroundFloor, compileBackground } from "../../../src/models/markov/background-floor.js";
import { lifeTable } from "../../../src/survival/life-table.js";

const table = lifeTable({ ages: [60, 70, 80, 90], rates: { female: [0.01, 0.03, 0.08, 0.2], male: [0.015, 0.04, 0.1, 0.25] } });

function compiled(lifeTableOf = table, sexMix: Record<string, number> = { female: 0.5, male: 0.5 }) {
  const issues: string[] = [];
  const background = compileBackground({ lifeTable: lifeTableOf, sexMix, deathState: "Dead" }, 60, ["Well", "Dead"], 40, 1, (_code, _path, message) => issues.push(message), () => issues.length === 0);
  expect(issues).toEqual([]);
  return background!;
}

describe("backgroundFloor", () => {
  it("returns the same table for an entry time seen before, and keeps at most 16 entry times however many a PSA draws", () => {
    const background = compiled();
    const first = backgroundFloor(background, 60, 2.5, 40, 1);
    expect(backgroundFloor(background, 60, 2.5, 40, 1)).toBe(first);
    for (let draw = 0; draw < 200; draw++) {
      backgroundFloor(background, 60, 0.01 * draw, 40, 1);
      expect(background.floors.size).toBeLessThanOrEqual(16);
    }
    // Tabulated again after being dropped: the same numbers, bit for bit.
    expect(Array.from(backgroundFloor(background, 60, 2.5, 40, 1))).toEqual(Array.from(first));
  });

  it("floors by attained age: a later entry time starts from an older population's death probability", () => {
    // One sex, so the population entering ten years later is the same as the first one's survivors then
    // (with two sexes the mix of survivors shifts towards the sex with lower mortality, so it is not).
    const background = compiled(lifeTable({ ages: [60, 70, 80, 90], rates: { female: [0.01, 0.03, 0.08, 0.2] } }), { female: 1 });
    const atStart = backgroundFloor(background, 60, 0, 40, 1);
    const tenYearsOn = backgroundFloor(background, 60, 10, 40, 1);
    expect(tenYearsOn[0]).toBeCloseTo(atStart[10]!, 14);
    expect(tenYearsOn[0]).toBeGreaterThan(atStart[0]!);
  });
});
