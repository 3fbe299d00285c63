// Briggs HIV (Chancellor et al. 1997; Briggs, Claxton & Sculpher 2006, Ex. 2.5) in the vector form,
// beside models/hiv-briggs-2006/model.ts (the callback form): the same arithmetic per entry.
import { applyRelativeRisk, byCycle, complement, markovCohort } from "../../../src/index.js";
import type { HivParameters } from "../../../models/hiv-briggs-2006/model.js";

export const hivVector = markovCohort({
  title: "HIV, vector form",
  states: ["A", "B", "C", "D"],
  strategies: ["Monotherapy", "Combination"],
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
    const probabilities = [p.nAB / totalA, p.nAC / totalA, p.nAD / totalA, p.nBC / totalB, p.nBD / totalB, p.nCD / totalC];
    const [AB, AC, AD, BC, BD, CD] = probabilities.map((probability) => {
      if (strategy !== "Combination") return probability;
      // The relative risk acts on the first `treatmentYears` cycles only.
      const byCycleValues = new Float64Array(grid.cycles);
      for (let i = 0; i < grid.cycles; i++) byCycleValues[i] = applyRelativeRisk(probability, grid.transitionCycle[i]! <= p.treatmentYears ? p.rrCombination : 1);
      return byCycle(byCycleValues);
    }) as [number, number, number, number, number, number];
    return {
      A: { A: complement, B: AB, C: AC, D: AD },
      B: { B: complement, C: BC, D: BD },
      C: { C: complement, D: CD },
      D: { D: 1 },
    };
  },
  valueArrays: (p: HivParameters, grid, strategy) => {
    let drug: number | ReturnType<typeof byCycle> = p.cZidovudine;
    if (strategy === "Combination") {
      const values = new Float64Array(grid.cycles + 1);
      for (let t = 0; t <= grid.cycles; t++) values[t] = p.cZidovudine + (grid.row[t]! <= p.treatmentYears ? p.cLamivudine : 0);
      drug = byCycle(values);
    }
    return {
      costHealth: { A: p.cHealthA, B: p.cHealthB, C: p.cHealthC },
      costDrug: { A: drug, B: drug, C: drug },
      lifeYears: { A: 1, B: 1, C: 1 },
    };
  },
});
