import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dataFileProblem } from "../../src/files/file-access.js";
import { checkModelFile } from "../../src/files/compile-model-file.js";

describe("dataFileProblem", () => {
  it("dataFileProblem accepts relative paths inside the folder and known bundled data", () => {
    for (const ok of ["care-costs.csv", "data/prices.csv", "./data/x.csv", "a..b.csv", "qaly:sweden-life-table-hmd-2018-2020"]) expect(dataFileProblem(ok)).toBeUndefined();
  });

  it("dataFileProblem refuses absolute, '..', backslash, URL, drive, empty and control-character references", () => {
    for (const bad of ["/etc/passwd", "../x.csv", "data/../../x.csv", "..", "..\\x.csv", "file:///etc/passwd", "C:/x.csv", "https://example.org/x.csv", "", "  ", "x\u001b[2J.csv", "x\u0000.csv"]) {
      expect(dataFileProblem(bad), bad).toMatch(/^a model file reads only files inside its own folder/);
    }
    expect(dataFileProblem("qaly:nope")).toMatch(/^unknown bundled data/);
  });

  it("dataFileProblem(any reference with a '..' segment or a leading '/') is never undefined", () => {
    const segment = fc.stringMatching(/^[a-z.]{1,6}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.array(segment, { maxLength: 4 }), (before, after) => {
        expect(dataFileProblem([...before, "..", ...after].join("/"))).toBeDefined();
        expect(dataFileProblem(`/${[...before, ...after].join("/")}`)).toBeDefined();
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it("checkModelFile(table outside the folder) fails with file_not_allowed at the file before calling readFile", () => {
    const text = "metadata: { title: T, currency: SEK }\nstrategies: [A]\ntables:\n  t: { file: ../../etc/passwd, key: k, value: v }\nmodel:\n  type: decision-tree\n  root: { decision: { A: { terminal: { payoffs: { cost: t(1), qaly: 1 } } } } }\n";
    let reads = 0;
    const result = checkModelFile(text, { fileName: "t.yaml", readFile: () => String(++reads) });
    expect(reads).toBe(0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ code: "file_not_allowed", path: ["tables", "t", "file"] });
  });
});
