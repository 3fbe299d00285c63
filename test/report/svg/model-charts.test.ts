import { describe, expect, it } from "vitest";
import { budgetImpact, chance, complement, decision, decisionTree, runBaseCase, terminal } from "../../../src/index.js";
import { budgetImpactChart, costBreakdownChart, costCategories, decisionTreeChart, markovTraceChart, survivalChart } from "../../../src/report/index.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

describe("markovTraceChart", () => {
  it("markovTraceChart(trace) stacks one closed area per state whose top edge is the running sum", () => {
    const trace = { strategy: "SoC", cycleLength: 0.5, states: ["Well", "Sick", "Dead"], proportions: [Float64Array.of(1, 0.7, 0.5), Float64Array.of(0, 0.2, 0.3), Float64Array.of(0, 0.1, 0.2)] };
    const svg = markovTraceChart(trace);
    expectChart(svg, "markov-trace");
    expect(countElements(svg, "path", "state-area")).toBe(3);
    // The last band's top edge is the 100% line at every row.
    const dead = /data-state="Dead" d="M([^"]*)Z"/.exec(svg)![1]!;
    const tops = dead.split("L").slice(0, 3).map((pt) => Number(pt.trim().split(" ")[1]));
    expect(new Set(tops).size).toBe(1);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Time (years)", "Proportion of cohort", "Well", "Sick", "Dead", "100%"]));
  });
});

describe("survivalChart", () => {
  it("survivalChart(arm) draws each curve and shades the states between them, lowest curve first", () => {
    const arm = { arm: "Osimertinib", times: Float64Array.of(0, 1, 2, 3), curves: [{ name: "OS", values: Float64Array.of(1, 0.9, 0.7, 0.5) }, { name: "PFS", values: Float64Array.of(1, 0.6, 0.3, 0.1) }] };
    const svg = survivalChart(arm);
    expectChart(svg, "survival");
    expect(countElements(svg, "path", "curve")).toBe(2);
    expect(countElements(svg, "path", "state-band")).toBe(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Below PFS", "Between PFS and OS", "Survival: Osimertinib"]));
  });
});

describe("decisionTreeChart", () => {
  const tree = decisionTree({
    title: "Demo",
    root: decision({
      "Test <all>": chance([
        { label: "Positive", probability: 0.3, next: terminal({ cost: 500, qaly: 0.8 }) },
        { label: "Negative", probability: complement, next: terminal({ cost: 100, qaly: 0.9 }) },
      ]),
      "No test": terminal({ cost: 0, qaly: 0.85 }),
    }),
  });

  it("decisionTreeChart(rollback) draws the decision, chance and terminal nodes with probabilities and expected values", () => {
    const svg = decisionTreeChart(tree.rollback({}));
    expectChart(svg, "decision-tree");
    expect(countElements(svg, "rect", "decision")).toBe(1);
    expect(countElements(svg, "circle", "chance")).toBe(1);
    expect(countElements(svg, "path", "terminal")).toBe(3);
    expect(countElements(svg, "path", "branch")).toBe(4);
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(["Test <all>", "p = 0.3", "p = 0.7", "EV: cost 220, qaly 0.87", "cost 0, qaly 0.85"]));
  });
});

describe("costBreakdownChart", () => {
  const model = { title: "Demo", strategies: ["A", "B"], outcomes: ["cost", "costDrug", "costCare", "costUndiscounted", "qaly"], evaluateInto(_: unknown, out: Float64Array) { out.set([300, 100, 200, 330, 1, 900, 500, 400, 990, 1.2]); } };
  const base = runBaseCase(model, {});

  it("costCategories(base) finds the cost… outcomes except the total and undiscounted ones", () => {
    expect(costCategories(base)).toEqual(["costDrug", "costCare"]);
  });

  it("costCategories(base) leaves out a microsimulation's Monte Carlo standard errors (costMcse, costDrugMcse)", () => {
    const withMcse = { ...model, outcomes: ["cost", "costDrug", "costMcse", "costDrugMcse", "qaly"], evaluateInto(_: unknown, out: Float64Array) { out.set([300, 100, 2, 1, 1, 900, 500, 3, 2, 1.2]); } };
    expect(costCategories(runBaseCase(withMcse, {}))).toEqual(["costDrug"]);
  });

  it("costBreakdownChart(base) stacks one segment per category and strategy, ending at the total cost", () => {
    const svg = costBreakdownChart(base, { currency: "SEK" });
    expectChart(svg, "cost-breakdown");
    expect(countElements(svg, "rect", "segment")).toBe(4);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Cost (SEK)", "A", "B", "costDrug", "costCare"]));
  });
});

describe("budgetImpactChart", () => {
  it("budgetImpactChart(result) draws a pair of bars per year and labels the net impact", () => {
    const bia = budgetImpact({ years: 3, population: 100, costPerPatient: { Old: [1000, 500], New: [3000, 500] }, marketShares: { reference: { Old: 1 }, new: { Old: [0.5, 0, 0], New: [0.5, 1, 1] } } });
    const svg = budgetImpactChart(bia, { currency: "SEK" });
    expectChart(svg, "budget-impact");
    expect(countElements(svg, "rect", "bar-reference")).toBe(3);
    expect(countElements(svg, "rect", "bar-new")).toBe(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Year 1", "Total cost (SEK)", "net +SEK 100 000"]));
  });
});
