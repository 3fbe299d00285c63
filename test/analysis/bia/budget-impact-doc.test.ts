// docs/budget-impact.md: its worked example compiles and gives the numbers the page states, and the
// model's drug cost per year matches the closed form ∫ S_PFS over each year.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../../src/files/compile-model-file.js";
import { runProject } from "../../../src/project/run-project.js";

const doc = readFileSync(new URL("../../../docs/budget-impact.md", import.meta.url), "utf8");
const example = /```yaml\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("## A worked example")))![1]!;

describe("docs/budget-impact.md worked example", () => {
  it("net impact per year, by category, one-way and scenarios as stated", async () => {
    const project = compileModelFile(example, { fileName: "example.yaml" });
    const run = await runProject(project, { dsa: false, detail: false });
    const { base, sensitivity } = run.budgetImpactRun!;
    expect(base.net.total.map(Math.round)).toEqual([582_087, 980_539, 1_390_433]);
    expect(base.net.cumulative.map(Math.round)).toEqual([582_087, 1_562_626, 2_953_059]);
    expect(base.net.byCategory["testing"]).toEqual([405_000, 607_500, 810_000]);
    expect(base.with.total.map(Math.round)).toEqual([852_087, 1_250_539, 1_660_433]);
    expect(Math.round(sensitivity.oneWay[0]!.atHigh)).toBe(4_573_059);
    expect(sensitivity.scenarios.map((s) => Math.round(s.cumulative))).toEqual([4_573_059, 4_052_448]);
    // Closed form: 0.1 × 50 000 × ∫_{k−1}^{k} e^{−0.5t} dt = 10 000 (e^{−0.5(k−1)} − e^{−0.5k}); monthly
    // cycles with the trapezoid rule overstate it by the rule's error, about Δ²/12 × 0.25 ≈ 2e-4 relative.
    base.costPerPatient["Panel"]!["drugs"]!.forEach((cost, y) => {
      const exact = 10_000 * (Math.exp(-0.5 * y) - Math.exp(-0.5 * (y + 1)));
      expect(Math.abs(cost / exact - 1)).toBeLessThan(3e-4);
    });
  });
});
