import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { latinHypercube, latinHypercubeColumn } from "../../src/random/latin-hypercube.js";
import { createRng } from "../../src/random/rng.js";
import { QalyError } from "../../src/core/errors.js";

function strataCounts(u: Float64Array, n: number): number[] {
  const counts = new Array<number>(n).fill(0);
  for (const x of u) counts[Math.floor(x * n)]!++;
  return counts;
}

describe("latinHypercubeColumn", () => {
  it("latinHypercubeColumn(n, rng) puts exactly one draw in each of the n strata", () => {
    for (const n of [1, 2, 7, 1000]) {
      const u = latinHypercubeColumn(n, createRng(`lhs-${n}`));
      expect(strataCounts(u, n)).toEqual(new Array(n).fill(1));
    }
  });

  it("latinHypercubeColumn(n, rng) stays in the open interval (0, 1) and stratifies for any seed (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (n, seed) => {
        const u = latinHypercubeColumn(n, createRng(seed));
        for (const x of u) expect(x > 0 && x < 1).toBe(true);
        expect(strataCounts(u, n).every((c) => c === 1)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("latinHypercubeColumn(n, rng) is reproducible from the seed and writes into a given buffer", () => {
    const a = latinHypercubeColumn(50, createRng("same"));
    const out = new Float64Array(50);
    const b = latinHypercubeColumn(50, createRng("same"), out);
    expect(b).toBe(out);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("latinHypercubeColumn(n, rng) rejects a non-integer n with invalid_argument at path n", () => {
    const error = (() => {
      try {
        latinHypercubeColumn(2.5, createRng(1));
      } catch (e) {
        return e;
      }
    })() as QalyError;
    expect(error).toBeInstanceOf(QalyError);
    expect(error.code).toBe("invalid_argument");
    expect(error.path).toEqual(["n"]);
  });
});

describe("latinHypercube", () => {
  it("latinHypercube(n, d, rng) gives d independent stratified columns", () => {
    const columns = latinHypercube(100, 3, createRng("cube"));
    expect(columns).toHaveLength(3);
    for (const column of columns) expect(strataCounts(column, 100)).toEqual(new Array(100).fill(1));
    expect(Array.from(columns[0]!)).not.toEqual(Array.from(columns[1]!));
  });
});
