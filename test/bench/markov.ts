// Markov cohort engine speed: Sick-Sicker (4 states, 75 cycles, 4 strategies), one PSA draw of all
// four strategies = one evaluateInto call. Target (issue 3): ≤ 10 µs per draw on one core.
// Also timed with sampling: the paper's PSA distributions drawn with defineParameters, 10 000 draws.
// Issue 20: Briggs HIV 10 000 draws (goal ≤ 50 ms) and DARTH's state-residence Sick-Sicker (goal ≤ 0.1 ms
// per 4-strategy draw), each with CPU (process.cpuUsage) and wall time.
import { sickSicker, baseParameters } from "../../models/sick-sicker/model.js";
import type { SickSickerParameters } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { hivBriggs2006, baseParameters as hivParameters } from "../../models/hiv-briggs-2006/model.js";
import type { Model } from "../../src/index.js";
import { applyHazardRatio, complement, markovCohort, rateToProbability } from "../../src/index.js";

function perturbed(base: Record<string, number>, draws: number): Record<string, number>[] {
  // Deterministic jitter (no RNG needed for timing): ±5 % on every parameter; probabilities come from rates, so all stay valid.
  return Array.from({ length: draws }, (_, i) => Object.fromEntries(Object.entries(base).map(([name, value], j) => [name, value * (1 + 0.05 * Math.sin(1 + i * 7.13 + j * 1.7))])));
}

/** Microseconds per evaluateInto call: the fastest of many short chunks (robust to other load on the machine). */
function time<P>(model: Model<P, string>, draws: readonly P[]): number {
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  for (let i = 0; i < draws.length; i++) model.evaluateInto(draws[i]!, out, { draw: i });
  const chunk = 1000;
  let best = Infinity;
  for (let start = 0; start + chunk <= draws.length; start += chunk) {
    const begin = performance.now();
    for (let i = start; i < start + chunk; i++) model.evaluateInto(draws[i]!, out, { draw: i });
    best = Math.min(best, (performance.now() - begin) / chunk);
  }
  return best * 1000;
}

/**
 * DARTH's Sick-Sicker with state residence (Iskandar, Alarid-Escudero et al., time-dependent cohort
 * tutorial, MDM 2023): Sick is a 75-position tunnel whose progression follows a Weibull hazard of the
 * years spent in it, mortality depends on age (rows read both `age` and `stateTime`), 4 strategies ×
 * 75 annual cycles. For timing only: a Gompertz hazard stands in for the US life table.
 */
const darthBase = { rHS1: 0.15, rS1H: 0.5, hrS1: 3, hrS2: 10, scale: 0.08, shape: 1.1, hrB: 0.6, cH: 2000, cS1: 4000, cS2: 15000, cA: 12000, cB: 13000, uH: 1, uS1: 0.75, uS2: 0.5, uA: 0.95, g0: 0.0001, g1: 0.085 };
type DarthParameters = Readonly<Record<keyof typeof darthBase, number>>;
const usesA = (s: string): boolean => s === "A" || s === "AB";
const usesB = (s: string): boolean => s === "B" || s === "AB";
const darthStateResidence = markovCohort({
  states: ["H", { name: "S1", tunnel: 75 }, "S2", "D"],
  strategies: ["SoC", "A", "B", "AB"],
  outcomes: { cost: "cost", qaly: "effect" },
  start: { H: 1 },
  cycles: 75,
  startAge: 25,
  cycleCorrection: "darth-simpson",
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
  values: (p: DarthParameters, _time, strategy) => {
    const treatment = (usesA(strategy) ? p.cA : 0) + (usesB(strategy) ? p.cB : 0);
    return { cost: { H: p.cH, S1: p.cS1 + treatment, S2: p.cS2 + treatment }, qaly: { H: p.uH, S1: usesA(strategy) ? p.uA : p.uS1, S2: p.uS2 } };
  },
});

/** CPU and wall milliseconds of evaluating every draw once (after one warm-up pass over the first draws). */
function cpuAndWall<P>(model: Model<P, string>, draws: readonly P[]): [number, number] {
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  for (let i = 0; i < Math.min(draws.length, 200); i++) model.evaluateInto(draws[i]!, out, { draw: i });
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < draws.length; i++) model.evaluateInto(draws[i]!, out, { draw: i });
  const cpu = process.cpuUsage(cpu0);
  return [(cpu.user + cpu.system) / 1000, performance.now() - wall0];
}

export async function bench(): Promise<void> {
  const draws = 20_000;
  const sickSickerDraws = perturbed(baseParameters, draws);
  const best = time(sickSicker, sickSickerDraws);
  console.log(`Sick-Sicker, 4 strategies × 75 cycles, evaluateInto per draw: ${best.toFixed(2)} µs (target ≤ 10 µs; fastest 1000-draw chunk); 10 000 draws: ${(best * 10).toFixed(1)} ms`);
  const space = psaParameters;
  const out = new Float64Array(sickSicker.strategies.length * sickSicker.outcomes.length);
  const psa = (seed: number): [number, number] => {
    const start = performance.now();
    const table = space.sample(10_000, { seed });
    const sampled = performance.now();
    for (let i = 0; i < table.size; i++) sickSicker.evaluateInto(table.row(i) as SickSickerParameters, out, { draw: i });
    return [sampled - start, performance.now() - sampled];
  };
  psa(0);
  const timings = [1, 2, 3, 4, 5].map(psa).sort((a, b) => a[0] + a[1] - b[0] - b[1])[0]!;
  console.log(`Sick-Sicker PSA, 10 000 draws including sampling of 16 distributions and table.row(i): ${(timings[0] + timings[1]).toFixed(1)} ms (sampling ${timings[0].toFixed(1)} ms + evaluation ${timings[1].toFixed(1)} ms; target ≤ 100 ms, best of 5)`);
  const hivDraws = perturbed(hivParameters, draws).map((p) => ({ ...p, treatmentYears: 2 }));
  const hiv = time(hivBriggs2006, hivDraws);
  console.log(`HIV (Briggs 2006), 2 strategies × 20 cycles, time-dependent transitions and values: ${hiv.toFixed(2)} µs per draw`);
  const [hivCpu, hivWall] = cpuAndWall(hivBriggs2006, hivDraws.slice(0, 10_000));
  console.log(`HIV (Briggs 2006), 10 000 draws in-process: CPU ${hivCpu.toFixed(0)} ms, wall ${hivWall.toFixed(0)} ms (goal ≤ 50 ms)`);
  const darthDraws = perturbed(darthBase, 300);
  const [darthCpu, darthWall] = cpuAndWall(darthStateResidence, darthDraws);
  console.log(`DARTH state-residence Sick-Sicker, 4 strategies × 75 cycles, 75-position tunnel, age-dependent mortality: CPU ${(darthCpu / darthDraws.length).toFixed(2)} ms, wall ${(darthWall / darthDraws.length).toFixed(2)} ms per draw (goal ≤ 0.1 ms)`);
}
