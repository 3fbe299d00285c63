// The complete example of docs/model-files.md must compile and run as documented.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";

const doc = readFileSync(new URL("../../docs/model-files.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("## A complete example"));
const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;

describe("docs/model-files.md example", () => {
  const project = compileModelFile(example, { fileName: "docs/model-files.md" });

  it("compileModelFile(doc example) builds a tree with Markov leaves, a tunnel state, a table and a derived parameter", () => {
    expect(project.model.strategies).toEqual(["No testing", "Test and treat"]);
    expect(project.warnings).toEqual(["placeholder values in use: cTest"]);
    expect(project.outcomes).toEqual({ cost: "cost", effect: "qaly" });
    const result = evaluateModel(project.model, project.baseCase!);
    expect(result["Test and treat"]!.treated).toBeCloseTo(0.3, 15);
    // Testing costs cTest up front and treats 30 %: more costly and more effective.
    expect(result["Test and treat"]!.cost!).toBeGreaterThan(result["No testing"]!.cost!);
    expect(result["Test and treat"]!.qaly!).toBeGreaterThan(result["No testing"]!.qaly!);
    expect(project.parameters.describe().find((row) => row.name === "uSickCapped")?.kind).toBe("derived");
  });

  it("compileModelFile(doc example) runs a PSA, and its scenarios apply", () => {
    const psa = runPsaSync(project.model, project.parameters.sample(50, { seed: project.psa.seed }));
    expect(psa.values("cost", "No testing").every(Number.isFinite)).toBe(true);
    const cheap = applyScenario(project, "Half-price test");
    expect(cheap.baseCase!.cTest).toBe(1250);
    const short = applyScenario(project, "Ten-year horizon");
    expect(evaluateModel(short.model, short.baseCase!)["No testing"]!.lifeYears!).toBeLessThan(10);
  });
});
