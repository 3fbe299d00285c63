import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, formatNumber, formatPercent, formatValue, tickFormatter } from "../../../src/report/index.js";

describe("formatNumber", () => {
  it("formatNumber(x, decimals) groups thousands with a space and rounds half away from zero as toFixed does", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1000)).toBe("1 000");
    expect(formatNumber(-1234567.891, 2)).toBe("-1 234 567.89");
    expect(formatNumber(0.5)).toBe("1");
    expect(formatNumber(-0.0001, 2)).toBe("0.00");
  });

  it("formatNumber(x) shows – for null/undefined and words for non-finite values", () => {
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(undefined)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(-Infinity)).toBe("-∞");
  });

  it("formatNumber(n) of any safe integer reads back to n once the separators are removed", () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => Number(formatNumber(n).replace(/ /g, "")) === n));
  });
});

describe("formatMoney, formatPercent, formatValue, tickFormatter", () => {
  it("formatMoney(x, currency) puts the code first and omits it when empty", () => {
    expect(formatMoney(1_000_000, "SEK")).toBe("SEK 1 000 000");
    expect(formatMoney(12.5, "")).toBe("13");
    expect(formatMoney(null, "SEK")).toBe("–");
  });

  it("formatPercent(p, decimals) scales by 100", () => {
    expect(formatPercent(0.766)).toBe("77%");
    expect(formatPercent(0.766, 1)).toBe("76.6%");
  });

  it("formatValue(x) keeps 3 significant digits below 1 000 and whole numbers above, without exponents", () => {
    expect(formatValue(0.000123456)).toBe("0.000123");
    expect(formatValue(2.5)).toBe("2.5");
    expect(formatValue(-12.345)).toBe("-12.3");
    expect(formatValue(123456.7)).toBe("123 457");
    expect(formatValue(0)).toBe("0");
  });

  it("tickFormatter(step) shows the decimals the step needs", () => {
    expect(tickFormatter(0.2)(0.4)).toBe("0.4");
    expect(tickFormatter(0.05)(0.1)).toBe("0.10");
    expect(tickFormatter(50_000)(-100_000)).toBe("-100 000");
    expect(tickFormatter(0.1)(1e-17)).toBe("0.0");
  });
});
