import { describe, expect, it } from "vitest";
import { icerTable } from "../../../src/analysis/cea/icer-table.js";
import { oneWay } from "../../../src/analysis/dsa/one-way.js";
import { tornado } from "../../../src/analysis/dsa/tornado.js";
import { decisionChanging, frontierTornadoes } from "../../../src/analysis/dsa/frontier-tornadoes.js";
import type { Model, ParameterValues } from "../../../src/models/model.js";

// Three strategies in closed form: A costs 1000 for 1 QALY, B 1000 + cB for 1 + gB, C 1000 + cC for
// 1 + gC. Base case cB = 2000, gB = 0.5, cC = 5000, gC = 0.8: ICER B vs A 4000, C vs B 10 000.
const model: Model<ParameterValues, "A" | "B" | "C"> = {
  title: "three",
  strategies: ["A", "B", "C"],
  outcomes: ["cost", "qaly"],
  evaluateInto(p, out) {
    out.set([1000, 1, 1000 + p.cB!, 1 + p.gB!, 1000 + p.cC!, 1 + p.gC!]);
  },
};
const BASE = { cB: 2000, gB: 0.5, cC: 5000, gC: 0.8 };
const TABLE = icerTable([
  { strategy: "A", cost: 1000, effect: 1 },
  { strategy: "B", cost: 3000, effect: 1.5 },
  { strategy: "C", cost: 6000, effect: 1.8 },
]);
// Varied at WTP 100 (any: the frontier tornadoes recompute NMB at each threshold).
const DSA = oneWay(model, BASE, { wtp: 100, parameters: { cB: { low: 1000, high: 4000 }, gB: { low: 0.3, high: 0.7 }, cC: { low: 4000, high: 9000 } } });

describe("frontierTornadoes", () => {
  it("frontierTornadoes(dsa, table, { thresholds }) compares the optimal strategy with each frontier neighbour, values worked by hand", () => {
    const [at5000, at20000] = frontierTornadoes(DSA, TABLE, { thresholds: [5000, 20_000] });
    expect(at5000!.optimal).toBe("B");
    expect(at5000!.competitors).toEqual(["A", "C"]);
    const [vsA, vsC] = at5000!.tornadoes;
    // B − A at 5000: 5000 gB − cB = 500 at base; cB 1000 → 1500, 4000 → −1500; gB 0.3 → −500, 0.7 → 1500; cC no effect.
    expect(vsA!.base).toBeCloseTo(500, 9);
    const bar = (t: typeof vsA, name: string) => t!.bars.find((b) => b.parameter === name)!;
    expect([bar(vsA, "cB").low, bar(vsA, "cB").high]).toEqual([1500, -1500]);
    expect(bar(vsA, "gB").low).toBeCloseTo(-500, 9);
    expect(bar(vsA, "gB").high).toBeCloseTo(1500, 9);
    expect(bar(vsA, "cC").swing).toBe(0);
    // B − C at 5000: (5000 gB − cB) − (5000 gC − cC) = 500 − (−1000) = 1500; cC 4000 → 500, 9000 → 5500.
    expect(vsC!.comparator).toBe("C");
    expect(vsC!.base).toBeCloseTo(1500, 9);
    expect(bar(vsC, "cC").low).toBeCloseTo(500, 9);
    expect(bar(vsC, "cC").high).toBeCloseTo(5500, 9);
    // At 20 000: C against B only; C − B = (20 000 × 0.3 − 3000) = 3000.
    expect(at20000!.optimal).toBe("C");
    expect(at20000!.tornadoes.map((t) => [t.strategy, t.comparator])).toEqual([["C", "B"]]);
    expect(at20000!.tornadoes[0]!.base).toBeCloseTo(3000, 9);
    expect(at5000!.thresholds).toEqual([]);
  });

  it("frontierTornadoes(...) equals tornado(...) of the same pair and WTP, and keeps the top bars", () => {
    const [entry] = frontierTornadoes(DSA, TABLE, { thresholds: [5000], top: 2 });
    expect(entry!.tornadoes[0]).toEqual(tornado(DSA, { strategy: "B", comparator: "A", wtp: 5000, top: 2 }));
    expect(entry!.tornadoes[0]!.bars).toHaveLength(2);
    expect(entry!.tornadoes[0]!.others.map((o) => o.parameter)).toEqual(["cC"]);
  });

  it("decisionChanging(tornado) lists the bars that reach the other side of zero", () => {
    const [at5000] = frontierTornadoes(DSA, TABLE, { thresholds: [5000] });
    // B vs A (base 500 > 0): cB reaches −1500, gB −500; cC never moves it.
    expect(decisionChanging(at5000!.tornadoes[0]!).sort()).toEqual(["cB", "gB"]);
    // B vs C (base 1500): cB at 4000 gives −500; gB at 0.3 gives (1500 − 2000) − (−1000) = 500; cC stays ≥ 500.
    expect(decisionChanging(at5000!.tornadoes[1]!)).toEqual(["cB"]);
    // A negative base (a tornado of a non-optimal strategy): bars reaching above zero change it.
    expect(decisionChanging(tornado(DSA, { strategy: "A", comparator: "B", wtp: 5000 })).sort()).toEqual(["cB", "gB"]);
  });
});
