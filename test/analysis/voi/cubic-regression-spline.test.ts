import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splineRow, splineSetup } from "../../../src/analysis/voi/cubic-regression-spline.js";
import { intervalTable, knotInterval } from "../../../src/analysis/voi/spline-evppi.js";

/**
 * The knots by definition: the distinct values in increasing order, scaled to [0, 1], at evenly
 * spaced ranks (a fractional rank between its two neighbours), the last one exactly 1.
 */
function referenceKnots(x: readonly number[], knotCount: number): number[] {
  const distinct = [...new Set(x)].sort((a, b) => a - b);
  const lo = distinct[0]!;
  const range = distinct[distinct.length - 1]! - lo;
  const k = Math.min(knotCount, distinct.length);
  const u = (rank: number): number => (distinct[rank]! - lo) / range;
  const knots = Array.from({ length: k }, (_, j) => {
    const at = (j * (distinct.length - 1)) / (k - 1);
    const below = Math.floor(at);
    const frac = at - below;
    return frac === 0 ? u(below) : u(below) * (1 - frac) + u(below + 1) * frac;
  });
  knots[k - 1] = 1;
  return knots;
}

describe("splineSetup", () => {
  // The pass that picks the knots' values walks the wanted ranks in order (it looked each distinct
  // value's rank up in a Map): the knots must be those of the definition, bit for bit.
  it("places the knots at evenly spaced ranks of the distinct values, ties and few distinct values included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 400 }),
        fc.integer({ min: 2, max: 40 }),
        (values, knotCount) => {
          const x = Float64Array.from(values);
          // −0 and +0 are one distinct value to the setup (===) but two to a Set: keep one of them.
          for (let i = 0; i < x.length; i++) if (Object.is(x[i], -0)) x[i] = 0;
          const distinct = new Set(x).size;
          const setup = splineSetup(x, knotCount);
          if (distinct < 2) expect(setup.width).toBe(1);
          else expect(Array.from(setup.knots)).toEqual(referenceKnots(Array.from(x), knotCount));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("knotInterval", () => {
  // fitResponses finds each draw's knot interval from a table of 65 even steps and a step or two
  // (it did a binary search): the interval must be splineRow's, for every draw and knot placement.
  it("gives splineRow's interval for every draw, knots bunched or spread, values on the knots and at the ends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e-3, noNaN: true }), fc.constantFrom(0, 1, 0.5, 1 / 64, 63 / 64)), { minLength: 2, maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        (values, knotCount) => {
          const x = Float64Array.from(values, (v) => (Object.is(v, -0) ? 0 : v));
          const setup = splineSetup(x, knotCount);
          if (setup.width === 1) return;
          const intervals = setup.width - 1;
          const table = intervalTable(setup.knots, intervals);
          const weights = new Float64Array(4);
          for (const value of [...values, ...setup.knots.map((k) => setup.lo + k * setup.range)]) {
            const v = (value - setup.lo) / setup.range;
            if (!(v >= 0 && v <= 1)) continue;
            expect(knotInterval(table, setup.knots, intervals - 1, v)).toBe(splineRow(setup, value, weights, 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
