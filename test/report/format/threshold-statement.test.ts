// Threshold sentences a reader can act on (issue 14, item 3): which strategy is cost-effective versus
// which, at what WTP, up to what value of the parameter, and where it stands today; by hand on a
// two-strategy toy model (incremental NMB of New = WTP · 0.1 − (cDrug − 0) at cost 1000 + cDrug).
import { describe, expect, it } from "vitest";
import { threshold } from "../../../src/analysis/dsa/threshold.js";
import { thresholdStatement } from "../../../src/report/format/threshold-statement.js";

const model = {
  title: "toy",
  strategies: ["Old", "New"] as const,
  outcomes: ["cost", "qaly"],
  evaluateInto: (p: Record<string, number>, out: Float64Array) => {
    out.set([1000, 1, 1000 + p.cDrug!, 1 + p.qGain!]);
  },
};
const base = { cDrug: 20000, qGain: 0.1 };
const wording = { currency: "SEK", effectUnit: "QALY", label: "Drug price per year", unit: "SEK per year (price year 2024, assumed)" };

describe("thresholdStatement", () => {
  it("one threshold: the strategy preferred below it, the value with its unit and the base case", () => {
    // New wins while 500 000 · 0.1 − cDrug > 0, i.e. cDrug < 50 000.
    const t = threshold(model, base, { parameter: "cDrug", range: [0, 100000], strategies: ["New", "Old"], wtp: 500000 });
    expect(t.baseValue).toBe(20000);
    expect(thresholdStatement(t, wording)).toBe("At SEK 500 000 per QALY, New is cost-effective versus Old if Drug price per year [cDrug] is at most 50 000 SEK per year (base case 20 000 SEK per year); above it, Old is.");
  });

  it("no threshold in range: the winner throughout, and that no value in range changes the decision", () => {
    const t = threshold(model, base, { parameter: "cDrug", range: [0, 40000], strategies: ["New", "Old"], wtp: 500000 });
    expect(thresholdStatement(t, { currency: "SEK", effectUnit: "QALY" })).toBe("At SEK 500 000 per QALY, New is cost-effective versus Old for every cDrug from 0 to 40 000 (base case 20 000): no value in this range changes the decision.");
  });

  it("a price (unit in the model's currency) that never changes the decision: no price in the range makes the other strategy cost-effective", () => {
    // Old wins throughout: 500 000 · 0.1 − cDrug < 0 for every cDrug from 60 000 to 100 000.
    const t = threshold(model, base, { parameter: "cDrug", range: [60000, 100000], strategies: ["New", "Old"], wtp: 500000 });
    expect(thresholdStatement(t, wording)).toBe(
      "At SEK 500 000 per QALY, Old is cost-effective versus New for every Drug price per year [cDrug] from 60 000 SEK per year to 100 000 SEK per year (base case 20 000 SEK per year): no price in this range makes New cost-effective.",
    );
    // With no currency named the costs are in "currency units" and the sentence says so.
    const neutral = threshold(model, base, { parameter: "cDrug", range: [0, 100000], strategies: ["New", "Old"], wtp: 500000 });
    expect(thresholdStatement(neutral, { currency: "currency units", effectUnit: "QALY" })).toMatch(/^At 500 000 currency units per QALY, New is cost-effective versus Old if cDrug is at most 50 000/);
  });

  it("small values in four significant digits; another measure keeps the analysis' message", () => {
    const t = threshold(model, base, { parameter: "qGain", range: [0, 1], strategies: ["New", "Old"], wtp: 500000 });
    // New wins when 500 000 · qGain > 20 000, i.e. qGain > 0.04: Old is preferred below.
    expect(thresholdStatement(t, { currency: "SEK", effectUnit: "QALY" })).toBe("At SEK 500 000 per QALY, Old is cost-effective versus New if qGain is at most 0.04 (base case 0.1); above it, New is.");
    const cost = threshold(model, base, { parameter: "cDrug", range: [-5000, 5000], strategies: ["New", "Old"], measure: "cost" });
    expect(thresholdStatement(cost, wording)).toBe(cost.message);
  });
});
