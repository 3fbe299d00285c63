// HIV model of Chancellor et al. 1997 as worked in Briggs, Claxton & Sculpher 2006, Exercise 2.5,
// and as reproduced by the heemod R package (vignettes "Reproducing exact results from DMHEE" and
// "Homogeneous Markov models").
import { applyRelativeRisk, byCycle, complement, markovCohort, type Markov } from "qaly";

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

type Entry = number | Markov.TimeArray;

// Read once: under tsx (benches and tests run the source) a call of an import from the package's barrel
// goes through getters every time, which cost about as much as the rest of transitionArrays (12 calls
// a draw; 0.7-1.2 us of its 1.4-1.9 us per draw, measured alone).
const relativeRisk = applyRelativeRisk;

/**
 * Per strategy, the buffers and the objects the vector-form functions return, made once and refilled
 * on every call (the engine reads them before the next call): a draw allocates nothing, and no
 * closure is made per call.
 */
interface StrategyArrays {
  readonly transitions: Float64Array[];
  readonly byCycle: Markov.TimeArray[];
  readonly drug: Float64Array;
  readonly drugByCycle: Markov.TimeArray;
  /** The six progression probabilities of the draw (A→B, A→C, A→D, B→C, B→D, C→D) and their entries. */
  readonly probability: Float64Array;
  readonly entries: Entry[];
  readonly rows: { A: { A: typeof complement; B: Entry; C: Entry; D: Entry }; B: { B: typeof complement; C: Entry; D: Entry }; C: { C: typeof complement; D: Entry }; D: { D: number } };
  readonly values: { costHealth: { A: number; B: number; C: number }; costDrug: { A: Entry; B: Entry; C: Entry }; lifeYears: { A: number; B: number; C: number } };
}

const arrays = new Map<string, StrategyArrays>();
function arraysOf(strategy: string, cycles: number): StrategyArrays {
  let made = arrays.get(strategy);
  if (made === undefined || made.drug.length !== cycles + 1) {
    const transitions = Array.from({ length: 6 }, () => new Float64Array(cycles));
    const drug = new Float64Array(cycles + 1);
    made = {
      transitions,
      byCycle: transitions.map((values) => byCycle(values)),
      drug,
      drugByCycle: byCycle(drug),
      probability: new Float64Array(6),
      entries: [0, 0, 0, 0, 0, 0],
      rows: { A: { A: complement, B: 0, C: 0, D: 0 }, B: { B: complement, C: 0, D: 0 }, C: { C: complement, D: 0 }, D: { D: 1 } },
      values: { costHealth: { A: 0, B: 0, C: 0 }, costDrug: { A: 0, B: 0, C: 0 }, lifeYears: { A: 1, B: 1, C: 1 } },
    };
    arrays.set(strategy, made);
  }
  return made;
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
    const made = arraysOf(strategy, grid.cycles);
    const probability = made.probability;
    probability[0] = p.nAB / totalA;
    probability[1] = p.nAC / totalA;
    probability[2] = p.nAD / totalA;
    probability[3] = p.nBC / totalB;
    probability[4] = p.nBD / totalB;
    probability[5] = p.nCD / totalC;
    // The relative risk acts on the progression probabilities of the first `treatmentYears` cycles:
    // probability k is a number when the risk changes nothing, else buffer k by cycle.
    const cycle = grid.transitionCycle;
    const years = p.treatmentYears;
    const entries = made.entries;
    for (let k = 0; k < 6; k++) {
      const treated = relativeRisk(probability[k]!, rr);
      const untreated = relativeRisk(probability[k]!, 1);
      if (treated === untreated) entries[k] = treated;
      else {
        const values = made.transitions[k]!;
        for (let i = 0; i < values.length; i++) values[i] = cycle[i]! <= years ? treated : untreated;
        entries[k] = made.byCycle[k]!;
      }
    }
    const { A, B, C } = made.rows;
    A.B = entries[0]!;
    A.C = entries[1]!;
    A.D = entries[2]!;
    B.C = entries[3]!;
    B.D = entries[4]!;
    C.D = entries[5]!;
    return made.rows;
  },
  valueArrays: (p: HivParameters, grid, strategy) => {
    // End-of-cycle counting: trace row t stands for year t, so lamivudine is paid on rows 1 … treatmentYears.
    const treated = p.cZidovudine + (strategy === "Combination" ? p.cLamivudine : 0);
    const untreated = p.cZidovudine + 0;
    const made = arraysOf(strategy, grid.cycles);
    let drug: Entry = untreated;
    if (treated !== untreated) {
      const values = made.drug;
      for (let t = 0; t <= grid.cycles; t++) values[t] = grid.row[t]! <= p.treatmentYears ? treated : untreated;
      drug = made.drugByCycle;
    }
    const { costHealth, costDrug } = made.values;
    costHealth.A = p.cHealthA;
    costHealth.B = p.cHealthB;
    costHealth.C = p.cHealthC;
    costDrug.A = drug;
    costDrug.B = drug;
    costDrug.C = drug;
    return made.values;
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
