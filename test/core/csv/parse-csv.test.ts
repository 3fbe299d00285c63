import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsv } from "../../../src/core/csv/parse-csv.js";
import { formatCsv } from "../../../src/core/csv/format-csv.js";
import { thrown } from "../../helpers/thrown.js";


describe("parseCsv", () => {
  it("parseCsv(text) reads RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes", () => {
    const table = parseCsv('name,note\n"Test, then treat","say ""hi"""\n"two\nlines",x\n');
    expect(table.header).toEqual(["name", "note"]);
    expect(table.rows).toEqual([
      ["Test, then treat", 'say "hi"'],
      ["two\nlines", "x"],
    ]);
    expect(table.lines).toEqual([2, 3]);
  });

  it("parseCsv(text) skips a byte-order mark and blank lines, accepts CRLF and CR, and counts lines as an editor does", () => {
    const table = parseCsv('\uFEFF"a","b"\r\n1,"x\r\ny"\r\n\r\n2,3\r4,5');
    expect(table.header).toEqual(["a", "b"]);
    expect(table.rows).toEqual([
      ["1", "x\r\ny"],
      ["2", "3"],
      ["4", "5"],
    ]);
    expect(table.lines).toEqual([2, 5, 6]);
  });

  it("parseCsv(text) trims header names but keeps the cells as written", () => {
    const table = parseCsv(" age , qx\n 60 , 0.01\n");
    expect(table.header).toEqual(["age", "qx"]);
    expect(table.rows[0]).toEqual([" 60 ", " 0.01"]);
  });

  it("parseCsv(text, { source }) names the source, line and field of malformed text", () => {
    const cases: [string, number, RegExp][] = [
      ['a,b\n1,"2\n3,4\n', 2, /field 2: quoted field is never closed/],
      ['a,b\n1,2"x\n', 2, /field 2: a quote inside an unquoted field/],
      ['a,b\n"1"x,2\n', 2, /field 1: unexpected character "x" after a closing quote/],
      ['a,b\n"1\n1",2\n3,"4"4\n', 4, /after a closing quote/],
      ["a,b\n1,2\n3\n", 3, /line 3: 1 fields where the header has 2/],
    ];
    for (const [text, line, message] of cases) {
      const error = thrown(() => parseCsv(text, { source: "draws.csv" }));
      expect(error.code, text).toBe("parse_error");
      expect(error.path, text).toEqual(["draws.csv", "line", line]);
      expect(error.message, text).toMatch(message);
    }
    expect(thrown(() => parseCsv("\uFEFF\n\n")).path).toEqual(["csv"]);
  });

  it("parseCsv(text) refuses a semicolon-separated file read as comma-separated, and reads it with { delimiter: ';' }", () => {
    const text = "age;qx\n60;0,0125\n";
    const error = thrown(() => parseCsv(text, { source: "life.csv" }));
    expect(error.path).toEqual(["life.csv", "line", 1]);
    expect(error.message).toMatch(/semicolon-separated.*delimiter ";"/);
    expect(parseCsv(text, { delimiter: ";" }).rows).toEqual([["60", "0,0125"]]);
    expect(parseCsv('a\tb\n"x\ty"\t2\n', { delimiter: "\t" }).rows).toEqual([["x\ty", "2"]]);
  });

  it("formatCsv then parseCsv gives back every cell exactly (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "\r", "\r\n", ";", "é", "0") });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 5 }), (columns, cells) => {
        const header = Array.from({ length: columns }, (_, k) => `c${k}`);
        const rows = cells.map((row) => row.slice(0, columns));
        const table = parseCsv(formatCsv(header, rows));
        expect(table.header).toEqual(header);
        expect(table.rows).toEqual(rows);
      }),
    );
  });
});
