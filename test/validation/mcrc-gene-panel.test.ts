// The mCRC testing example (models/mcrc-gene-panel): its model file (a testing-pathway block) against
// its TypeScript form (testingPathway + testingTree): the same engine through two front doors, so the
// results must be the same doubles (Object.is): the file's expressions perform the same floating-point
// operations in the same order (log(2) / median is Math.LN2 / median, 12 * cost), and the pathway,
// arms and parameters are declared in the same order with the same distributions. Then sanity
// checks of the pathway: leaf probabilities, and matched rates with perfect tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { differences } from "../helpers/outcome-differences.js";
import { psaMismatches } from "../helpers/psa-mismatches.js";
import { project as ts } from "../../models/mcrc-gene-panel/project.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel, runPsaSync, type DecisionTree } from "../../src/index.js";

const fileName = "models/mcrc-gene-panel/model.yaml";
const file = compileModelFile(readFileSync(fileURLToPath(new URL(`../../${fileName}`, import.meta.url)), "utf8"), { fileName });
type Params = Readonly<Record<string, number>>;


const paths = (model: unknown, params: Params) => (model as DecisionTree<Params, string>).paths(params);

/** Perfect tests: sensitivity 1 and no sample failures. */
const PERFECT = { sensPcr: 1, failPcr: 0, sensPanel: 1, failPanel: 0, sensIhc: 1, failIhc: 0 };

describe("models/mcrc-gene-panel: model.yaml and the TypeScript form", () => {
  it("compileModelFile(mcrc model.yaml) declares the TypeScript parameters: same order, distributions, labels, units, statuses and base case", () => {
    expect(file.parameters.describe()).toEqual(ts.parameters.describe());
    expect(file.baseCase).toBeDefined();
    expect(Object.keys(file.baseCase!).sort()).toEqual(Object.keys(ts.baseCase!).sort());
    for (const [name, value] of Object.entries(ts.baseCase!)) expect([name, Object.is(file.baseCase![name], value)]).toEqual([name, true]);
    // Every input has a source or a status.
    for (const row of ts.parameters.describe()) expect([row.name, row.status ?? row.source]).not.toEqual([row.name, undefined]);
  });

  it("compileModelFile(mcrc model.yaml) gives the TypeScript model's base case bit for bit for every outcome of both strategies", () => {
    expect(file.model.strategies).toEqual(ts.model.strategies);
    expect(file.model.outcomes).toEqual(ts.model.outcomes);
    const fromFile = evaluateModel(file.model, file.baseCase!);
    const fromTs = evaluateModel(ts.model, ts.baseCase!);
    expect(differences(fromFile, fromTs, ts.model.strategies, ts.model.outcomes)).toEqual([]);
  });

  it("compileModelFile(mcrc model.yaml) builds the same tree: every path with the same labels and probability", () => {
    const strip = (model: unknown, params: Params) => paths(model, params).map((p) => ({ strategy: p.strategy, labels: p.labels, probability: p.probability }));
    expect(strip(file.model, file.baseCase!)).toEqual(strip(ts.model, ts.baseCase!));
  });

  it("compileModelFile(mcrc model.yaml) gives the TypeScript project's PSA draws and results bit for bit (same seed, 20 draws)", () => {
    const drawsFile = file.parameters.sample(20, { seed: file.psa.seed });
    const drawsTs = ts.parameters.sample(20, { seed: ts.psa.seed });
    expect(drawsFile.names).toEqual(drawsTs.names);
    for (const name of drawsTs.names) expect([name, [...drawsFile.column(name)]]).toEqual([name, [...drawsTs.column(name)]]);
    const fromFile = runPsaSync(file.model, drawsFile);
    const fromTs = runPsaSync(ts.model, drawsTs);
    expect(psaMismatches(fromFile, fromTs)).toEqual([]);
  });

  it("compileModelFile(mcrc model.yaml) carries the project's metadata, outcomes, DSA ranges, threshold, WTP, PSA settings and warnings", () => {
    expect(file.name).toBe(ts.name);
    expect(file.metadata).toEqual(ts.metadata);
    expect(file.outcomes).toEqual(ts.outcomes);
    expect(file.dsa).toEqual(ts.dsa);
    expect(file.thresholds).toEqual(ts.thresholds);
    expect(file.wtp).toEqual(ts.wtp);
    expect(file.psa).toEqual(ts.psa);
    expect(file.warnings).toEqual(ts.warnings);
    expect(file.economics).toEqual(ts.economics);
  });
});

describe("models/mcrc-gene-panel: sanity checks", () => {
  it("leaf probabilities sum to 1 per strategy, and per true-status category to its prevalence (base case and perfect tests)", () => {
    for (const params of [ts.baseCase!, { ...ts.baseCase!, ...PERFECT }]) {
      const all = paths(ts.model, params);
      const p = params as unknown as Params;
      const prevalence: Record<string, number> = { KRAS: p["pKras"]!, NRAS: p["pNras"]!, "BRAF V600E": p["pBraf"]!, dMMR: p["pDmmr"]! };
      prevalence["wild type"] = 1 - prevalence["KRAS"]! - prevalence["NRAS"]! - prevalence["BRAF V600E"]! - prevalence["dMMR"]!;
      for (const strategy of ts.model.strategies) {
        const own = all.filter((path) => path.strategy === strategy);
        // Tolerance 1e-12: sums of a few hundred products of probabilities.
        expect(own.reduce((sum, path) => sum + path.probability, 0)).toBeCloseTo(1, 12);
        for (const [category, value] of Object.entries(prevalence)) {
          const mass = own.filter((path) => path.labels.includes(category)).reduce((sum, path) => sum + path.probability, 0);
          expect([strategy, category, mass]).toEqual([strategy, category, expect.closeTo(value, 12)]);
        }
      }
    }
  });

  it("with perfect tests both strategies find every category: matched rate = pTreat × (KRAS + NRAS + BRAF V600E + dMMR), one test result each, no re-biopsy", () => {
    const params = { ...ts.baseCase!, ...PERFECT };
    const results = evaluateModel(ts.model, params);
    const expected = params.pTreat * (params.pKras + params.pNras + params.pBraf + params.pDmmr);
    for (const strategy of ts.model.strategies) {
      const r = results[strategy]!;
      // Tolerance 1e-12: sums over the tree's paths.
      expect(r["matchedTherapy"]).toBeCloseTo(expected, 12);
      expect(r["detectedKras"]).toBeCloseTo(params.pKras, 12);
      expect(r["detectedBrafV600e"]).toBeCloseTo(params.pBraf, 12);
      expect(r["detectedDmmr"]).toBeCloseTo(params.pDmmr, 12);
      expect(r["result"]).toBeCloseTo(1, 12);
      expect(r["reBiopsy"]).toBe(0);
    }
    // Identical detection, so identical outcomes of the arms: the strategies differ only in testing cost.
    const sequential = results["SEQUENTIAL"]!;
    const panel = results["DNA-PANEL"]!;
    expect(panel["qaly"]).toBeCloseTo(sequential["qaly"]!, 12);
    expect(panel["cost"]! - panel["costTesting"]!).toBeCloseTo(sequential["cost"]! - sequential["costTesting"]!, 6);
  });

  it("wild-type patients without a result (final sample failure) get doublet + bevacizumab (noResultArm NO_RESULT), never anti-EGFR; the panel's share by hand: pWildType × f × (1 − r + r·f)", () => {
    const p = ts.baseCase!;
    const sided = new Set(["Left-sided", "Right-sided"]);
    /** Paths of a wild-type patient whose testing ended without a result: the last testing branch is a final failure. */
    const noResult = (strategy: string) =>
      paths(ts.model, p as unknown as Params).filter((path) => {
        const testing = path.labels.filter((label) => !sided.has(label));
        return path.strategy === strategy && path.labels[1] === "wild type" && ["No re-biopsy", "Sample fails"].includes(testing[testing.length - 1]!);
      });
    for (const strategy of ts.model.strategies) {
      const own = noResult(strategy);
      expect(own.length).toBeGreaterThan(0);
      // NO_RESULT is a terminal node (CHEMO_BEV), not the sidedness split of RAS_WT.
      expect(own.filter((path) => path.labels.some((label) => sided.has(label)))).toEqual([]);
    }
    const f = 1 - (1 - p.failPanel) * (1 - p.failIhc);
    const mass = noResult("DNA-PANEL").reduce((sum, path) => sum + path.probability, 0);
    // Tolerance 1e-12: a handful of products.
    expect(mass).toBeCloseTo(p.pWildType * f * (1 - p.pRebiopsy + p.pRebiopsy * f), 12);
  });

  it("the panel's testing cost by hand: (cPanel + cMmrIhc) × (1 + f·r) + cRebiopsy · f·r, with f = 1 − (1 − failPanel)(1 − failIhc)", () => {
    const p = ts.baseCase!;
    const f = 1 - (1 - p.failPanel) * (1 - p.failIhc);
    const rebiopsies = f * p.pRebiopsy;
    const r = evaluateModel(ts.model, p)["DNA-PANEL"]!;
    // Tolerance 1e-9 relative: a handful of products and sums.
    expect(r["reBiopsy"]).toBeCloseTo(rebiopsies, 12);
    expect(r["tests"]).toBeCloseTo(2 * (1 + rebiopsies), 12);
    expect(r["costTesting"]! / ((p.cPanel + p.cMmrIhc) * (1 + rebiopsies) + p.cRebiopsy * rebiopsies)).toBeCloseTo(1, 9);
    expect(r["result"]).toBeCloseTo(1 - f + rebiopsies * (1 - f), 12);
  });
});
