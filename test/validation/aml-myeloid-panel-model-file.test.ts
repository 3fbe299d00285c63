// The AML model file (models/aml-myeloid-panel/model.yaml) against the TypeScript project
// (models/aml-myeloid-panel/project.ts): the same engine through two front doors, so the results
// must be identical, not merely close. The TypeScript functions perform the file's floating-point
// operations in the file's order (probabilityFromCumulativeIncidence(rel3, 3, 1/12), medOsRr / 12,
// 12 * cost, 1 - missAdv), the tree has the same nodes in the same order, the Markov rows list their
// entries in the file's order (the complement sums the others in that order), and the parameters
// are declared in the same order with the same distributions, so every comparison below is
// Object.is (bit for bit), stricter than 1e-12 relative.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { differences } from "../helpers/outcome-differences.js";
import { psaMismatches } from "../helpers/psa-mismatches.js";
import { project as ts } from "../../models/aml-myeloid-panel/project.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { dataReader } from "../../src/node/load-model.js";
import { runProject } from "../../src/project/run-project.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { evaluateModel, runPsaSync, type DecisionTree } from "../../src/index.js";

const fileName = "models/aml-myeloid-panel/model.yaml";
const path = fileURLToPath(new URL(`../../${fileName}`, import.meta.url));
// Data files as the Node loader reads them: `qaly:<name>` from models/data.
const file = compileModelFile(readFileSync(path, "utf8"), { fileName, readFile: dataReader(dirname(path)) });

type Params = Readonly<Record<string, number>>;


describe("models/aml-myeloid-panel/model.yaml and the TypeScript project", () => {
  it("compileModelFile(aml model.yaml) declares the TypeScript parameters: same order, distributions, labels, units, sources, statuses, notes and base case", () => {
    expect(file.parameters.describe()).toEqual(ts.parameters.describe());
    expect(file.baseCase).toBeDefined();
    expect(Object.keys(file.baseCase!)).toEqual(Object.keys(ts.baseCase!));
    for (const [name, value] of Object.entries(ts.baseCase!)) expect([name, Object.is(file.baseCase![name], value)]).toEqual([name, true]);
    // The hazard ratio and the R/R median are at their base values, not at the lognormal means.
    expect([ts.baseCase!.hrSct, ts.baseCase!.medOsRr]).toEqual([0.45, 6]);
  });

  it("compileModelFile(aml model.yaml) gives the TypeScript model's base case bit for bit for every outcome of both strategies", () => {
    expect(file.model.strategies).toEqual(ts.model.strategies);
    expect(file.model.outcomes).toEqual(ts.model.outcomes);
    const fromFile = evaluateModel(file.model, file.baseCase!);
    const fromTs = evaluateModel(ts.model, ts.baseCase!);
    expect(differences(fromFile, fromTs, ts.model.strategies, ts.model.outcomes)).toEqual([]);
  });

  it("compileModelFile(aml model.yaml) builds the same tree: every path with the same labels, terminal and probability", () => {
    const paths = (model: unknown, params: Params) => (model as DecisionTree<Params, string>).paths(params).map((p) => ({ strategy: p.strategy, labels: p.labels, terminal: p.terminal, probability: p.probability }));
    const fromFile = paths(file.model, file.baseCase!);
    const fromTs = paths(ts.model, ts.baseCase! as unknown as Params);
    expect(fromFile.length).toBe(fromTs.length);
    // toEqual compares numbers with Object.is.
    expect(fromFile).toEqual(fromTs);
  });

  // 50 draws: each draw runs nine 480-cycle Markov cohorts with tunnels per front door (about 40 ms on an idle core).
  it("compileModelFile(aml model.yaml) gives the TypeScript project's PSA draws and results bit for bit (same seed, 50 draws)", { timeout: 180_000 }, () => {
    const drawsFile = file.parameters.sample(50, { seed: file.psa.seed });
    const drawsTs = ts.parameters.sample(50, { seed: ts.psa.seed });
    expect(drawsFile.names).toEqual(drawsTs.names);
    for (const name of drawsTs.names) expect([name, [...drawsFile.column(name)]]).toEqual([name, [...drawsTs.column(name)]]);
    const fromFile = runPsaSync(file.model, drawsFile);
    const fromTs = runPsaSync(ts.model, drawsTs);
    expect(psaMismatches(fromFile, fromTs)).toEqual([]);
  });

  it("runProject(file) and runProject(ts) give the same one-way analysis and tornado bit for bit (the project's DSA ranges)", { timeout: 180_000 }, async () => {
    const options = { psa: 0, dsa: true, detail: false } as const;
    const fromFile = await runProject(file, options);
    const fromTs = await runProject(ts as unknown as ModelProject, options);
    expect(fromFile.oneWay).toBeDefined();
    // toEqual compares numbers with Object.is: every point of every parameter, every bar.
    expect(fromFile.oneWay).toEqual(fromTs.oneWay);
    expect(fromFile.tornado).toEqual(fromTs.tornado);
  });

  it("compileModelFile(aml model.yaml) carries the project's name, metadata, outcomes, DSA ranges, WTP, PSA settings and warnings", () => {
    expect(file.name).toBe(ts.name);
    expect(file.metadata).toEqual(ts.metadata);
    expect(file.outcomes).toEqual(ts.outcomes);
    expect(file.dsa).toEqual(ts.dsa);
    expect(Object.keys(file.dsa!)).toEqual(Object.keys(ts.dsa!));
    expect(file.wtp).toEqual(ts.wtp);
    expect(file.psa).toEqual(ts.psa);
    // The file's own warnings (the project's wording), then the generic list of placeholders.
    // The file's own warning names every placeholder, so the generic list is not added (each warning once).
    expect(file.warnings).toEqual(ts.warnings);
    expect(file.economics).toEqual(ts.economics);
  });
  it("the file and the TypeScript project give the same subgroups, calibration table and EVPPI groups (bit for bit; 100 PSA draws)", { timeout: 120_000 }, async () => {
    const options = { dsa: false, detail: false, psa: 100 } as const;
    const [a, b] = await Promise.all([runProject(file, options), runProject(ts as unknown as ModelProject, options)]);
    expect(a.subgroups?.map((g) => g.name)).toEqual(["Labelled intermediate by CONV", "True favourable", "True intermediate", "True adverse"]);
    expect(b.subgroups?.map((g) => [g.name, g.description])).toEqual(a.subgroups?.map((g) => [g.name, g.description]));
    a.subgroups!.forEach((g, i) => expect(differences(g.baseCase.values, b.subgroups![i]!.baseCase.values, file.model.strategies, file.model.outcomes)).toEqual([]));
    expect(b.calibration).toEqual(a.calibration);
    expect(b.reclassification).toEqual(a.reclassification);
    // CONV → NGS (review §4.2.4): the panel re-assigns pAdv · missAdv and pFav · missFav of all patients from intermediate.
    const [table] = a.reclassification!;
    expect(table!.labels).toEqual(["FAV", "ADV", "negative"]);
    expect(table!.probability[2]![1]).toBeCloseTo(file.baseCase!.pAdv! * file.baseCase!.missAdv!, 15);
    expect(b.evppi?.map((g) => [g.name, Array.from(g.curve.perPerson)])).toEqual(a.evppi?.map((g) => [g.name, Array.from(g.curve.perPerson)]));
  });
});
