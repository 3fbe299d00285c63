// The model-file form of Markov background mortality compiles into the same model as the TypeScript form.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../../src/files/compile-model-file.js";
import { markovCohort } from "../../../src/models/markov/index.js";
import { complement } from "../../../src/models/complement.js";
import { evaluateModel } from "../../../src/models/model.js";
import { parseLifeTableCsv } from "../../../src/survival/parse-life-table-csv.js";

const csv = readFileSync(new URL("../../../models/data/sweden-life-table-hmd-2018-2020.csv", import.meta.url), "utf8");
const FILE = `metadata: { title: Background mortality, currency: SEK }
parameters:
  rRelapse: 0.2
  pDieRelapsed: 0.05
  uCR: 0.8
  uRelapsed: 0.5
strategies: [A]
model:
  type: markov
  states: [CR1, { name: Relapsed, tunnel: 2 }, Dead]
  outcomes: { cost: cost, qaly: effect, lifeYears: effect }
  cycleLength: 1/12
  horizon: 30
  startAge: 58
  backgroundMortality: { file: "qaly:sweden-life-table-hmd-2018-2020", year: 2019, sexMix: { female: 0.45, male: 0.55 }, deathState: Dead }
  start: { CR1: 1 }
  transitions:
    CR1: { Relapsed: "rateToProbability(rRelapse, 1/12)", CR1: complement }
    Relapsed: { Dead: "state_time == 0 ? 2 * pDieRelapsed : pDieRelapsed", Relapsed: complement }
    Dead: { Dead: 1 }
  values:
    cost: { Relapsed: 1000 }
    qaly: { CR1: uCR, Relapsed: uRelapsed }
    lifeYears: { CR1: 1, Relapsed: 1 }
`;
const readFile = (path: string): string => (path === "qaly:sweden-life-table-hmd-2018-2020" ? csv : "");

describe("model files: Markov backgroundMortality", () => {
  it("compileModelFile(markov with backgroundMortality) equals markovCohort with the same life table", () => {
    const project = compileModelFile(FILE, { fileName: "markov.yaml", readFile });
    const table = parseLifeTableCsv(csv, { year: 2019, source: "qaly:sweden-life-table-hmd-2018-2020" });
    type P = Readonly<Record<string, number>>;
    const ts = markovCohort({
      title: "Markov model",
      states: ["CR1", { name: "Relapsed", tunnel: 2 }, "Dead"],
      strategies: ["A"],
      outcomes: { cost: "cost", qaly: "effect", lifeYears: "effect" },
      cycleLength: 1 / 12,
      horizon: 30,
      startAge: 58,
      backgroundMortality: { lifeTable: table, sexMix: { female: 0.45, male: 0.55 }, deathState: "Dead" },
      start: { CR1: 1 },
      transitions: (p: P, time) => ({
        CR1: { Relapsed: -Math.expm1(-p["rRelapse"]! / 12), CR1: complement },
        Relapsed: { Dead: time.stateTime === 0 ? 2 * p["pDieRelapsed"]! : p["pDieRelapsed"]!, Relapsed: complement },
        Dead: { Dead: 1 },
      }),
      values: (p: P) => ({ cost: { Relapsed: 1000 }, qaly: { CR1: p["uCR"]!, Relapsed: p["uRelapsed"]! }, lifeYears: { CR1: 1, Relapsed: 1 } }),
    });
    const params = project.parameters.base();
    expect(evaluateModel(project.model, params)).toEqual(evaluateModel(ts, params));
    // The floor binds: life expectancy from 58 is below the unfloored model's.
    const free = compileModelFile(FILE.replace(/ {2}backgroundMortality:.*\n/, ""), { fileName: "markov.yaml" });
    expect(evaluateModel(free.model, params)["A"]!["lifeYears"]!).toBeGreaterThan(evaluateModel(ts, params).A.lifeYears!);
  });

  it("checkModelFile reports an unknown death state, a missing readFile and an unknown key at their paths", () => {
    const unknown = checkModelFile(FILE.replace("deathState: Dead", "deathState: Deceased"), { fileName: "markov.yaml", readFile });
    if (unknown.ok) throw new Error("expected issues");
    expect(unknown.issues.map((issue) => [issue.code, issue.path])).toEqual([["unknown_state", ["model", "backgroundMortality", "deathState"]]]);
    const missing = checkModelFile(FILE, { fileName: "markov.yaml" });
    if (missing.ok) throw new Error("expected issues");
    expect([missing.issues[0]!.code, missing.issues[0]!.path]).toEqual(["file_not_found", ["model", "backgroundMortality", "file"]]);
    const noAge = checkModelFile(FILE.replace("  startAge: 58\n", ""), { fileName: "markov.yaml", readFile });
    if (noAge.ok) throw new Error("expected issues");
    expect([noAge.issues[0]!.code, noAge.issues[0]!.path]).toEqual(["invalid_model", ["model", "backgroundMortality"]]);
    const typo = checkModelFile(FILE.replace("deathState: Dead", "deathStates: Dead"), { fileName: "markov.yaml", readFile });
    if (typo.ok) throw new Error("expected issues");
    expect(typo.issues.map((issue) => issue.message).join("\n")).toContain("did you mean 'deathState'");
  });
});
