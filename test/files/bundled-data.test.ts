import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUNDLED_DATA_NAMES, bundledDataName, unknownBundledData } from "../../src/files/bundled-data.js";
import { checkModelFile } from "../../src/files/compile-model-file.js";

const dataFolder = fileURLToPath(new URL("../../models/data/", import.meta.url));

/** A partitioned survival model file whose background mortality reads `file`. */
const psmFile = (file: string): string => `metadata: { title: Bundled life table, currency: SEK }
strategies: [A]
model:
  type: partitioned-survival
  outcomes: { cost: cost, qaly: effect }
  cycles: 10
  startAge: 60
  backgroundMortality: { file: "${file}", year: 2019, sexMix: { female: 0.5, male: 0.5 } }
  curves:
    PFS: { kind: exponential, rate: 0.2 }
    OS: { kind: exponential, rate: 0.1 }
  values:
    cost: { PF: 1000, PD: 500 }
    qaly: { PF: 0.8, PD: 0.6 }
`;

describe("bundled data names", () => {
  it("BUNDLED_DATA_NAMES are the CSV files of models/data", () => {
    const csv = readdirSync(dataFolder).filter((name) => name.endsWith(".csv")).map((name) => name.slice(0, -".csv".length)).sort();
    expect([...BUNDLED_DATA_NAMES].sort()).toEqual(csv);
  });

  it("bundledDataName(reference) takes the name after qaly:, and nothing from an ordinary path", () => {
    expect(bundledDataName("qaly:sweden-life-table-hmd-2018-2020")).toBe("sweden-life-table-hmd-2018-2020");
    expect(bundledDataName("../data/sweden-life-table-hmd-2018-2020.csv")).toBeUndefined();
    expect(bundledDataName("data/qaly:odd.csv")).toBeUndefined();
  });

  it("unknownBundledData(reference) suggests the closest bundled name for a typo and passes known names and paths", () => {
    expect(unknownBundledData("qaly:sweden-life-table-hmd-2018-2020")).toBeUndefined();
    expect(unknownBundledData("life-table.csv")).toBeUndefined();
    expect(unknownBundledData("qaly:sweden-life-table-hmd-2018-2021")).toBe("unknown bundled data 'qaly:sweden-life-table-hmd-2018-2021': did you mean 'sweden-life-table-hmd-2018-2020'?");
    expect(unknownBundledData("qaly:norway")).toBe("unknown bundled data 'qaly:norway': known names: 'sweden-life-table-hmd-2018-2020'");
  });
});

describe("file: qaly:<name> in a model file", () => {
  it("checkModelFile(unknown qaly: name) reports invalid_model at the file field with the closest name, before reading anything", () => {
    let reads = 0;
    const result = checkModelFile(psmFile("qaly:sweden-life-tabel-hmd-2018-2020"), { fileName: "psm.yaml", readFile: () => String(++reads) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_model", ["model", "backgroundMortality", "file"]]]);
    expect(result.issues[0]!.message).toContain("did you mean 'sweden-life-table-hmd-2018-2020'?");
    expect(reads).toBe(0);
  });

  it("checkModelFile(unknown qaly: name in a data table) is reported the same way", () => {
    const text = `metadata: { title: T, currency: SEK }
strategies: [A]
tables:
  cost: { file: "qaly:prices", key: k, value: v }
model:
  type: decision-tree
  root: { decision: { A: { terminal: { payoffs: { cost: cost(1), qaly: 1 } } } } }
`;
    const result = checkModelFile(text, { fileName: "t.yaml", readFile: () => "k,v\n1,2\n" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "cost", "file"] });
    expect(result.issues[0]!.message).toContain("unknown bundled data 'qaly:prices'");
  });

  it("checkModelFile(known qaly: name) hands the reference to readFile unchanged, and without a reader says it is bundled data", () => {
    const asked: string[] = [];
    const csv = readFileSync(`${dataFolder}sweden-life-table-hmd-2018-2020.csv`, "utf8");
    const read = checkModelFile(psmFile("qaly:sweden-life-table-hmd-2018-2020"), { fileName: "psm.yaml", readFile: (name) => (asked.push(name), csv) });
    expect(read.ok ? [] : read.issues).toEqual([]);
    expect(asked).toEqual(["qaly:sweden-life-table-hmd-2018-2020"]);
    const unread = checkModelFile(psmFile("qaly:sweden-life-table-hmd-2018-2020"), { fileName: "psm.yaml" });
    expect(unread.ok).toBe(false);
    if (unread.ok) return;
    expect(unread.issues[0]).toMatchObject({ code: "file_not_found", path: ["model", "backgroundMortality", "file"] });
    expect(unread.issues[0]!.message).toContain("bundled data");
  });
});
