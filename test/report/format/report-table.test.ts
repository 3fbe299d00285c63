import { describe, expect, it } from "vitest";
import { icerTable, psaResult, incrementalResults, defineParameters, param, beta, gamma } from "../../../src/index.js";
import { icerReportTable, parameterReportTable, psaSummaryReportTable, tableToCsv, tableToHtml, tableToMarkdown, type ReportTable } from "../../../src/report/index.js";
import { expectWellFormed } from "../svg-structure.js";

const rows = icerTable([
  { strategy: "SoC", cost: 100_000, effect: 5 },
  { strategy: 'New | "improved"', cost: 300_000, effect: 5.5 },
  { strategy: "Worse, dearer", cost: 400_000, effect: 5.2 },
]);

describe("tableToMarkdown, tableToCsv, tableToHtml", () => {
  it("tableToMarkdown(icerReportTable(rows)) has a header, an alignment row and one escaped row per strategy", () => {
    const md = tableToMarkdown(icerReportTable(rows, { currency: "SEK" })).split("\n");
    expect(md[0]).toBe("**Incremental cost-effectiveness (base case)**");
    expect(md[2]).toBe("| Strategy | Cost (SEK) | Effect (QALY) | Incremental cost (SEK) | Incremental effect (QALY) | ICER (SEK per QALY) | Status |");
    expect(md[3]).toBe("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    expect(md[5]).toBe('| New \\| "improved" | 300 000 | 5.500 | 200 000 | 0.500 | 400 000 | on frontier |');
    expect(md[6]).toContain("dominated by New \\| \"improved\"");
  });

  it("tableToCsv(table) writes raw numbers at full precision, empty fields for missing values and quotes text as RFC 4180 asks", () => {
    const csv = tableToCsv(icerReportTable(icerTable([{ strategy: "A", cost: 1000 / 3, effect: 1 }, { strategy: 'B, "b"', cost: 1000, effect: 1.1 }])));
    const lines = csv.split("\n");
    expect(csv).not.toContain("\r"); // one line ending, LF, for every CSV qaly writes
    expect(lines[1]).toBe(`A,${1000 / 3},1,,,,on frontier`);
    expect(lines[2]!.startsWith('"B, ""b""",1000,1.1,')).toBe(true);
    expect(lines[3]).toBe("");
  });

  it("tableToHtml(table) escapes every text and marks numeric cells and dominated rows", () => {
    const html = tableToHtml(icerReportTable(icerTable([{ strategy: "<img src=x onerror=alert(1)>", cost: 1, effect: 1 }, { strategy: "B", cost: 2, effect: 0.5 }])));
    expectWellFormed(html);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('<tr class="dominated">');
    expect(html).toContain('<td class="num">');
  });

  it("tableToHtml(table) joins the groups of a number with no-break spaces so it never wraps", () => {
    const html = tableToHtml(icerReportTable(rows, { currency: "SEK" }));
    expect(html).toContain('<td class="num">300&#160;000</td>');
    expect(html).toContain("<td>SoC</td>");
  });

  it("tableToHtml(table) gives the long tokens of a breakAnywhere column break opportunities (punctuation, humps, and every 12 characters of a piece over 20) and leaves words and numbers whole", () => {
    const table: ReportTable = {
      columns: ["Source"],
      numeric: [false],
      breakAnywhere: [true],
      rows: [[{ value: "", text: "programme https://doi.org/10.1016/j.jval.2019.06.015 pembrolizumabMaxMonths 2.9391612345678 a&b<c>&d=eeeeeeeeeeee abcdefghijklmnopqrstuvwxyz0123" }]],
    };
    const cell = /<td class="wrap">(.*?)<\/td>/.exec(tableToHtml(table))![1]!;
    const [word, url, name, number, escaped, run] = cell.split(" ");
    expect(word).toBe("programme");
    expect(url).toBe("https:<wbr/>/<wbr/>/<wbr/>doi.org/<wbr/>10.1016/<wbr/>j.jval.2019.06.015");
    expect(name).toBe("pembrolizumab<wbr/>Max<wbr/>Months");
    // A 15-character number is under the threshold; a piece of more than 20 characters is cut every 12.
    expect(number).toBe("2.9391612345678");
    expect(run).toBe("abcdefghijkl<wbr/>mnopqrstuvwx<wbr/>yz0123");
    // Escaping is applied to each piece, never across a break.
    expect(escaped).toBe("a&amp;<wbr/>b&lt;c&gt;&amp;<wbr/>d=<wbr/>eeeeeeeeeeee");
    expect(tableToHtml({ ...table, breakAnywhere: [false] })).toContain("<td>programme https://doi.org/10.1016/j.jval.2019.06.015 pembrolizumabMaxMonths");
    // Grouped numbers keep their no-break spaces; headers' long tokens (outcome names) break at their humps.
    const grouped = tableToHtml({ columns: ["costHealthUndiscounted", "Source"], numeric: [true, false], breakAnywhere: [false, true], rows: [[{ value: 1, text: "1" }, { value: "", text: "LungPath registry (3 226 patients)" }]] });
    expect(grouped).toContain("<th class=\"num\">cost<wbr/>Health<wbr/>Undiscounted</th>");
    expect(grouped).toContain("<td class=\"wrap\">LungPath registry (3&#160;226 patients)</td>");
  });

  it("tableToHtml(table) sets --print-scale on a table too wide for a printed portrait page, and nothing on one that fits", () => {
    const narrow = tableToHtml(icerReportTable(rows, { currency: "SEK" }));
    expect(narrow).toContain("<table>");
    const columns = Array.from({ length: 12 }, (_, k) => `costCategoryUndiscounted${k}`);
    const wide = tableToHtml({ columns, numeric: columns.map(() => true), rows: [columns.map(() => ({ value: 1_234_567, text: "1 234 567" }))] });
    const scale = Number(/<table style="--print-scale: ([\d.]+)">/.exec(wide)![1]);
    expect(scale).toBeGreaterThan(0.3);
    expect(scale).toBeLessThan(0.7);
  });

  it("tableToMarkdown(table) of a table without rows is the header alone", () => {
    const empty: ReportTable = { columns: ["A"], numeric: [false], rows: [] };
    expect(tableToMarkdown(empty)).toBe("| A |\n| --- |");
    expect(tableToCsv(empty)).toBe("A\n");
  });
});

describe("parameterReportTable, psaSummaryReportTable", () => {
  it("parameterReportTable(rows) lists distribution, mean, 95% interval, source and flags placeholders", () => {
    const space = defineParameters({
      pRespond: param(beta({ alpha: 45, beta: 55 }), { label: "Response", source: "Trial X", status: "sourced" }),
      cDrug: param(gamma({ shape: 100, scale: 24 }), { unit: "SEK", status: "placeholder", note: "list price pending" }),
      cFixed: param(500, { status: "assumption" }),
    });
    const table = parameterReportTable(space.describe());
    expect(table.rows.map((row) => row[0]!.text)).toEqual(["pRespond", "cDrug", "cFixed"]);
    expect(table.rows[0]!.map((c) => c.text)).toEqual(["pRespond", "Response", "", "Beta(α=45, β=55)", "0.45", "0.354", "0.548", "Trial X", "sourced"]);
    expect(table.rows[1]![7]!.text).toBe("list price pending");
    expect(table.rows[2]![5]!.text).toBe("–");
    expect(table.rowClasses).toEqual(["", "placeholder", "assumption"]);
  });

  it("psaSummaryReportTable(rows) shows means with 95% intervals, and CSV keeps the mean", () => {
    const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0, 0], B: [100, 200, 300] }, qaly: { A: [1, 1, 1], B: [2, 2, 2] } } });
    const table = psaSummaryReportTable(incrementalResults(psa, { wtp: 1000 }), { wtp: 1000, currency: "SEK" });
    expect(table.columns[5]).toBe("Incremental NMB at SEK 1 000");
    expect(table.rows[0]![2]!.text).toBe("200 (105 to 295)");
    expect(tableToCsv(table).split("\n")[1]).toBe("B,A,200,1,200,800,1");
  });
});
