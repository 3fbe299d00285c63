// The command line in-process (fast): every command, output formats, files written, exit codes.
// test/cli/e2e.test.ts runs the real `qaly` process for the same paths a user takes.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { qaly } from "./run-in-process.js";

const fixture = (path: string): string => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const models = fileURLToPath(new URL("../../models/", import.meta.url));


describe("qaly (in-process)", () => {
  it("main([command, '--help']) prints usage and exits 0 for every command", async () => {
    for (const command of ["run", "analyze", "validate", "describe", "dsa", "list"]) {
      const result = await qaly(command, "--help");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`qaly ${command}`);
    }
    const top = await qaly("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Exit codes");
  });

  it("main(argv) exits 2 on usage errors: no command, unknown command, unknown option, bad values, missing model", async () => {
    expect((await qaly()).code).toBe(2);
    const cases: [string[], string][] = [
      [["frobnicate"], 'unknown command "frobnicate"'],
      [["constructor"], 'unknown command "constructor"'],
      [["__proto__"], 'unknown command "__proto__"'],
      [["run", fixture("toy-tree"), "--bogus"], "--bogus"],
      [["run", fixture("toy-tree"), "--wtp", "0:abc:10"], "--wtp"],
      [["run", fixture("toy-tree"), "--psa", "-3"], "--psa"],
      [["run"], "missing <model>"],
      [["analyze", "a.csv", "b.csv"], 'unexpected argument "b.csv"'],
    ];
    for (const [argv, message] of cases) {
      const result = await qaly(...argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe("");
    }
  });

  it("qaly run <project.ts folder> --json prints one JSON document with the published Sick-Sicker ICERs", async () => {
    const result = await qaly("run", fixture("sick-sicker"), "--json", "--psa", "50", "--seed", "3", "--no-dsa", "--quiet");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.model).toBe("sick-sicker");
    expect(json.currency).toBe("USD");
    expect(Object.keys(json.baseCase.strategies["Strategy B"])).toEqual(expect.arrayContaining(["cost", "qaly"]));
    // Alarid-Escudero et al. 2023, table-cea, whole US$ (tolerance half a unit).
    const icer = Object.fromEntries(json.icerTable.map((row: { strategy: string; icer: number | null }) => [row.strategy, row.icer]));
    expect(Math.abs(icer["Strategy B"] - 72_988)).toBeLessThanOrEqual(0.5);
    expect(json.psa.samples).toBe(50);
    expect(json.psa.seed).toBe(3);
    expect(Object.keys(json.psa)).toEqual(expect.arrayContaining(["mean", "ceac", "evpi"]));
    expect(result.stderr).toBe("");
  });

  it("qaly run <model.yaml folder> prints the summary with warnings, NMB, tornado, thresholds and scenarios", async () => {
    const result = await qaly("run", fixture("toy-tree"), "--psa", "0");
    expect(result.code).toBe(0);
    for (const text of ["Toy test decision", "placeholder values in use: cNew", "ICER table (base case)", "266 667", "Net monetary benefit", "Tornado", "New drug is cost-effective versus Standard care if Price of the new drug [cNew] is at most 34 000 SEK (base case 20 000 SEK)", "Half price"]) {
      expect(result.stdout).toContain(text);
    }
    expect(result.stdout).not.toContain("Probabilistic analysis");
  });

  it("qaly run --json without a PSA has no psa key; with --scenario it runs the scenario", async () => {
    const plain = JSON.parse((await qaly("run", fixture("toy-tree"), "--json", "--psa", "0", "--quiet")).stdout);
    expect(plain.psa).toBeUndefined();
    const scenario = JSON.parse((await qaly("run", fixture("toy-tree"), "--json", "--psa", "0", "--quiet", "--scenario", "Half price")).stdout);
    expect(scenario.baseCase.strategies["New drug"].cost).toBe(28_000);
    expect(scenario.run.scenario).toBe("Half price");
  });

  it("qaly run --scenario-psa N runs each scenario's PSA beside the base case's (in the summary and the JSON); 0 is a usage error", async () => {
    const result = await qaly("run", fixture("toy-tree"), "--psa", "40", "--scenario-psa", "40", "--no-dsa", "--quiet", "--workers", "1");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Scenario PSAs: strategy with the highest expected NMB");
    expect(result.stdout).toMatch(/Half price\s+40\s/);
    const json = JSON.parse((await qaly("run", fixture("toy-tree"), "--json", "--psa", "40", "--scenario-psa", "40", "--no-dsa", "--quiet", "--workers", "1")).stdout);
    expect(json.scenarioPsa.map((row: { scenario: string; samples: number }) => [row.scenario, row.samples])).toEqual([["Half price", 40]]);
    const zero = await qaly("run", fixture("toy-tree"), "--scenario-psa", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--scenario-psa must be a whole decimal number ≥ 1");
  });

  it("qaly run --out DIR writes the CSV and JSON results", async () => {
    const out = mkdtempSync(join(tmpdir(), "qaly-run-"));
    const result = await qaly("run", fixture("toy-tree"), "--psa", "20", "--out", out, "--quiet");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ["base-case.csv", "ceac.csv", "evpi.csv", "icer-table.csv", "nmb.csv", "parameters.csv", "probability-cost-effective.csv", "psa-draws.csv", "psa-icer-table.csv", "results.json", "scenarios.csv", "tornado.csv"].sort(),
    );
    const lines = readFileSync(join(out, "base-case.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("strategy,cost,qaly");
    // By hand: 0.6 × 10 000 + 0.4 × 30 000 + 20 000 = 38 000 and 0.6 × 0.8 + 0.4 × 0.5 = 0.68 QALYs.
    const [strategy, cost, qalys] = lines[2]!.split(",");
    expect([strategy, Number(cost)]).toEqual(["New drug", 38_000]);
    expect(Number(qalys)).toBeCloseTo(0.68, 12);
    expect(readFileSync(join(out, "psa-draws.csv"), "utf8").split("\n")).toHaveLength(22); // header, 20 draws, final newline
  });

  it("qaly run --report FILE writes a self-contained HTML report", async () => {
    const out = mkdtempSync(join(tmpdir(), "qaly-report-"));
    const file = join(out, "sub", "toy.html");
    const result = await qaly("run", fixture("toy-tree"), "--psa", "20", "--report", file, "--quiet");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`report: ${file}`);
    const html = readFileSync(file, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("Toy test decision");
  });

  it("qaly run exits 1 with the model's issues for broken model files", async () => {
    const cases: [string, string, string][] = [
      ["malformed.yaml", "parse_error", "line 10"],
      ["unknown-name.yaml", "unknown_parameter", "did you mean 'pRespondNew'?"],
      ["probability-out-of-range.yaml", "probability_out_of_range", "1.2"],
      ["missing-data.yaml", "file_not_found", "no-such-costs.csv"],
    ];
    for (const [file, code, message] of cases) {
      const result = await qaly("run", fixture(`broken/${file}`), "--psa", "0");
      expect(result.code, file).toBe(1);
      expect(result.stderr).toContain(code);
      expect(result.stderr).toContain(message);
    }
  });

  it("qaly run exits 1 for a missing model path and for an unknown scenario", async () => {
    const missing = await qaly("run", fixture("nowhere"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("file_not_found");
    const scenario = await qaly("run", fixture("toy-tree"), "--scenario", "Half prise", "--psa", "0");
    expect(scenario.code).toBe(1);
    expect(scenario.stderr).toContain("unknown_scenario");
    expect(scenario.stderr).toContain("Half price");
  });

  it("qaly run <name> runs a bundled model by its folder name; an unknown name suggests the closest bundled model", async () => {
    const result = await qaly("run", "sick-sicker", "--psa", "0", "--no-dsa", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).model).toBe("sick-sicker");
    const typo = await qaly("run", "sick-sickr", "--psa", "0");
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("file_not_found");
    expect(typo.stderr).toContain("did you mean the bundled model 'sick-sicker'?");
  });

  it("qaly analyze <wide.csv> --json gives the ICER table, CEAC and EVPI of imported draws", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-analyze-"));
    const wide = join(dir, "wide.csv");
    writeFileSync(wide, "draw,cost_A,effect_A,cost_B,effect_B,pX\n1,0,1,10000,1.5,0.1\n2,0,1,30000,1.5,0.2\n");
    const result = await qaly("analyze", wide, "--json", "--wtp", "0:50000:50000", "--thresholds", "50000");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    // By hand: mean cost of B 20 000 for 0.5 more effect: ICER 40 000; EVPI at 50 000 = mean(max NMB) − max(mean NMB) = 2 500.
    expect(json.icerTable[1].icer).toBe(40_000);
    expect(json.psa.evpi).toEqual({ wtp: [0, 50_000], perPerson: [0, 2500] });
    expect(json.psa.ceac.probability.B).toEqual([0, 0.5]);
    expect(json.psa.seed).toBeNull();
  });

  it("qaly analyze <long.csv> reads the long format and finds qaly columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-analyze-"));
    const long = join(dir, "long.csv");
    writeFileSync(long, "draw,strategy,cost,qaly\n1,A,0,1\n1,B,10000,1.5\n2,A,0,1\n2,B,30000,1.5\n");
    const result = await qaly("analyze", long, "--thresholds", "50000", "--currency", "EUR");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ICER (EUR/QALY)");
    expect(result.stdout).toContain("40 000");
  });

  it("qaly analyze exits 1 with parse_error for a CSV without outcome columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qaly-analyze-"));
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "draw,price\n1,2\n");
    const result = await qaly("analyze", bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("parse_error");
  });

  it("qaly validate <model> checks the base case (and draws) and reports placeholders", async () => {
    const result = await qaly("validate", fixture("toy-tree"), "--psa", "10");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ toy-tree");
    expect(result.stdout).toContain("1 placeholder, 1 assumption");
    const broken = await qaly("validate", fixture("broken/probability-out-of-range.yaml"));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("probability_out_of_range");
  });

  it("qaly describe <model> lists parameters with 95% intervals, placeholders and assumptions", async () => {
    const result = await qaly("describe", fixture("toy-tree"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Beta(α=40, β=60)");
    expect(result.stdout).toMatch(/Placeholders \(1\)\n {2}- cNew = 20000 SEK: Price of the new drug/);
    expect(result.stdout).toMatch(/Assumptions \(1\)\n {2}- pRespondSoc/);
    const json = JSON.parse((await qaly("describe", fixture("toy-tree"), "--json")).stdout);
    expect(json.placeholders).toEqual(["cNew"]);
    expect(json.scenarios).toEqual(["Half price"]);
  });

  it("qaly dsa <model> --json gives the tornado, the thresholds and the scenarios without a PSA", async () => {
    const result = await qaly("dsa", fixture("toy-tree"), "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.psa).toBeUndefined();
    expect(json.tornado.bars.length).toBeGreaterThan(0);
    expect(json.thresholds[0].roots[0].value).toBeCloseTo(34_000, 4);
    expect(json.scenarios.rows).toHaveLength(2);
  });

  it("qaly dsa --tornado-bars N lists the parameters not drawn with their swing; all draws every one; --quiet leaves the warnings out", async () => {
    const one = await qaly("dsa", fixture("toy-tree"), "--tornado-bars", "1");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Not shown \(--tornado-bars all shows them\): smaller swing: pRespondNew 32 410, uRespond 15 538\./);
    const all = JSON.parse((await qaly("dsa", fixture("toy-tree"), "--tornado-bars", "all", "--json")).stdout);
    expect(all.tornado.bars.length).toBe(3);
    expect(all.tornado.others).toEqual([]);
    const bad = await qaly("dsa", fixture("toy-tree"), "--tornado-bars", "0x2");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--tornado-bars");
    const loud = await qaly("dsa", fixture("toy-tree"));
    const quiet = await qaly("dsa", fixture("toy-tree"), "--quiet");
    expect(loud.stdout).toContain("! warning");
    expect(quiet.stdout).not.toContain("! warning");
  });

  it("qaly run puts the model checks in the JSON, the result files and the report", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "qaly-checks-"));
    const json = JSON.parse((await qaly("run", fixture("toy-tree"), "--psa", "0", "--no-dsa", "--json", "--quiet")).stdout);
    expect(json.checks.length).toBeGreaterThan(3);
    expect(json.checks.find((c: { code: string }) => c.code === "qaly_exceeds_life_years" || c.code === "negative_total_cost")).toBeDefined();
    const result = await qaly("run", fixture("toy-tree"), "--psa", "0", "--no-dsa", "--out", dir, "--report", join(dir, "report.html"));
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "results.json"), "utf8")).checks).toEqual(json.checks);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<h2>Model checks</h2>");
    expect(html).toMatch(/\d+ of \d+ checks passed/);
  });

  it("qaly list shows the bundled models with the command that runs them", async () => {
    const result = await qaly("list");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sick-sicker");
    expect(result.stdout).toContain("qaly run sick-sicker");
    const json = JSON.parse((await qaly("list", "--json")).stdout);
    expect(json.models.find((m: { name: string }) => m.name === "sick-sicker").runnable).toBe(true);
    expect(models.length).toBeGreaterThan(0);
  });
});
