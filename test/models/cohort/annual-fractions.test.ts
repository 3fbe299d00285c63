// Year shares of trace rows and cycle events (cost by year since start): every row's and cycle's
// shares sum to 1 when its interval lies inside the years reported, and nothing falls before the start.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { annualOutputNames, fillAnnualFractions } from "../../../src/models/cohort/annual-fractions.js";

describe("fillAnnualFractions", () => {
  it("annual cycles from time 0: row t is split half and half between years t and t + 1; cycle k's events are in year k", () => {
    const rows = new Float64Array(3 * 4);
    const events = new Float64Array(3 * 4);
    fillAnnualFractions(3, 3, 1, 0, rows, events);
    expect(Array.from(rows)).toEqual([1, 0.5, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0.5, 1]);
    expect(Array.from(events)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it("property: shares are in [0, 1] and sum to 1 per row and per cycle when the model ends inside the years reported", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.constantFrom(1 / 12, 1 / 4, 1 / 2, 1, 2), fc.double({ min: 0, max: 3, noNaN: true }), (cycles, cycleLength, startTime) => {
        const years = Math.ceil(startTime + cycles * cycleLength + 1e-9);
        const width = cycles + 1;
        const rows = new Float64Array(years * width);
        const events = new Float64Array(years * width);
        fillAnnualFractions(years, cycles, cycleLength, startTime, rows, events);
        for (let t = 0; t <= cycles; t++) {
          let row = 0;
          let event = 0;
          for (let y = 0; y < years; y++) {
            const r = rows[y * width + t]!;
            expect(r >= 0 && r <= 1).toBe(true);
            // Nothing in a year that ends before the start.
            if (y + 1 <= startTime) expect(r).toBe(0);
            row += r;
            event += events[y * width + t]!;
          }
          expect(row).toBeCloseTo(1, 12);
          if (t > 0) expect(event).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it("names the annual outputs outcome by outcome, years in order", () => {
    expect(annualOutputNames(["cost", "costDrug"], 2)).toEqual(["costYear1", "costYear2", "costDrugYear1", "costDrugYear2"]);
  });
});
