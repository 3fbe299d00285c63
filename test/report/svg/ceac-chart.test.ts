import { describe, expect, it } from "vitest";
import { ceac, ceaf, evpi, psaResult } from "../../../src/index.js";
import { ceacChart, evpiChart } from "../../../src/report/index.js";
import { countElements, expectChart, texts } from "../svg-structure.js";

const psa = psaResult({
  strategies: ["A", "B & C", "D"],
  outcomes: ["cost", "qaly"],
  values: { cost: { A: [0, 0, 0, 0], "B & C": [10_000, 30_000, 20_000, 15_000], D: [40_000, 60_000, 50_000, 45_000] }, qaly: { A: [1, 1, 1, 1], "B & C": [1.5, 1.5, 1.4, 1.6], D: [1.8, 1.9, 1.7, 2] } },
});
const grid = Array.from({ length: 21 }, (_, i) => i * 10_000);

describe("ceacChart", () => {
  it("ceacChart(curve, { ceaf }) draws one path per strategy over the grid and the frontier band", () => {
    const svg = ceacChart(ceac(psa, grid), { ceaf: ceaf(psa, grid), thresholds: [50_000, 500_000], currency: "SEK" });
    expectChart(svg, "ceac");
    expect(countElements(svg, "path", "ceac")).toBe(3);
    expect(countElements(svg, "path", "ceaf")).toBe(1);
    // Only the threshold inside the grid is marked.
    expect(countElements(svg, "line", "threshold")).toBe(1);
    const d = /<path class="ceac" data-strategy="A" d="([^"]*)"/.exec(svg)![1]!;
    expect(d.match(/[ML]/g)!.length).toBe(21);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Willingness to pay (SEK per QALY)", "Probability cost-effective", "0%", "100%", "200 000", "B & C"]));
    expect(svg).toContain('data-strategy="B &amp; C"');
  });

  it("ceacChart(curve) without a frontier has no band nor its legend entry", () => {
    const svg = ceacChart(ceac(psa, grid));
    expect(countElements(svg, "path", "ceaf")).toBe(0);
    expect(texts(svg)).not.toContain("Frontier (highest expected NMB)");
  });
});

describe("evpiChart", () => {
  it("evpiChart(curve) plots EVPI per person with a currency axis; { population: true } the population EVPI", () => {
    const curve = evpi(psa, grid, { population: { annual: 1000, years: 5 } });
    const perPerson = evpiChart(curve, { currency: "EUR", thresholds: [30_000] });
    expectChart(perPerson, "evpi");
    expect(countElements(perPerson, "path", "evpi")).toBe(1);
    expect(texts(perPerson)).toContain("EVPI per person (EUR)");
    const population = evpiChart(curve, { currency: "EUR", population: true });
    expect(texts(population)).toContain("Population EVPI (EUR)");
  });

  it("evpiChart(curve) of a decision without uncertainty (EVPI 0 everywhere) still has a y axis", () => {
    const certain = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [1, 1] }, qaly: { A: [1, 1], B: [2, 2] } } });
    const svg = evpiChart(evpi(certain, [0, 10, 20]));
    expectChart(svg, "evpi");
    expect(countElements(svg, "text", "tick")).toBeGreaterThan(2);
  });
});
