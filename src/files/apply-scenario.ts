import { fail, QalyError } from "../core/errors.js";
import { didYouMean } from "../core/closest-name.js";
import type { ModelProject } from "./model-project.js";
import { COMPILED } from "./compile-model-file.js";
import { buildProject } from "./build-project.js";
import { ownEntry } from "../core/own-entry.js";

/**
 * The project of one named scenario: its parameter values are held fixed in the base case and in
 * every PSA draw by `ParameterSpace.fix` (declared parameters and components of a group alike;
 * derived parameters are recomputed; the other parameters keep their own draws, since each parameter
 * and group draws from its own named stream), and its settings (discount rates, horizon, cycle
 * correction …) rebuild the model. Scenario analyses in HTA submissions change exactly such inputs
 * (NICE 2022 manual §4.7).
 *
 * @param project - a project compiled from a model file by `compileModelFile`
 * @param name - the scenario's name, as under `scenarios:` in the file
 * @returns the scenario's project (`scenario` set to `name`; no scenarios of its own)
 * @throws QalyError `unknown_scenario` with the closest scenario name; `invalid_argument` for a
 *   project that was not compiled from a model file
 * @example
 * const text = "metadata: { title: Demo, currency: SEK }\nparameters: { cTest: 100 }\nstrategies: [Test]\nscenarios: { Cheap: { parameters: { cTest: 50 } } }\nmodel:\n  type: decision-tree\n  root: { decision: { Test: { terminal: { payoffs: { cost: cTest, qaly: 1 } } } } }\n";
 * applyScenario(compileModelFile(text, { fileName: "demo.yaml" }), "Cheap").parameters.base().cTest // => 50
 */
export function applyScenario(project: ModelProject, name: string): ModelProject {
  const compiled = COMPILED.get(project);
  if (compiled === undefined) fail("invalid_argument", ["project"], "applyScenario needs a project compiled from a model file (compileModelFile); for a TypeScript project use its scenarios directly");
  const scenario = ownEntry(compiled.file.scenarios ?? {}, name);
  if (scenario === undefined) {
    const known = Object.keys(compiled.file.scenarios ?? {});
    fail("unknown_scenario", ["scenarios", name], `no scenario "${name}" in model "${project.name}": ${didYouMean(name, known)}`, { received: name, expected: known.join(", ") });
  }
  const built = buildProject(compiled, { name, parameters: scenario.parameters ?? {}, settings: scenario.settings });
  if (!built.ok) throw new QalyError(built.issues, `scenario "${name}" of ${compiled.options.fileName}`);
  COMPILED.set(built.value, compiled);
  return built.value;
}
