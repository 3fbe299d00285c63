// DARTH's Sick-Sicker with state residence (Iskandar, Alarid-Escudero et al., time-dependent cohort
// tutorial, MDM 2023), written in both forms of the Markov engine: Sick (S1) is a 75-position tunnel
// whose progression follows a Weibull hazard of the years spent in it, mortality depends on age,
// 4 strategies × 75 annual cycles. A Gompertz hazard stands in for the US life table. Shared by the
// vector-form tests and test/bench/markov.ts.
import { applyHazardRatio, byCycle, byCycleTimesStateTime, complement, markovCohort, rateToProbability } from "../../../src/index.js";
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
 * The vector form's arrays, refilled only when an input they depend on changes (the engine reads a
 * result before it calls the function again, so a buffer may be reused from call to call and no
 * typed array is made per draw). What depends on the cycle (age-dependent death, and the constant
 * rates' probabilities) is the same for every strategy: one set of arrays, filled once per draw. The
 * Weibull progression by state time is shared too; only its hazard ratio differs, B's (B and AB) or
 * 1 (SoC and A), so each group keeps its progression and its rows object, and the second strategy of
 * a group gets the first one's arrays again. S1 → S2 is "survive this cycle's death risk, then
 * progress at this state time": a product of a by-cycle and a by-state-time factor
 * (byCycleTimesStateTime), 75 + 75 numbers where the filled-in array would be 75 × 75.
 */
interface CycleArrays {
  /** The inputs the arrays were filled for: rHS1, rS1H, hrS1, hrS2, g0, g1, then the ages (NaN: never filled). */
  readonly inputs: Float64Array;
  readonly pHD: Float64Array;
  readonly pS1D: Float64Array;
  readonly pHS1: Float64Array;
  readonly pS1H: Float64Array;
  readonly pS2D: Float64Array;
  /** 1 − death from S1, per cycle: the by-cycle factor of S1 → S2. */
  readonly survivalS1: Float64Array;
}

/** The Weibull probabilities of progression by state time before the hazard ratio, for inputs scale and shape; `fills` counts refills. */
interface Weibull {
  readonly inputs: Float64Array;
  readonly probability: Float64Array;
  fills: number;
}

/** One hazard ratio's progression (the by-state-time factor of S1 → S2) and the rows returned with it. */
interface Group {
  /** The hazard ratio and the Weibull fill it was made from. */
  readonly inputs: Float64Array;
  readonly progression: Float64Array;
  readonly rows: ReturnType<typeof transitionRows>;
}

let cycleArrays: CycleArrays | undefined;
let weibull: Weibull | undefined;
const groups: (Group | undefined)[] = [undefined, undefined];

function transitionRows(c: CycleArrays, progression: Float64Array) {
  return {
    H: { H: complement, S1: byCycle(c.pHS1), D: byCycle(c.pHD) },
    S1: { H: byCycle(c.pS1H), S1: complement, S2: byCycleTimesStateTime(c.survivalS1, progression), D: byCycle(c.pS1D) },
    S2: { S2: complement, D: byCycle(c.pS2D) },
    D: { D: 1 },
  };
}

/** Writes `now` into `inputs` and says whether it was already there (Object.is: −0 and NaN are inputs too). */
function sameInputs(inputs: Float64Array, now: ArrayLike<number>, at = 0): boolean {
  let same = true;
  for (let n = 0; n < now.length; n++) {
    if (!Object.is(inputs[at + n], now[n])) same = false;
    inputs[at + n] = now[n]!;
  }
  return same;
}

/** The arrays by cycle, filled for `p` and the cycles' ages. */
function fillCycleArrays(p: DarthParameters, age: ArrayLike<number>): CycleArrays {
  const cycles = age.length;
  let made = cycleArrays;
  if (made === undefined || made.pHD.length !== cycles) {
    const array = () => new Float64Array(cycles);
    made = cycleArrays = { inputs: new Float64Array(6 + cycles).fill(Number.NaN), pHD: array(), pS1D: array(), pHS1: array(), pS1H: array(), pS2D: array(), survivalS1: array() };
    groups.fill(undefined);
  }
  const sameRates = sameInputs(made.inputs, [p.rHS1, p.rS1H, p.hrS1, p.hrS2, p.g0, p.g1]);
  if (sameInputs(made.inputs, age, 6) && sameRates) return made;
  const { pHD, pS1D, pHS1, pS1H, pS2D, survivalS1 } = made;
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
    // S1 → S2 at state time k is survival × progression[k], the callback form's (1 − pS1D) · pS1S2: the engine multiplies as it reads.
    survivalS1[i] = survival;
  }
  return made;
}

/** The Weibull probabilities by state time for `p` (before the hazard ratio). */
function fillWeibull(p: DarthParameters, tunnel: number): Weibull {
  let made = weibull;
  if (made === undefined || made.probability.length !== tunnel) made = weibull = { inputs: new Float64Array(2).fill(Number.NaN), probability: new Float64Array(tunnel), fills: 0 };
  if (sameInputs(made.inputs, [p.scale, p.shape])) return made;
  // Weibull cumulative hazard at k and k + 1 years in S1; pow(k + 1, shape) is the next k's pow(k, shape), computed once (the same number).
  const scale = p.scale ** p.shape;
  let before = 0 ** p.shape;
  for (let k = 0; k < tunnel; k++) {
    const after = (k + 1) ** p.shape;
    made.probability[k] = rateToProbability(scale * (after - before));
    before = after;
  }
  made.fills++;
  return made;
}

/** The vector form's transitions: every cycle and state time at once. */
export function darthTransitionArrays(p: DarthParameters, grid: CycleGrid, strategy: string) {
  const tunnel = grid.tunnelLength("S1");
  const cycle = fillCycleArrays(p, grid.transitionAge);
  const progression = fillWeibull(p, tunnel);
  const withB = usesB(strategy) ? 1 : 0;
  let group = groups[withB];
  if (group === undefined || group.progression.length !== tunnel) {
    const values = new Float64Array(tunnel);
    group = groups[withB] = { inputs: new Float64Array(2).fill(Number.NaN), progression: values, rows: transitionRows(cycle, values) };
  }
  const hr = withB === 1 ? p.hrB : 1;
  if (sameInputs(group.inputs, [hr, progression.fills])) return group.rows;
  for (let k = 0; k < tunnel; k++) group.progression[k] = applyHazardRatio(progression.probability[k]!, hr);
  return group.rows;
}
