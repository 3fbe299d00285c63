import { describe, expect, it } from "vitest";
import { CSV_LINE_END, formatCsv, formatCsvRow } from "../../../src/core/csv/format-csv.js";

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
