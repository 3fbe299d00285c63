// qaly run's summary along the frontier (issue 14, item 2) and with a degenerate PSA (item 4).
import { describe, expect, it } from "vitest";
import { defineParameters } from "../../../src/index.js";
import { threeStrategyProject } from "../../helpers/three-strategy-project.js";
import { runProject } from "../../../src/project/run-project.js";
import { formatRun } from "../../../src/cli/terminal/format-run.js";


/** ICER B vs A 4000, C vs B 10 000 at the base case; no distributions. */
const threeStrategies = () => threeStrategyProject(defineParameters({ cB: 2000, cC: 5000 }));

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
