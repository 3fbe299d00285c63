// Timing of the NSCLC gene-panel model file's 10 000-draw PSA in-process on one core (issue 13: goal ≤ 1 s;
// issue 20 item 3 with the TypeScript form in nsclc.ts), CPU (process.cpuUsage) and wall time: the first
// run in a fresh process (V8's compile jobs included), then at steady state. In a process of its own, apart
// from the TypeScript form's PSA (see nsclc.ts for why, and for the history and profiles of both forms).
// 2026-12-07 (51e42c5, 0efebd3, 651f416): less tree work per draw (roll-down 11.6-19.2 -> 9.0-10.5 µs, 21 value and 17
// check calls fewer), bit-identical; first run unchanged within this load's noise: 1.28-1.89 -> 1.40-1.93 s CPU in 10
// pairs at load 7-10 (goal still missed, ~1.6×; see nsclc.ts for where the first run's excess goes).
// 2026-12-07 (session 12): the parameter row builder in chunks (row-builder.ts). `node --trace-opt` showed its one
// literal of 79 doubles as the first run's largest compile job (204-332 ms on a background thread), and the builder
// unoptimised until then (first 10 000 rows 59-295 ms, now 50-67; steady ~0.8 -> ~1.4 µs a row). First run from dist,
// 8 alternating pairs at load ~2: CPU 1263-1861 (median ~1600) -> 1002-1797 ms (median ~1350), wall 770-1192 ->
// 718-1340 ms (no change above the noise). Next largest in the window: rollDownPlan (~100-150 ms, run twice per
// tree but long enough to be optimised), curveTotals, addStateValues, readEntryTable (30-40 ms each).
// 2026-12-07 (session 13), where the first run's excess goes (dist, per-thread CPU from /proc, load ~1-2): first run
// 1.02-1.52 s CPU (main thread 0.60-1.04, V8's 4 background threads 0.43-0.50) against ~0.5-0.8 steady. Sampling:
// 0.22-0.39 s first, 0.08-0.11 steady (19 compile jobs, ~0.1 s of them; 3 "wrong call target" deopts as each
// parameter's stream brings its own generator closure). The PSA: ~130 TurboFan jobs, the largest curveTotals,
// addStateValues, evaluateTree, fillSurvival (20-70 ms each, --trace-opt wall times, which overstate CPU on a shared
// core); the main thread's excess (~0.4 s) is spread over every hot function (rollDown +36 ms, evaluatePsmStrategy
// +29, curveTotals +25, the expressions +20, ...), none dominant. rollDownPlan, addBranch, instantiate and targets
// are marked hot by the model's three builds (base case and two scenarios with settings) and compiled in the
// window (~0.1-0.2 s of --trace-opt time), but their real cost is small: 1.5 s of settling before the timed run
// saved 64 ms on average in 8 alternating pairs (noise ±200 ms), and rewriting rollDownPlan without Maps, Sets,
// string keys and spreads (same plans, checked on every bundled tree) left the build's background CPU unchanged
// (mean 393 -> 383 ms, 6 pairs), so it was not landed. Steady state, per draw: the PSM leaves ~59 % (curveTotals
// 25 % of that), the tree's roll-down ~14 %, values and expressions ~8 %, GC ~5 % (78 MB allocated per 10 000 draws,
// 22 MB of it the expressions' boxed results). Nothing left is large enough alone to bring the first run under 1 s.
// Run: npm run bench nsclc (both forms) or npm run bench nsclc-file
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runPsaSync } from "../../src/index.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { dataReader } from "../../src/node/load-model.js";
import { verdict, WARM_UP, when } from "./nsclc.js";
import { cpuMs } from "./timing.js";

/** Prints the model file's PSA time, first run and steady state. */
export async function bench(): Promise<void> {
  const path = fileURLToPath(new URL("../../models/nsclc-gene-panel/model.yaml", import.meta.url));
  const file = compileModelFile(readFileSync(path, "utf8"), { fileName: "models/nsclc-gene-panel/model.yaml", readFile: dataReader(dirname(path)) });
  for (const warmUp of [0, WARM_UP]) {
    if (warmUp > 0) runPsaSync(file.model, file.parameters, { samples: warmUp, seed: "warm-up" });
    const samples = 10_000;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const draws = file.parameters.sample(samples, { seed: file.psa.seed });
    const cpuSampled = process.cpuUsage(cpu0);
    const psa = runPsaSync(file.model, draws);
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - wall0;
    console.log(
      `model file PSA ${psa.size} draws in-process (runPsaSync, one thread, ${when(warmUp)}): CPU ${(cpuMs(cpu) / 1000).toFixed(2)} s (sampling ${(cpuMs(cpuSampled) / 1000).toFixed(2)} s), ` +
        `wall ${(wall / 1000).toFixed(2)} s, ${((cpuMs(cpu) * 1000) / samples).toFixed(0)} µs/draw; ${verdict(cpuMs(cpu) / 1000)}`,
    );
  }
}
