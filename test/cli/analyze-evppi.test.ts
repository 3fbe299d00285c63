// `qaly analyze` reports EVPPI (issue 17, item 10): parameter draws from a second CSV joined by row,
// --evppi groups, and the ranking of every parameter in the summary and the report.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { qaly } from "./run-in-process.js";
import { evppi } from "../../src/analysis/voi/index.js";
import { chemoWithParameters } from "../analysis/voi/chemo-draws.js";

const chemo = fileURLToPath(new URL("../fixtures/voi-chemo/voi_chemo_cea.csv", import.meta.url));
const pars = fileURLToPath(new URL("../fixtures/voi-chemo/voi_chemo_pars.csv", import.meta.url));
const settings = ["--cost", "c", "--effect", "e", "--preset", "england"];

describe("qaly run: EVPPI ranking", () => {
  it("ranks the screening tree's parameters at the thresholds, where the decision is uncertain at 1 500 per QALY and not at 2 000", async () => {
    const tree = fileURLToPath(new URL("../fixtures/screening-tree.yaml", import.meta.url));
    const result = await qaly("run", tree, "--psa", "300", "--thresholds", "1500,2000");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("EVPPI ranking per person (SEK), each parameter learnt alone, ± standard error")[1]!.split("\n");
    expect(lines[1]).toMatch(/^parameter\s+at 1 500\s+at 2 000$/);
    // cTest moves the incremental NMB most (tornado swing 97 against a base of 20); at 2 000 every fitted
    // incremental NMB favours Test, so each EVPPI is 0.
    expect(lines[3]).toMatch(/^cTest\s+[1-9][\d ]* ± [\d.]+\s+0 ± 0$/);
    expect(lines.slice(3, 6).every((line) => /0 ± 0$/.test(line))).toBe(true);
  });
});

describe("qaly analyze: EVPPI", () => {
  it("--parameters joins voi's chemo_pars to chemo_cea, --evppi gives a group's EVPPI as the API does, and the summary ranks every parameter", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-evppi-"));
    const report = join(dir, "report.html");
    const result = await qaly("analyze", chemo, ...settings, "--parameters", pars, "--evppi", "p_side_effects_t2,logor_side_effects;u_home_care", "--report", report, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const group = json.evppi.find((g: { name: string }) => g.name === "p_side_effects_t2, logor_side_effects");
    const api = evppi(chemoWithParameters(), ["p_side_effects_t2", "logor_side_effects"], json.wtp?.grid ?? group.wtp);
    expect(group.perPerson[2]).toBeCloseTo(api.perPerson[2]!, 6);
    // The ranking in the JSON: every parameter with a standard error, logor_side_effects first.
    expect(json.evppiRanking.rows).toHaveLength(14);
    expect(json.evppiRanking.rows[0].parameter).toBe("logor_side_effects");
    expect(json.evppiRanking.rows[0].standardError[0]).toBeGreaterThan(0);
    const text = await qaly("analyze", chemo, ...settings, "--parameters", pars);
    expect(text.stdout).toContain("EVPPI ranking per person (GBP), each parameter learnt alone, ± standard error (top 10 of 14)");
    // logor_side_effects ranks first at GBP 20 000 (voi: 331.9 with mgcv; see test/validation/voi/).
    expect(text.stdout.split("EVPPI ranking")[1]!.split("\n")[3]).toMatch(/^logor_side_effects\s+332 ± \d/);
    const html = readFileSync(report, "utf8");
    expect(html).toContain("<h2>EVPPI ranking</h2>");
    const section = html.split("<h2>EVPPI ranking</h2>")[1]!.split("</section>")[0]!;
    expect(section.indexOf("logor_side_effects")).toBeLessThan(section.indexOf("p_side_effects_t2"));
    expect(section).not.toContain("rank below these");
  });

  it("--evppi without parameter draws, a parameters file of another length and an unknown name are errors", async () => {
    const none = await qaly("analyze", chemo, ...settings, "--evppi", "pX");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--evppi needs parameter draws");
    const dir = mkdtempSync(join(tmpdir(), "qaly-evppi-"));
    const short = join(dir, "short.csv");
    (await import("node:fs")).writeFileSync(short, "pX\n1\n2\n");
    const mismatch = await qaly("analyze", chemo, ...settings, "--parameters", short);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain("short.csv has 2 rows of parameter draws but the PSA has 10000 draws");
    const unknown = await qaly("analyze", chemo, ...settings, "--parameters", pars, "--evppi", "p_side_effects_t3");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("p_side_effects_t");
  });
});
