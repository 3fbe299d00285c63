// Issue 20 item 1: DARTH's state-residence Sick-Sicker (4 strategies × 75 cycles, a 75-position tunnel,
// age-dependent mortality; test/models/markov/darth-state-residence.ts), vector form, ≤ 0.1 ms CPU per
// 4-strategy draw. In a process of its own, as the HIV area: the markov area alternates 300-draw runs of
// this model with runs of its callback form (1.5 s each), so each vector run there carries the other's
// compile jobs and garbage and its range is wide. Printed: the first 1 000 draws of the process (JIT
// warm-up included), then, after 3 000 untimed draws, 5 runs of 1 000 draws; the goal is judged on their
// median.
// 2026-12-08 (session 15): S1 → S2 became a byCycleTimesStateTime entry (the engine multiplies a by-cycle
// and a by-state-time factor as it reads, instead of the function filling 75 × 75 products per call and
// the run memo comparing up to 2 850 of them), and the example fills its by-cycle arrays and its Weibull
// progression once per draw for all strategies. Driver runs (3 000-draw rounds, plain node, same machine,
// load 1-2, alternating processes, CPU µs per draw, fastest rounds): before 118-123, with the product entry
// 87-97, with the shared arrays too 78-83.
import { darthBase, darthVector, type DarthParameters } from "../models/markov/darth-state-residence.js";
import { cpuAndWall, median, perturbed, range } from "./timing.js";

const DRAWS = 1_000;
const GOAL_MS_PER_DRAW = 0.1;

export async function bench(): Promise<void> {
  const draws = perturbed(darthBase, DRAWS) as unknown as DarthParameters[];
  const out = new Float64Array(darthVector.strategies.length * darthVector.outcomes.length);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < draws.length; i++) darthVector.evaluateInto(draws[i]!, out, { draw: i });
  const first = process.cpuUsage(cpu0);
  const firstMs = (first.user + first.system) / 1000 / DRAWS;
  for (let pass = 0; pass < 3; pass++) for (let i = 0; i < draws.length; i++) darthVector.evaluateInto(draws[i]!, out, { draw: i });
  const runs = Array.from({ length: 5 }, () => cpuAndWall(darthVector, draws));
  const cpu = runs.map((r) => r[0] / DRAWS);
  const wall = runs.map((r) => r[1] / DRAWS);
  const mid = median(cpu);
  const verdict = mid <= GOAL_MS_PER_DRAW ? "met" : `missed by ${(mid / GOAL_MS_PER_DRAW).toFixed(2)}×`;
  console.log(
    `DARTH state-residence Sick-Sicker, 4 strategies × 75 cycles, 75-position tunnel, vector form, CPU per draw: first ${DRAWS.toLocaleString("en")} draws of the process ${firstMs.toFixed(3)} ms (JIT warm-up included); after 3 000 more untimed, 5 runs of ${DRAWS.toLocaleString("en")} ${range(cpu, 3)} ms (median ${mid.toFixed(3)}; wall ${range(wall, 3)} ms); goal ≤ ${GOAL_MS_PER_DRAW} ms (median): ${verdict}`,
  );
}
