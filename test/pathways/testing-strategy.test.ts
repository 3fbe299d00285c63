// The five strategy kinds, failure handling, false positives and arms, each against closed-form
// expectations written from the rules in docs/testing-pathways.md (tolerance 1e-12: same few terms).
import { describe, expect, it } from "vitest";
import { complement } from "../../src/models/complement.js";
import { evaluateModel, type Model } from "../../src/models/model.js";
import { panel, parallel, reflex, sendOut, sequential, testingPathway, testingTree } from "../../src/pathways/index.js";

const YEAR = 365.25;
const arms = { targeted: { cost: 100, qaly: 3 }, chemo: { cost: 50, qaly: 1.5 }, missed: { cost: 50, qaly: 1 } };
const categories = { EGFR: { prevalence: 0.1, arm: "targeted" }, ALK: { prevalence: 0.05, arm: "targeted" }, none: { prevalence: complement } } as const;
const treatment = { pTreat: 1, defaultArm: "chemo", missedArm: "missed" } as const;

describe("strategy kinds", () => {
  const f = 0.1;
  const r = 0.4;
  const pathway = testingPathway({
    categories,
    tests: {
      ngs: { sensitivity: { EGFR: 0.95, ALK: 0.9 }, failure: f, turnaroundDays: 9, cost: 12_000 },
      egfrPcr: { sensitivity: { EGFR: 0.9 }, failure: 0.02, turnaroundDays: 5, cost: 3000 },
      alkIhc: { sensitivity: { ALK: 0.95 }, failure: 0.03, turnaroundDays: 2, cost: 1500 },
    },
    rebiopsy: { probability: r, cost: 20_000, delayDays: 14 },
    strategies: {
      NGS: panel("ngs"),
      "NGS, no re-biopsy": panel("ngs", { onFailure: "stop" }),
      "NGS, 12 days": panel("ngs", { turnaroundDays: 12 }),
      Parallel: parallel(["egfrPcr", "alkIhc"]),
      Sequential: sequential(["egfrPcr", "alkIhc"], { orderingDelayDays: 4 }),
      Reflex: reflex("egfrPcr", "alkIhc"),
      "Send-out NGS": sendOut("ngs", { turnaroundDays: 21, shippingCost: 500 }),
    },
    treatment,
  });
  const out = evaluateModel(testingTree(pathway, { title: "kinds", arms }), {});

  it("panel: P(result) = (1 − f) + f·r·(1 − f), tests 1 + f·r, re-biopsies f·r (specification §4.1.2)", () => {
    const ngs = out.NGS!;
    expect(ngs.result).toBeCloseTo(1 - f + f * r * (1 - f), 12);
    expect(ngs.tests).toBeCloseTo(1 + f * r, 12);
    expect(ngs.reBiopsy).toBeCloseTo(f * r, 12);
    expect(ngs.costTesting).toBeCloseTo(12_000 + f * r * (20_000 + 12_000), 9);
    expect(ngs.time! * YEAR).toBeCloseTo(9 + f * r * 14, 9);
    expect(ngs.detectedEgfr).toBeCloseTo(0.1 * ngs.result! * 0.95, 12);
  });

  it("onFailure 'stop': a failed sample ends testing without a result", () => {
    const stop = out["NGS, no re-biopsy"]!;
    expect(stop.result).toBeCloseTo(1 - f, 12);
    expect(stop.reBiopsy).toBe(0);
    expect(stop.tests).toBe(1);
  });

  it("a strategy's own turnaround replaces the tests' turnaround; re-biopsy delays still add", () => {
    expect(out["NGS, 12 days"]!.time! * YEAR).toBeCloseTo(12 + f * r * 14, 9);
  });

  it("parallel: costs add, the longest turnaround counts, the shared sample fails if any test fails", () => {
    const par = out.Parallel!;
    const fail = 1 - (1 - 0.02) * (1 - 0.03);
    expect(par.result).toBeCloseTo(1 - fail + fail * r * (1 - fail), 12);
    expect(par.tests).toBeCloseTo(2 * (1 + fail * r), 12);
    expect(par.costTesting).toBeCloseTo(4500 + fail * r * (20_000 + 4500), 9);
    expect(par.time! * YEAR).toBeCloseTo(5 + fail * r * 14, 9);
    expect(par.detectedAlk).toBeCloseTo(0.05 * par.result! * 0.95, 12);
  });

  it("sequential and reflex test the same patients; only the ordering delay differs", () => {
    const seq = out.Sequential!;
    const ref = out.Reflex!;
    for (const name of ["result", "tests", "reBiopsy", "costTesting", "detectedEgfr", "detectedAlk", "matchedTherapy", "qaly"]) expect(seq[name]).toBeCloseTo(ref[name]!, 12);
    const reach2 = 1 - 0.1 * (1 - 0.02 + 0.02 * r * (1 - 0.02)) * 0.9 - (0.02 * (1 - r) + 0.02 * r * 0.02); // past step 1: not stopped, not EGFR-positive
    expect((seq.time! - ref.time!) * YEAR).toBeCloseTo(4 * reach2, 9);
  });

  it("send-out: its own turnaround and a shipping cost per sample sent", () => {
    const ext = out["Send-out NGS"]!;
    expect(ext.time! * YEAR).toBeCloseTo(21 + f * r * 14, 9);
    expect(ext.costTesting).toBeCloseTo(12_500 + f * r * (20_000 + 12_500), 9);
    expect(ext.result).toBeCloseTo(out.NGS!.result!, 12);
  });
});

describe("false positives and confirmation", () => {
  const pathway = testingPathway({
    categories,
    tests: {
      panel: { sensitivity: { EGFR: 0.9, ALK: 0.8 }, specificity: { EGFR: 0.99, ALK: 0.98 }, cost: 1000, confirmation: { cost: 400, categories: ["ALK"] } },
    },
    strategies: { Panel: panel("panel") },
    treatment: { ...treatment, pTreat: 0.7, falsePositive: { arm: "missed", payoffs: { costDrug: 60 } } },
  });
  const tree = testingTree(pathway, { title: "fp", arms });
  const out = evaluateModel(tree, {}).Panel!;
  // P(false positive | true status): none → 1 − 0.99·0.98; EGFR not detected → ALK only (0.02); ALK not detected → EGFR only (0.01).
  const fpNone = 1 - 0.99 * 0.98;
  const fp = 0.85 * fpNone + 0.1 * 0.1 * 0.02 + 0.05 * 0.2 * 0.01;

  it("a false positive happens only in patients truly negative for the target, in target order", () => {
    expect(out.falsePositive).toBeCloseTo(fp, 12);
    // A true positive is not also counted as a false positive; an FP stops testing with a result.
    expect(out.result).toBe(1);
    expect(out.matchedTherapy).toBeCloseTo(0.7 * (0.1 * 0.9 + 0.05 * 0.8), 12);
  });

  it("confirmation is charged on every positive call of the confirmed category, true or false", () => {
    const falseAlk = 0.85 * 0.99 * 0.02 + 0.1 * 0.1 * 0.02; // none: EGFR negative then ALK false call; EGFR missed: ALK false call
    expect(out.costTesting).toBeCloseTo(1000 + 400 * (0.05 * 0.8 + falseAlk), 9);
  });

  it("the NSCLC rule: a false positive acted on costs the missed arm plus the drug, never less than a true negative", () => {
    expect(out.costDrug).toBeCloseTo(0.7 * fp * 60, 12);
    const paths = tree.paths({});
    const trueNegative = paths.find((path) => path.labels.join(">") === "Panel>none>Result>Negative>All tests done")!;
    const falsePositive = paths.find((path) => path.labels.join(">") === "Panel>none>Result>False positive EGFR>Treated as positive")!;
    expect(falsePositive.payoffs.cost! - falsePositive.payoffs.costTesting!).toBeGreaterThanOrEqual(trueNegative.payoffs.cost! - trueNegative.payoffs.costTesting!);
  });
});

describe("treatment arms", () => {
  /** One model with a strategy per arm, as the NSCLC back end is built. */
  const armModel: Model<unknown, "targeted" | "chemo" | "missed"> = {
    title: "Arms",
    strategies: ["targeted", "chemo", "missed"],
    outcomes: ["cost", "qaly"],
    evaluateInto(_params, out) {
      out.set([100, 3, 50, 1.5, 50, 1]);
    },
  };
  const pathway = testingPathway({ categories, tests: { ngs: { sensitivity: { EGFR: 0.95, ALK: 0.9 }, cost: 10 } }, strategies: { NGS: panel("ngs") }, treatment });

  it("one model with a strategy per arm gives the same outcomes as payoff leaves", () => {
    const fromModel = evaluateModel(testingTree(pathway, { title: "m", arms: armModel }), {}).NGS!;
    const fromPayoffs = evaluateModel(testingTree(pathway, { title: "p", arms }), {}).NGS!;
    expect(fromModel.qaly).toBeCloseTo(fromPayoffs.qaly!, 12);
    expect(fromModel.cost).toBeCloseTo(fromPayoffs.cost!, 12);
  });

  it("a detected driver not given matched therapy goes to untreatedArm (default: the missed arm)", () => {
    const half = testingPathway({ categories, tests: { ngs: { sensitivity: { EGFR: 1, ALK: 1 }, cost: 0 } }, strategies: { NGS: panel("ngs") }, treatment: { ...treatment, pTreat: 0.5 } });
    const untreated = testingPathway({ ...half, treatment: { ...half.treatment, untreatedArm: "chemo" } });
    expect(evaluateModel(testingTree(half, { title: "x", arms }), {}).NGS!.qaly).toBeCloseTo(0.15 * (0.5 * 3 + 0.5 * 1) + 0.85 * 1.5, 12);
    expect(evaluateModel(testingTree(untreated, { title: "x", arms }), {}).NGS!.qaly).toBeCloseTo(0.15 * (0.5 * 3 + 0.5 * 1.5) + 0.85 * 1.5, 12);
  });
});

describe("parallel: the order of false calls", () => {
  it("a specificity of the number 1 and a parameter whose value is 1 give the same confirmation costs (the group's targets in the order written)", () => {
    // Found by test/pathways/testing-pathway-oracle.test.ts (seed 11): a constant 1 was left out of the
    // group's targets, so B came before A and a false call of A, confirmed by tB, was charged less often.
    type P = { readonly one: number };
    const build = (specA: number | ((p: P) => number)) =>
      testingTree(
        testingPathway<P, string, string, string, string>({
          categories: { A: { prevalence: 0.1, arm: "targetA" }, B: { prevalence: 0.1, arm: "targetB" }, none: { prevalence: complement } },
          tests: {
            tA: { sensitivity: { A: 0.9, B: 0.9 }, specificity: { A: specA, B: 0.9 }, cost: 100 },
            tB: { sensitivity: { A: 0.9 }, specificity: 0.9, cost: 100, confirmation: { cost: 1000 } },
          },
          strategies: { Parallel: parallel(["tA", "tB"]) },
          treatment: { pTreat: 1, defaultArm: "chemo", missedArm: "missed", falsePositive: { arm: "missed" } },
        }),
        { title: "false-call order", arms: { targetA: {}, targetB: {}, chemo: {}, missed: {} } },
      );
    const cost = (specA: number | ((p: P) => number)) => evaluateModel(build(specA), { one: 1 }).Parallel!.costTesting!;
    // Tests 200, plus tB's confirmation on every positive A call: true A calls 0.1 × (1 − 0.1 × 0.1);
    // false A calls (A first among the group's targets, combined specificity 1 × 0.9) among B's
    // patients whom tA misses, 0.1 × 0.1 × 0.1, and among the others, 0.8 × 0.1.
    // 200 + 1000 × (0.099 + 0.001 + 0.08) = 380.
    expect(cost(1)).toBeCloseTo(380, 10);
    expect(cost((p) => p.one)).toBeCloseTo(380, 10);
  });
});
