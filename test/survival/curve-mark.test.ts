// A curve mark is carried by the marked object only: not by a copy, not visible to keys, symbols,
// printing or equality, and the exponential fast path of the partitioned survival engine relies on
// exactly that (exponentialRateOf).
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { curveMark } from "../../src/survival/curve-mark.js";
import { exponentialRateOf, exponentialSurvival } from "../../src/survival/exponential-survival.js";
import { weibullPhSurvival, weibullSurvival } from "../../src/survival/index.js";
import { powerLawOf, powerTable } from "../../src/survival/define-curve.js";

describe("curveMark", () => {
  it("reads back the stamped value from the object itself, and nothing from a copy or another mark", () => {
    const a = curveMark<number>();
    const b = curveMark<number>();
    const target = { x: 1 };
    a.stamp(target, 42);
    expect(a.read(target)).toBe(42);
    expect(b.read(target)).toBeUndefined();
    expect(a.read({ ...target })).toBeUndefined();
    expect(Object.keys(target)).toEqual(["x"]);
    expect(Object.getOwnPropertySymbols(target)).toEqual([]);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });

  it("exponentialRateOf(curve) is the rate of an exponentialSurvival curve, undefined for a copy or another family; the curve prints and compares as a plain frozen object", () => {
    const curve = exponentialSurvival({ rate: 0.05 });
    expect(exponentialRateOf(curve)).toBe(0.05);
    expect(exponentialRateOf({ ...curve, cumulativeHazard: (t: number) => 2 * t })).toBeUndefined();
    expect(exponentialRateOf(weibullSurvival({ shape: 1, scale: 20 }))).toBeUndefined();
    expect(Object.isFrozen(curve)).toBe(true);
    expect(Object.getOwnPropertySymbols(curve)).toEqual([]);
    expect(inspect(curve)).not.toContain("rate]");
    expect({ ...curve }).toEqual(curve);
  });

  it("powerLawOf(curve) gives a Weibull or Weibull PH curve's coefficient and power, whose grid from 0 is coefficient·step^power times powerTable bit for bit; undefined for a copy or another family", () => {
    const aft = weibullSurvival({ shape: 1.3, scale: 20 });
    const ph = weibullPhSurvival({ shape: 0.8, scale: 0.04 });
    expect(powerLawOf(aft)).toEqual({ coefficient: Math.pow(20, -1.3), power: 1.3 });
    expect(powerLawOf(ph)).toEqual({ coefficient: 0.04, power: 0.8 });
    expect(powerLawOf({ ...aft })).toBeUndefined();
    expect(powerLawOf(exponentialSurvival({ rate: 0.05 }))).toBeUndefined();
    for (const curve of [aft, ph]) {
      const law = powerLawOf(curve)!;
      const grid = curve.cumulativeHazardGrid!(0, 0.25, new Float64Array(300));
      const table = new Float64Array(300);
      powerTable(law.power, table);
      const scale = law.coefficient * Math.pow(0.25, law.power);
      for (let k = 0; k < 300; k++) expect(Object.is(grid[k], scale * table[k]!)).toBe(true);
    }
  });
});
