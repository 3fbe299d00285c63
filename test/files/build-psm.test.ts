import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { partitionedSurvival } from "../../src/models/psm/partitioned-survival.js";
import { weibullSurvival } from "../../src/survival/weibull-survival.js";
import { applyHazardRatioToCurve } from "../../src/survival/apply-hazard-ratio-to-curve.js";
import { parseLifeTableCsv } from "../../src/survival/parse-life-table-csv.js";
import { readFileSync } from "node:fs";

const PSM = `metadata: { title: PSM, currency: SEK }
parameters:
  shapePfs: 1.2
  scalePfs: 10
  shapeOs: 1.1
  scaleOs: 20
  hrPfs: { value: 0.7, distribution: { kind: lognormal, estimate: 0.7, lower: 0.55, upper: 0.9 } }
  cDrug: 100000
  cProgressed: 30000
  cEndOfLife: 50000
  uPF: 0.8
  uPD: 0.6
strategies:
  Chemotherapy: { variables: { hr: 1, weeks: 26 } }
  Immunotherapy: { variables: { hr: hrPfs, weeks: 104 } }
model:
  type: partitioned-survival
  outcomes: { costDrug: cost, costCare: cost, qaly: effect, lifeYears: effect }
  timeUnit: months
  cycleLength: 1/12
  horizon: 10
  startAge: 65
  curves:
    PFS: { kind: hazard-ratio, hazardRatio: hr, curve: { kind: weibull, shape: shapePfs, scale: scalePfs } }
    OS: { kind: weibull, shape: shapeOs, scale: scaleOs }
  values:
    costCare: { PD: cProgressed }
    qaly: { PF: uPF, PD: "age < 70 ? uPD : uPD * 0.9" }
    lifeYears: { PF: 1, PD: 1 }
  entryValues: { costCare: { Dead: cEndOfLife } }
  cappedValues:
    drug: { outcome: costDrug, states: PF, perYear: cDrug, maxDuration: weeks * 7 / 365.25 }
`;

describe("compileModelFile: partitioned survival", () => {
  it("compileModelFile(partitioned-survival) equals partitionedSurvival written in TypeScript", () => {
    const project = compileModelFile(PSM, { fileName: "psm.yaml" });
    type P = Readonly<Record<string, number>>;
    const ts = partitionedSurvival({
      strategies: ["Chemotherapy", "Immunotherapy"],
      outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
      timeUnit: "months",
      cycleLength: 1/12,
      horizon: 10,
      startAge: 65,
      curves: (p: P, strategy) => ({
        PFS: applyHazardRatioToCurve(weibullSurvival({ shape: p["shapePfs"]!, scale: p["scalePfs"]! }), strategy === "Immunotherapy" ? p["hrPfs"]! : 1),
        OS: weibullSurvival({ shape: p["shapeOs"]!, scale: p["scaleOs"]! }),
      }),
      values: (p: P, time) => ({ costCare: { PD: p["cProgressed"]! }, qaly: { PF: p["uPF"]!, PD: time.age < 70 ? p["uPD"]! : p["uPD"]! * 0.9 }, lifeYears: { PF: 1, PD: 1 } }),
      entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
      cappedValues: (p: P, strategy) => ({ drug: { outcome: "costDrug", states: "PF", perYear: p["cDrug"]!, maxDuration: ((strategy === "Immunotherapy" ? 104 : 26) * 7) / 365.25 } }),
    });
    const params = project.baseCase!;
    expect(project.model.outcomes).toEqual(ts.outcomes);
    expect(evaluateModel(project.model, params)).toEqual(evaluateModel(ts, params));
    const draw = project.parameters.sample(3, { seed: 7 }).row(2);
    expect(evaluateModel(project.model, draw)).toEqual(evaluateModel(ts, draw));
  });

  it("compileModelFile(backgroundMortality from a life-table CSV) equals partitionedSurvival with the same life table", () => {
    const csv = readFileSync(new URL("../../models/data/sweden-life-table-hmd-2018-2020.csv", import.meta.url), "utf8");
    const text = PSM.replace("  startAge: 65\n", "  startAge: 65\n  backgroundMortality: { file: life-table.csv, year: 2019, sexMix: { female: 0.45, male: 0.55 } }\n");
    const project = compileModelFile(text, { fileName: "psm.yaml", readFile: (path) => (path === "life-table.csv" ? csv : "") });
    const table = parseLifeTableCsv(csv, { year: 2019, source: "life-table.csv" });
    type P = Readonly<Record<string, number>>;
    const ts = partitionedSurvival({
      strategies: ["Chemotherapy", "Immunotherapy"],
      outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
      timeUnit: "months",
      cycleLength: 1/12,
      horizon: 10,
      startAge: 65,
      backgroundMortality: { lifeTable: table, sexMix: { female: 0.45, male: 0.55 } },
      curves: (p: P, strategy) => ({
        PFS: applyHazardRatioToCurve(weibullSurvival({ shape: p["shapePfs"]!, scale: p["scalePfs"]! }), strategy === "Immunotherapy" ? p["hrPfs"]! : 1),
        OS: weibullSurvival({ shape: p["shapeOs"]!, scale: p["scaleOs"]! }),
      }),
      values: (p: P, time) => ({ costCare: { PD: p["cProgressed"]! }, qaly: { PF: p["uPF"]!, PD: time.age < 70 ? p["uPD"]! : p["uPD"]! * 0.9 }, lifeYears: { PF: 1, PD: 1 } }),
      entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
      cappedValues: (p: P, strategy) => ({ drug: { outcome: "costDrug", states: "PF", perYear: p["cDrug"]!, maxDuration: ((strategy === "Immunotherapy" ? 104 : 26) * 7) / 365.25 } }),
    });
    expect(evaluateModel(project.model, project.baseCase!)).toEqual(evaluateModel(ts, project.baseCase!));
    const missing = checkModelFile(text, { fileName: "psm.yaml" });
    if (missing.ok) throw new Error("expected issues");
    expect([missing.issues[0]!.code, missing.issues[0]!.path]).toEqual(["file_not_found", ["model", "backgroundMortality", "file"]]);
  });

  it("compileModelFile reports a wrong curve kind or parameter with the model path", () => {
    const wrong = checkModelFile(PSM.replace("OS: { kind: weibull, shape: shapeOs", "OS: { kind: weibul, shape: shapeOs"), { fileName: "psm.yaml" });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues[0]!.path).toEqual(["model", "curves"]);
    const endpoint = checkModelFile(PSM.replace("    OS: { kind", "    Os: { kind"), { fileName: "psm.yaml" });
    if (endpoint.ok) throw new Error("expected issues");
    expect(endpoint.issues.map((issue) => [issue.code, issue.path.join(".")])).toEqual([
      ["unknown_state", "model.curves.Os"],
      ["invalid_model", "model.curves"],
    ]);
  });
});
