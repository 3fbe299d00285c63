import { describe, expect, it } from "vitest";
import { icerTable, psaResult, runBaseCase, type Model } from "../../../src/index.js";
import { reportAnswer, type ReportInput } from "../../../src/report/index.js";

const model: Model<Record<string, number>, "SoC" | "New" | "Newer"> = {
  title: "Demo",
  strategies: ["SoC", "New", "Newer"],
  outcomes: ["cost", "qaly"],
  // ICERs: New vs SoC 400 000; Newer vs New 800 000 per QALY.
  evaluateInto: (_p, out) => out.set([100_000, 5, 300_000, 5.5, 700_000, 6]),
};
const baseCase = runBaseCase(model, {});
const input: ReportInput = {
  name: "demo",
  metadata: { title: "Demo", currency: "SEK" },
  outcomes: { cost: "cost", effect: "qaly" },
  warnings: [],
  baseCase,
  icerTable: icerTable(baseCase.summary),
  wtp: { grid: { from: 0, to: 1_000_000, step: 100_000 }, thresholds: [500_000, 1_000_000] },
  run: { version: "0.1.0", date: "2026-01-01" },
};

describe("reportAnswer", () => {
  it("reportAnswer(input) names the strategy with the highest NMB at the first threshold, its ICER and the change at the next", () => {
    expect(reportAnswer(input)).toBe(
      "At SEK 500 000 per QALY, New has the highest net monetary benefit (SEK 2 450 000 per patient); its ICER against SoC is SEK 400 000 per QALY (at SEK 1 000 000: Newer). No probabilistic analysis was run, so the probability that this choice is cost-effective is not known.",
    );
  });

  it("reportAnswer(input) with a PSA gives the probability that the chosen strategy is cost-effective at each threshold", () => {
    // Four draws: at 500 000 the NMB winners are New, New, Newer, SoC; at 1 000 000 Newer, New, Newer, New.
    const psa = psaResult({
      strategies: ["SoC", "New", "Newer"],
      outcomes: ["cost", "qaly"],
      values: { cost: { SoC: [100_000, 100_000, 100_000, 100_000], New: [300_000, 300_000, 300_000, 300_000], Newer: [700_000, 700_000, 700_000, 700_000] }, qaly: { SoC: [5, 5, 5, 5], New: [5.5, 5.6, 5.4, 5.3], Newer: [6, 5.7, 6.3, 5.5] } },
    });
    const answer = reportAnswer({ ...input, psa });
    expect(answer).toBe("At SEK 500 000 per QALY, New has the highest net monetary benefit (SEK 2 450 000 per patient); its ICER against SoC is SEK 400 000 per QALY (at SEK 1 000 000: Newer). The probability that the preferred strategy is cost-effective is 50% (New) at SEK 500 000 and 50% (Newer) at SEK 1 000 000 per QALY (4 PSA draws).");
  });
});
