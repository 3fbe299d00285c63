// HIV model of Chancellor et al. 1997 as worked in Briggs, Claxton & Sculpher 2006, Exercise 2.5,
// and as reproduced by the heemod R package (vignettes "Reproducing exact results from DMHEE" and
// "Homogeneous Markov models").
import { applyRelativeRisk, byCycle, complement, markovCohort } from "qaly";

/**
 * Base-case parameters of the DMHEE exercise: transition counts from the Chelsea and Westminster
 * cohort (A: 200<CD4<500, B: CD4<200, C: AIDS, D: death), the relative risk of progression under
 * combination therapy, annual costs (GBP) and the length of the lamivudine effect and cost.
 */
export const baseParameters = {
  nAA: 1251, nAB: 350, nAC: 116, nAD: 17,
  nBB: 731, nBC: 512, nBD: 15,
  nCC: 1312, nCD: 437,
  rrCombination: 0.509,
  cZidovudine: 2278,
  cLamivudine: 2086.5,
  cHealthA: 2756,
  cHealthB: 3052,
  cHealthC: 9007,
  treatmentYears: 2,
};

export type HivParameters = Readonly<Record<keyof typeof baseParameters, number>>;

const STATES = ["A", "B", "C", "D"] as const;
const STRATEGIES = ["Monotherapy", "Combination"] as const;

/** Per strategy, arrays reused from draw to draw (the engine reads them before the next call). */
const buffers = new Map<string, { transitions: Float64Array[]; drug: Float64Array }>();
function buffersOf(strategy: string, cycles: number): { transitions: Float64Array[]; drug: Float64Array } {
  let buffer = buffers.get(strategy);
  if (buffer === undefined || buffer.drug.length !== cycles + 1) {
    buffer = { transitions: Array.from({ length: 6 }, () => new Float64Array(cycles)), drug: new Float64Array(cycles + 1) };
    buffers.set(strategy, buffer);
  }
  return buffer;
}

/**
 * Exact DMHEE reproduction: 20 cycles, end-of-cycle counting, costs discounted 6 % from year 1, life
 * years undiscounted. Written in the vector form (every cycle at once, once per draw and strategy);
 * the numbers are those of the per-cycle callbacks it replaced, bit for bit
 * (test/models/markov/vector-form.test.ts).
 */
export const hivBriggs2006 = markovCohort({
  title: "HIV: zidovudine vs zidovudine + lamivudine (Briggs et al. 2006, Ex. 2.5)",
  states: STATES,
  strategies: STRATEGIES,
  outcomes: { costHealth: "cost", costDrug: "cost", lifeYears: "effect" },
  start: { A: 1 },
  cycleLength: 1,
  cycles: 20,
  discountRate: { cost: 0.06, effect: 0 },
  cycleCorrection: "none-end",
  discountTiming: "cycle-end",
  transitionArrays: (p: HivParameters, grid, strategy) => {
    const totalA = p.nAA + p.nAB + p.nAC + p.nAD;
    const totalB = p.nBB + p.nBC + p.nBD;
    const totalC = p.nCC + p.nCD;
    const rr = strategy === "Combination" ? p.rrCombination : 1;
    const buffer = buffersOf(strategy, grid.cycles);
    // The relative risk acts on the progression probabilities of the first `treatmentYears` cycles.
    const entry = (k: number, probability: number): number | ReturnType<typeof byCycle> => {
      const treated = applyRelativeRisk(probability, rr);
      const untreated = applyRelativeRisk(probability, 1);
      if (treated === untreated) return treated;
      const values = buffer.transitions[k]!;
      for (let i = 0; i < grid.cycles; i++) values[i] = grid.transitionCycle[i]! <= p.treatmentYears ? treated : untreated;
      return byCycle(values);
    };
    return {
      A: { A: complement, B: entry(0, p.nAB / totalA), C: entry(1, p.nAC / totalA), D: entry(2, p.nAD / totalA) },
      B: { B: complement, C: entry(3, p.nBC / totalB), D: entry(4, p.nBD / totalB) },
      C: { C: complement, D: entry(5, p.nCD / totalC) },
      D: { D: 1 },
    };
  },
  valueArrays: (p: HivParameters, grid, strategy) => {
    // End-of-cycle counting: trace row t stands for year t, so lamivudine is paid on rows 1 … treatmentYears.
    const treated = p.cZidovudine + (strategy === "Combination" ? p.cLamivudine : 0);
    const untreated = p.cZidovudine + 0;
    let drug: number | ReturnType<typeof byCycle> = untreated;
    if (treated !== untreated) {
      const values = buffersOf(strategy, grid.cycles).drug;
      for (let t = 0; t <= grid.cycles; t++) values[t] = grid.row[t]! <= p.treatmentYears ? treated : untreated;
      drug = byCycle(values);
    }
    return {
      costHealth: { A: p.cHealthA, B: p.cHealthB, C: p.cHealthC },
      costDrug: { A: drug, B: drug, C: drug },
      lifeYears: { A: 1, B: 1, C: 1 },
    };
  },
});

/** Parameters of heemod's simplified ("homogeneous") vignette: rounded probabilities, lamivudine 2086 for life. */
export const homogeneousParameters = {
  pAB: 0.202, pAC: 0.067, pAD: 0.01,
  pBC: 0.407, pBD: 0.012,
  pCD: 0.25,
  rrCombination: 0.509,
  cZidovudine: 2278,
  cLamivudine: 2086,
  cHealthA: 2756,
  cHealthB: 3052,
  cHealthC: 9007,
};

export type HivHomogeneousParameters = Readonly<Record<keyof typeof homogeneousParameters, number>>;

/** heemod's homogeneous variant: 50 cycles, life-table (half-cycle) counting, costs discounted 6 % with cycle 1 undiscounted. */
export const hivHomogeneous = markovCohort({
  title: "HIV, simplified homogeneous model (heemod vignette)",
  states: STATES,
  strategies: STRATEGIES,
  outcomes: { costHealth: "cost", costDrug: "cost", lifeYears: "effect" },
  start: { A: 1 },
  cycleLength: 1,
  cycles: 50,
  discountRate: { cost: 0.06, effect: 0 },
  cycleCorrection: "half-cycle",
  discountTiming: "cycle-start",
  transitions: (p: HivHomogeneousParameters, _time, strategy) => {
    const rr = strategy === "Combination" ? p.rrCombination : 1;
    return {
      A: { A: complement, B: applyRelativeRisk(p.pAB, rr), C: applyRelativeRisk(p.pAC, rr), D: applyRelativeRisk(p.pAD, rr) },
      B: { B: complement, C: applyRelativeRisk(p.pBC, rr), D: applyRelativeRisk(p.pBD, rr) },
      C: { C: complement, D: applyRelativeRisk(p.pCD, rr) },
      D: { D: 1 },
    };
  },
  values: (p: HivHomogeneousParameters, _time, strategy) => {
    const drug = p.cZidovudine + (strategy === "Combination" ? p.cLamivudine : 0);
    return {
      costHealth: { A: p.cHealthA, B: p.cHealthB, C: p.cHealthC },
      costDrug: { A: drug, B: drug, C: drug },
      lifeYears: { A: 1, B: 1, C: 1 },
    };
  },
});
