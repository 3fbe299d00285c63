import type { PsaResult } from "../../src/index.js";

/**
 * Every (strategy, outcome, draw) where two PSA results differ, compared with Object.is (bit for bit,
 * so -0 and NaN count too): [strategy, outcome, draw, a, b]. Used by the tests that prove a model
 * file and its TypeScript twin give the same results.
 */
export function psaMismatches(a: PsaResult, b: PsaResult): unknown[] {
  const mismatches: unknown[] = [];
  for (const strategy of b.strategies) {
    for (const outcome of b.outcomes) {
      const left = a.values(outcome, strategy);
      const right = b.values(outcome, strategy);
      for (let i = 0; i < right.length; i++) if (!Object.is(left[i], right[i])) mismatches.push([strategy, outcome, i, left[i], right[i]]);
    }
  }
  return mismatches;
}
