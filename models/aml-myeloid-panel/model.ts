// The AML model for Sweden (review §4.2) in TypeScript: the testing front end (true ELN risk → risk
// assigned by CONV or the NGS panel) as a testing pathway compiled by testingTree; per arm the
// induction and consolidation subtree (CR1 or refractory by TRUE risk, alloSCT in CR1 with the
// probability of the ASSIGNED risk, else chemotherapy consolidation); at its leaves a monthly
// Markov back end whose strategies are the true risk groups. model.yaml is its twin: every
// expression below performs the file's floating-point operations in the file's order.
import {
  applyHazardRatio,
  byStateTime,
  chance,
  complement,
  lifeTable,
  markovCohort,
  panel,
  probabilityFromCumulativeIncidence,
  probabilityFromMedian,
  subtree,
  terminal,
  testingPathway,
  testingTree,
  type MarkovCohortModel,
  type Model,
  type TestingTree,
  type Tree,
} from "qaly";
import { swedenLifeTable2019 } from "../data/sweden-life-table-2019.js";
import type { AmlParameters } from "./parameters.js";

type P = AmlParameters;

/** The testing strategies compared (review §4.2.1). */
export const STRATEGIES = ["CONV", "NGS"] as const;
/** A testing strategy. */
export type Strategy = (typeof STRATEGIES)[number];

/** The back end's strategies: the TRUE ELN risk groups (they differ only in the relapse hazard). */
export const RISKS = ["FAV", "INT", "ADV"] as const;
/** A true ELN risk group. */
export type Risk = (typeof RISKS)[number];

/** The 3-year cumulative relapse after chemotherapy consolidation of each true risk group. */
const REL3: Readonly<Record<Risk, "rel3Fav" | "rel3Int" | "rel3Adv">> = { FAV: "rel3Fav", INT: "rel3Int", ADV: "rel3Adv" };

/** One month in years. */
const MONTH = 1 / 12;

/** The back end's states: the months in CR1 as tunnels of 61 monthly positions (the last is cure). */
type States = readonly [{ name: "SCT"; tunnel: 61 }, { name: "Chemo"; tunnel: 61 }, "RR", "Dead"];
/** A state of the back end (tunnels collapsed). */
export type BackEndState = "SCT" | "Chemo" | "RR" | "Dead";
/** The back end's declared outcomes (`cost` is the sum of the two cost outcomes). */
export type BackEndOutcome = "costFollowUp" | "costRelapse" | "qaly" | "lifeYears" | "relapsesCr1";

/** Options of {@link buildBackEnd}: structural settings fixed when the model is built. */
export interface BackEndOptions {
  /** Floor the death probabilities by Swedish background mortality (HMD 2019, 45 % women; default true). */
  readonly backgroundMortality?: boolean;
  /** Monthly cycles (default 480: age 60 to 100). */
  readonly cycles?: number;
}

/**
 * The monthly Markov back end (review §4.2.2), entered from the tree's leaves in SCT (alloSCT in
 * CR1), Chemo (chemotherapy consolidation in CR1) or RR (refractory to induction). The tunnel
 * position is the month in CR1: SCT positions 0–11 are the first 12 months after alloSCT (non-relapse
 * mortality, transplant utility), Chemo positions 0–5 the months of consolidation, and position 60
 * (which absorbs longer stays) is cure. Written with months in state rather than the cycle, rows and
 * values do not depend on time and are evaluated once per draw, in the vector form (all 61 months at once). Relapse: a constant monthly
 * probability from the 3-year cumulative relapse, multiplied in hazard by `hrSct` after alloSCT, 0
 * from `cureMonths` (structural, at most 60) in CR1. Milestone `alive5y`: alive 5 years after entry. R/R: exponential death from the median. Swedish background
 * mortality (HMD 2019, 45 % women) floors every living state's death probability.
 */
export function buildBackEnd(options: BackEndOptions = {}): MarkovCohortModel<P, BackEndState, Risk, BackEndOutcome> {
  const background = options.backgroundMortality ?? true;
  // The vector form: every month in CR1 at once, once per draw and risk group. The engine reads the
  // arrays before the next call, so one set of buffers (and entries around them) is refilled.
  const positions = 61;
  const buffers = Array.from({ length: 7 }, () => new Float64Array(positions));
  const [sctDead, sctRelapse, chemoRelapse, qalySct, qalyChemo, followUpSct, followUpChemo] = buffers as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const [sctDeadEntry, sctRelapseEntry, chemoRelapseEntry, qalySctEntry, qalyChemoEntry, followUpSctEntry, followUpChemoEntry] = buffers.map((values) => byStateTime(values));
  return markovCohort<P, States, Risk, BackEndOutcome>({
    title: "AML after induction (monthly Markov cohort)",
    states: [{ name: "SCT", tunnel: 61 }, { name: "Chemo", tunnel: 61 }, "RR", "Dead"],
    strategies: RISKS,
    outcomes: { costFollowUp: "cost", costRelapse: "cost", qaly: "effect", lifeYears: "effect", relapsesCr1: "effect" },
    milestones: { alive5y: { states: ["SCT", "Chemo", "RR"], time: 5 } },
    start: { Chemo: 1 },
    cycleLength: MONTH,
    cycles: options.cycles ?? 480,
    startAge: 60,
    ...(background ? { backgroundMortality: { lifeTable: lifeTable(swedenLifeTable2019), sexMix: { female: 0.45, male: 0.55 }, deathState: "Dead" as const } } : {}),
    discountRate: { cost: 0.03, effect: 0.03 },
    cycleCorrection: "half-cycle",
    transitionArrays: (p, _grid, risk) => {
      const rel3 = p[REL3[risk]];
      const pRelChemo = probabilityFromCumulativeIncidence(rel3, 3, MONTH);
      const pRelSct = applyHazardRatio(probabilityFromCumulativeIncidence(rel3, 3, MONTH), p.hrSct);
      const pNrm = probabilityFromCumulativeIncidence(p.nrm1, 1, MONTH);
      const pDieRr = probabilityFromMedian(p.medOsRr / 12, MONTH);
      for (let month = 0; month < positions; month++) {
        const relapsing = month < p.cureMonths;
        sctDead[month] = month < 12 ? pNrm : 0;
        sctRelapse[month] = relapsing ? pRelSct : 0;
        chemoRelapse[month] = relapsing ? pRelChemo : 0;
      }
      return {
        SCT: { Dead: sctDeadEntry!, RR: sctRelapseEntry!, SCT: complement },
        Chemo: { RR: chemoRelapseEntry!, Chemo: complement },
        RR: { Dead: pDieRr, RR: complement },
        Dead: { Dead: 1 },
      };
    },
    // Per year: monthly costs × 12. Follow-up only in CR1 off treatment, for the first cureMonths.
    valueArrays: (p) => {
      for (let month = 0; month < positions; month++) {
        const afterTransplantYear = month >= 12;
        const offTreatment = month >= 6;
        const followUp = month < p.cureMonths;
        qalySct[month] = afterTransplantYear ? p.uSctLt : p.uSct1;
        qalyChemo[month] = offTreatment ? p.uCr : p.uCons;
        followUpSct[month] = afterTransplantYear && followUp ? 12 * p.cFu : 0;
        followUpChemo[month] = offTreatment && followUp ? 12 * p.cFu : 0;
      }
      return {
        qaly: { SCT: qalySctEntry!, Chemo: qalyChemoEntry!, RR: p.uRr },
        lifeYears: { SCT: 1, Chemo: 1, RR: 1 },
        costFollowUp: { SCT: followUpSctEntry!, Chemo: followUpChemoEntry! },
        costRelapse: { RR: 12 * p.cRrMonth },
      };
    },
    // One-off: salvage at relapse from CR1, and the count of CR1 relapses.
    transitionValues: (p) => ({ costRelapse: { SCT: { RR: p.cRr0 }, Chemo: { RR: p.cRr0 } }, relapsesCr1: { SCT: { RR: 1 }, Chemo: { RR: 1 } } }),
    // Refractory to induction: salvage at entry.
    startingValues: (p) => ({ costRelapse: { RR: p.cRr0 } }),
  });
}

/** The base-case back end: Swedish background mortality, 480 monthly cycles. */
export const backEnd: MarkovCohortModel<P, BackEndState, Risk, BackEndOutcome> = buildBackEnd();

/** Bindings of an induction subtree: the alloSCT probability of the ASSIGNED risk. */
interface InductionBindings {
  /** P(alloSCT in CR1 | assigned risk). */
  readonly pSct: Tree.Value<P>;
}

/**
 * The induction and consolidation subtree of one TRUE risk group: CR1 (then alloSCT with the
 * assigned risk's probability, else chemotherapy consolidation) or refractory. Induction cost on both
 * branches; alloSCT and consolidation costs one-off in the tree; counts `cr1` and `alloSctCr1`.
 */
function induction(arms: Model<P, Risk>, name: string, title: string, risk: Risk, pCr: (p: P) => number): (bindings: InductionBindings) => Tree.Node<P> {
  const cInd = (p: P): number => p.cInd;
  return subtree(name, (b: InductionBindings) =>
    chance<P>(title, [
      {
        label: "CR1",
        probability: pCr,
        payoffs: { costInduction: cInd },
        counts: { cr1: 1 },
        next: chance<P>([
          { label: "alloSCT in CR1", probability: b.pSct, payoffs: { costTransplant: (p) => p.cSct }, counts: { alloSctCr1: 1 }, next: terminal(arms, { strategy: risk, start: { SCT: 1 } }) },
          { label: "Chemotherapy consolidation", probability: complement, payoffs: { costConsolidation: (p) => p.cCons }, next: terminal(arms, { strategy: risk, start: { Chemo: 1 } }) },
        ]),
      },
      { label: "Refractory", probability: complement, payoffs: { costInduction: cInd }, next: terminal(arms, { strategy: risk, start: { RR: 1 } }) },
    ]),
  );
}

/**
 * The testing front end (review §4.2.1–2) as a testing pathway (docs/testing-pathways.md). A
 * favourable or adverse call is a detection; a patient with no such call is labelled intermediate.
 * CONV misses mutation-only adverse (`missAdv`) and CEBPA-bZIP favourable (`missFav`) patients; the
 * NGS panel assigns the true risk. Every call is acted on (pTreat 1). Arms are named TRUE_ASSIGNED.
 */
export const amlPathway = testingPathway({
  categories: {
    FAV: { prevalence: (p: P) => p.pFav, arm: "FAV_FAV", missedArm: "FAV_INT" },
    ADV: { prevalence: (p) => p.pAdv, arm: "ADV_ADV", missedArm: "ADV_INT" },
    INT: { prevalence: complement },
  },
  tests: {
    conv: { sensitivity: { FAV: (p) => 1 - p.missFav, ADV: (p) => 1 - p.missAdv }, cost: (p) => p.cConv },
    ngs: { sensitivity: { FAV: 1, ADV: 1 }, cost: (p) => p.cNgs },
  },
  strategies: { CONV: panel("conv"), NGS: panel("ngs") },
  treatment: { pTreat: 1, defaultArm: "INT_INT", missedArm: "INT_INT" },
});

/** The title of the model. */
export const AML_TITLE = "Myeloid NGS panel vs conventional molecular testing in AML (Sweden)";

/**
 * Builds the model: strategies CONV and NGS; outcomes `cost`, `qaly`, `lifeYears`, the cost parts
 * (`costTesting`, `costInduction`, `costTransplant`, `costConsolidation`, `costFollowUp`,
 * `costRelapse`), `relapsesCr1`, `alive5y`, undiscounted twins, the pathway's counts
 * (`detectedFav`, `detectedAdv`, …) and the counts `cr1`, `alloSctCr1`.
 *
 * @param arms - the back end whose strategies are the true risk groups (default: {@link backEnd})
 */
export function buildAmlModel(arms: Model<P, Risk> = backEnd): TestingTree<P, Strategy> {
  const inductionFav = induction(arms, "inductionFav", "Induction (true favourable)", "FAV", (p) => p.pCrFav);
  const inductionInt = induction(arms, "inductionInt", "Induction (true intermediate)", "INT", (p) => p.pCrInt);
  const inductionAdv = induction(arms, "inductionAdv", "Induction (true adverse)", "ADV", (p) => p.pCrAdv);
  return testingTree(amlPathway, {
    title: AML_TITLE,
    arms: {
      FAV_FAV: inductionFav({ pSct: (p) => p.pSctFav }),
      FAV_INT: inductionFav({ pSct: (p) => p.pSctInt }),
      INT_INT: inductionInt({ pSct: (p) => p.pSctInt }),
      ADV_ADV: inductionAdv({ pSct: (p) => p.pSctAdv }),
      ADV_INT: inductionAdv({ pSct: (p) => p.pSctInt }),
    },
  });
}

/** The base-case model (the project's). */
export const amlMyeloidPanel: TestingTree<P, Strategy> = buildAmlModel();
