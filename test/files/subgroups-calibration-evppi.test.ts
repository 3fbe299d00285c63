// The subgroups:, calibration: and evppi: blocks of a model file: compiled into the project, run with
// it (qaly run's tables, results JSON and CSV), and their errors named by path. The numbers are
// checked by hand on a one-test screening tree: a true positive is treated (cost 1000, +1 QALY).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { runJson } from "../../src/project/results-json.js";
import { calibrationCsv, evppiGroupsCsv, subgroupsCsv } from "../../src/project/results-csv.js";

// test/fixtures/screening-tree.yaml: prevalence 0.3, sensitivity 0.8, cTest 100 in the base case.
const tree = readFileSync(new URL("../fixtures/screening-tree.yaml", import.meta.url), "utf8");
const file = (extra: string) => `${tree}wtp: { grid: { from: 0, to: 4000, step: 500 }, thresholds: [1500] }
${extra}`;

const BLOCKS = `subgroups:
  Diseased: { description: true positives and false negatives, parameters: { prevalence: 1 } }
  Perfect test: { parameters: { sensitivity: 1, prevalence: "prevalence * 1" } }
calibration:
  - { name: Detected per patient tested, strategy: Test, outcome: detected, target: 0.25, tolerance: 0.02, source: a register }
  - { name: Detected among the diseased, subgroup: Diseased, strategy: Test, outcome: detected, target: 0.8 }
evppi:
  Test accuracy: [sensitivity]
  Disease and test: [prevalence, sensitivity]
  All inputs: [prevalence, sensitivity, cTest]
`;

describe("model files: subgroups, calibration and EVPPI groups", () => {
  it("subgroups are the model on conditioned values: base case and ICER table per subgroup, checked by hand", async () => {
    const project = compileModelFile(file(BLOCKS), { fileName: "screening.yaml" });
    const run = await runProject(project, { dsa: false, detail: false });
    const [diseased, perfect] = run.subgroups!;
    // Base case: prevalence 0.3, sensitivity 0.8, cTest 100.
    expect(diseased!.name).toBe("Diseased");
    expect(diseased!.description).toBe("true positives and false negatives");
    expect(diseased!.baseCase.values.Test!.qaly).toBeCloseTo(0.8, 12);
    expect(diseased!.baseCase.values.Test!.cost).toBeCloseTo(100 + 800, 9);
    expect(perfect!.baseCase.values.Test!.qaly).toBeCloseTo(0.3, 12);
    expect(perfect!.baseCase.parameters.sensitivity).toBe(1);
    // ICER of Test in the diseased: 900 / 0.8 = 1125.
    expect(diseased!.icerTable.find((r) => r.strategy === "Test")!.icer).toBeCloseTo(1125, 9);
    // The whole population is untouched: 0.24 QALY.
    expect(run.baseCase.values.Test!.qaly).toBeCloseTo(0.24, 12);
  });

  it("calibration compares outcomes with targets, whole population or subgroup", async () => {
    const run = await runProject(compileModelFile(file(BLOCKS), { fileName: "screening.yaml" }), { dsa: false, detail: false });
    const [all, diseased] = run.calibration!;
    expect(all!.model).toBeCloseTo(0.24, 12);
    expect(all!.difference).toBeCloseTo(-0.01, 12);
    expect(all!.withinTolerance).toBe(true);
    expect(diseased!.model).toBeCloseTo(0.8, 12);
    expect(diseased!.subgroup).toBe("Diseased");
    expect(calibrationCsv(run.calibration!).split("\n")[0]).toBe("name,subgroup,strategy,outcome,target,model,difference,tolerance,within_tolerance,source");
    expect(runJson(run).calibration?.[1]).toMatchObject({ name: "Detected among the diseased", target: 0.8 });
  });

  it("EVPPI groups are computed from the PSA draws on the WTP grid (at 1 500 per QALY, where the decision is uncertain): a group is worth at least its members, and at most the EVPI", async () => {
    const run = await runProject(compileModelFile(file(BLOCKS), { fileName: "screening.yaml" }), { dsa: false, detail: false, psa: 2000, seed: 1 });
    const [accuracy, both, all] = run.evppi!;
    expect(accuracy!.curve.parameters).toEqual(["sensitivity"]);
    expect(both!.curve.parameters).toEqual(["prevalence", "sensitivity"]);
    const g = Array.from(both!.curve.wtp).indexOf(1500);
    expect(g).toBeGreaterThanOrEqual(0);
    const evpi = run.psaSummary!.evpi.perPerson[g]!;
    // INB of Test at 1 500 = 500 · prevalence · sensitivity − cTest: learning all three inputs resolves
    // every uncertainty (EVPPI = EVPI up to the regression's error, 10 %), and a group is worth at
    // least any of its members.
    expect(both!.curve.perPerson[g]!).toBeGreaterThan(accuracy!.curve.perPerson[g]!);
    expect(all!.curve.perPerson[g]!).toBeGreaterThan(both!.curve.perPerson[g]!);
    expect(all!.curve.perPerson[g]! / evpi).toBeGreaterThan(0.9);
    expect(all!.curve.perPerson[g]! / evpi).toBeLessThan(1.1);
    expect(evppiGroupsCsv(run.evppi!).split("\n")[0]).toBe("wtp,Test accuracy,Disease and test,All inputs");
    expect(runJson(run).evppi?.map((e) => e.name)).toEqual(["Test accuracy", "Disease and test", "All inputs"]);
    expect(subgroupsCsv(run.subgroups!).split("\n")[0]).toBe("subgroup,strategy,cost,qaly,detected");
  });

  it("without a PSA there is no EVPPI; without the blocks the run has none of the three", async () => {
    const withBlocks = await runProject(compileModelFile(file(BLOCKS), { fileName: "screening.yaml" }), { dsa: false, detail: false });
    expect(withBlocks.evppi).toBeUndefined();
    const plain = await runProject(compileModelFile(file(""), { fileName: "screening.yaml" }), { dsa: false, detail: false, psa: 50 });
    expect([plain.subgroups, plain.calibration, plain.evppi]).toEqual([undefined, undefined, undefined]);
  });

  it("names every unknown parameter, strategy, outcome and subgroup, and a repeated EVPPI member, by its path", () => {
    const bad = `subgroups:
  Diseased: { parameters: { prevalense: 1 } }
  Empty: { parameters: {} }
calibration:
  - { name: a, strategy: Tset, outcome: detected, target: 0.25 }
  - { name: b, strategy: Test, outcome: detectd, target: 0.25 }
  - { name: c, subgroup: Diseasd, strategy: Test, outcome: detected, target: 0.25 }
evppi:
  Accuracy: [sensitivty]
  Twice: [prevalence, prevalence]
`;
    const result = checkModelFile(file(bad), { fileName: "screening.yaml" });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const paths = issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "subgroups.Diseased.parameters.prevalense",
        "subgroups.Empty.parameters",
        "calibration.0.strategy",
        "calibration.1.outcome",
        "calibration.2.subgroup",
        "evppi.Accuracy.0",
        "evppi.Twice.1",
      ]),
    );
    expect(issues.find((i) => i.path.join(".") === "subgroups.Diseased.parameters.prevalense")!.message).toContain("did you mean 'prevalence'");
    expect(issues.every((i) => typeof (i as { line?: number }).line === "number")).toBe(true);
  });
});
