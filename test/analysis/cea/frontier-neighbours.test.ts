import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { icerTable } from "../../../src/analysis/cea/icer-table.js";
import { frontierNeighbours } from "../../../src/analysis/cea/frontier-neighbours.js";
import { QalyError } from "../../../src/core/errors.js";

// A (1000, 1), B (3000, 1.5), C (6000, 1.8) on the frontier: ICER B vs A = 2000 / 0.5 = 4000,
// C vs B = 3000 / 0.3 = 10 000 (worked by hand). D (7000, 1.7) is dominated by C.
const TABLE = icerTable([
  { strategy: "A", cost: 1000, effect: 1 },
  { strategy: "D", cost: 7000, effect: 1.7 },
  { strategy: "B", cost: 3000, effect: 1.5 },
  { strategy: "C", cost: 6000, effect: 1.8 },
]);

describe("frontierNeighbours", () => {
  it("frontierNeighbours(table, wtp) gives the optimal strategy and the frontier strategies on either side, cheaper first", () => {
    expect(frontierNeighbours(TABLE, 5000)).toEqual({ wtp: 5000, optimal: "B", competitors: ["A", "C"] });
    expect(frontierNeighbours(TABLE, 3999)).toEqual({ wtp: 3999, optimal: "A", competitors: ["B"] });
    expect(frontierNeighbours(TABLE, 4000).optimal).toBe("B"); // at the ICER the more effective one (optimalStrategy's rule)
    expect(frontierNeighbours(TABLE, 20_000)).toEqual({ wtp: 20_000, optimal: "C", competitors: ["B"] });
  });

  it("frontierNeighbours(table with one strategy, wtp) has no competitors", () => {
    expect(frontierNeighbours(icerTable([{ strategy: "Only", cost: 1, effect: 1 }]), 100).competitors).toEqual([]);
  });

  it("frontierNeighbours(table, -1) is a typed error naming wtp", () => {
    expect(() => frontierNeighbours(TABLE, -1)).toThrow(QalyError);
    try {
      frontierNeighbours(TABLE, -1);
    } catch (error) {
      expect((error as QalyError).issues[0]!.path).toEqual(["wtp"]);
    }
  });

  it("property: the optimal strategy has the highest NMB, and its competitors are its cost-ordered frontier neighbours", () => {
    const row = fc.record({ cost: fc.double({ min: 0, max: 1e6, noNaN: true }), effect: fc.double({ min: 0, max: 20, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 7 }), fc.double({ min: 0, max: 2e6, noNaN: true }), (rows, wtp) => {
        const table = icerTable(rows.map((r, i) => ({ strategy: `S${i}`, ...r })));
        const { optimal, competitors } = frontierNeighbours(table, wtp);
        const nmb = (name: string) => {
          const r = table.find((t) => t.strategy === name)!;
          return wtp * r.effect - r.cost;
        };
        const best = Math.max(...table.map((r) => wtp * r.effect - r.cost));
        // The ICER rule and the NMB rule agree up to rounding of the ICERs.
        expect(nmb(optimal)).toBeGreaterThanOrEqual(best - 1e-6 * Math.max(1, Math.abs(best)));
        const frontier = table.filter((r) => r.status === "non-dominated").map((r) => r.strategy);
        const k = frontier.indexOf(optimal);
        expect(competitors).toEqual([frontier[k - 1], frontier[k + 1]].filter((s) => s !== undefined));
        for (const c of competitors) expect(nmb(c)).toBeLessThanOrEqual(nmb(optimal) + 1e-6 * Math.max(1, Math.abs(best)));
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
