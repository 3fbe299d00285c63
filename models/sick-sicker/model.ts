// Sick-Sicker cohort model of Alarid-Escudero et al., MDM 2023;43(1):3-20 (time-independent
// version), with the published conventions: annual cycles from age 25 to 100, rates turned into
// probabilities, hazard ratios on the rate scale, rewards on all 76 trace rows, 3 %/3 % discounting
// from row 0 and DARTH's Simpson-1/3 weight vector.
import { applyHazardRatio, complement, markovCohort, rateToProbability } from "qaly";

/** Base-case parameters (paper Table 1; c_trtB is 13 000 as in the code and results, not the 12 000 printed). */
export const baseParameters = {
  rHS1: 0.15, // Healthy → Sick, per year
  rS1H: 0.5, // Sick → Healthy, per year
  rS1S2: 0.105, // Sick → Sicker, per year
  rHD: 0.002, // background mortality, per year
  hrS1: 3, // mortality hazard ratio, Sick vs Healthy
  hrS2: 10, // mortality hazard ratio, Sicker vs Healthy
  hrS1S2TrtB: 0.6, // treatment B on Sick → Sicker
  cH: 2000,
  cS1: 4000,
  cS2: 15000,
  cD: 0,
  cTrtA: 12000,
  cTrtB: 13000,
  uH: 1,
  uS1: 0.75,
  uS2: 0.5,
  uD: 0,
  uTrtA: 0.95,
};

export type SickSickerParameters = Readonly<Record<keyof typeof baseParameters, number>>;

const STRATEGIES = ["Standard of care", "Strategy A", "Strategy B", "Strategy AB"] as const;
type Strategy = (typeof STRATEGIES)[number];
const usesA = (strategy: Strategy): boolean => strategy === "Strategy A" || strategy === "Strategy AB";
const usesB = (strategy: Strategy): boolean => strategy === "Strategy B" || strategy === "Strategy AB";

export const sickSicker = markovCohort({
  title: "Sick-Sicker (Alarid-Escudero et al. 2023)",
  states: ["H", "S1", "S2", "D"],
  strategies: STRATEGIES,
  outcomes: { cost: "cost", qaly: "effect" },
  start: { H: 1 },
  cycleLength: 1,
  cycles: 75,
  startAge: 25,
  discountRate: { cost: 0.03, effect: 0.03 },
  cycleCorrection: "darth-simpson",
  discountTiming: "row",
  transitions: (p: SickSickerParameters, _time, strategy) => {
    const pHD = rateToProbability(p.rHD);
    // Mortality hazard ratios act on the rate (paper eq. for r_S1D, r_S2D).
    const pS1D = applyHazardRatio(pHD, p.hrS1);
    const pS2D = applyHazardRatio(pHD, p.hrS2);
    const pHS1 = rateToProbability(p.rHS1);
    const pS1H = rateToProbability(p.rS1H);
    const pS1S2 = applyHazardRatio(rateToProbability(p.rS1S2), usesB(strategy) ? p.hrS1S2TrtB : 1);
    return {
      // Death first, then the other events conditional on surviving (the paper's structure).
      H: { H: complement, S1: (1 - pHD) * pHS1, D: pHD },
      S1: { H: (1 - pS1D) * pS1H, S1: complement, S2: (1 - pS1D) * pS1S2, D: pS1D },
      S2: { S2: complement, D: pS2D },
      D: { D: 1 },
    };
  },
  values: (p: SickSickerParameters, _time, strategy) => {
    const treatment = (usesA(strategy) ? p.cTrtA : 0) + (usesB(strategy) ? p.cTrtB : 0);
    return {
      cost: { H: p.cH, S1: p.cS1 + treatment, S2: p.cS2 + treatment, D: p.cD },
      qaly: { H: p.uH, S1: usesA(strategy) ? p.uTrtA : p.uS1, S2: p.uS2, D: p.uD },
    };
  },
});
