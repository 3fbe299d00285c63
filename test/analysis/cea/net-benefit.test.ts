import { describe, expect, it } from "vitest";
import { netBenefit, netHealthBenefit, netMonetaryBenefit, SWEDISH_WTP_GRID, SWEDISH_WTP_THRESHOLDS, wtpGrid } from "../../../src/analysis/cea/index.js";
import { psaResult } from "../../../src/analysis/psa/index.js";

const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [100, 300], B: [1_000, 1_200] }, qaly: { A: [1, 1], B: [1.25, 1.5] } } });

describe("net benefit", () => {
  it("netMonetaryBenefit and netHealthBenefit rank strategies identically at a positive WTP", () => {
    expect(netMonetaryBenefit(1_000, 1.25, 4_000)).toBe(4_000);
    expect(netHealthBenefit(1_000, 1.25, 4_000)).toBe(1);
    expect(netHealthBenefit(1_000, 1.25, 4_000) * 4_000).toBe(netMonetaryBenefit(1_000, 1.25, 4_000));
  });

  it("netBenefit(psa, wtp) gives per-draw and expected NMB or NHB", () => {
    const nmb = netBenefit(psa, 4_000);
    expect(Array.from(nmb.values("B"))).toEqual([4_000, 4_800]);
    expect(Array.from(nmb.expected)).toEqual([3_800, 4_400]);
    const nhb = netBenefit(psa, 4_000, { type: "health" });
    expect(Array.from(nhb.values("A"))).toEqual([0.975, 0.925]);
    expect(() => netBenefit(psa, 0, { type: "health" })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["wtp"] }));
    expect(() => nmb.values("C" as "A")).toThrow(expect.objectContaining({ code: "unknown_strategy" }));
  });
});

describe("wtpGrid", () => {
  it("wtpGrid(range) includes both ends without accumulated rounding", () => {
    expect(Array.from(wtpGrid({ from: 0, to: 1, step: 0.1 }))).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1]);
    expect(Array.from(wtpGrid({ from: 5, to: 5, step: 1 }))).toEqual([5]);
    expect(Array.from(wtpGrid({ from: 0, to: 25, step: 10 }))).toEqual([0, 10, 20]);
  });

  it("wtpGrid(range) rejects negative, reversed and degenerate ranges", () => {
    expect(() => wtpGrid({ from: -1, to: 5, step: 1 })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["from"] }));
    expect(() => wtpGrid({ from: 5, to: 1, step: 1 })).toThrow(expect.objectContaining({ path: ["to"] }));
    expect(() => wtpGrid({ from: 0, to: 1, step: 0 })).toThrow(expect.objectContaining({ path: ["step"] }));
    expect(() => wtpGrid({ from: 0, to: 1e9, step: 1 })).toThrow(expect.objectContaining({ path: ["step"] }));
  });

  it("SWEDISH_WTP_GRID spans SEK 0–2 000 000 in 201 steps and contains both reference thresholds", () => {
    const grid = Array.from(wtpGrid(SWEDISH_WTP_GRID));
    expect([grid.length, grid[0], grid[200]]).toEqual([201, 0, 2_000_000]);
    for (const threshold of SWEDISH_WTP_THRESHOLDS) expect(grid).toContain(threshold);
  });
});
