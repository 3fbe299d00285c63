import { fail } from "../core/errors.js";
import type { Model, ParameterValues } from "../models/model.js";
import type { ParameterDraws } from "../parameters/parameter-draws.js";
import type { ModelProject } from "../files/model-project.js";
import { ownEntry } from "../core/own-entry.js";

/** A parameter sampler, as `runPsa` takes it: a parameter space, or anything with `sample(n, { seed, method })`. */
export interface ProjectSampler {
  /** Draws `n` samples of every parameter. */
  sample(n: number, options: { readonly seed: string | number; readonly method?: "random" | "lhs" }): ParameterDraws;
}

/** What a PSA of a project under a scenario evaluates, from {@link projectPsaSetup}. */
export interface ProjectPsaSetup {
  /** The model (the scenario's own model for structural scenarios). */
  readonly model: Model<ParameterValues>;
  /** The sampler: the project's parameter space, with the scenario's overrides held fixed. */
  readonly parameters: ProjectSampler;
  /** The scenario's parameter overrides (empty for the base case). */
  readonly overrides: Readonly<Record<string, number>>;
  /** Caveats of the setup (none at present; kept for callers that print them). */
  readonly warnings: readonly string[];
}

/**
 * The model and parameter sampler of a project's PSA, under a named scenario or the base case.
 * A scenario's parameters are held at their scenario values in every draw by
 * `project.parameters.fix(overrides)`: derived parameters are recomputed from them, group
 * components may be fixed, and every other column keeps its draws (each parameter and group draws
 * from its own named stream). The worker pool builds the same setup in every worker, so draws are
 * identical in and out of workers.
 *
 * @param project - the project
 * @param scenario - a scenario name from `project.scenarios`, or `undefined` for the base case
 * @returns model, sampler, overrides and warnings
 * @throws QalyError `unknown_scenario`; `unknown_parameter` or `invalid_parameter` (a derived
 *   parameter) for a scenario value the space cannot hold fixed
 * @example
 * const model = { title: "Demo", strategies: ["SoC"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([p.cDrug, 1]); } };
 * const project = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, model, parameters: defineParameters({ cDrug: gamma.fromMeanSd(100, 10) }),
 *   outcomes: { cost: "cost", effect: "qaly" }, scenarios: { cheap: { parameters: { cDrug: 50 } } }, wtp: { grid: { from: 0, to: 1, step: 1 }, thresholds: [] },
 *   psa: { samples: 10, seed: 1 }, warnings: [] };
 * Array.from(projectPsaSetup(project, "cheap").parameters.sample(2, { seed: 1 }).column("cDrug")) // => [50, 50]
 */
export function projectPsaSetup(project: ModelProject, scenario?: string): ProjectPsaSetup {
  const chosen = scenario === undefined ? undefined : ownEntry(project.scenarios, scenario);
  if (scenario !== undefined && chosen === undefined) {
    const known = Object.keys(project.scenarios);
    fail("unknown_scenario", ["scenarios", scenario], `no scenario "${scenario}" in model "${project.name}" (known: ${known.length === 0 ? "none" : known.join(", ")})`, { received: scenario, expected: known.join(", ") });
  }
  const overrides = (chosen?.parameters ?? {}) as Readonly<Record<string, number>>;
  const model = (chosen?.model ?? project.model) as Model<ParameterValues>;
  const parameters = Object.keys(overrides).length === 0 ? project.parameters : project.parameters.fix(overrides);
  return { model, parameters, overrides, warnings: [] };
}
