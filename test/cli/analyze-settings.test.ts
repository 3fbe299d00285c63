// `qaly analyze` takes economic settings (issue 14, item 1): a preset or explicit values; without
// them nothing assumes SEK and the summary says what was assumed.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { qaly } from "./run-in-process.js";

const fixture = fileURLToPath(new URL("../fixtures/psa-import/r-write-csv.csv", import.meta.url));

describe("qaly analyze: economic settings", () => {
  it("without settings: 'currency units' at the neutral thresholds, and the summary says it assumed them", async () => {
    const result = await qaly("analyze", fixture);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("SEK");
    expect(result.stdout).toContain("at 500 000 currency units per effect");
    expect(result.stdout).toContain('Assumed: no economic settings given, so costs are in "currency units"');
  });

  it("--preset england --severity 1.7x: GBP, NICE thresholds with the weighted ones, and the modifier sentence", async () => {
    const result = await qaly("analyze", fixture, "--preset", "england", "--severity", "1.7x", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.currency).toBe("GBP");
    expect([...new Set(json.netBenefit.map((row: { wtp: number }) => row.wtp))]).toEqual([20000, 30000, 34000, 51000]);
    const text = await qaly("analyze", fixture, "--preset", "england", "--severity", "1.7x");
    expect(text.stdout).toContain("NICE's severity modifier weights effects 1.7×: equivalent to GBP 34 000–51 000 per effect");
    expect(text.stdout).not.toContain("Assumed:");
  });

  it("--preset sweden --severity 'very high' states TLV's reference", async () => {
    const result = await qaly("analyze", fixture, "--preset", "sweden", "--severity", "very high");
    expect(result.stdout).toContain("TLV judges this severity very high; reference about SEK 1 000 000 per effect (TLV practice, not law).");
  });

  it("an unknown preset or a threshold of 0 is a typed error naming the setting", async () => {
    const preset = await qaly("analyze", fixture, "--preset", "swedn");
    expect(preset.code).toBe(1);
    expect(preset.stderr).toContain("unknown economic preset 'swedn'; did you mean 'sweden'?");
    const zero = await qaly("analyze", fixture, "--thresholds", "0,50000");
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain("thresholds[0]");
    expect(zero.stderr).toContain("a decision threshold must be a finite amount > 0");
  });
});
