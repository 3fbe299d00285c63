// Markov cohort engine speed: Sick-Sicker (4 states, 75 cycles, 4 strategies), one PSA draw of all
// four strategies = one evaluateInto call. Target (issue 3): ≤ 10 µs per draw on one core.
// Also timed with sampling: the paper's PSA distributions drawn with defineParameters, 10 000 draws.
// Issue 20: Briggs HIV 10 000 draws (goal ≤ 50 ms) and DARTH's state-residence Sick-Sicker (goal ≤ 0.1 ms
// per 4-strategy draw), each with CPU (process.cpuUsage) and wall time, in the vector form
// (transitionArrays / valueArrays: the bundled HIV model, test/models/markov/darth-state-residence.ts)
// and in the callback form (per cycle and tunnel position), alternating, so the gain shows.
//
// Where it stands (6667fe3, load 7-8, CPU, this push's Markov changes reverted in a scratch worktree
// and HEAD alternating, 2 process pairs): HIV 10 000 draws 79-105 ms against 97-128 ms (goal 50 ms);
// DARTH 0.30-0.55 ms per draw either way (goal 0.1 ms). HIV gained from its functions refilling objects
// made once (no allocation, no closure per call) and the arrays' results read by code generated for
// their shape (plan 1.3 -> 0.5 µs, values 1.4 -> 0.6 µs per draw in the profile). Profile of HIV now
// (80 000 draws, ~9 µs/draw under the profiler): the combination strategy's cycle loop 3.7 µs (its
// drug cost changes by cycle, so every row is added as reached: per cycle the generated step, then the
// values rewritten and summed in interpreted code), calling and reading the transition arrays 2.4 µs,
// the value arrays 1.1 µs, monotherapy (time-homogeneous) 0.4 µs, the rest set-up. The arithmetic is
// 2 strategies × 20 cycles × 4 states: well under 1 µs; what is left is per-call and per-cycle overhead.
// DARTH (earlier profile, unchanged here): half the time is its function (5 625 entries per strategy), half
// the 2 850 occupied rows the generated loop reads.
import { sickSicker, baseParameters } from "../../models/sick-sicker/model.js";
import type { SickSickerParameters } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { hivBriggs2006, baseParameters as hivParameters } from "../../models/hiv-briggs-2006/model.js";
import type { Model } from "../../src/index.js";
import { darthBase, darthCallback, darthVector } from "../models/markov/darth-state-residence.js";
import { hivCallback } from "../models/markov/hiv-callback.js";

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
  console.log(`HIV (Briggs 2006), 2 strategies × 20 cycles, time-dependent transitions and values, vector form: ${hiv.toFixed(2)} µs per draw`);
  // Alternating runs of the two forms (the machine is shared: compare the ranges).
  const hivRuns: Record<"vector" | "callback", number[]> = { vector: [], callback: [] };
  for (let run = 0; run < 3; run++) {
    hivRuns.callback.push(cpuAndWall(hivCallback, hivDraws.slice(0, 10_000))[0]);
    hivRuns.vector.push(cpuAndWall(hivBriggs2006, hivDraws.slice(0, 10_000))[0]);
  }
  console.log(`HIV (Briggs 2006), 10 000 draws in-process, CPU: vector form ${range(hivRuns.vector, 0)} ms, callback form ${range(hivRuns.callback, 0)} ms (goal ≤ 50 ms; 3 alternating runs)`);
  const darthDraws = perturbed(darthBase, 300);
  const darthRuns: Record<"vector" | "callback", number[]> = { vector: [], callback: [] };
  for (let run = 0; run < 3; run++) {
    darthRuns.callback.push(cpuAndWall(darthCallback, darthDraws)[0] / darthDraws.length);
    darthRuns.vector.push(cpuAndWall(darthVector, darthDraws)[0] / darthDraws.length);
  }
  console.log(`DARTH state-residence Sick-Sicker, 4 strategies × 75 cycles, 75-position tunnel, age-dependent mortality, CPU per draw: vector form ${range(darthRuns.vector, 3)} ms, callback form ${range(darthRuns.callback, 2)} ms (goal ≤ 0.1 ms; 3 alternating runs of 300 draws)`);
}

/** "lowest–highest" of some timings. */
function range(values: readonly number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}
