// Briggs HIV (Chancellor et al. 1997; Briggs, Claxton & Sculpher 2006, Ex. 2.5) in the callback form
// (transitions and values called per cycle), as models/hiv-briggs-2006/model.ts was written before it
// took the vector form: the two must give bit-identical results (vector-form.test.ts), and the bench
// times both.
import { applyRelativeRisk, complement, markovCohort } from "../../../src/index.js";
import type { HivParameters } from "../../../models/hiv-briggs-2006/model.js";

const STATES = ["A", "B", "C", "D"] as const;
const STRATEGIES = ["Monotherapy", "Combination"] as const;

/** Exact DMHEE reproduction: 20 annual cycles, end-of-cycle counting, costs discounted 6 % from year 1, life years undiscounted. */
export const hivCallback = markovCohort({
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
  transitions: (p: HivParameters, time, strategy) => {
    const totalA = p.nAA + p.nAB + p.nAC + p.nAD;
    const totalB = p.nBB + p.nBC + p.nBD;
    const totalC = p.nCC + p.nCD;
    // The relative risk acts on the progression probabilities of the first `treatmentYears` cycles.
    const rr = strategy === "Combination" && time.cycle <= p.treatmentYears ? p.rrCombination : 1;
    return {
      A: { A: complement, B: applyRelativeRisk(p.nAB / totalA, rr), C: applyRelativeRisk(p.nAC / totalA, rr), D: applyRelativeRisk(p.nAD / totalA, rr) },
      B: { B: complement, C: applyRelativeRisk(p.nBC / totalB, rr), D: applyRelativeRisk(p.nBD / totalB, rr) },
      C: { C: complement, D: applyRelativeRisk(p.nCD / totalC, rr) },
      D: { D: 1 },
    };
  },
  values: (p: HivParameters, time, strategy) => {
    // End-of-cycle counting: trace row t stands for year t, so lamivudine is paid on rows 1 … treatmentYears.
    const drug = p.cZidovudine + (strategy === "Combination" && time.cycle <= p.treatmentYears ? p.cLamivudine : 0);
    return {
      costHealth: { A: p.cHealthA, B: p.cHealthB, C: p.cHealthC },
      costDrug: { A: drug, B: drug, C: drug },
      lifeYears: { A: 1, B: 1, C: 1 },
    };
  },
});
