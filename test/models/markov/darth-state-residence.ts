// DARTH's Sick-Sicker with state residence (Iskandar, Alarid-Escudero et al., time-dependent cohort
// tutorial, MDM 2023), written in both forms of the Markov engine: Sick (S1) is a 75-position tunnel
// whose progression follows a Weibull hazard of the years spent in it, mortality depends on age,
// 4 strategies × 75 annual cycles. A Gompertz hazard stands in for the US life table. Shared by the
// vector-form tests and test/bench/markov.ts.
import { applyHazardRatio, byCycle, byCycleAndStateTime, complement, markovCohort, rateToProbability } from "../../../src/index.js";
import type { CycleGrid } from "../../../src/models/markov/index.js";

export const darthBase = { rHS1: 0.15, rS1H: 0.5, hrS1: 3, hrS2: 10, scale: 0.08, shape: 1.1, hrB: 0.6, cH: 2000, cS1: 4000, cS2: 15000, cA: 12000, cB: 13000, uH: 1, uS1: 0.75, uS2: 0.5, uA: 0.95, g0: 0.0001, g1: 0.085 };
export type DarthParameters = Readonly<Record<keyof typeof darthBase, number>>;
const usesA = (s: string): boolean => s === "A" || s === "AB";
const usesB = (s: string): boolean => s === "B" || s === "AB";

const shared = {
  states: ["H", { name: "S1", tunnel: 75 }, "S2", "D"],
  strategies: ["SoC", "A", "B", "AB"],
  outcomes: { cost: "cost", qaly: "effect" },
  start: { H: 1 },
  cycles: 75,
  startAge: 25,
  cycleCorrection: "darth-simpson",
} as const;

function values(p: DarthParameters, strategy: string) {
  const treatment = (usesA(strategy) ? p.cA : 0) + (usesB(strategy) ? p.cB : 0);
  return { cost: { H: p.cH, S1: p.cS1 + treatment, S2: p.cS2 + treatment }, qaly: { H: p.uH, S1: usesA(strategy) ? p.uA : p.uS1, S2: p.uS2 } };
}

/** The callback form: the transitions function is called per cycle and per tunnel position. */
export const darthCallback = markovCohort({
  ...shared,
  transitions: (p: DarthParameters, time, strategy) => {
    const rHD = p.g0 * Math.exp(p.g1 * time.age);
    const pHD = rateToProbability(rHD);
    const pS1D = rateToProbability(rHD * p.hrS1);
    const k = time.stateTime;
    const pS1S2 = applyHazardRatio(rateToProbability(p.scale ** p.shape * ((k + 1) ** p.shape - k ** p.shape)), usesB(strategy) ? p.hrB : 1);
    return {
      H: { H: complement, S1: (1 - pHD) * rateToProbability(p.rHS1), D: pHD },
      S1: { H: (1 - pS1D) * rateToProbability(p.rS1H), S1: complement, S2: (1 - pS1D) * pS1S2, D: pS1D },
      S2: { S2: complement, D: rateToProbability(rHD * p.hrS2) },
      D: { D: 1 },
    };
  },
  values: (p: DarthParameters, _time, strategy) => values(p, strategy),
});

/** The vector form: the same arithmetic, every cycle and state time at once (bit-identical results). */
export const darthVector = markovCohort({
  ...shared,
  transitionArrays: darthTransitionArrays,
  valueArrays: (p: DarthParameters, _grid, strategy) => values(p, strategy),
});

/**
 * Buffers of the vector form's arrays, one set per strategy, reused from call to call: the engine
 * reads the arrays before it calls the function again (allocating 45 KB of typed arrays per call
 * costs more than filling them).
 */
const buffers = new Map<string, { pHD: Float64Array; pS1D: Float64Array; pHS1: Float64Array; pS1H: Float64Array; pS2D: Float64Array; pS1S2: Float64Array; progression: Float64Array }>();

/** The vector form's transitions: every cycle and state time at once. */
export function darthTransitionArrays(p: DarthParameters, grid: CycleGrid, strategy: string) {
  const cycles = grid.cycles;
  const tunnel = grid.tunnelLength("S1");
  const age = grid.transitionAge;
  let buffer = buffers.get(strategy);
  if (buffer === undefined || buffer.pS1S2.length !== cycles * tunnel) {
    buffer = { pHD: new Float64Array(cycles), pS1D: new Float64Array(cycles), pHS1: new Float64Array(cycles), pS1H: new Float64Array(cycles), pS2D: new Float64Array(cycles), pS1S2: new Float64Array(cycles * tunnel), progression: new Float64Array(tunnel) };
    buffers.set(strategy, buffer);
  }
  const { pHD, pS1D, pHS1, pS1H, pS2D, pS1S2, progression } = buffer;
  const hr = usesB(strategy) ? p.hrB : 1;
  // Weibull cumulative hazard at k and k + 1 years in S1; pow(k + 1, shape) is the next k's pow(k, shape), computed once (the same number).
  const scale = p.scale ** p.shape;
  let before = 0 ** p.shape;
  for (let k = 0; k < tunnel; k++) {
    const after = (k + 1) ** p.shape;
    progression[k] = applyHazardRatio(rateToProbability(scale * (after - before)), hr);
    before = after;
  }
  for (let i = 0; i < cycles; i++) {
    const rHD = p.g0 * Math.exp(p.g1 * age[i]!);
    pHD[i] = rateToProbability(rHD);
    const death = rateToProbability(rHD * p.hrS1);
    pS1D[i] = death;
    pHS1[i] = (1 - pHD[i]!) * rateToProbability(p.rHS1);
    pS1H[i] = (1 - death) * rateToProbability(p.rS1H);
    pS2D[i] = rateToProbability(rHD * p.hrS2);
    for (let k = 0; k < tunnel; k++) pS1S2[i * tunnel + k] = (1 - death) * progression[k]!;
  }
  return {
    H: { H: complement, S1: byCycle(pHS1), D: byCycle(pHD) },
    S1: { H: byCycle(pS1H), S1: complement, S2: byCycleAndStateTime(pS1S2), D: byCycle(pS1D) },
    S2: { S2: complement, D: byCycle(pS2D) },
    D: { D: 1 },
  };
}
