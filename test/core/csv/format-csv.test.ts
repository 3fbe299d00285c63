import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CSV_LINE_END, formatCsv, formatCsvRow } from "../../../src/core/csv/format-csv.js";
import { neutraliseFormula, restoreFormula } from "../../../src/core/csv/formula-cells.js";
import { parseCsv } from "../../../src/core/csv/parse-csv.js";

describe("formatCsv", () => {
  it("formatCsv(header, rows) ends every line, the last too, in LF", () => {
    expect(CSV_LINE_END).toBe("\n");
    expect(formatCsv(["a"], [])).toBe("a\n");
    expect(formatCsv(["a", "b"], [[1, 2], [3, 4]])).toBe("a,b\n1,2\n3,4\n");
  });

  it("formatCsv writes numbers in shortest round-trip form, booleans as words, null and undefined as empty fields", () => {
    expect(formatCsvRow([1000 / 3, 1e21, 1e-7, -0, true, false, null, undefined])).toBe("333.3333333333333,1e+21,1e-7,0,true,false,,");
  });

  it("formatCsvRow(cells) quotes separators, quotes, line breaks and edge spaces, and nothing else", () => {
    expect(formatCsvRow(["plain", "a,b", 'say "hi"', "two\nlines", "cr\r", " lead", "trail\t", "in side", "semi;colon"])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\r"," lead","trail\t",in side,semi;colon',
    );
  });
});

describe("neutraliseFormula and restoreFormula (OWASP CSV injection)", () => {
  it("formatCsvRow(cells) puts ' before text starting with =, +, -, @, tab or CR, and leaves numbers and decimal text alone", () => {
    expect(formatCsvRow(["=1+1", "+cmd|' /C calc'!A0", "-x", "@SUM(A1)", "\tx", "\rx", -5, "-5", "+1e3", "a=b", "'=x"])).toBe(
      `'=1+1,'+cmd|' /C calc'!A0,'-x,'@SUM(A1),'\tx,"'\rx",-5,-5,+1e3,a=b,''=x`,
    );
  });

  it("restoreFormula(neutraliseFormula(text)) is text for any text (property), and parseCsv reads formatCsv back exactly", () => {
    const text = fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "1", ".", "e", "a", " ") , maxLength: 8 });
    fc.assert(
      fc.property(text, (value) => {
        expect(restoreFormula(neutraliseFormula(value))).toBe(value);
        if (/^[=+\-@\t\r]/.test(neutraliseFormula(value))) expect(value).toMatch(/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/);
      }),
      { seed: 19, numRuns: 2000 },
    );
    expect(parseCsv(formatCsv(["name", "cost"], [["=HYPERLINK(1)", -3], ["'=x", 0]])).rows).toEqual([["=HYPERLINK(1)", "-3"], ["'=x", "0"]]);
  });
});
