// The budget-impact section of the report and of `qaly run`, and its CSV outputs, on the worked
// example of docs/budget-impact.md run through the command line.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { qaly } from "../../cli/run-in-process.js";

const doc = readFileSync(new URL("../../../docs/budget-impact.md", import.meta.url), "utf8");
const example = /```yaml\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("## A worked example")))![1]!;
const folder = mkdtempSync(join(tmpdir(), "qaly-bia-"));
writeFileSync(join(folder, "model.yaml"), example);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("budget impact in qaly run, its files and the HTML report", () => {
  it("prints the net impact per year by category, the sensitivity table and the list prices; writes CSV, JSON and the report section", async () => {
    const result = await qaly("run", join(folder, "model.yaml"), "--psa", "200", "--no-dsa", "-q", "--out", join(folder, "out"), "--report", join(folder, "report.html"));
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const header = lines.findIndex((line) => line.startsWith("Budget impact (SEK, undiscounted)"));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^year\s+patients\s+without\s+with\s+net\s+cumulative\s+testing\s+drugs\s+net 95% interval\s+per inhabitant$/);
    expect(lines[header + 3]).toMatch(/^\s+1\s+90\s+270 000\s+852 087\s+582 087\s+582 087\s+405 000\s+177 087\s/);
    expect(result.stdout).toContain("Immediate full uptake");
    expect(result.stdout).toContain("List prices (confidential rebates not reflected): cDrug");

    const csv = readFileSync(join(folder, "out", "budget-impact.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(4);
    expect(csv[3]!.split(",").slice(0, 6).map(Number).map(Math.round)).toEqual([3, 90, 270_000, 1_660_433, 1_390_433, 2_953_059]);
    const json = JSON.parse(readFileSync(join(folder, "out", "results.json"), "utf8"));
    expect(json.budgetImpact.uncertainty.draws).toBe(200);
    expect(readFileSync(join(folder, "out", "budget-impact-sensitivity.csv"), "utf8")).toContain("scenario,Immediate full uptake");

    const html = readFileSync(join(folder, "report.html"), "utf8");
    const section = html.slice(html.indexOf("<h2>Budget impact</h2>"));
    expect(section).toMatch(/^<h2>Budget impact<\/h2><p>Over 3 years the net budget impact is SEK 2 953 059 \(95% interval of the PSA draws SEK [^)]+\): testing SEK 1 822 500, drugs SEK 1 130 559\./);
    for (const caption of ["Budget impact per calendar year", "Net impact by cost category", "Population funnel", "One-way sensitivity", "Scenarios", "List prices"]) expect(section).toContain(caption);
  });
});
