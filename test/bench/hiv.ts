// Issue 20 item 2: Briggs HIV PSA (2 strategies × 20 cycles, time-dependent transitions and values, the vector
// form), 10 000 draws ≤ 50 ms in-process, CPU (process.cpuUsage, V8's background threads included). In a
// process of its own: the markov area alternates these runs with the callback form's, and each form's
// figure then carried the other's compile jobs and garbage (hiv3's pass, test/bench/markov.ts's header: the
// first vector run after the first callback run was the slowest of its process in 12 of 15). Printed: the
// first 10 000 draws of the process (JIT warm-up included), then, after as many untimed draws as the markov
// area ran before its timed runs (40 000 evaluations in all), 5 runs; the goal is judged on their median.
// 2026-12-07 (session 12, after hiv3's generated path per strategy, 247deb0 … c5a5471), this area in a
// worktree of 9a2fb88 and in this tree, 4 alternating pairs at load ~1.8: first run 441-542 -> 302-392 ms;
// the 5 later runs' median 61-101 (62, 101, 61, 91) -> 29-53 ms (29, 45, 53, 52): the goal is met when the
// process has its core to itself (27-45 ms) and missed by up to 1.3× when it shares it (52-64 ms; both
// trees' timings are bimodal: a process whose core is busy with other work runs at about half speed, wall
// time as CPU). The markov area keeps the alternating figure of both forms for comparison.
import { hivBriggs2006, baseParameters as hivParameters } from "../../models/hiv-briggs-2006/model.js";
import { cpuAndWall, median, perturbed, range } from "./timing.js";

const DRAWS = 10_000;
const GOAL_MS = 50;

export async function bench(): Promise<void> {
  // The markov area's draws: ±5 % on every parameter, two years of combination therapy.
  const draws = perturbed(hivParameters, DRAWS).map((p) => ({ ...p, treatmentYears: 2 })) as unknown as (typeof hivParameters)[];
  const out = new Float64Array(hivBriggs2006.strategies.length * hivBriggs2006.outcomes.length);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < draws.length; i++) hivBriggs2006.evaluateInto(draws[i]!, out, { draw: i });
  const first = process.cpuUsage(cpu0);
  const firstMs = (first.user + first.system) / 1000;
  // As many draws again untimed as the markov area evaluated before its timed runs (40 000 in all), so
  // that V8's compile jobs of the first draws are done (each strategy's generated path is one long job).
  for (let pass = 0; pass < 3; pass++) for (let i = 0; i < draws.length; i++) hivBriggs2006.evaluateInto(draws[i]!, out, { draw: i });
  const runs = Array.from({ length: 5 }, () => cpuAndWall(hivBriggs2006, draws));
  const cpu = runs.map((r) => r[0]);
  const wall = runs.map((r) => r[1]);
  const mid = median(cpu);
  const verdict = mid <= GOAL_MS ? "met" : `missed by ${(mid / GOAL_MS).toFixed(2)}×`;
  console.log(`HIV (Briggs 2006), ${DRAWS.toLocaleString("en")} draws in-process, vector form, CPU: first run of the process ${firstMs.toFixed(0)} ms (JIT warm-up included); after 30 000 more untimed, 5 runs ${range(cpu, 0)} ms (median ${mid.toFixed(0)}; wall ${range(wall, 0)} ms); goal ≤ ${GOAL_MS} ms (median): ${verdict}`);
}
