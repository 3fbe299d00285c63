import { describe, expect, it } from "vitest";
import { oneWay, tornado, twoWay, type Model } from "../../../src/index.js";
import { oneWayChart, tornadoChart, twoWayChart } from "../../../src/report/index.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

type P = { cDrug: number; qGain: number; pX: number };
const model: Model<P, "Old" | "New <b>"> = {
  title: "toy",
  strategies: ["Old", "New <b>"],
  outcomes: ["cost", "qaly"],
  evaluateInto: (p, out) => {
    out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain * p.pX]);
  },
};
const base = { cDrug: 20_000, qGain: 0.1, pX: 1 };
const dsa = oneWay(model, base, { wtp: 500_000, parameters: { cDrug: { low: 10_000, high: 90_000, points: 5 }, qGain: { low: 0.05, high: 0.2 }, pX: { low: 0.9, high: 1.1 } } });

describe("tornadoChart", () => {
  it("tornadoChart(result) draws a low and a high bar per parameter, largest swing on top, labelled with ranges", () => {
    const result = tornado(dsa, { strategy: "New <b>", wtp: 500_000 });
    const svg = tornadoChart(result, { currency: "SEK", labels: { cDrug: "Drug cost" } });
    expectChart(svg, "tornado");
    expect(countElements(svg, "rect", "bar-low")).toBe(3);
    expect(countElements(svg, "rect", "bar-high")).toBe(3);
    expect(countElements(svg, "line", "base")).toBe(1);
    const categories = [...svg.matchAll(/<text[^>]*class="category"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(categories[0]).toBe("Drug cost (10 000 – 90 000)");
    expect(texts(svg)).toContain("Incremental net monetary benefit at SEK 500 000 per QALY (SEK)");
    expect(texts(svg)).toContain("Tornado: New <b> vs Old");
  });

  it("tornadoChart(result, { labels }) keeps a shortened label's qualifier after ': ', and names the parameter of a shortened label another bar's could be", () => {
    const result = tornado(dsa, { strategy: "New <b>", wtp: 500_000 });
    const group = "Prevalence of the true-status category in advanced non-squamous NSCLC";
    const categories = (labels: Record<string, string>): string[] => [...tornadoChart(result, { currency: "SEK", labels }).matchAll(/<text[^>]*class="category"[^>]*>([^<]*)</g)].map((m) => m[1]!);
    // A group's components: the beginning is cut, the component's name stays.
    const components = categories({ cDrug: `${group}: pMet`, qGain: `${group}: pRet`, pX: "Scale" });
    expect(components.find((c) => c.includes("10 000"))).toMatch(/^Prevalence of the .*…: pMet \(10 000 – 90 000\)$/);
    expect(components.find((c) => c.includes("0.05"))).toMatch(/^Prevalence of the .*…: pRet \(0\.05 – 0\.2\)$/);
    expect(components).toContain("Scale (0.9 – 1.1)");
    // Two long labels that differ only past where they are cut (and have no qualifier): each shows its
    // parameter's name, even though their ranges cut them at different lengths.
    const twins = categories({ cDrug: `${group} among the tested`, qGain: `${group} among the untested`, pX: "Scale" });
    expect(twins.find((c) => c.includes("10 000"))).toMatch(/^Prevalence of the .*… \[cDrug\] \(10 000 – 90 000\)$/);
    expect(twins.find((c) => c.includes("0.05"))).toMatch(/^Prevalence of the .*… \[qGain\] \(0\.05 – 0\.2\)$/);
    expect(twins).toContain("Scale (0.9 – 1.1)");
  });
});

describe("oneWayChart", () => {
  it("oneWayChart(result, parameter) draws one NMB line per strategy with a point per value and the base-case marker", () => {
    const svg = oneWayChart(dsa, "cDrug", { currency: "SEK" });
    expectChart(svg, "one-way");
    expect(countElements(svg, "path", "line")).toBe(2);
    expect(countElements(svg, "circle", "point")).toBe(10);
    expect(countElements(svg, "line", "base")).toBe(1);
  });

  it("oneWayChart(result, name) throws unknown_parameter for a parameter that was not varied", () => {
    try {
      oneWayChart(dsa, "cOther");
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { code: string; path: unknown[] }[] }).issues[0]).toMatchObject({ code: "unknown_parameter", path: ["parameter"] });
    }
  });
});

describe("twoWayChart", () => {
  it("twoWayChart(result) draws one cell per value pair coloured by the preferred strategy, with a legend of the strategies present", () => {
    const grid = twoWay(model, base, { wtp: 500_000, x: { name: "cDrug", values: [10_000, 40_000, 60_000] }, y: { name: "qGain", values: [0.05, 0.1, 0.2] } });
    const svg = twoWayChart(grid);
    expectChart(svg, "two-way");
    expect(countElements(svg, "rect", "cell")).toBe(9);
    const colours = new Set([...svg.matchAll(/<rect class="cell"[^>]*fill="([^"]+)"/g)].map((m) => m[1]));
    expect(colours.size).toBe(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(["cDrug", "qGain", "Old preferred", "New <b> preferred", "40 000"]));
  });
});
