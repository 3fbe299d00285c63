import type { ModelProject } from "../../src/files/model-project.js";
import type { Model } from "../../src/models/model.js";
import type { ParameterSpace } from "../../src/parameters/parameter-space.js";

/**
 * Three strategies in closed form, for the analyses along the frontier: A costs 1000 for 1 QALY, B
 * 1000 + cB for 1 + gB (gB = 0.5 unless a parameter), C 1000 + cC for 1.8. With cB = 2000 and
 * cC = 5000: ICER B vs A 4000 and C vs B 10 000 (by hand), so B is optimal at 5000 and C at 20 000.
 * A scenario "Dear C" (cC = 9000) flips the choice at 20 000; DSA ranges on cB and cC.
 */
export function threeStrategyProject(parameters: ParameterSpace, overrides: Partial<ModelProject> = {}): ModelProject {
  const model: Model<Readonly<Record<string, number>>, string> = {
    title: "three",
    strategies: ["A", "B", "C"],
    outcomes: ["cost", "qaly"],
    evaluateInto: (p, out) => out.set([1000, 1, 1000 + p["cB"]!, 1 + (p["gB"] ?? 0.5), 1000 + p["cC"]!, 1.8]),
  };
  return {
    name: "three",
    metadata: { title: "Three", currency: "SEK" },
    model,
    parameters,
    outcomes: { cost: "cost", effect: "qaly" },
    scenarios: { "Dear C": { parameters: { cC: 9000 } } },
    dsa: { cB: { low: 1000, high: 4000 }, cC: { low: 4000, high: 9000 } },
    wtp: { grid: { from: 0, to: 20_000, step: 1000 }, thresholds: [5000, 20_000] },
    psa: { samples: 20, seed: "three" },
    warnings: [],
    ...overrides,
  };
}
