import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import type { ModelFileIssue } from "../../src/files/parse-model-text.js";
import { modelFileJsonSchema } from "../../src/files/model-file-json-schema.js";
import { complement } from "../../src/models/complement.js";
import { evaluateModel } from "../../src/models/model.js";
import { testingPathway } from "../../src/pathways/testing-pathway.js";
import { panel, parallel, reflex, sendOut, sequential } from "../../src/pathways/testing-strategy.js";
import { testingTree } from "../../src/pathways/testing-tree.js";

// The worked example of docs/testing-pathways.md (EGFR PCR, then ALK IHC, with failure and re-biopsy)
// as a model file, with a DNA panel strategy beside it.
const WORKED = `metadata: { title: EGFR then ALK, currency: SEK }
parameters:
  pEgfr: 0.1
  sensPcr: 0.9
strategies: [Sequential, Panel]
model:
  type: testing-pathway
  arms:
    osimertinib: { terminal: { payoffs: { cost: 500000, qaly: 3 } } }
    alectinib: { terminal: { payoffs: { cost: 600000, qaly: 4 } } }
    chemo: { terminal: { payoffs: { cost: 200000, qaly: 1.5 } } }
    missed: { terminal: { payoffs: { cost: 200000, qaly: 1 } } }
  categories:
    EGFR: { prevalence: pEgfr, arm: osimertinib }
    ALK: { prevalence: 0.05, arm: alectinib }
    none: { prevalence: complement }
  tests:
    egfrPcr: { sensitivity: { EGFR: sensPcr }, failure: 0.1, turnaroundDays: 7, cost: 3000 }
    alkIhc: { sensitivity: { ALK: 0.95 }, failure: 0.05, turnaroundDays: 3, cost: 1500 }
    ngs: { sensitivity: { EGFR: 0.97, ALK: 0.97 }, failure: 0.08, turnaroundDays: 10, cost: 9000 }
  rebiopsy: { probability: 0.5, cost: 20000, delayDays: 14 }
  strategies:
    Sequential: { sequence: [egfrPcr, alkIhc] }
    Panel: { panel: ngs }
  treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }
`;

/** Every strategy kind, specificity with a false-positive rule, confirmation, untreated arm, QALY loss per re-biopsy. */
const ALL_KINDS = `metadata: { title: All kinds, currency: SEK }
parameters:
  pEgfr: { distribution: { kind: beta, alpha: 10, beta: 90 } }
  spec: 0.99
  cDrug: 40000
strategies: [SEQ, PANEL, PAR, REFLEX, SEND]
model:
  type: testing-pathway
  arms:
    EGFR: { terminal: { payoffs: { cost: 500000, qaly: 3 } } }
    ROS1: { terminal: { payoffs: { cost: 450000, qaly: 2.5 } } }
    CHEMO: { terminal: { payoffs: { cost: 200000, qaly: 1.5 } } }
    MISSED: { terminal: { payoffs: { cost: 200000, qaly: 1 } } }
    UNTREATED: { terminal: { payoffs: { cost: 150000, qaly: 1.1 } } }
  categories:
    EGFR: { prevalence: pEgfr, arm: EGFR }
    ROS1: { prevalence: 0.02, arm: ROS1 }
    KRAS: { prevalence: 0.3 }
    none: { prevalence: complement }
  tests:
    egfrPcr: { sensitivity: { EGFR: 0.9 }, specificity: spec, failure: 0.02, turnaroundDays: 7, cost: 3000 }
    ros1Ihc: { sensitivity: { ROS1: 0.9 }, specificity: { ROS1: 0.98 }, failure: 0.03, turnaroundDays: 3, cost: 1500, confirmation: { cost: 5000, categories: [ROS1] } }
    hotspot: { sensitivity: { EGFR: 0.95, ROS1: 0.8, KRAS: 0.95 }, specificity: spec, failure: 0.08, turnaroundDays: 10, cost: 6000, confirmation: { cost: 5000, categories: [ROS1] } }
  rebiopsy: { probability: 0.4, cost: 20000, delayDays: 14, qalyLoss: 0.01 }
  strategies:
    SEQ: { sequence: [egfrPcr, ros1Ihc], orderingDelayDays: 2, onFailure: stop }
    PANEL: { panel: hotspot, turnaroundDays: 12 }
    PAR: { parallel: [egfrPcr, ros1Ihc], failure: 0.04 }
    REFLEX: { reflex: { first: egfrPcr, then: hotspot } }
    SEND: { sendOut: hotspot, turnaroundDays: 21, shippingCost: 500 }
  treatment: { pTreat: 0.9, defaultArm: CHEMO, missedArm: MISSED, untreatedArm: UNTREATED, falsePositive: { arm: MISSED, payoffs: { cost: cDrug } } }
`;

function issues(text: string): readonly ModelFileIssue[] {
  const result = checkModelFile(text, { fileName: "pathway.yaml" });
  if (result.ok) throw new Error("expected the file to have problems");
  return result.issues as readonly ModelFileIssue[];
}

/** The one issue at a path, with its code and message. */
function issueAt(text: string, path: string): ModelFileIssue {
  const all = issues(text);
  const found = all.filter((issue) => issue.path.join(".") === path);
  if (found.length !== 1) throw new Error(`expected one issue at ${path}, got: ${all.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return found[0]!;
}

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in the file: ${from}`);
  return text.replace(from, to);
}

/** WORKED written with the TypeScript API, with the given treatment rule. */
function workedPathway(treatment: { pTreat: number; defaultArm: string; missedArm: string; noResultArm?: string }) {
  type P = Readonly<Record<string, number>>;
  return testingPathway({
    categories: { EGFR: { prevalence: (p: P) => p["pEgfr"]!, arm: "osimertinib" }, ALK: { prevalence: 0.05, arm: "alectinib" }, none: { prevalence: complement } },
    tests: {
      egfrPcr: { sensitivity: { EGFR: (p) => p["sensPcr"]! }, failure: 0.1, turnaroundDays: 7, cost: 3000 },
      alkIhc: { sensitivity: { ALK: 0.95 }, failure: 0.05, turnaroundDays: 3, cost: 1500 },
      ngs: { sensitivity: { EGFR: 0.97, ALK: 0.97 }, failure: 0.08, turnaroundDays: 10, cost: 9000 },
    },
    rebiopsy: { probability: 0.5, cost: 20_000, delayDays: 14 },
    strategies: { Sequential: sequential(["egfrPcr", "alkIhc"]), Panel: panel("ngs") },
    treatment,
  });
}

describe("compileModelFile: testing pathways (model: { type: testing-pathway })", () => {
  it("the worked example of docs/testing-pathways.md gives the hand-computed results and the TypeScript API's, bit for bit", () => {
    const project = compileModelFile(WORKED, { fileName: "worked.yaml" });
    const pathway = workedPathway({ pTreat: 0.8, defaultArm: "chemo", missedArm: "missed" });
    const arms = { osimertinib: { cost: 500_000, qaly: 3 }, alectinib: { cost: 600_000, qaly: 4 }, chemo: { cost: 200_000, qaly: 1.5 }, missed: { cost: 200_000, qaly: 1 } };
    const ts = testingTree(pathway, { title: "EGFR then ALK", arms });
    const params = project.parameters.base();
    const fromFile = evaluateModel(project.model, params);
    expect(project.model.strategies).toEqual(["Sequential", "Panel"]);
    expect(project.model.outcomes).toEqual(ts.outcomes);
    // toEqual compares numbers with Object.is.
    expect(fromFile).toEqual(evaluateModel(ts, params));
    // The hand computation of docs/testing-pathways.md (rounded there to the digits shown).
    const s = fromFile["Sequential"]!;
    expect(s["result"]).toBeCloseTo(0.92243, 5);
    expect(s["costTesting"]).toBeCloseTo(5902.15, 2);
    expect(s["reBiopsy"]).toBeCloseTo(0.0715, 4);
    expect(s["qaly"]).toBeCloseTo(1.66598, 5);
    expect(s["time"]! * 365.25).toBeCloseTo(10.58, 2);
  });

  it("every strategy kind and option (sequence with ordering delay and stop, panel with its own turnaround, parallel, reflex, send-out), specificity, false-positive rule, confirmation, untreated arm and QALY loss equal the TypeScript API's", () => {
    const project = compileModelFile(ALL_KINDS, { fileName: "all.yaml" });
    type P = Readonly<Record<string, number>>;
    const spec = (p: P) => p["spec"]!;
    const pathway = testingPathway({
      categories: { EGFR: { prevalence: (p: P) => p["pEgfr"]!, arm: "EGFR" }, ROS1: { prevalence: 0.02, arm: "ROS1" }, KRAS: { prevalence: 0.3 }, none: { prevalence: complement } },
      tests: {
        egfrPcr: { sensitivity: { EGFR: 0.9 }, specificity: spec, failure: 0.02, turnaroundDays: 7, cost: 3000 },
        ros1Ihc: { sensitivity: { ROS1: 0.9 }, specificity: { ROS1: 0.98 }, failure: 0.03, turnaroundDays: 3, cost: 1500, confirmation: { cost: 5000, categories: ["ROS1"] } },
        hotspot: { sensitivity: { EGFR: 0.95, ROS1: 0.8, KRAS: 0.95 }, specificity: spec, failure: 0.08, turnaroundDays: 10, cost: 6000, confirmation: { cost: 5000, categories: ["ROS1"] } },
      },
      rebiopsy: { probability: 0.4, cost: 20_000, delayDays: 14, qalyLoss: 0.01 },
      strategies: {
        SEQ: sequential(["egfrPcr", "ros1Ihc"], { orderingDelayDays: 2, onFailure: "stop" }),
        PANEL: panel("hotspot", { turnaroundDays: 12 }),
        PAR: parallel(["egfrPcr", "ros1Ihc"], { failure: 0.04 }),
        REFLEX: reflex("egfrPcr", "hotspot"),
        SEND: sendOut("hotspot", { turnaroundDays: 21, shippingCost: 500 }),
      },
      treatment: { pTreat: 0.9, defaultArm: "CHEMO", missedArm: "MISSED", untreatedArm: "UNTREATED", falsePositive: { arm: "MISSED", payoffs: { cost: (p) => p["cDrug"]! } } },
    });
    const arms = { EGFR: { cost: 500_000, qaly: 3 }, ROS1: { cost: 450_000, qaly: 2.5 }, CHEMO: { cost: 200_000, qaly: 1.5 }, MISSED: { cost: 200_000, qaly: 1 }, UNTREATED: { cost: 150_000, qaly: 1.1 } };
    const ts = testingTree(pathway, { title: "All kinds", arms });
    for (const params of [project.parameters.base(), { ...project.parameters.base(), pEgfr: 0.2, spec: 0.95 }]) {
      const fromFile = evaluateModel(project.model, params);
      expect(fromFile).toEqual(evaluateModel(ts, params));
      expect(fromFile["PANEL"]!["falsePositive"]).toBeGreaterThan(0);
    }
    // The compiled tree carries the pathway data.
    expect(Object.keys((project.model as unknown as { pathway: { strategies: object } }).pathway.strategies)).toEqual(["SEQ", "PANEL", "PAR", "REFLEX", "SEND"]);
  });

  it("treatment.noResultArm (no-result patients without an actionable driver) equals the TypeScript API's, bit for bit, and moves the no-result mass off defaultArm", () => {
    const withArm = replaced(
      replaced(WORKED, "treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }", "treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed, noResultArm: noResult }"),
      "    missed: { terminal: { payoffs: { cost: 200000, qaly: 1 } } }\n",
      "    missed: { terminal: { payoffs: { cost: 200000, qaly: 1 } } }\n    noResult: { terminal: { payoffs: { cost: 180000, qaly: 1.2 } } }\n",
    );
    const project = compileModelFile(withArm, { fileName: "no-result.yaml" });
    const pathway = workedPathway({ pTreat: 0.8, defaultArm: "chemo", missedArm: "missed", noResultArm: "noResult" });
    const arms = { osimertinib: { cost: 500_000, qaly: 3 }, alectinib: { cost: 600_000, qaly: 4 }, chemo: { cost: 200_000, qaly: 1.5 }, missed: { cost: 200_000, qaly: 1 }, noResult: { cost: 180_000, qaly: 1.2 } };
    const ts = testingTree(pathway, { title: "EGFR then ALK", arms });
    const params = project.parameters.base();
    const fromFile = evaluateModel(project.model, params);
    expect(fromFile).toEqual(evaluateModel(ts, params));
    // The worked example's no-result "none" patients (0.85 × (1 − 0.945 × 0.97375)) now have 1.2 QALYs, not 1.5.
    const before = evaluateModel(compileModelFile(WORKED, { fileName: "worked.yaml" }).model, params)["Sequential"]!;
    expect(before["qaly"]! - fromFile["Sequential"]!["qaly"]!).toBeCloseTo(0.85 * (1 - 0.945 * 0.97375) * 0.3, 12);
  });

  it("arms: the name of a model under models (its strategies are the arms) gives the same results as a terminal node per arm", () => {
    const models = `models:
  back:
    type: markov
    strategies:
      osimertinib: { u: 0.8, c: 50000 }
      alectinib: { u: 0.85, c: 60000 }
      chemo: { u: 0.6, c: 20000 }
      missed: { u: 0.5, c: 20000 }
    states: [Alive, Dead]
    outcomes: { cost: cost, qaly: effect }
    start: { Alive: 1 }
    cycles: 10
    transitions: { Alive: { Dead: 0.2, Alive: complement }, Dead: { Dead: 1 } }
    values: { cost: { Alive: c }, qaly: { Alive: u } }
model:`;
    const byName = replaced(replaced(WORKED, "model:", models), /  arms:\n(    .*\n){4}/.exec(WORKED)![0], "  arms: back\n");
    const byNode = replaced(WORKED, "model:", models).replace(/\{ terminal: \{ payoffs: \{[^}]*\} \} \}/g, "{ terminal: { model: back } }");
    const a = compileModelFile(byName, { fileName: "a.yaml" });
    const b = compileModelFile(byNode, { fileName: "b.yaml" });
    const params = a.parameters.base();
    expect(evaluateModel(a.model, params)).toEqual(evaluateModel(b.model, params));
    expect(evaluateModel(a.model, params)["Sequential"]!["qaly"]).toBeGreaterThan(0);
  });

  it("modelFileJsonSchema() describes the testing-pathway model type", () => {
    expect(JSON.stringify(modelFileJsonSchema())).toContain('"testing-pathway"');
  });
});

describe("compileModelFile: errors of a testing pathway, with the file's path, line and column", () => {
  it("a test covering an unknown category is invalid_model at model.tests.<test>.sensitivity.<category>, with the closest name", () => {
    const issue = issueAt(replaced(WORKED, "sensitivity: { ALK: 0.95 }", "sensitivity: { ALKK: 0.95 }"), "model.tests.alkIhc.sensitivity.ALKK");
    expect(issue.code).toBe("invalid_model");
    expect(issue.message).toContain("unknown category \"ALKK\"; did you mean 'ALK'?");
    expect([issue.file, issue.line]).toEqual(["pathway.yaml", 19]);
    expect(issue.message).toMatch(/\(pathway\.yaml:19:\d+\)$/);
  });

  it("a strategy naming an unknown test is invalid_model at its place in sequence, panel, parallel or reflex, with the closest name", () => {
    expect(issueAt(replaced(WORKED, "sequence: [egfrPcr, alkIhc]", "sequence: [egfrPcr, alkIch]"), "model.strategies.Sequential.sequence.1").message).toContain("unknown test \"alkIch\"; did you mean 'alkIhc'?");
    expect(issueAt(replaced(WORKED, "panel: ngs", "panel: nsg"), "model.strategies.Panel.panel").code).toBe("invalid_model");
    expect(issueAt(replaced(WORKED, "panel: ngs", "parallel: [ngs, alk]"), "model.strategies.Panel.parallel.1").code).toBe("invalid_model");
    expect(issueAt(replaced(WORKED, "panel: ngs", "reflex: { first: egfrPcr, then: ng }"), "model.strategies.Panel.reflex.then").code).toBe("invalid_model");
  });

  it("prevalences not summing to 1 are row_sum_not_one at model.categories: constants at once, parameters with the base-case values", () => {
    const constants = replaced(replaced(WORKED, "prevalence: pEgfr", "prevalence: 0.1"), "none: { prevalence: complement }", "none: { prevalence: 0.9 }");
    expect(issueAt(constants, "model.categories").code).toBe("row_sum_not_one");
    const driven = replaced(WORKED, "none: { prevalence: complement }", "none: { prevalence: 0.9 }");
    const issue = issueAt(driven, "model.categories");
    expect(issue.code).toBe("row_sum_not_one");
    expect(issue.message).toContain("with the base-case parameter values: prevalences sum to 1.05");
    expect(issue.line).toBe(14); // the first category, where the categories start
  });

  it("a sensitivity outside [0, 1] is probability_out_of_range at model.tests.<test>.sensitivity.<category>: constants at once, parameters with the base case", () => {
    const constant = issueAt(replaced(WORKED, "ALK: 0.95", "ALK: 1.2"), "model.tests.alkIhc.sensitivity.ALK");
    expect(constant.code).toBe("probability_out_of_range");
    expect(constant.message).toContain("1.2 is not a probability in [0, 1]");
    const driven = issueAt(replaced(WORKED, "sensPcr: 0.9", "sensPcr: 1.5"), "model.tests.egfrPcr.sensitivity.EGFR");
    expect(driven.code).toBe("probability_out_of_range");
    expect(driven.message).toContain("with the base-case parameter values");
  });

  it("structure: a misspelt key gets the closest key; a strategy needs exactly one kind; options belong to their kind; send-out needs its turnaround", () => {
    expect(issueAt(replaced(WORKED, "{ sequence: [egfrPcr, alkIhc] }", "{ sequnce: [egfrPcr, alkIhc] }"), "model.strategies.Sequential.sequnce").message).toContain("did you mean 'sequence'?");
    expect(issueAt(replaced(WORKED, "{ panel: ngs }", "{ panel: ngs, sequence: [egfrPcr] }"), "model.strategies.Panel").message).toContain("found panel and sequence");
    expect(issueAt(replaced(WORKED, "{ panel: ngs }", "{ panel: ngs, orderingDelayDays: 2 }"), "model.strategies.Panel.orderingDelayDays").message).toContain("applies to sequence strategies");
    expect(issueAt(replaced(WORKED, "{ panel: ngs }", "{ sendOut: ngs }"), "model.strategies.Panel.turnaroundDays").message).toContain("needs turnaroundDays");
  });

  it("strategies: each file strategy needs a testing strategy, and each testing strategy must be a file strategy (unknown_strategy, with the closest name)", () => {
    const all = issues(replaced(WORKED, "    Panel: { panel: ngs }", "    Panle: { panel: ngs }"));
    expect(all.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["unknown_strategy", "model.strategies"],
      ["unknown_strategy", "model.strategies.Panle"],
    ]);
    expect(all[1]!.message).toContain("did you mean 'Panel'?");
  });

  it("arms: an unknown model, an arm used but not given, an arm given but not used, an unknown name in an arm's payoffs", () => {
    const unknownModel = issueAt(replaced(WORKED, /  arms:\n(    .*\n){4}/.exec(WORKED)![0], "  arms: back\n"), "model.arms");
    expect(unknownModel.message).toContain("no model 'back' under models");
    const missing = issueAt(replaced(WORKED, "    missed: { terminal: { payoffs: { cost: 200000, qaly: 1 } } }\n", ""), "model.arms");
    expect(missing.message).toContain('arm "missed" is used by the pathway but not given');
    const unused = issueAt(replaced(WORKED, "    missed: {", "    mised: {"), "model.arms.mised");
    expect(unused.message).toContain("did you mean 'missed'?");
    expect(issueAt(replaced(WORKED, "cost: 600000, qaly: 4", "cost: cAlectinib, qaly: 4"), "model.arms.alectinib.terminal.payoffs.cost").code).toBe("unknown_parameter");
  });

  it("treatment.noResultArm naming no arm is invalid_model at model.treatment.noResultArm, with the closest name (arms given per node, or a model's strategies)", () => {
    const typo = issueAt(replaced(WORKED, "missedArm: missed }", "missedArm: missed, noResultArm: chemoo }"), "model.treatment.noResultArm");
    expect(typo.code).toBe("invalid_model");
    expect(typo.message).toContain("noResultArm 'chemoo' is not an arm under arms (did you mean 'chemo'?)");
    expect(typo.line).toBe(25); // the treatment line
    const models = `models:
  back:
    type: markov
    strategies: { osimertinib: { u: 0.8 }, alectinib: { u: 0.85 }, chemo: { u: 0.6 }, missed: { u: 0.5 } }
    states: [Alive, Dead]
    outcomes: { qaly: effect }
    start: { Alive: 1 }
    cycles: 10
    transitions: { Alive: { Dead: 0.2, Alive: complement }, Dead: { Dead: 1 } }
    values: { qaly: { Alive: u } }
model:`;
    const byName = replaced(replaced(replaced(WORKED, "model:", models), /  arms:\n(    .*\n){4}/.exec(WORKED)![0], "  arms: back\n"), "missedArm: missed }", "missedArm: missed, noResultArm: misssed }");
    const inModel = issueAt(byName, "model.treatment.noResultArm");
    expect(inModel.message).toContain("noResultArm 'misssed' is not a strategy of model 'back' (did you mean 'missed'?)");
    // A valid name passes: the no-result arm may be any arm, also one used elsewhere.
    expect(checkModelFile(replaced(WORKED, "missedArm: missed }", "missedArm: missed, noResultArm: missed }"), { fileName: "ok.yaml" }).ok).toBe(true);
  });

  it("an unknown parameter in an input is unknown_parameter at its path, reported once; a specificity below 1 without a false-positive rule is invalid_model at model.treatment.falsePositive", () => {
    const unknown = issueAt(replaced(WORKED, "cost: 1500 }", "cost: cAlk }"), "model.tests.alkIhc.cost");
    expect(unknown.code).toBe("unknown_parameter");
    const rule = issueAt(replaced(WORKED, "failure: 0.08,", "specificity: 0.99, failure: 0.08,"), "model.treatment.falsePositive");
    expect(rule.message).toContain("state the false-positive rule");
  });
});

describe("model files: reclassification tables of a testing pathway", () => {
  it("reclassification: [{ from, to }] is reported with every run, as reclassification() computes it", async () => {
    const { runProject } = await import("../../src/project/run-project.js");
    const { reclassification } = await import("../../src/pathways/reclassification.js");
    const text = WORKED.replace("  treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }\n", "  treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }\n  reclassification: [{ from: egfrPcr, to: ngs }]\n");
    const project = compileModelFile(text, { fileName: "worked.yaml" });
    const run = await runProject(project, { dsa: false, detail: false });
    const pathway = (project.model as unknown as { pathway: Parameters<typeof reclassification>[0] }).pathway;
    expect(run.reclassification).toEqual([reclassification(pathway, "egfrPcr", "ngs", { pEgfr: 0.1, sensPcr: 0.9 })]);
    // By hand: EGFR called by PCR and by the panel: 0.1 × 0.9 × 0.9 (no failure) × 0.92 × 0.97.
    const table = run.reclassification![0]!;
    expect(table.probability[table.labels.indexOf("EGFR")]![table.labels.indexOf("EGFR")]).toBeCloseTo(0.1 * 0.9 * 0.9 * 0.92 * 0.97, 15);
  });

  it("names an unknown test in a reclassification table by its path", () => {
    const text = WORKED.replace("  treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }\n", "  treatment: { pTreat: 0.8, defaultArm: chemo, missedArm: missed }\n  reclassification: [{ from: egfrPrc, to: ngs }]\n");
    const result = checkModelFile(text, { fileName: "worked.yaml" });
    expect(result.ok).toBe(false);
    const issue = (result.ok ? [] : result.issues).find((i) => i.path.join(".") === "model.reclassification.0.from");
    expect(issue?.message).toContain("did you mean 'egfrPcr'");
  });
});
