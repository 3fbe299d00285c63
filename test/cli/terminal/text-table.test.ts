// Terminal number formats: a small value is never printed as 0 (issue 17, item 12).
import { describe, expect, it } from "vitest";
import { fixed, money, percent, textTable, value } from "../../../src/cli/terminal/text-table.js";

describe("terminal number formats", () => {
  it("money: whole amounts with separators; a non-zero amount below 0.5 in two significant digits, never 0", () => {
    expect(money(1234567.4)).toBe("1 234 567");
    expect(money(-2500)).toBe("-2 500");
    expect(money(0)).toBe("0");
    expect(money(0.042)).toBe("0.042");
    expect(money(-0.0037)).toBe("-0.0037");
    expect(money(0.5)).toBe("1");
    expect(money(null)).toBe("");
  });

  it("fixed: three decimals, but a value that would round to 0.000 keeps two significant digits", () => {
    expect(fixed(5.30828)).toBe("5.308");
    expect(fixed(0.00042)).toBe("0.00042");
    expect(fixed(-0.0000123)).toBe("-0.000012");
    expect(fixed(0)).toBe("0.000");
  });

  it("percent: <0.1% and >99.9% where one decimal would round to an inexact 0.0% or 100.0%", () => {
    expect(percent(0.586)).toBe("58.6%");
    expect(percent(0.0003)).toBe("<0.1%");
    expect(percent(0.99997)).toBe(">99.9%");
    expect(percent(0)).toBe("0.0%");
    expect(percent(1)).toBe("100.0%");
  });

  it("value and textTable keep their formats", () => {
    expect(value(0.123456)).toBe("0.1235");
    expect(value(45251.3)).toBe("45 251");
    expect(textTable(["a", "b"], [["x", "1"]], [false, true])).toBe("a  b\n-  -\nx  1");
  });
});
