// qaly run's summary along the frontier (issue 14, item 2) and with a degenerate PSA (item 4).
import { describe, expect, it } from "vitest";
import { defineParameters, type Model } from "../../../src/index.js";
import type { ModelProject } from "../../../src/files/model-project.js";
import { runProject } from "../../../src/project/run-project.js";
import { formatRun } from "../../../src/cli/terminal/format-run.js";

/** A (1000, 1 QALY), B (1000 + cB, 1.5), C (1000 + cC, 1.8), no distributions: ICER B vs A 4000, C vs B 10 000 at the base case. */
function threeStrategies(): ModelProject {
  const model: Model<Record<string, number>, string> = { title: "three", strategies: ["A", "B", "C"], outcomes: ["cost", "qaly"], evaluateInto: (p, out) => out.set([1000, 1, 1000 + p.cB!, 1.5, 1000 + p.cC!, 1.8]) };
  return {
    name: "three",
    metadata: { title: "Three", currency: "SEK" },
    model,
    parameters: defineParameters({ cB: 2000, cC: 5000 }),
    outcomes: { cost: "cost", effect: "qaly" },
    scenarios: { "Dear C": { parameters: { cC: 9000 } } },
    dsa: { cB: { low: 1000, high: 4000 }, cC: { low: 4000, high: 9000 } },
    wtp: { grid: { from: 0, to: 20_000, step: 1000 }, thresholds: [5000, 20_000] },
    psa: { samples: 20, seed: "three" },
    warnings: [],
  };
}

describe("formatRun", () => {
  it("formatRun(run) lists, per threshold, the parameters that can change the choice against each frontier neighbour and the scenarios' choice at every threshold", async () => {
    const text = formatRun(await runProject(threeStrategies(), { psa: 0 }));
    // At 20 000: C − B = 20 000 × 0.3 − 3000 = 3000; cC up to 9000 makes it −1000 (by hand).
    expect(text).toContain("Along the frontier at 20 000 per QALY: C\n  vs B (incremental NMB 3 000): 1 of 2 parameters in the tornado can change the choice alone: cC");
    expect(text).toContain("Along the frontier at 5 000 per QALY: B");
    expect(text).toMatch(/optimal at 5 000 +optimal at 20 000/);
    expect(text).toMatch(/Dear C .* B +B\n/);
  });

  it("formatRun(run with scenario PSAs) prints them beside the base case's PSA", async () => {
    const text = formatRun(await runProject(threeStrategies(), { psa: 20, scenarioPsa: 20, dsa: false }));
    // Nothing is uncertain here, so both PSAs are degenerate: the table says so instead of 100 %.
    expect(text).toMatch(/Scenario PSAs: .*\n[\s\S]*Dear C +20 +degenerate +degenerate/);
  });

  it("formatRun(run with a PSA in which nothing varies) calls it degenerate and quotes no probability", async () => {
    const text = formatRun(await runProject(threeStrategies(), { psa: 20, dsa: false }));
    expect(text).toContain("The PSA is degenerate: no parameter is uncertain");
    expect(text).not.toContain("probability cost-effective");
    expect(text).not.toContain("P(cost-effective)");
  });
});
