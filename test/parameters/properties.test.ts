import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defineParameters, imanConover, ranks } from "../../src/parameters/index.js";
import { beta } from "../../src/distributions/beta.js";
import { sortedOrder } from "../../src/parameters/sorted-order.js";
import { gamma } from "../../src/distributions/gamma.js";

const betaParams = fc.record({ alpha: fc.double({ min: 0.2, max: 200, noNaN: true }), beta: fc.double({ min: 0.2, max: 200, noNaN: true }) });

describe("parameter space properties (fast-check)", () => {
  it("every draw of a beta parameter lies in [0, 1], for random and LHS sampling", () => {
    fc.assert(
      fc.property(betaParams, fc.integer(), fc.constantFrom("random" as const, "lhs" as const), (b, seed, method) => {
        const draws = defineParameters({ p: beta(b) }).sample(64, { seed, method }).column("p");
        expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("derived columns equal the derivation applied to row(i), for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 10, noNaN: true }), (seed, k) => {
        const space = defineParameters({ uWell: beta({ alpha: 8, beta: 2 }), uSick: beta({ alpha: 5, beta: 5 }), cSick: gamma({ shape: 4, scale: 250 }) })
          .derive((p) => ({ uSickCapped: Math.min(p.uSick, p.uWell) }))
          .derive((p) => ({ cAdj: p.cSick * (1 + k * (p.uWell - p.uSickCapped)) }));
        const draws = space.sample(20, { seed });
        for (let i = 0; i < draws.size; i++) {
          const r = draws.row(i);
          expect(r.uSickCapped).toBe(Math.min(r.uSick, r.uWell));
          expect(r.cAdj).toBe(r.cSick * (1 + k * (r.uWell - r.uSickCapped)));
        }
      }),
      { numRuns: 30 },
    );
  });

  it("adding any set of parameters never changes the columns of existing ones", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 5 }), fc.integer(), (extra, seed) => {
        const base = { pX: beta({ alpha: 3, beta: 7 }), cY: gamma({ shape: 2, scale: 10 }) };
        const more = Object.fromEntries(extra.map((name) => [name, beta({ alpha: 2, beta: 2 })]));
        const a = defineParameters(base).sample(16, { seed });
        const b = defineParameters({ ...more, ...base }).sample(16, { seed });
        expect(Array.from(b.column("pX"))).toEqual(Array.from(a.column("pX")));
        expect(Array.from(b.column("cY"))).toEqual(Array.from(a.column("cY")));
      }),
      { numRuns: 30 },
    );
  });

  it("imanConover(columns, target) only permutes each column (multisets unchanged), for any target in (-1, 1)", () => {
    fc.assert(
      fc.property(fc.double({ min: -0.95, max: 0.95, noNaN: true }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 8, maxLength: 60 }), (rho, values) => {
        const x = Float64Array.from(values);
        const y = Float64Array.from(values, (v, i) => Math.sin(v + i));
        const sorted = (v: Float64Array) => Array.from(v.slice().sort()); // typed sort orders -0 before +0
        const before = [sorted(x), sorted(y)];
        try {
          imanConover([x, y], Float64Array.of(1, rho, rho, 1));
        } catch {
          return; // constant or collinear columns are reported, not silently mangled
        }
        expect(sorted(x)).toEqual(before[0]);
        expect(sorted(y)).toEqual(before[1]);
      }),
      { numRuns: 100 },
    );
  });

  it("ranks(values) is a permutation of 1..n when values are distinct", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ noNaN: true }), { minLength: 1, maxLength: 50, comparator: "SameValueZero" }), (values) => {
        const r = Array.from(ranks(values)).sort((a, b) => a - b);
        expect(r).toEqual(values.map((_, i) => i + 1));
      }),
    );
  });
});

describe("sortedOrder (radix argsort)", () => {
  it("sortedOrder(values) agrees with a comparator sort, stably, for any doubles", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1)), { maxLength: 300 }), (values) => {
        const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || (Object.is(values[a], -0) && Object.is(values[b], 0) ? -1 : Object.is(values[a], 0) && Object.is(values[b], -0) ? 1 : a - b));
        expect(Array.from(sortedOrder(values))).toEqual(expected);
      }),
    );
  });
});
