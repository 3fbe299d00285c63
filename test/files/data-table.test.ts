import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors.js";
import { dataTable, type DataTableSpec } from "../../src/files/data-table.js";

const spec: DataTableSpec = { file: "life.csv", key: "age", value: "qx", where: { sex: "female" } };
const path = ["tables", "mortality"];

function build(csv: string, table: DataTableSpec = spec): { lookup: ((x: number) => number) | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const lookup = dataTable("mortality", table, () => csv, path, issues) as ((x: number) => number) | undefined;
  return { lookup, issues };
}

describe("dataTable", () => {
  it("dataTable(name, { file }) reads quoted fields, a byte-order mark, CRLF and an open age 110+", () => {
    const { lookup, issues } = build('\uFEFF"sex","age","qx","note"\r\n"female",60,0.01,"HMD, 2019"\r\n"female","110+",0.5,""\r\nmale,60,0.9,x\r\n');
    expect(issues).toEqual([]);
    expect([lookup!(60), lookup!(75), lookup!(111)]).toEqual([0.01, 0.01, 0.5]);
  });

  it("dataTable reports NA and empty cells with the file, line and column (an empty cell used to read as 0)", () => {
    for (const [cell, found] of [["NA", '"NA" is not a number'], ["", "empty field"]] as const) {
      const { lookup, issues } = build(`sex,age,qx\nfemale,60,0.01\nfemale,61,${cell}\n`);
      expect(lookup).toBeUndefined();
      expect(issues).toHaveLength(1);
      expect(issues[0]!.code).toBe("invalid_model");
      expect(issues[0]!.path).toEqual(["tables", "mortality", "life.csv", "line", 3, "column", "qx"]);
      expect(issues[0]!.message).toContain(`data table 'mortality' (life.csv): line 3, column "qx": ${found}`);
    }
  });

  it("dataTable reports malformed quoting and a semicolon-separated file as parse errors naming the line", () => {
    const quote = build('sex,age,qx\nfemale,60,"0.01\n');
    expect([quote.issues[0]!.code, quote.issues[0]!.path]).toEqual(["parse_error", ["tables", "mortality", "life.csv", "line", 2]]);
    const semicolon = build("sex;age;qx\nfemale;60;0,01\n");
    expect([semicolon.issues[0]!.code, semicolon.issues[0]!.path]).toEqual(["parse_error", ["tables", "mortality", "life.csv", "line", 1]]);
    expect(semicolon.issues[0]!.message).toContain("semicolon-separated");
  });

  it("dataTable with inline data names the column and row of a value that is not a number", () => {
    const issues: Issue[] = [];
    dataTable("mortality", { data: { age: [60, 61], qx: [0.01, "x"] }, key: "age", value: "qx" }, undefined, path, issues);
    expect(issues[0]!.path).toEqual(["tables", "mortality", "data", "qx", 1]);
  });
});
