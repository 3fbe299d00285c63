import { beforeAll, describe, expect, it } from "vitest";
import { icerTable, runBaseCase, type Model } from "../../../src/index.js";
import { htmlReport, htmlReportFragment, type ReportInput } from "../../../src/report/index.js";
import { panelsInput, sickSickerInput, sumatriptanInput } from "../fixtures/sick-sicker-input.js";
import { countElements, expectWellFormed } from "../svg-structure.js";

/** The order of the report's sections, by their headings. */
function headings(html: string): string[] {
  return [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]!);
}

function minimalInput(strategies: readonly string[], title = "Minimal"): ReportInput {
  const model: Model<Record<string, number>, string> = { title, strategies, outcomes: ["cost", "qaly"], evaluateInto: (_p, out) => out.set(strategies.flatMap((_, k) => [100_000 * (k + 1), 5 + 0.5 * k])) };
  const baseCase = runBaseCase(model, {});
  return { name: "minimal", metadata: { title, currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 1_000_000, step: 50_000 }, thresholds: [500_000, 1_000_000] }, run: { version: "0.1.0", date: "2026-01-01" } };
}

describe("htmlReport", () => {
  let full: string;
  beforeAll(() => {
    full = htmlReport(sickSickerInput(300));
  });

  it("htmlReport(input) opens with the two-sentence answer, then title, question and warnings", () => {
    const answer = /<div class="qaly-report">[\s\S]*?<p class="answer">([^<]*)<\/p>/.exec(full)![1]!.replace(/&#160;/g, " ");
    expect(answer.split(/(?<=\.) (?=[A-Z])/).length).toBe(2);
    expect(answer).toMatch(/^At USD 100 000 per QALY, Strategy B has the highest net monetary benefit/);
    expect(full.indexOf('class="answer"')).toBeLessThan(full.indexOf("<h1>"));
    expect(full).toContain("<h1>Sick-Sicker: four strategies &lt;compared&gt;</h1>");
    expect(full).toContain('<section class="warnings" role="alert">');
  });

  it("htmlReport(input) has every section that applies, in order, and every chart", () => {
    // Report v2 (issue 14): the decision at each threshold first, results before inputs, parameters in an appendix.
    expect(headings(full)).toEqual(["The decision at each threshold", "Warnings", "Base case", "Probabilistic sensitivity analysis", "Value of information", "Deterministic sensitivity analysis", "Budget impact", "Model summary", "Appendix: parameters", "Run information"]);
    const kinds = [...full.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(kinds)).toEqual(new Set(["budget-impact", "markov-trace", "survival", "ce-plane", "ceac", "running-mean", "evpi", "tornado", "one-way", "two-way"]));
    expect(kinds.filter((k) => k === "evpi").length).toBe(2); // per person and population
    expect(full).toContain("Model hash");
  });

  it("htmlReport(input) is well-formed and self-contained: no scripts, no external URLs", () => {
    expectWellFormed(full.replace(/<!DOCTYPE html>/, ""));
    expect(countElements(full, "script")).toBe(0);
    const urls = [...full.matchAll(/(?:https?:)?\/\/[\w.-]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org"]));
    expect(full).toContain("Content-Security-Policy");
  });

  it("htmlReport(input) escapes strategy names, titles and warnings", () => {
    const evil = '<script>alert("x")</script>';
    const input = { ...minimalInput(["SoC", evil], `Title ${evil}`), warnings: [evil] };
    const html = htmlReport(input);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expectWellFormed(html.replace(/<!DOCTYPE html>/, ""));
  });

  it("htmlReport(input) without PSA or DSA leaves those sections out and says the uncertainty is unknown", () => {
    const html = htmlReport(minimalInput(["SoC", "New"]));
    expect(headings(html)).toEqual(["The decision at each threshold", "Base case", "Model summary", "Run information"]);
    expect(html).toContain("No probabilistic analysis was run");
    expect(countElements(html, "svg")).toBe(0);
  });

  it("htmlReport(input) of a decision tree draws the tree diagram", () => {
    const html = htmlReport(sumatriptanInput());
    expect(html).toContain('data-chart="decision-tree"');
    expect(countElements(html, "path", "terminal")).toBe(10);
  });

  it("htmlReport(input) puts the counts per 1 000 after the base-case results and draws many arms as small multiples", () => {
    const html = htmlReport(panelsInput());
    const at = (text: string): number => html.indexOf(text);
    expect(at("Base-case results")).toBeLessThan(at("Per 1 000 patients tested (base case)"));
    expect(at("Per 1 000 patients tested (base case)")).toBeLessThan(at('data-chart="decision-tree"'));
    // 0.6 of each of 6 levels carries a count: 3.6 per patient, 3 600 per 1 000.
    expect(html).toContain("<td>found</td><td class=\"num\">3&#160;600</td>");
    const kinds = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(["decision-tree", "markov-trace-panels", "survival-panels"]);
    expect(html).toContain("too large to draw in full");
    expectWellFormed(html.replace(/<!DOCTYPE html>/, ""));
  });

  it("htmlReport(input) with one strategy still answers", () => {
    const html = htmlReport(minimalInput(["Only"]));
    expect(html.replace(/&#160;/g, " ")).toContain("At SEK 500 000 per QALY, Only has the highest net monetary benefit (SEK 2 400 000 per patient) (also at SEK 1 000 000).");
  });

  it("htmlReportFragment(input) is the body of the document, with its scoped style", () => {
    const input = minimalInput(["SoC", "New"]);
    const fragment = htmlReportFragment(input);
    expect(htmlReport(input)).toContain(fragment);
    expect(fragment).toMatch(/^<div class="qaly-report"><style>/);
    // Every rule is scoped to the report, so a notebook page keeps its own style.
    const css = /<style>([\s\S]*?)<\/style>/.exec(fragment)![1]!;
    const selectors = [...css.replace(/@media print \{|@page[^}]*\}/g, "").matchAll(/(^|\})\s*([^{}@]+)\{/g)].map((m) => m[2]!.trim());
    for (const selector of selectors) for (const part of selector.split(",")) expect(part.trim().startsWith(".qaly-report")).toBe(true);
  });
});

describe("htmlReport: EVPPI ranking", () => {
  it("htmlReport(input) names each ranked parameter by its label, beside its name in the model file", () => {
    const row = (name: string, label: string) => ({ name, kind: "distribution" as const, label, unit: "", distribution: "Gamma(k=4, θ=250)", mean: 1000, lower: 300, upper: 2000, source: "", status: null, note: "" });
    const input: ReportInput = {
      ...minimalInput(["A", "B"]),
      parameters: [row("cDrug", "Drug cost per month"), row("pX", "pX")],
      evppiRanking: { wtp: Float64Array.of(500_000), rankedAt: 500_000, rows: [{ parameter: "cDrug", perPerson: Float64Array.of(1200), standardError: Float64Array.of(30) }, { parameter: "pX", perPerson: Float64Array.of(0), standardError: null }] },
    };
    const section = htmlReport(input).split("<h2>EVPPI ranking</h2>")[1]!.split("</section>")[0]!;
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]!.replace(/&#160;/g, " ")));
    expect(rows[0]!.slice(0, 3)).toEqual(["Rank", "Parameter", "Name"]);
    expect(rows[1]!.slice(0, 3)).toEqual(["1", "Drug cost per month", "cDrug"]);
    expect(rows[2]!.slice(0, 3)).toEqual(["2", "pX", "pX"]);
  });
});
