import { describe, expect, it } from "vitest";
import { decimalNumber, parseCount, parseSeed, parseThresholds, parseWtp } from "../../../src/cli/terminal/parse-command.js";
import { UsageError } from "../../../src/cli/terminal/cli-io.js";

// Issue 19, strict inputs: numeric flags take decimal numbers only (Number() alone would read
// "0x10" as 16, " " and "" as 0, "Infinity" as a number).
describe("numeric command-line flags", () => {
  it("decimalNumber reads decimals with digit-grouping underscores and nothing else", () => {
    expect([decimalNumber("5000"), decimalNumber("1_000"), decimalNumber("1e4"), decimalNumber("-2.5"), decimalNumber(".5")]).toEqual([5000, 1000, 10000, -2.5, 0.5]);
    for (const bad of ["0x10", "0b11", "0o7", " ", "", "Infinity", "1e999", "NaN", "1,5", "_1", "1__0", "5 000"]) expect(decimalNumber(bad), bad).toBeUndefined();
  });

  it.each([["0x10"], [" "], [""], ["-3"], ["2.5"], ["1e400"], ["Infinity"]])("parseCount('psa', %j) is a usage error naming --psa", (text) => {
    expect(() => parseCount("psa", text, 0)).toThrow(UsageError);
    expect(() => parseCount("psa", text, 0)).toThrow(/^--psa must be a whole decimal number/);
  });

  it("parseSeed, parseThresholds and parseWtp refuse empty, blank and hexadecimal values", () => {
    expect(() => parseSeed("")).toThrow(/^--seed needs a value/);
    expect(() => parseSeed("  ")).toThrow(UsageError);
    expect(parseSeed("12")).toBe(12);
    expect(parseSeed("trial-2025")).toBe("trial-2025");
    for (const bad of ["", " ", ",", "0x10", "500000,", "1e999"]) expect(() => parseThresholds(bad), bad).toThrow(/^--thresholds must be/);
    expect(parseThresholds("500_000, 1000000")).toEqual([500000, 1000000]);
    for (const bad of ["0:0x10:1", "0: :1", "::", "0:10:0"]) expect(() => parseWtp(bad), bad).toThrow(/^--wtp must be/);
    expect(parseWtp("0:100_000:1e4")).toEqual({ from: 0, to: 100000, step: 10000 });
  });
});
