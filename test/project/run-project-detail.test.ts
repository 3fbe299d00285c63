import { describe, expect, it } from "vitest";
import { chance, complement, decision, decisionTree, defineParameters, exponentialSurvival, partitionedSurvival, terminal } from "../../src/index.js";
import type { TreeNode } from "../../src/models/tree/index.js";
import { countsReportTable, htmlReport } from "../../src/report/index.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { runProject } from "../../src/project/run-project.js";
import { leafModels } from "../../src/project/run-project-detail.js";

/** Two arms of exponential PFS and OS (rates per year), monthly for 5 years; PFS of "Crossing" lies above OS and is clamped. */
function arms() {
  const rates = { Targeted: [0.4, 0.2], Chemo: [1, 0.5], Crossing: [0.1, 0.3] } as const;
  return partitionedSurvival({
    title: "Arms",
    strategies: ["Targeted", "Chemo", "Crossing"],
    outcomes: { qaly: "effect", cost: "cost" },
    cycles: 60,
    cycleLength: 1 / 12,
    curves: (_p: Readonly<Record<string, number>>, arm: "Targeted" | "Chemo" | "Crossing") => ({ PFS: exponentialSurvival({ rate: rates[arm][0] }), OS: exponentialSurvival({ rate: rates[arm][1] }) }),
    values: () => ({ qaly: { PF: 0.8, PD: 0.6 }, cost: { PF: 1000, PD: 500 } }),
  });
}

function projectOf(model: ModelProject["model"], parameters = defineParameters({ pDetect: 0.9 })): ModelProject {
  return { name: "detail", metadata: { title: "Detail", currency: "SEK" }, model, parameters, outcomes: { cost: "cost", effect: "qaly" }, scenarios: {}, wtp: { grid: { from: 0, to: 1_000_000, step: 500_000 }, thresholds: [500_000] }, psa: { samples: 0, seed: 1 }, warnings: [] };
}

describe("runProject survival and traces", () => {
  it("runProject(psm project) adds one survival series per strategy with the clamped curves and state names, no trace", async () => {
    const run = await runProject(projectOf(arms()), { dsa: false });
    expect(run.traces).toBeUndefined();
    expect(run.survival!.map((arm) => arm.arm)).toEqual(["Targeted", "Chemo", "Crossing"]);
    const [targeted, , crossing] = run.survival!;
    expect(targeted!.states).toEqual(["PF", "PD", "Dead"]);
    expect(targeted!.curves.map((c) => c.name)).toEqual(["PFS", "OS"]);
    expect(targeted!.times.length).toBe(61);
    expect(targeted!.times[12]).toBeCloseTo(1, 12);
    // S(1) = exp(−0.2) for OS at one year, to rounding of the monthly grid (exact here).
    expect(targeted!.curves[1]!.values[12]).toBeCloseTo(Math.exp(-0.2), 12);
    // Clamped: PFS never above OS, so the shaded areas are the model's state occupancy.
    const [pfs, os] = crossing!.curves;
    for (let t = 0; t <= 60; t++) expect(pfs!.values[t]!).toBeLessThanOrEqual(os!.values[t]! + 1e-15);
  });

  it("runProject(tree with psm leaves) runs the leaf model once and adds its arms' survival next to the tree rollback", async () => {
    const model = arms();
    let runs = 0;
    const counted = { ...model, run: (p: Readonly<Record<string, number>>) => (runs++, model.run(p)) };
    const tree = decisionTree({
      title: "Test then treat",
      root: decision({
        Test: { counts: { tests: 1 }, time: 7 / 365.25, next: chance([
          { label: "Driver found", probability: (p: Readonly<Record<string, number>>) => 0.2 * p.pDetect!, counts: { detected: 1 }, next: terminal(counted, { strategy: "Targeted" }) },
          { label: "Not found", probability: complement, next: terminal(counted, { strategy: "Chemo" }) },
        ]) },
        "No test": terminal(counted, { strategy: "Chemo" }),
      }),
    });
    const run = await runProject(projectOf(tree), { dsa: false });
    expect(runs).toBe(1);
    expect(Object.keys(run.treeRollback!.strategies)).toEqual(["Test", "No test"]);
    expect(run.survival!.map((arm) => arm.arm)).toEqual(["Targeted", "Chemo", "Crossing"]);
    // Per 1 000 tested: 1 000 tests, 1 000 · 0.2 · 0.9 = 180 detected; 7 days to result.
    const counts = countsReportTable(run.baseCase);
    const row = (name: string) => counts.rows.find((r) => r[0]!.text === name)!.slice(1).map((c) => c.value as number);
    expect(row("tests")).toEqual([1000, 0, -1000]);
    expect(row("detected")[0]).toBeCloseTo(180, 10);
    expect(row("time: mean, days")[0]).toBeCloseTo(7, 10);
    const html = htmlReport(run);
    expect(html).toContain("Per 1 000 patients tested (base case)");
    expect(html).toContain('data-chart="survival-panels"');
    expect(html).toContain('data-chart="decision-tree"');
  });

  it("runProject(tree of 2 186 nodes) keeps the rollback: the report draws its top", async () => {
    // 3 events per level, 6 levels: (3^7 − 1) / 2 = 1 093 nodes per strategy.
    const bushy = (depth: number): TreeNode<object> => (depth === 0 ? terminal({ cost: 1, qaly: 1 }) : chance(Array.from({ length: 3 }, (_, i) => ({ label: `E${i}`, probability: i === 0 ? complement : 0.25, next: bushy(depth - 1) }))));
    const tree = decisionTree({ title: "Big", root: decision({ A: bushy(6), B: bushy(6) }) });
    const run = await runProject(projectOf(tree), { dsa: false });
    expect(run.treeRollback).toBeDefined();
    const html = htmlReport(run);
    expect(html).toContain('class="node collapsed"');
    expect(html).toContain("too large to draw in full");
  });
});

describe("leafModels", () => {
  it("leafModels(root) lists each model entered at the leaves once, in depth-first order", () => {
    const model = arms();
    const other = { ...arms(), title: "Other" };
    const root = decision({ A: chance([{ label: "x", probability: 0.5, next: terminal(model, { strategy: "Chemo" }) }, { label: "y", probability: complement, next: terminal(other, { strategy: "Chemo" }) }]), B: terminal(model, { strategy: "Targeted" }), C: terminal({ cost: 1, qaly: 1 }) });
    expect(leafModels(root)).toEqual([model, other]);
    expect(leafModels(undefined)).toEqual([]);
  });
});
