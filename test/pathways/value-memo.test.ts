// Equal combinations of pathway values are one function object (so the tree evaluates them once per
// draw), and only equal ones: same kind, same inputs by identity or value (−0 apart from 0).
import { describe, expect, it } from "vitest";
import { sumValues, ValueMemo } from "../../src/pathways/pathway-values.js";

type P = { a: number; b: number };

describe("ValueMemo", () => {
  it("returns the first value built for a kind and inputs, and builds anew for another kind, function or number", () => {
    const memo = new ValueMemo<P>();
    const a = (p: P) => p.a;
    const b = (p: P) => p.b;
    const first = memo.get("sum", [a, b], () => sumValues([a, b]));
    expect(memo.get("sum", [a, b], () => sumValues([a, b]))).toBe(first);
    expect(memo.get("sum", [b, a], () => sumValues([b, a]))).not.toBe(first);
    expect(memo.get("other", [a, b], () => sumValues([a, b]))).not.toBe(first);
    expect(memo.get("sum", [(p: P) => p.a, b], () => sumValues([a, b]))).not.toBe(first);
    const numeric = memo.get("sum", [a, 2], () => sumValues([a, 2]));
    expect(memo.get("sum", [a, 2], () => sumValues([a, 3]))).toBe(numeric);
    expect(memo.get("sum", [a, 3], () => sumValues([a, 3]))).not.toBe(numeric);
    let built = 0;
    memo.get("x", [0], () => ++built);
    memo.get("x", [-0], () => ++built);
    memo.get("x", [0], () => ++built);
    expect(built).toBe(2);
    expect((first as (p: P) => number)({ a: 1, b: 2 })).toBe(3);
  });
});
