import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { evaluateModel } from "../../src/models/model.js";
import { runJson } from "../../src/project/results-json.js";
import { reportAnswer } from "../../src/report/html/report-answer.js";

const model = (head: string): string =>
  `${head}
parameters: { cA: 1000, cB: 400000 }
strategies: [A, B]
model:
  type: decision-tree
  root: { decision: { A: { terminal: { payoffs: { cost: cA, qaly: 1 } } }, B: { terminal: { payoffs: { cost: cB, qaly: 1.5 } } } } }
`;

describe("model files: economic settings (economics:)", () => {
  it("a preset with a severity gives the currency, thresholds and the severity sentence of the report's answer", async () => {
    const project = compileModelFile(model("metadata: { title: Demo }\neconomics: { preset: sweden, severity: very high, priceYear: 2024 }"), { fileName: "demo.yaml" });
    expect(project.metadata.currency).toBe("SEK");
    expect(project.metadata.priceYear).toBe(2024);
    expect(project.wtp.thresholds).toEqual([500_000, 1_000_000]);
    const run = await runProject(project, { psa: 0, dsa: false });
    expect(reportAnswer(run)).toMatch(/TLV judges this severity very high; reference about SEK 1 000 000 per QALY \(TLV practice, not law\)\.$/);
    // results.json records the settings the run used.
    const json = runJson(run);
    expect([json.economics?.preset, json.economics?.currency, json.economics?.priceYear, json.economics?.severity?.level, json.economics?.discountRate]).toEqual(["sweden", "SEK", 2024, "very high", { cost: 0.03, effect: 0.03 }]);
  });

  it("without settings nothing assumes SEK: costs are in 'currency units' at the neutral thresholds", async () => {
    const project = compileModelFile(model("metadata: { title: Demo }"), { fileName: "demo.yaml" });
    expect(project.metadata.currency).toBe("currency units");
    expect(project.economics?.preset).toBe("neutral");
    expect(project.wtp.thresholds).toEqual([500_000, 1_000_000]);
    const run = await runProject(project, { psa: 0, dsa: false });
    expect(reportAnswer(run)).toContain("At 500 000 currency units per QALY, A has the highest net monetary benefit (499 000 currency units per patient)");
    expect(reportAnswer(run)).not.toContain("SEK");
  });

  it("a stated currency without a preset keeps the model's own thresholds and results", () => {
    const project = compileModelFile(model("metadata: { title: Demo, currency: USD }\nwtp: { thresholds: [100000] }"), { fileName: "demo.yaml" });
    expect(project.metadata.currency).toBe("USD");
    expect(project.wtp.thresholds).toEqual([100_000]);
  });

  it("an unknown preset, a threshold ≤ 0 or a contradicting currency is a typed error naming the setting", () => {
    const bad = checkModelFile(model("metadata: { title: Demo }\neconomics: { preset: swedn, thresholds: [0] }"), { fileName: "demo.yaml" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
        ["invalid_argument", ["economics", "preset"]],
        ["invalid_argument", ["economics", "thresholds", 0]],
      ]);
      expect(bad.issues[0]!.message).toMatch(/^unknown economic preset 'swedn'; did you mean 'sweden'\?/);
    }
    // Found by mutating the bundled models: `preset: constructor` (or another Object member) crashed with a TypeError.
    for (const preset of ["__proto__", "constructor", "toString"]) {
      const member = checkModelFile(model(`metadata: { title: Demo, currency: SEK }\neconomics: { preset: ${preset} }`), { fileName: "demo.yaml" });
      expect(member.ok ? [] : member.issues.map((i) => [i.code, i.path]), preset).toEqual([["invalid_argument", ["economics", "preset"]]]);
    }
    const clash = checkModelFile(model("metadata: { title: Demo, currency: USD }\neconomics: { preset: sweden }"), { fileName: "demo.yaml" });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.issues[0]).toMatchObject({ code: "invalid_model", path: ["metadata", "currency"] });
    const unknownKey = checkModelFile(model("metadata: { title: Demo }\neconomics: { preset: sweden, thresold: [1] }"), { fileName: "demo.yaml" });
    expect(unknownKey.ok).toBe(false);
  });
});

describe("model files: a cohort model's discount rate against the economic settings", () => {
  const markov = (economics: string, discount: string): string => `metadata: { title: Demo }
${economics}
parameters: { c: 100 }
strategies: [A]
model:
  type: markov
  states: [Well, Dead]
  outcomes: { cost: cost, qaly: effect }
  start: { Well: 1 }
  cycles: 5
${discount}  transitions: { Well: { Dead: 0.1, Well: complement }, Dead: { Dead: 1 } }
  values: { cost: { Well: c, Dead: 0 }, qaly: { Well: 1, Dead: 0 } }
`;
  it("takes the settings' discount rates for a model that states none, and warns when a model's own rate differs", () => {
    // NICE's 3.5 % fills in for a model without discountRate: same results as writing the rate in the model.
    const england = compileModelFile(markov("economics: { preset: england }", ""), { fileName: "demo.yaml" });
    const explicit = compileModelFile(markov("", "  discountRate: { cost: 0.035, effect: 0.035 }\n"), { fileName: "demo.yaml" });
    const default3 = compileModelFile(markov("", ""), { fileName: "demo.yaml" });
    expect(england.warnings).toEqual([]);
    const qalys = (c: typeof england): number => evaluateModel(c.model, c.baseCase ?? c.parameters.base())["A"]!["qaly"]!;
    expect(qalys(england)).toBe(qalys(explicit));
    // Discounting at 3.5 % instead of the engines' default 3 % gives fewer discounted QALYs.
    expect(qalys(england)).toBeLessThan(qalys(default3));
    // A model's own rate wins over the settings, with a warning naming both.
    const own = compileModelFile(markov("economics: { preset: england }", "  discountRate: { cost: 0.03 }\n"), { fileName: "demo.yaml" });
    expect(own.warnings).toEqual(["model.discountRate.cost is 0.03 but the economic settings (england) discount costs at 0.035; the model's rate is used"]);
    expect(compileModelFile(markov("economics: { preset: england }", "  discountRate: { cost: 0.035, effect: 0.035 }\n"), { fileName: "demo.yaml" }).warnings).toEqual([]);
    // No stated settings, no comparison.
    expect(compileModelFile(markov("", "  discountRate: { cost: 0.06, effect: 0 }\n"), { fileName: "demo.yaml" }).warnings).toEqual([]);
  });
});
