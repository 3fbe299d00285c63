// The AML model (models/aml-myeloid-panel; review §4.2 of the project's evidence review): the
// specification's checks (§4.2.6) and hand checks of the tree and of the Markov back end (§4.2.2)
// against closed forms. Closed forms, not qaly's own output, are the reference: the monthly relapse
// probability comes from the 3-year cumulative relapse at a constant hazard, so CR1 survival after
// t months is (1 − rel3)^(t/36); R/R survival is exponential with median medOsRr; alloSCT multiplies
// the relapse hazard by hrSct, so CR1 survival is (1 − rel3)^(hrSct · t/36).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAmlModel, buildBackEnd, backEnd, type Risk } from "../../models/aml-myeloid-panel/model.js";
import { baseCase, parameters, type AmlParameters } from "../../models/aml-myeloid-panel/parameters.js";
import { project } from "../../models/aml-myeloid-panel/project.js";
import { runProject } from "../../src/project/run-project.js";
import type { ModelProject } from "../../src/files/model-project.js";
import { evaluateModel, type DecisionTree } from "../../src/index.js";

type P = AmlParameters;
type Params = Readonly<Record<string, number>>;
const model = project.model;
const paths = (params: P) => (model as unknown as DecisionTree<Params, string>).paths(params as unknown as Params);

/** Outcomes of the back end for one true risk group entered in one state. */
function entered(params: P, risk: Risk, state: "SCT" | "Chemo" | "RR", arms = backEnd): Readonly<Record<string, number>> {
  return evaluateModel(arms, params, { start: { [state]: 1 } })[risk];
}

/** The back end without background mortality, so the closed forms hold exactly (review §4.2.2 without the life table). */
const diseaseOnly = buildBackEnd({ backgroundMortality: false });

describe("models/aml-myeloid-panel: the specification's checks (review §4.2.6)", () => {
  it("leaf probabilities sum to 1 per strategy, and per true risk group to its prevalence (base case, no misclassification, all adverse missed)", () => {
    for (const params of [baseCase, { ...baseCase, missAdv: 0, missFav: 0 }, { ...baseCase, missAdv: 1, missFav: 1 }]) {
      const all = paths(params);
      for (const strategy of model.strategies) {
        const own = all.filter((path) => path.strategy === strategy);
        // Tolerance 1e-12: sums of about twenty products of probabilities.
        expect([strategy, own.reduce((sum, path) => sum + path.probability, 0)]).toEqual([strategy, expect.closeTo(1, 12)]);
        for (const [risk, prevalence] of [["FAV", params.pFav], ["INT", 1 - params.pFav - params.pAdv], ["ADV", params.pAdv]] as const) {
          const mass = own.filter((path) => path.labels[1] === risk).reduce((sum, path) => sum + path.probability, 0);
          expect([strategy, risk, mass]).toEqual([strategy, risk, expect.closeTo(prevalence, 12)]);
        }
      }
    }
  });

  it("with missAdv = missFav = 0 the strategies differ only by the test cost: every other outcome (ΔQALY included) is the same double, Δcost = cNgs − cConv (base case and 3 PSA draws)", { timeout: 60_000 }, () => {
    const draws = parameters.sample(3, { seed: "aml-no-misclassification" });
    for (const params of [baseCase, draws.row(0), draws.row(1), draws.row(2)] as P[]) {
      const p = { ...params, missAdv: 0, missFav: 0 };
      const r = evaluateModel(model, p);
      const costs = ["cost", "costUndiscounted", "costTesting"];
      for (const outcome of model.outcomes.filter((o) => !costs.includes(o))) expect([outcome, Object.is(r.CONV[outcome], r.NGS[outcome])]).toEqual([outcome, true]);
      expect(r.NGS.qaly! - r.CONV.qaly!).toBe(0);
      // Tolerance 1e-12 relative: the two test costs pass through the tree's sums (one rounding apart).
      expect((r.NGS.costTesting! - r.CONV.costTesting!) / (p.cNgs - p.cConv)).toBeCloseTo(1, 12);
      // Tolerance 1e-9 SEK: the totals (about SEK 1.6 M) are sums of a few dozen terms.
      expect(Math.abs(r.NGS.cost! - r.CONV.cost! - (p.cNgs - p.cConv))).toBeLessThan(1e-9 * r.CONV.cost!);
    }
  });

  // The property runs on the project's tree with a 10-year back end without background mortality (about
  // 4× faster than the 40-year one with the life table): ΔQALY is linear in missAdv with slope
  // pAdv · pCrAdv · (pSctAdv − pSctInt) · (QALY after alloSCT − QALY after chemotherapy, true adverse),
  // whatever the horizon. The full model is checked at two points in the next test.
  it("monotonicity (property, 30 runs): increasing missAdv increases ΔQALY (NGS − CONV) when alloSCT helps adverse-risk patients (hrSct ≤ 0.6, nrm1 ≤ 0.1) and pSctAdv > pSctInt", { timeout: 60_000 }, () => {
    const arms = buildBackEnd({ backgroundMortality: false, cycles: 120 });
    const short = buildAmlModel(arms);
    const dQaly = (p: P): number => {
      const r = evaluateModel(short, p);
      return r.NGS.qaly! - r.CONV.qaly!;
    };
    const unit = (min: number, max: number) => fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(
        unit(0, 1), unit(0, 1),
        fc.record({ hrSct: unit(0.2, 0.6), nrm1: unit(0, 0.1), pSctAdv: unit(0.55, 1), pSctInt: unit(0, 0.5), rel3Adv: unit(0.5, 0.9), pCrAdv: unit(0.3, 0.95), missFav: unit(0, 0.2) }),
        (a, b, inputs) => {
          fc.pre(Math.abs(a - b) > 1e-3);
          const p = { ...baseCase, ...inputs };
          // The premise, stated: alloSCT gives true-adverse patients in CR1 more QALYs than chemotherapy.
          expect(entered(p, "ADV", "SCT", arms).qaly).toBeGreaterThan(entered(p, "ADV", "Chemo", arms).qaly!);
          const [low, high] = a < b ? [a, b] : [b, a];
          expect(dQaly({ ...p, missAdv: high })).toBeGreaterThan(dQaly({ ...p, missAdv: low }));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("monotonicity on the full model: ΔQALY at missAdv 0.5 exceeds ΔQALY at 0.2 (base case otherwise); with hrSct = 1 and nrm1 = 0.3 alloSCT harms and the order reverses", () => {
    const dQaly = (p: P): number => {
      const r = evaluateModel(model, p);
      return r.NGS.qaly! - r.CONV.qaly!;
    };
    expect(dQaly({ ...baseCase, missAdv: 0.5 })).toBeGreaterThan(dQaly({ ...baseCase, missAdv: 0.2 }));
    const harmful = { ...baseCase, hrSct: 1, nrm1: 0.3 };
    expect(dQaly({ ...harmful, missAdv: 0.5 })).toBeLessThan(dQaly({ ...harmful, missAdv: 0.2 }));
  });
});

describe("models/aml-myeloid-panel: the back end against closed forms (review §4.2.2)", () => {
  it("chemotherapy consolidation, background mortality off: CR1 after 60 months = (1 − rel3)^(60/36) per true risk group, constant after the cure point", () => {
    const run = diseaseOnly.run(baseCase, { start: { Chemo: 1 } });
    for (const [risk, rel3] of [["FAV", baseCase.rel3Fav], ["INT", baseCase.rel3Int], ["ADV", baseCase.rel3Adv]] as const) {
      const trace = run.strategies[risk].trace;
      // Tolerance 1e-12 relative: 60 products of a monthly survival probability.
      expect(trace[60]!.Chemo / (1 - rel3) ** (60 / 36)).toBeCloseTo(1, 12);
      expect(trace[36]!.Chemo / (1 - rel3)).toBeCloseTo(1, 12);
      // Cured after 60 months: no relapse, no background deaths, so CR1 stays the same double.
      expect(trace[480]!.Chemo).toBe(trace[60]!.Chemo);
      expect(trace[61]!.Chemo).toBe(trace[60]!.Chemo);
    }
  });

  it("relapsed/refractory, background mortality off: survival has median medOsRr (6 and 9 months) and is exponential", () => {
    for (const medOsRr of [6, 9]) {
      const trace = diseaseOnly.run({ ...baseCase, medOsRr }, { start: { RR: 1 } }).strategies.INT.trace;
      // Tolerance 1e-12: medOsRr products of a monthly survival probability.
      expect(trace[medOsRr]!.RR).toBeCloseTo(0.5, 12);
      expect(trace[2 * medOsRr]!.RR).toBeCloseTo(0.25, 12);
      expect(trace[1]!.RR).toBeCloseTo(2 ** (-1 / medOsRr), 12);
    }
  });

  it("alloSCT, background mortality off: deaths by 12 months = nrm1 without relapse and none after; without NRM, CR1 after 60 months = (1 − rel3)^(hrSct · 60/36)", () => {
    const noRelapse = diseaseOnly.run({ ...baseCase, rel3Adv: 0 }, { start: { SCT: 1 } }).strategies.ADV.trace;
    // Tolerance 1e-12: 12 products of a monthly survival probability.
    expect(noRelapse[12]!.Dead).toBeCloseTo(baseCase.nrm1, 12);
    expect(noRelapse[11]!.Dead).toBeLessThan(baseCase.nrm1);
    expect(noRelapse[480]!.Dead).toBe(noRelapse[12]!.Dead);
    const noNrm = diseaseOnly.run({ ...baseCase, nrm1: 0 }, { start: { SCT: 1 } }).strategies;
    for (const [risk, rel3] of [["FAV", baseCase.rel3Fav], ["INT", baseCase.rel3Int], ["ADV", baseCase.rel3Adv]] as const) {
      expect(noNrm[risk].trace[60]!.SCT / (1 - rel3) ** ((baseCase.hrSct * 60) / 36)).toBeCloseTo(1, 12);
    }
  });

  it("with background mortality (the base case) the floor only lowers CR1 survival, and the milestone alive5y (read by the calibration) is the trace's living share at 60 months", () => {
    const run = backEnd.run(baseCase, { start: { Chemo: 1 } });
    for (const risk of ["FAV", "INT", "ADV"] as const) {
      const strategy = run.strategies[risk];
      const rel3 = baseCase[risk === "FAV" ? "rel3Fav" : risk === "INT" ? "rel3Int" : "rel3Adv"];
      const row = strategy.trace[60]!;
      expect(row.Chemo).toBeLessThan((1 - rel3) ** (60 / 36));
      // Swedish 60–65-year-olds: five years of background mortality remove a few per cent, not more.
      expect(row.Chemo / (1 - rel3) ** (60 / 36)).toBeGreaterThan(0.95);
      // Tolerance 1e-12: the milestone sums the tunnel positions, the trace collapses them.
      expect(strategy.totals.alive5y).toBeCloseTo(row.SCT + row.Chemo + row.RR, 12);
    }
  });
});

describe("models/aml-myeloid-panel: external target (review §2.4 and §4.2.3)", () => {
  it("5-year OS by true ELN risk group, combined by hand from the back end, is within 0.05 of Boddu et al. (Cancer 2019): 57 % / 37 % / 18 %", () => {
    // NGS assigns the true risk, so a true-risk patient's 5-year OS is the induction and transplant
    // mixture of the back end's living share at 60 months (the milestone alive5y) by entry state.
    const q = baseCase;
    const groups: readonly (readonly [Risk, number, number, number])[] = [["FAV", 0.57, q.pCrFav, q.pSctFav], ["INT", 0.37, q.pCrInt, q.pSctInt], ["ADV", 0.18, q.pCrAdv, q.pSctAdv]];
    for (const [risk, target, pCr, pSct] of groups) {
      const alive = (state: "SCT" | "Chemo" | "RR") => entered(q, risk, state).alive5y!;
      const os5 = pCr * (pSct * alive("SCT") + (1 - pSct) * alive("Chemo")) + (1 - pCr) * alive("RR");
      // Tolerance 0.05 absolute: the review calibrated rel3 and pCR by hand to these targets; Boddu's
      // patients were younger than 60, the model's cohort starts at 60.
      // closeTo(target, 1) is |os5 − target| < 0.05.
      expect([risk, os5]).toEqual([risk, expect.closeTo(target, 1)]);
    }
  });
});

describe("models/aml-myeloid-panel: the tree and the ICER by hand", () => {
  const r = evaluateModel(model, baseCase);
  const p = baseCase;
  const pInt = 1 - p.pFav - p.pAdv;

  it("counts: alloSCT in CR1 = Σ_t p_t · pCR_t · pSCT(assigned); CR1 = Σ_t p_t · pCR_t; CONV detects pAdv · (1 − missAdv) adverse", () => {
    const cr1 = p.pFav * p.pCrFav + pInt * p.pCrInt + p.pAdv * p.pCrAdv;
    const sctNgs = p.pFav * p.pCrFav * p.pSctFav + pInt * p.pCrInt * p.pSctInt + p.pAdv * p.pCrAdv * p.pSctAdv;
    const sctConv =
      p.pFav * p.pCrFav * ((1 - p.missFav) * p.pSctFav + p.missFav * p.pSctInt) + pInt * p.pCrInt * p.pSctInt + p.pAdv * p.pCrAdv * ((1 - p.missAdv) * p.pSctAdv + p.missAdv * p.pSctInt);
    // Tolerance 1e-12: sums of a dozen products.
    expect(r.NGS.alloSctCr1).toBeCloseTo(sctNgs, 12);
    expect(r.CONV.alloSctCr1).toBeCloseTo(sctConv, 12);
    expect(r.NGS.cr1).toBeCloseTo(cr1, 12);
    expect(r.CONV.cr1).toBeCloseTo(cr1, 12);
    expect(r.CONV.detectedAdv).toBeCloseTo(p.pAdv * (1 - p.missAdv), 12);
    expect(r.NGS.detectedAdv).toBeCloseTo(p.pAdv, 12);
    // Relative change in alloSCT in CR1 (review §4.2.4), by hand: about +1.9 % in the base case.
    expect(sctNgs / sctConv - 1).toBeGreaterThan(0.01);
  });

  it("ΔQALY and Δcost by hand: only misclassified patients in CR1 differ, by the assigned transplant probability times the back end's SCT − Chemo difference", () => {
    const gain = (risk: Risk, outcome: string, oneOff: number) => entered(p, risk, "SCT")[outcome]! + oneOff - entered(p, risk, "Chemo")[outcome]!;
    const adv = p.pAdv * p.missAdv * p.pCrAdv * (p.pSctAdv - p.pSctInt);
    const fav = p.pFav * p.missFav * p.pCrFav * (p.pSctFav - p.pSctInt);
    const dQaly = adv * gain("ADV", "qaly", 0) + fav * gain("FAV", "qaly", 0);
    const dCost = p.cNgs - p.cConv + adv * gain("ADV", "cost", p.cSct - p.cCons) + fav * gain("FAV", "cost", p.cSct - p.cCons);
    // Tolerance 1e-12 QALY and 1e-6 SEK: differences of totals of about 5 QALYs and SEK 1.6 M.
    expect(r.NGS.qaly! - r.CONV.qaly!).toBeCloseTo(dQaly, 12);
    expect(Math.abs(r.NGS.cost! - r.CONV.cost! - dCost)).toBeLessThan(1e-6);
  });

  it("the ICER of the project run is (cost_NGS − cost_CONV) / (QALY_NGS − QALY_CONV) from the outcomes", async () => {
    const run = await runProject(project as unknown as ModelProject, { psa: 0, dsa: false, detail: false });
    const row = run.icerTable.find((x) => x.strategy === "NGS")!;
    const icer = (r.NGS.cost! - r.CONV.cost!) / (r.NGS.qaly! - r.CONV.qaly!);
    // Tolerance 1e-12 relative: the same quotient.
    expect(row.icer! / icer).toBeCloseTo(1, 12);
    // The README's base-case figures (regression, not validation: qaly's own output, `qaly run models/aml-myeloid-panel`).
    expect(Math.round(icer)).toBe(564_432);
  });
});

describe("models/aml-myeloid-panel: the subgroup labelled intermediate by CONV (review §4.2.4)", () => {
  it("is a conditioning: with the patients CONV labels favourable and adverse it recombines into the whole population (law of total expectation), every outcome of both strategies", () => {
    const p = baseCase;
    const condition = project.subgroups!["Labelled intermediate by CONV"]!.condition;
    // The other two CONV labels, written by hand: a favourable (adverse) label means true favourable (adverse) and detected.
    const labelledFav = { ...p, pFav: 1, pInt: 0, pAdv: 0, missFav: 0 };
    const labelledAdv = { ...p, pFav: 0, pInt: 0, pAdv: 1, missAdv: 0 };
    const weights = [p.pFav * p.missFav + (1 - p.pFav - p.pAdv) + p.pAdv * p.missAdv, p.pFav * (1 - p.missFav), p.pAdv * (1 - p.missAdv)];
    const parts = [condition(p), labelledFav, labelledAdv].map((q) => evaluateModel(model, q));
    const whole = evaluateModel(model, p);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    for (const strategy of model.strategies) {
      for (const outcome of model.outcomes) {
        const recombined = parts.reduce((sum, part, i) => sum + weights[i]! * part[strategy]![outcome]!, 0);
        // Tolerance 1e-12 relative: three weighted sums of the same tree's terms.
        expect([strategy, outcome, recombined]).toEqual([strategy, outcome, expect.closeTo(whole[strategy]![outcome]!, Math.max(0, 12 - Math.ceil(Math.log10(Math.abs(whole[strategy]![outcome]!) + 1))))]);
      }
    }
  });

  it("everyone in it is labelled intermediate by CONV (no favourable or adverse call) and the NGS panel re-assigns the missed ones", () => {
    const q = project.subgroups!["Labelled intermediate by CONV"]!.condition(baseCase);
    const r = evaluateModel(model, q);
    expect(r.CONV.detectedFav).toBe(0);
    expect(r.CONV.detectedAdv).toBe(0);
    const labelled = baseCase.pFav * baseCase.missFav + (1 - baseCase.pFav - baseCase.pAdv) + baseCase.pAdv * baseCase.missAdv;
    expect(r.NGS.detectedAdv).toBeCloseTo((baseCase.pAdv * baseCase.missAdv) / labelled, 14);
    expect(r.NGS.detectedFav).toBeCloseTo((baseCase.pFav * baseCase.missFav) / labelled, 14);
  });
});

