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
 * The vector form's arrays and the rows object that returns them, made once per hazard ratio of S1 →
 * S2 (without B: SoC and A; with B: B and AB, whose transitions are the same) and refilled only
 * when an input they depend on changes: the engine reads a result before it calls the function
 * again, so the second strategy of a pair gets the first one's arrays without a pass over its
 * 5 625 entries, and no typed array is made per draw.
 */
interface TransitionBuffers {
  /** The inputs the arrays were filled for: rHS1, rS1H, hrS1, hrS2, scale, shape, g0, g1, the hazard ratio, then the ages (NaN: never filled). */
  readonly inputs: Float64Array;
  readonly pHD: Float64Array;
  readonly pS1D: Float64Array;
  readonly pHS1: Float64Array;
  readonly pS1H: Float64Array;
  readonly pS2D: Float64Array;
  readonly pS1S2: Float64Array;
  readonly progression: Float64Array;
  readonly rows: ReturnType<typeof transitionRows>;
}

const buffers: (TransitionBuffers | undefined)[] = [undefined, undefined];

function transitionRows(b: Omit<TransitionBuffers, "rows" | "inputs">) {
  return {
    H: { H: complement, S1: byCycle(b.pHS1), D: byCycle(b.pHD) },
    S1: { H: byCycle(b.pS1H), S1: complement, S2: byCycleAndStateTime(b.pS1S2), D: byCycle(b.pS1D) },
    S2: { S2: complement, D: byCycle(b.pS2D) },
    D: { D: 1 },
  };
}

/** Writes the inputs into `inputs` and says whether they were already there (Object.is: −0 and NaN are inputs too). */
function sameInputs(inputs: Float64Array, p: DarthParameters, hr: number, age: ArrayLike<number>): boolean {
  const now = [p.rHS1, p.rS1H, p.hrS1, p.hrS2, p.scale, p.shape, p.g0, p.g1, hr];
  let same = true;
  for (let n = 0; n < now.length; n++) {
    if (!Object.is(inputs[n], now[n])) same = false;
    inputs[n] = now[n]!;
  }
  for (let i = 0; i < age.length; i++) {
    if (!Object.is(inputs[now.length + i], age[i])) same = false;
    inputs[now.length + i] = age[i]!;
  }
  return same;
}

/** The vector form's transitions: every cycle and state time at once. */
export function darthTransitionArrays(p: DarthParameters, grid: CycleGrid, strategy: string) {
  const cycles = grid.cycles;
  const tunnel = grid.tunnelLength("S1");
  const age = grid.transitionAge;
  const withB = usesB(strategy) ? 1 : 0;
  let made = buffers[withB];
  if (made === undefined || made.pS1S2.length !== cycles * tunnel) {
    const arrays = { pHD: new Float64Array(cycles), pS1D: new Float64Array(cycles), pHS1: new Float64Array(cycles), pS1H: new Float64Array(cycles), pS2D: new Float64Array(cycles), pS1S2: new Float64Array(cycles * tunnel), progression: new Float64Array(tunnel) };
    made = buffers[withB] = { ...arrays, inputs: new Float64Array(9 + cycles).fill(Number.NaN), rows: transitionRows(arrays) };
  }
  const hr = withB === 1 ? p.hrB : 1;
  if (sameInputs(made.inputs, p, hr, age)) return made.rows;
  const { pHD, pS1D, pHS1, pS1H, pS2D, pS1S2, progression } = made;
  // Weibull cumulative hazard at k and k + 1 years in S1; pow(k + 1, shape) is the next k's pow(k, shape), computed once (the same number).
  const scale = p.scale ** p.shape;
  let before = 0 ** p.shape;
  for (let k = 0; k < tunnel; k++) {
    const after = (k + 1) ** p.shape;
    progression[k] = applyHazardRatio(rateToProbability(scale * (after - before)), hr);
    before = after;
  }
  // The same numbers as the callback form's, each computed once: the probabilities of constant rates outside the loop, 1 − death once per cycle.
  const sickening = rateToProbability(p.rHS1);
  const recovering = rateToProbability(p.rS1H);
  for (let i = 0; i < cycles; i++) {
    const rHD = p.g0 * Math.exp(p.g1 * age[i]!);
    const healthyDeath = rateToProbability(rHD);
    pHD[i] = healthyDeath;
    const death = rateToProbability(rHD * p.hrS1);
    pS1D[i] = death;
    pHS1[i] = (1 - healthyDeath) * sickening;
    const survival = 1 - death;
    pS1H[i] = survival * recovering;
    pS2D[i] = rateToProbability(rHD * p.hrS2);
    const offset = i * tunnel;
    for (let k = 0; k < tunnel; k++) pS1S2[offset + k] = survival * progression[k]!;
  }
  return made.rows;
}
