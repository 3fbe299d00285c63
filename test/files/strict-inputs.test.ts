import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { QalyError } from "../../src/core/errors.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { duplicateNames } from "../../src/files/duplicate-names.js";
import { projectPsaSetup } from "../../src/project/project-psa-setup.js";
import { runProject } from "../../src/project/run-project.js";

// Issue 19, strict inputs: each case that was accepted although wrong is a fixture in
// test/fixtures/trust/strict/ and must now be a typed error naming its path.
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/trust/strict/${name}`, import.meta.url));
const issuesOf = (name: string) => {
  const result = checkModelFile(readFileSync(fixture(name), "utf8"), { fileName: name });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
};

describe("strict model-file inputs", () => {
  it("checkModelFile(duplicate-strategy.yaml) fails with invalid_model at strategies[1]", () => {
    expect(issuesOf("duplicate-strategy.yaml")[0]).toMatchObject({ code: "invalid_model", path: ["strategies", 1] });
  });

  it("checkModelFile(same-outcome.yaml) fails with invalid_model at outcomes.effect", () => {
    expect(issuesOf("same-outcome.yaml")[0]).toMatchObject({ code: "invalid_model", path: ["outcomes", "effect"] });
  });

  it("checkModelFile(inline-table-cells.yaml) refuses an empty inline cell (and would refuse hexadecimal) at its data path", () => {
    expect(issuesOf("inline-table-cells.yaml")[0]).toMatchObject({ code: "invalid_model", path: ["tables", "price", "data", "value", 1] });
    const hex = readFileSync(fixture("inline-table-cells.yaml"), "utf8").replace('[100, "", 120]', "[100, 110, 120]");
    const result = checkModelFile(hex, { fileName: "hex.yaml" });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "price", "data", "year", 2] });
  });

  it("checkModelFile(reserved-scenario.yaml) refuses a scenario named constructor", () => {
    expect(issuesOf("reserved-scenario.yaml")[0]).toMatchObject({ code: "invalid_model", path: ["scenarios", "constructor"] });
  });

  it("duplicateNames finds repeated states and threshold strategies at any depth", () => {
    expect(duplicateNames({ model: { states: ["H", "S", "H"] }, thresholds: [{ strategies: ["A", "A"] }] }).map((issue) => issue.path)).toEqual([
      ["thresholds", 0, "strategies", 1],
      ["model", "states", 2],
    ]);
  });
});

describe("strict inputs through the API", () => {
  const text = readFileSync(fixture("reserved-scenario.yaml"), "utf8").replace("  constructor:", "  Dear:");
  const project = compileModelFile(text, { fileName: "ok.yaml" });

  it.each(["constructor", "__proto__", "toString", "prototype"])("applyScenario and projectPsaSetup(project, %j) fail with unknown_scenario", (name) => {
    expect(() => applyScenario(project, name)).toThrow(QalyError);
    expect(() => projectPsaSetup(project, name)).toThrow(expect.objectContaining({ code: "unknown_scenario", path: ["scenarios", name] }));
  });

  it.each([-5, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("runProject(project, { psa: %d }) fails with invalid_argument at psa", async (psa) => {
    await expect(runProject(project, { psa, dsa: false })).rejects.toMatchObject({ code: "invalid_argument", path: ["psa"] });
  });
});
