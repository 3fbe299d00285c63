// Parameter rows built by a generated object literal (fast properties) hold what the plain loop
// would put there, in the same key order, for any names, including ones an object literal treats
// specially.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineParameters } from "../../src/parameters/index.js";
import { rowBuilder } from "../../src/parameters/row-builder.js";
import { normal } from "../../src/distributions/index.js";

function plainRow(names: readonly string[], buffer: Float64Array, size: number, index: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let p = 0; p < names.length; p++) out[names[p]!] = buffer[p * size + index]!;
  return out;
}

describe("rowBuilder", () => {
  it("builds the same row as assigning the names one by one, keys in the same order, for any unique names", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "1", "0", "a\u2028b", "\"", "'", "`${x}`")), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (names, size) => {
        const buffer = Float64Array.from({ length: names.length * size }, (_, k) => k + 0.5);
        const build = rowBuilder(names);
        for (let i = 0; i < size; i++) {
          const row = build(buffer, size, i);
          const plain = plainRow(names, buffer, size, i);
          expect(Object.keys(row)).toEqual(Object.keys(plain));
          for (const name of names) expect(Object.getOwnPropertyDescriptor(row, name)).toEqual(Object.getOwnPropertyDescriptor(plain, name));
          expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("ParameterTable.row(i) of a 79-parameter space equals draw i of every column", () => {
    const names = Array.from({ length: 79 }, (_, k) => `p${k}`);
    const space = defineParameters(Object.fromEntries(names.map((n, k) => [n, normal({ mean: k, sd: 1 })])));
    const draws = space.sample(5, { seed: "rows" });
    for (let i = 0; i < 5; i++) {
      const row = draws.row(i);
      expect(Object.keys(row)).toEqual(draws.names);
      for (const name of draws.names) expect(row[name]).toBe(draws.column(name)[i]);
    }
  });
});
