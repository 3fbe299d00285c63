import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { icerTable, icerTableFromPsa, optimalStrategy, type CostEffectRow } from "../../../src/analysis/cea/index.js";
import { netMonetaryBenefit } from "../../../src/analysis/cea/net-benefit.js";
import { psaResult } from "../../../src/analysis/psa/index.js";
import { QalyError } from "../../../src/core/errors.js";

// HERC (US Department of Veterans Affairs Health Economics Resource Center) six-strategy example of
// incremental analysis, as recorded in the project's validation README.
const HERC: CostEffectRow[] = [
  { strategy: "UC", cost: 5_000, effect: 1 },
  { strategy: "A", cost: 12_000, effect: 1.5 },
  { strategy: "B", cost: 10_000, effect: 2 },
  { strategy: "C", cost: 25_000, effect: 3 },
  { strategy: "D", cost: 35_000, effect: 4 },
  { strategy: "E", cost: 55_000, effect: 5 },
];

// Alarid-Escudero et al., MDM 2023;43(1):3-20, Table "table-cea": published costs (rounded to $1)
// and QALYs (rounded to 0.001) per strategy.
const SICK_SICKER: CostEffectRow[] = [
  { strategy: "Standard of care", cost: 151_580, effect: 20.711 },
  { strategy: "Strategy A", cost: 284_805, effect: 21.499 },
  { strategy: "Strategy B", cost: 259_100, effect: 22.184 },
  { strategy: "Strategy AB", cost: 378_875, effect: 23.137 },
];

function statusOf(table: ReturnType<typeof icerTable>): Record<string, string> {
  return Object.fromEntries(table.map((row) => [row.strategy, row.status]));
}

describe("icerTable", () => {
  it("icerTable(rows) reproduces the HERC frontier UC → B → D → E with ICERs 5 000, 12 500, 20 000 exactly", () => {
    const table = icerTable(HERC);
    expect(table.map((row) => row.strategy)).toEqual(["UC", "B", "A", "C", "D", "E"]);
    const frontier = table.filter((row) => row.status === "non-dominated");
    expect(frontier.map((row) => row.strategy)).toEqual(["UC", "B", "D", "E"]);
    expect(frontier.map((row) => row.icer)).toEqual([null, 5_000, 12_500, 20_000]);
    expect(frontier.map((row) => row.comparator)).toEqual([null, "UC", "B", "D"]);
    expect(frontier[2]).toMatchObject({ incrementalCost: 25_000, incrementalEffect: 2 });
  });

  it("icerTable(rows) marks A as dominated by B and C as extendedly dominated (by B and D) in the HERC example", () => {
    const table = icerTable(HERC);
    expect(table.find((row) => row.strategy === "A")).toMatchObject({ status: "dominated", dominatedBy: ["B"], icer: null });
    expect(table.find((row) => row.strategy === "C")).toMatchObject({ status: "extendedly-dominated", dominatedBy: ["B", "D"], icer: null });
  });

  it("icerTable(rows) names as dominatedBy the cheapest strategy not itself strictly dominated, even one extendedly dominated later (docs/uncertainty.md)", () => {
    const table = icerTable([
      { strategy: "O", cost: 0, effect: 0 },
      { strategy: "X", cost: 10, effect: 0.5 },
      { strategy: "Y", cost: 12, effect: 1.2 },
      { strategy: "Z", cost: 20, effect: 0.4 },
    ]);
    expect(table.find((row) => row.strategy === "Z")).toMatchObject({ status: "dominated", dominatedBy: ["X"] });
    expect(table.find((row) => row.strategy === "X")).toMatchObject({ status: "extendedly-dominated", dominatedBy: ["O", "Y"] });
  });

  it("icerTable(rows) reproduces the Sick-Sicker frontier SoC → B → AB with A strongly dominated by B", () => {
    const table = icerTable(SICK_SICKER);
    expect(statusOf(table)).toEqual({ "Standard of care": "non-dominated", "Strategy A": "dominated", "Strategy B": "non-dominated", "Strategy AB": "non-dominated" });
    expect(table.find((row) => row.strategy === "Strategy A")!.dominatedBy).toEqual(["Strategy B"]);
    const b = table.find((row) => row.strategy === "Strategy B")!;
    const ab = table.find((row) => row.strategy === "Strategy AB")!;
    // Published ICERs 72 988 and 125 764 come from unrounded outcomes. From the printed rounded ones the
    // incremental QALYs (1.473, 0.953) carry up to ±0.001 of rounding, i.e. ≤ 0.001/0.952 ≈ 1.1e-3 relative.
    expect(Math.abs(b.icer! / 72_988 - 1)).toBeLessThan(1.1e-3);
    expect(Math.abs(ab.icer! / 125_764 - 1)).toBeLessThan(1.1e-3);
    expect(b.incrementalCost).toBe(107_520); // published 107 521 from unrounded costs (±1 rounding)
  });

  it("icerTable(rows) handles a single strategy, duplicates and equal costs", () => {
    expect(icerTable([{ strategy: "Only", cost: 1, effect: 1 }])).toEqual([
      { strategy: "Only", cost: 1, effect: 1, status: "non-dominated", comparator: null, incrementalCost: null, incrementalEffect: null, icer: null },
    ]);
    const twins = icerTable([{ strategy: "Y", cost: 10, effect: 1 }, { strategy: "X", cost: 10, effect: 1 }, { strategy: "Z", cost: 10, effect: 2 }]);
    expect(twins.map((row) => [row.strategy, row.status, row.dominatedBy])).toEqual([
      ["Z", "non-dominated", undefined],
      ["X", "dominated", ["Z"]],
      ["Y", "dominated", ["Z"]],
    ]);
  });

  it("icerTable(rows) keeps a strategy on a straight frontier segment (equal ICERs are not extended dominance)", () => {
    const table = icerTable([{ strategy: "P", cost: 0, effect: 0 }, { strategy: "Q", cost: 10, effect: 1 }, { strategy: "R", cost: 20, effect: 2 }]);
    expect(table.map((row) => row.status)).toEqual(["non-dominated", "non-dominated", "non-dominated"]);
  });

  it("icerTable(rows) reports every bad row with code and path", () => {
    const error = (() => {
      try {
        icerTable([{ strategy: "A", cost: Number.NaN, effect: 1 }, { strategy: "A", cost: 1, effect: Infinity }]);
      } catch (e) {
        return e as QalyError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(QalyError);
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["non_finite_value", ["rows", 0, "cost"]],
      ["invalid_argument", ["rows", 1, "strategy"]],
      ["non_finite_value", ["rows", 1, "effect"]],
    ]);
    expect(() => icerTable([])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["rows"] }));
  });

  it("icerTableFromPsa(psa) tabulates the mean cost and effect per strategy", () => {
    const psa = psaResult({ strategies: ["UC", "B"], outcomes: ["cost", "qaly"], values: { cost: { UC: [4_000, 6_000], B: [9_000, 11_000] }, qaly: { UC: [1, 1], B: [1.5, 2.5] } } });
    expect(icerTableFromPsa(psa)[1]).toMatchObject({ strategy: "B", cost: 10_000, effect: 2, icer: 5_000 });
  });
});

const rowsArbitrary = fc
  .uniqueArray(fc.record({ strategy: fc.string({ minLength: 1, maxLength: 4 }), cost: fc.integer({ min: 0, max: 1_000_000 }), effect: fc.integer({ min: 0, max: 2_000 }).map((x) => x / 100) }), {
    minLength: 1,
    maxLength: 8,
    selector: (row) => row.strategy,
  });

describe("icerTable properties", () => {
  it("icerTable(rows) does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.func(fc.integer()), (rows, key) => {
        const shuffled = [...rows].sort((a, b) => key(a.strategy) - key(b.strategy));
        expect(icerTable(shuffled)).toEqual(icerTable(rows));
      }),
    );
  });

  it("icerTable(rows) keeps statuses and scales ICERs by the exchange rate when costs change currency", () => {
    fc.assert(
      // Exchange rates with short binary expansions (SEK per EUR ≈ 11.25, EUR per SEK ≈ 0.09375) keep
      // the converted integer costs exact, so only the final division rounds.
      fc.property(rowsArbitrary, fc.constantFrom(0.09375, 10.5, 11.25), (rows, rate) => {
        const base = icerTable(rows);
        const converted = icerTable(rows.map((row) => ({ ...row, cost: row.cost * rate })));
        expect(converted.map((row) => [row.strategy, row.status])).toEqual(base.map((row) => [row.strategy, row.status]));
        converted.forEach((row, k) => {
          const original = base[k]!.icer;
          if (original === null) expect(row.icer).toBeNull();
          // Δcost is exact in both currencies; each ICER is one rounded division, the product one more.
          else expect(Math.abs(row.icer! / (original * rate) - 1)).toBeLessThanOrEqual(4 * 2 ** -52);
        });
      }),
    );
  });

  it("optimalStrategy(table, wtp) has the highest net monetary benefit at any WTP", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 0, max: 5_000_000 }), (rows, wtp) => {
        const choice = optimalStrategy(icerTable(rows), wtp);
        const nmb = (row: CostEffectRow) => netMonetaryBenefit(row.cost, row.effect, wtp);
        const best = Math.max(...rows.map(nmb));
        const chosen = nmb(rows.find((row) => row.strategy === choice)!);
        // Equal up to the rounding of wtp · effect (values below 1e10, so ≤ 1e-5 absolute is ~1e-15 relative).
        expect(best - chosen).toBeLessThanOrEqual(Math.abs(best) * 1e-12 + 1e-6);
      }),
    );
  });
});
