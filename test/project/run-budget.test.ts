import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { checkRunBudget } from "../../src/project/run-budget.js";
import { runProject } from "../../src/project/run-project.js";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/trust/budget/${name}`, import.meta.url)), "utf8");
const project = compileModelFile(fixture("valid-markov.yaml"), { fileName: "valid-markov.yaml" });

describe("checkRunBudget", () => {
  it("checkRunBudget(project, { psa: 1e12 }) fails with resource_limit at psa, naming draws, strategies, outcomes and the limit", () => {
    expect(() => checkRunBudget(project, { psa: 1e12 })).toThrow(expect.objectContaining({ code: "resource_limit", path: ["psa"] }));
    expect(() => checkRunBudget(project, { psa: 1e12 })).toThrow(/a PSA of 1\.0e12 draws × \(2 strategies × 4 outcomes \+ 4 parameters\) needs about 87\.3 TB of memory, more than the limit of 2\.00 GB/);
  });

  it("checkRunBudget(project, { psa: 1e7 }) is within memory but beyond a lower work limit, which an option raises", () => {
    expect(() => checkRunBudget(project, { psa: 1e7, limits: { work: 1e9 } })).toThrow(/a PSA of 1\.0e7 draws needs about 2\.0e10 cell updates/);
    expect(() => checkRunBudget(project, { psa: 1e7, dsa: false, limits: { work: 1e11 } })).not.toThrow();
  });

  it("checkRunBudget(project with 10⁹ DSA points) fails with resource_limit at dsa; without DSA it passes", () => {
    const points = compileModelFile(fixture("dsa-points-1e9.yaml"), { fileName: "dsa-points-1e9.yaml" });
    expect(() => checkRunBudget(points, { psa: 0 })).toThrow(expect.objectContaining({ code: "resource_limit", path: ["dsa"] }));
    expect(() => checkRunBudget(points, { psa: 0, dsa: false })).not.toThrow();
  });

  it("runProject(project, { psa: 1e12 }) rejects before any work starts", async () => {
    const started = performance.now();
    await expect(runProject(project, { psa: 1e12 })).rejects.toMatchObject({ code: "resource_limit" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
