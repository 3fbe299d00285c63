import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/core/csv/parse-csv.js";
import { csvNumber, isMissingCsvValue } from "../../../src/core/csv/csv-number.js";
import { thrown } from "../../helpers/thrown.js";


describe("csvNumber", () => {
  it("csvNumber(table, row, column) reads plain decimals with surrounding spaces, exactly as Number does", () => {
    const table = parseCsv('x\n 0.1 \n"1e-300"\n-.5\n+3.\n0.30000000000000004\n');
    expect(table.rows.map((_, r) => csvNumber(table, r, 0))).toEqual([0.1, 1e-300, -0.5, 3, 0.30000000000000004]);
  });

  it("csvNumber reports NA, empty cells, Inf, hexadecimal and overflow with file, line and column", () => {
    const table = parseCsv('"","cost","qaly"\n"1",100,NA\n"2",,0.5\n"3",Inf,0x10\n"4",1e999,1\n', { source: "psa.csv" });
    const cases: [number, number, number, string, RegExp][] = [
      [0, 2, 2, "qaly", /"NA" is not a number/],
      [1, 1, 3, "cost", /empty field/],
      [2, 1, 4, "cost", /"Inf" is not a number/],
      [2, 2, 4, "qaly", /"0x10" is not a number/],
      [3, 1, 5, "cost", /overflows a double/],
    ];
    for (const [row, column, line, name, message] of cases) {
      const error = thrown(() => csvNumber(table, row, column));
      expect(error.code).toBe("parse_error");
      expect(error.path).toEqual(["psa.csv", "line", line, "column", name]);
      expect(error.message).toMatch(new RegExp(`line ${line}, column "${name}"`));
      expect(error.message).toMatch(message);
    }
  });

  it("csvNumber reads a decimal comma only in a semicolon-separated table", () => {
    const semicolon = parseCsv("age;qx\n60;0,0125\n61;1,5e-2\n", { delimiter: ";" });
    expect([csvNumber(semicolon, 0, 1), csvNumber(semicolon, 1, 1)]).toEqual([0.0125, 0.015]);
    const comma = parseCsv('age,qx\n60,"0,0125"\n');
    expect(thrown(() => csvNumber(comma, 0, 1)).path).toEqual(["csv", "line", 2, "column", "qx"]);
  });

  it("isMissingCsvValue(cell) is true for empty cells and R's NA only", () => {
    expect(["", "  ", "NA", " NA"].map(isMissingCsvValue)).toEqual([true, true, true, true]);
    expect(["0", "na", "NaN", "N/A"].map(isMissingCsvValue)).toEqual([false, false, false, false]);
  });
});
