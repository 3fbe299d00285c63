// The sumatriptan model file (models/sumatriptan-evans-1997/model.yaml) against the TypeScript
// `sumatriptanEvans1997`: identical outcomes (bit for bit) for the base case and for perturbed
// parameters (the subtree bindings must route each drug's values to its own branch).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseParameters, sumatriptanEvans1997 } from "../../models/sumatriptan-evans-1997/model.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";

const fileName = "models/sumatriptan-evans-1997/model.yaml";
const project = compileModelFile(readFileSync(new URL(`../../${fileName}`, import.meta.url), "utf8"), { fileName });

function expectIdentical(params: typeof baseParameters): void {
  const fromFile = evaluateModel(project.model, params);
  const fromTs = evaluateModel(sumatriptanEvans1997, params);
  for (const strategy of sumatriptanEvans1997.strategies) {
    for (const outcome of sumatriptanEvans1997.outcomes) expect([strategy, outcome, fromFile[strategy]![outcome]]).toEqual([strategy, outcome, fromTs[strategy]![outcome]]);
  }
}

describe("models/sumatriptan-evans-1997/model.yaml", () => {
  it("compileModelFile(sumatriptan model.yaml) gives the TypeScript tree's outcomes bit for bit", () => {
    expect(project.model.strategies).toEqual(sumatriptanEvans1997.strategies);
    expect(project.model.outcomes).toEqual(sumatriptanEvans1997.outcomes);
    expect(project.parameters.base()).toEqual(baseParameters);
    expectIdentical(baseParameters);
  });

  it("compileModelFile(sumatriptan model.yaml) equals the TypeScript tree when every parameter is perturbed", () => {
    const perturbed = Object.fromEntries(Object.entries(baseParameters).map(([name, v], i) => [name, name.startsWith("p") ? v * (0.9 + 0.01 * i) : v * (1 + 0.1 * i)])) as typeof baseParameters;
    expectIdentical(perturbed);
  });
});
