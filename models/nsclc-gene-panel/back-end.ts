// The back end of the NSCLC gene-panel model (review §4.1.3): one partitioned survival model whose
// strategies are the treatment arms. Three states (PF, PD, Dead); PFS and OS exponential from their
// medians (λ = ln 2 / median, months); PF = min(PFS, OS) (the engine clamps crossing curves); both
// hazards floored by Swedish general-population mortality; monthly cycles to age 100; half-cycle
// correction with mid-cycle discounting (review §0.2 and §4).
import { exponentialFromMedian, lifeTable, partitionedSurvival, type Model } from "qaly";
import { swedenLifeTable2019 } from "../data/sweden-life-table-2019.js";
import { ARMS, type Arm } from "./categories.js";
import type { NsclcParameters } from "./parameters.js";

type P = NsclcParameters;

/**
 * λ = ln 2 / median (the rate of exponentialFromMedian(median), the same division), a median that is
 * not a finite number > 0 failing with exponentialFromMedian's own error.
 */
function medianRate(median: number): number {
  if (!(median > 0 && median !== Infinity)) exponentialFromMedian(median);
  return Math.LN2 / median;
}

/** Options of {@link treatmentArms}: structural settings fixed when the model is built. */
export interface TreatmentArmsOptions {
  /** Annual discount rate of costs and QALYs (default 0.03, TLV). */
  readonly discountRate?: number;
  /** Age at diagnosis (default 69). */
  readonly startAge?: number;
  /** Proportion of women at diagnosis (default 0.528). */
  readonly pFemale?: number;
  /**
   * Floor of the hazards by Swedish general-population mortality (HMD 2019): `"cycle"` (default:
   * each monthly cycle's hazard raised to the population's over that month), `"exact"` (pointwise
   * maximum of the hazards, about 100× slower under PSA) or `"none"`.
   */
  readonly backgroundMortality?: "cycle" | "exact" | "none";
  /** Horizon in years (default: to age 100). */
  readonly horizonYears?: number;
}

/** The median PFS and OS parameters of each arm. */
const MEDIANS: Readonly<Record<Arm, readonly [keyof P, keyof P]>> = {
  EGFR: ["mPfsEgfr", "mOsEgfr"],
  ALK: ["mPfsAlk", "mOsAlk"],
  ROS1: ["mPfsRos1", "mOsRos1"],
  BRAF: ["mPfsBraf", "mOsBraf"],
  MET: ["mPfsMet", "mOsMet"],
  RET: ["mPfsRet", "mOsRet"],
  NTRK: ["mPfsNtrk", "mOsNtrk"],
  CHEMO_IO: ["mPfsChemoIo", "mOsChemoIo"],
  MISSED: ["mPfsMissed", "mOsMissed"],
};

/** Monthly first-line drug cost while progression-free, without the capped pembrolizumab. */
function monthlyDrugCost(p: P, arm: Arm): number {
  switch (arm) {
    case "EGFR":
      return p.cOsimertinib;
    case "ALK":
      return p.cAlectinib;
    case "ROS1":
      return p.cCrizotinib;
    case "BRAF":
      return p.cDabrafenibTrametinib;
    case "MET":
      return p.cCapmatinibTepotinib;
    case "RET":
      return p.cSelpercatinib;
    case "NTRK":
      return p.cLarotrectinib;
    case "CHEMO_IO":
    case "MISSED":
      return p.cChemo;
  }
}

/** Arms given pembrolizumab + platinum–pemetrexed in first line. */
const usesPembrolizumab = (arm: Arm): boolean => arm === "CHEMO_IO" || arm === "MISSED";

/** Months per year: the review's month is 30.4375 days, 1/12 of a year. */
const MONTHS_PER_YEAR = 12;
// Arms without a capped drug: typed, so that the two branches of cappedValues do not widen to
// `{ pembrolizumab?: undefined }` for a user without exactOptionalPropertyTypes.
const NO_CAPPED_VALUES: Readonly<Record<string, never>> = {};

/**
 * The treatment arms as one partitioned survival model (strategies = arms). Outcomes: `costDrug`,
 * `costCare` (monitoring while progression-free, post-progression care), `costEndOfLife` (one-off
 * at death), `qaly`, `lifeYears`, their sum `cost`, and the undiscounted twins.
 */
export function treatmentArms(options: TreatmentArmsOptions = {}): Model<P, Arm> {
  const startAge = options.startAge ?? 69;
  const pFemale = options.pFemale ?? 0.528;
  const discountRate = options.discountRate ?? 0.03;
  const horizon = options.horizonYears ?? 100 - startAge;
  const cycles = Math.round(horizon * MONTHS_PER_YEAR);
  const mode = options.backgroundMortality ?? "cycle";
  const sexMix = { female: pFemale, male: 1 - pFemale };
  const sweden = lifeTable(swedenLifeTable2019);
  // The engine reads each returned record as soon as it gets it and keeps none, so each function
  // fills one record of its own (per model) instead of building new ones per arm and draw: the PSA
  // calls them 9 times a draw, and the garbage of fresh records was about a fifth of its allocations.
  // The curves as their definitions: the engine reads only the rates (no curve objects per arm and
  // draw) and builds the curves exponentialFromMedian would give when run() asks for them.
  const pfs = { kind: "exponential" as const, rate: 1 };
  const os = { kind: "exponential" as const, rate: 1 };
  const curves = { PFS: pfs, OS: os };
  const pf = { PF: 0 };
  const care = { PF: 0, PD: 0 };
  const qaly = { PF: 0, PD: 0 };
  const values = { costDrug: pf, costCare: care, qaly, lifeYears: { PF: 1, PD: 1 } };
  const endOfLife = { Dead: 0 };
  const entryValues = { costEndOfLife: endOfLife };
  const pembrolizumab = { outcome: "costDrug" as const, states: "PF" as const, perYear: 0, maxDuration: 0 };
  const capped = { pembrolizumab };
  return partitionedSurvival<P, Arm, "costDrug" | "costCare" | "costEndOfLife" | "qaly" | "lifeYears">({
    title: "NSCLC first-line treatment arms (partitioned survival)",
    strategies: ARMS,
    outcomes: { costDrug: "cost", costCare: "cost", costEndOfLife: "cost", qaly: "effect", lifeYears: "effect" },
    curves: (p, arm) => {
      const medians = MEDIANS[arm];
      // λ = ln 2 / median, in months.
      pfs.rate = medianRate(p[medians[0]]);
      os.rate = medianRate(p[medians[1]]);
      return curves;
    },
    timeUnit: "months",
    cycleLength: 1 / MONTHS_PER_YEAR,
    cycles,
    startAge,
    ...(mode === "none" ? {} : { backgroundMortality: { lifeTable: sweden, sexMix, method: mode } }),
    values: (p, _time, arm) => {
      pf.PF = MONTHS_PER_YEAR * monthlyDrugCost(p, arm);
      care.PF = MONTHS_PER_YEAR * p.cMonitoringPf;
      care.PD = MONTHS_PER_YEAR * p.cProgressed;
      qaly.PF = p.uPf;
      qaly.PD = p.uPd;
      return values;
    },
    entryValues: (p) => {
      endOfLife.Dead = p.cEndOfLife;
      return entryValues;
    },
    cappedValues: (p, arm) => {
      if (!usesPembrolizumab(arm)) return NO_CAPPED_VALUES;
      pembrolizumab.perYear = MONTHS_PER_YEAR * p.cPembrolizumab;
      pembrolizumab.maxDuration = p.pembrolizumabMaxMonths / MONTHS_PER_YEAR;
      return capped;
    },
    discountRate: { cost: discountRate, effect: discountRate },
    cycleCorrection: "half-cycle",
    discountTiming: "cycle-middle",
  });
}
