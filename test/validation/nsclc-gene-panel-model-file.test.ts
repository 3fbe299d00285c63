// The NSCLC gene-panel model file (models/nsclc-gene-panel/model.yaml) against the TypeScript project
// (models/nsclc-gene-panel/project.ts): the same engine through two front doors, so the results must
// be identical, not merely close. The file's expressions perform the same floating-point operations
// in the same order as the TypeScript functions (log(2) / median is Math.LN2 / median, 12 * cost,
// specificity ^ genes is specificity ** genes), the tree has the same nodes in the same order, and the
// parameters are declared in the same order with the same distributions, so every comparison below
// is Object.is (bit for bit), which is stricter than the brief's 1e-9 relative.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { differences } from "../helpers/outcome-differences.js";
import { psaMismatches } from "../helpers/psa-mismatches.js";
import { project as ts } from "../../models/nsclc-gene-panel/project.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import { projectPsaSetup } from "../../src/project/project-psa-setup.js";
import { runProject } from "../../src/project/run-project.js";
import { dataReader } from "../../src/node/load-model.js";
import { evaluateModel, runPsaSync, scenarios, type DecisionTree } from "../../src/index.js";

const fileName = "models/nsclc-gene-panel/model.yaml";
const path = fileURLToPath(new URL(`../../${fileName}`, import.meta.url));
// Data files as the Node loader reads them: relative to the model file, `qaly:<name>` from models/data.
const readFile = dataReader(dirname(path));
const file = compileModelFile(readFileSync(path, "utf8"), { fileName, readFile });



/** The scenario that holds components of the prevalence Dirichlet fixed (ParameterSpace.fix). */
const DUTCH = "Dutch prevalence mix (Mfumbilwa 2023)";

describe("models/nsclc-gene-panel/model.yaml", () => {
  it("compileModelFile(nsclc model.yaml) declares the TypeScript project's parameters: same order, distributions, fits, labels, units, sources, statuses and notes", () => {
    expect(file.parameters.describe()).toEqual(ts.parameters.describe());
    expect(file.baseCase).toBeDefined();
    const base = file.baseCase!;
    expect(Object.keys(base)).toEqual(Object.keys(ts.baseCase!));
    for (const [name, value] of Object.entries(ts.baseCase!)) expect([name, Object.is(base[name], value)]).toEqual([name, true]);
  });

  it("compileModelFile(nsclc model.yaml) gives the TypeScript model's base case bit for bit for every outcome of every strategy", () => {
    expect(file.model.strategies).toEqual(ts.model.strategies);
    expect(file.model.outcomes).toEqual(ts.model.outcomes);
    const fromFile = evaluateModel(file.model, file.baseCase!);
    const fromTs = evaluateModel(ts.model, ts.baseCase!);
    expect(differences(fromFile, fromTs, ts.model.strategies, ts.model.outcomes)).toEqual([]);
  });

  it("compileModelFile(nsclc model.yaml) builds the same tree: every path with the same labels, terminal and probability", () => {
    const paths = (model: unknown, params: Readonly<Record<string, number>>) =>
      (model as DecisionTree<Readonly<Record<string, number>>, string>).paths(params).map((p) => ({ strategy: p.strategy, labels: p.labels, terminal: p.terminal, probability: p.probability }));
    const fromFile = paths(file.model, file.baseCase!);
    const fromTs = paths(ts.model, ts.baseCase!);
    expect(fromFile.length).toBe(fromTs.length);
    // toEqual compares numbers with Object.is.
    expect(fromFile).toEqual(fromTs);
  });

  it("compileModelFile(nsclc model.yaml) gives the TypeScript project's PSA draws and results bit for bit (same seed, 50 draws)", () => {
    const seed = file.psa.seed;
    const drawsFile = file.parameters.sample(50, { seed });
    const drawsTs = ts.parameters.sample(50, { seed });
    expect(drawsFile.names).toEqual(drawsTs.names);
    for (const name of drawsTs.names) expect([name, [...drawsFile.column(name)]]).toEqual([name, [...drawsTs.column(name)]]);
    const fromFile = runPsaSync(file.model, drawsFile);
    const fromTs = runPsaSync(ts.model, drawsTs);
    expect(psaMismatches(fromFile, fromTs)).toEqual([]);
  });

  it("compileModelFile(nsclc model.yaml) carries the project's metadata, outcomes, DSA ranges, threshold, WTP and PSA settings", () => {
    expect(file.name).toBe(ts.name);
    expect(file.metadata).toEqual(ts.metadata);
    expect(file.outcomes).toEqual(ts.outcomes);
    expect(file.dsa).toEqual(ts.dsa);
    expect(Object.keys(file.dsa!)).toEqual(Object.keys(ts.dsa!));
    expect(file.thresholds).toEqual(ts.thresholds);
    expect(file.wtp).toEqual(ts.wtp);
    expect(file.economics).toEqual(ts.economics);
    expect(file.economics?.severity).toEqual({ level: "very high", reference: 1_000_000 });
    expect(file.psa).toEqual(ts.psa);
    // The file's own warnings (the project's wording), then the generic list of placeholders.
    // The file's own warning names every placeholder, so the generic list is not added (each warning once).
    expect(file.warnings).toEqual(ts.warnings);
  });

  it("scenarios(file.model, baseCase, file.scenarios) gives the TypeScript project's scenario table bit for bit", () => {
    expect(Object.keys(file.scenarios)).toEqual(Object.keys(ts.scenarios));
    const fromFile = scenarios(file.model, file.baseCase!, { scenarios: file.scenarios, wtp: 1_000_000 });
    const fromTs = scenarios(ts.model, ts.baseCase!, { scenarios: ts.scenarios, wtp: 1_000_000 });
    expect(fromFile.rows.map((row) => row.scenario)).toEqual(fromTs.rows.map((row) => row.scenario));
    fromTs.rows.forEach((row, i) => {
      const other = fromFile.rows[i]!;
      expect(other.optimal).toBe(row.optimal);
      for (const strategy of ts.model.strategies) {
        // toEqual compares numbers with Object.is: cost, effect, NMB and every outcome.
        expect([row.scenario, strategy, other.results[strategy]]).toEqual([row.scenario, strategy, row.results[strategy]]);
      }
    });
  });

  it("applyScenario(file, name) rebuilds every scenario with the TypeScript scenario's base case bit for bit", () => {
    for (const [name, scenario] of Object.entries(ts.scenarios)) {
      const applied = applyScenario(file, name);
      const fromFile = evaluateModel(applied.model, applied.baseCase!);
      const fromTs = evaluateModel(scenario.model ?? ts.model, { ...ts.baseCase!, ...scenario.parameters });
      expect([name, differences(fromFile, fromTs, ts.model.strategies, ts.model.outcomes)]).toEqual([name, []]);
    }
  });

  it("applyScenario(file, name) holds the overrides fixed in PSA draws as the TypeScript project's scenario PSA does (20 draws)", () => {
    const name = "Perfect tests (sensitivity 1, no failures)";
    const applied = applyScenario(file, name);
    const setup = projectPsaSetup(ts, name);
    const seed = "nsclc-scenario-psa";
    const fromFile = runPsaSync(applied.model, applied.parameters.sample(20, { seed }));
    const fromTs = runPsaSync(setup.model, setup.parameters.sample(20, { seed }));
    for (const strategy of ts.model.strategies) {
      for (const outcome of ["cost", "qaly", "matchedTherapy"]) expect([strategy, outcome, fromFile.values(outcome, strategy)]).toEqual([strategy, outcome, fromTs.values(outcome, strategy)]);
    }
  });

  it("runProject(applyScenario(file, Dutch mix)) gives runProject(ts, { scenario: Dutch mix })'s base case and PSA bit for bit (group components held fixed, 20 draws)", async () => {
    const options = { psa: 20, seed: "nsclc-dutch-mix", dsa: false, detail: false } as const;
    const fromFile = await runProject(applyScenario(file, DUTCH), options);
    const fromTs = await runProject(ts, { ...options, scenario: DUTCH });
    // Base case: the scenario's prevalences (the rest at their Dirichlet means, not renormalised).
    expect(fromFile.baseCase.parameters).toEqual(fromTs.baseCase.parameters);
    expect(fromFile.baseCase.parameters["pEgfr"]).toBe(0.081);
    expect(fromFile.baseCase.summary).toEqual(fromTs.baseCase.summary);
    // PSA: the fixed components are constant, every other column is the TypeScript project's draw.
    const drawsFile = fromFile.psa!.parameters!;
    const drawsTs = fromTs.psa!.parameters!;
    expect(drawsFile.names).toEqual(drawsTs.names);
    for (const name of drawsTs.names) expect([name, [...drawsFile.column(name)]]).toEqual([name, [...drawsTs.column(name)]]);
    expect(new Set(drawsFile.column("pNone"))).toEqual(new Set([0.6599999999999999]));
    for (const strategy of ts.model.strategies) {
      for (const outcome of ts.model.outcomes) expect([strategy, outcome, [...fromFile.psa!.values(outcome, strategy)]]).toEqual([strategy, outcome, [...fromTs.psa!.values(outcome, strategy)]]);
    }
  });
});
