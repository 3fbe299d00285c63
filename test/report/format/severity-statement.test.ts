import { describe, expect, it } from "vitest";
import { economicSettings } from "../../../src/analysis/cea/economic-settings.js";
import { severityStatement } from "../../../src/report/format/severity-statement.js";

describe("severityStatement", () => {
  it("TLV: the reference cost per QALY at the stated level, as practice not law", () => {
    expect(severityStatement(economicSettings({ preset: "sweden", severity: "very high" }))).toBe(
      "TLV judges this severity very high; reference about SEK 1 000 000 per QALY (TLV practice, not law).",
    );
    expect(severityStatement(economicSettings({ preset: "sweden", severity: "low" }))).toBe("TLV judges this severity low; TLV publishes no reference cost per QALY for this level.");
  });

  it("NICE: the QALY weight and the threshold range it is equivalent to", () => {
    expect(severityStatement(economicSettings({ preset: "england", severity: "1.2x" }))).toBe(
      "NICE's severity modifier weights QALYs 1.2×: equivalent to GBP 24 000–36 000 per QALY (NICE manual PMG36, 2022).",
    );
    expect(severityStatement(economicSettings({ preset: "england", severity: "none" }))).toBe("NICE's severity modifier does not apply: GBP 20 000–30 000 per QALY.");
  });

  it("no statement without a stated severity", () => {
    expect(severityStatement(economicSettings({ preset: "sweden" }))).toBeUndefined();
  });
});
