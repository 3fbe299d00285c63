// Markov cohort engine speed: Sick-Sicker (4 states, 75 cycles, 4 strategies), one PSA draw of all
// four strategies = one evaluateInto call. Target (issue 3): ≤ 10 µs per draw on one core.
// Also timed with sampling: the paper's PSA distributions drawn with defineParameters, 10 000 draws.
// Issue 20: Briggs HIV 10 000 draws (goal ≤ 50 ms) and DARTH's state-residence Sick-Sicker (goal ≤ 0.1 ms
// per 4-strategy draw), each with CPU (process.cpuUsage) and wall time, in the vector form
// (transitionArrays / valueArrays: the bundled HIV model, test/models/markov/darth-state-residence.ts)
// and in the callback form (per cycle and tunnel position), alternating, so the gain shows.
//
// Before this pass (6667fe3, load 7-8, CPU, alternating with a scratch worktree): HIV 10 000 draws
// 79-105 ms (goal 50 ms), DARTH 0.30-0.55 ms per draw (goal 0.1 ms). HIV then gained from its functions
// refilling objects made once and the arrays' results read by code generated for their shape.
//
// Where it stands (a191255..3dbdb3c against dd44254, npm run bench markov from a worktree of each,
// alternating, 4 process pairs at load 7-9, CPU): HIV 10 000 draws 75-115 ms against 81-172 ms; DARTH
// 0.21-0.45 ms per draw (one outlier run 0.71) against 0.35-0.68 ms. At load 2 (in-process script, 8
// runs, 3 process pairs, runDirect alone): HIV 66-72 ms against 77-82 ms. Neither goal is met. Landed:
// - HIV: the combination arm (transitions and drug cost by cycle) ran per cycle the generated step, then
//   the values rewritten and addRow's sums in interpreted code; runDirect (vector-kernel.ts) does all
//   20 cycles, the values of each row and the sums in one generated call, the same terms in the same
//   order (bit-identical). The kernels' callbacks are made once per workspace (no closures per run).
// - DARTH: strategies that differ only in values have the same weighted trace; the run memo
//   (run-memo.ts) gives A the run of SoC and AB that of B when every input the run reads is the same
//   double (compared, not assumed: the arrays by cycle and state time on the positions the kept run
//   scanned, 2 850 of 5 625), and the example's function fills its arrays once per hazard ratio of
//   S1 -> S2 and only when its inputs change (A and AB skip their 5 625 entries), with the
//   constant-rate probabilities out of the loop (function alone 0.17 -> 0.07 ms per draw).
// Bit-identical: qaly run --psa 400 CSVs of HIV, Sick-Sicker and AML equal dd44254's (AML up to
// cc336fc; from 2af1dd9 on, AML's value-to-go changes its last digits, stated there); Markov,
// cohort-arrays and Markov validation tests pass.
// HIV pass of issue 20 item 2 (f3d68d2, e204ceb against 5c3cb8e): the combination arm's direct run is
// generated for the kernel and the value plan's shape (direct-kernel.ts): a row's varying values are
// straight-line code with constant indices (the loop over the plan cost about as much as the row's
// step), the arrays and the values fixed for the run are read once per call, and without tunnels,
// milestones or transition values the masses and totals stay in locals for the 20 cycles; the value
// plan reader zeroes only the slots its table leaves out. Bit-identical (--psa 400 CSVs of HIV,
// Sick-Sicker, AML, mCRC equal 5c3cb8e's). Measured, CPU, alternating with 5c3cb8e at load 8-10 (the
// machine was never quieter in this pass): the direct run alone 1.0-1.8 us against 2.6-4.5 us per
// call; readValuePlan alone 0.13-0.20 against 0.19-0.26 us per call; HIV 10 000 draws in-process
// (script, fastest of 8 runs per process) 62-67 ms against 92-110 ms in 3 process pairs, then
// 61-122 ms (median 109) against 101-137 ms (median 126) in 5 more; npm run bench markov, 3 pairs at
// load 6.5-9: 80-176 against 77-151 ms, no separation at that load. The goal (50 ms) is not met
// here; from the load-2 figure above (66-72 ms) the run's gain alone (~1-2 us per draw) would give
// ~50-60 ms, not measured (the load never fell below 6 in this pass).
// Where the time goes now. HIV (profile, 200 000 draws at load ~9): the engine's per-strategy set-up
// and the calls around the model's functions (prepareTransitionArrays with the model's transitionArrays
// inlined 15 %, evaluateStrategy 11 %, vectorLoop's set-up 6 %, the rows of cycle 1 filled and
// checked 9 %, prepareValueArrays with valueArrays 5 %), the model's own code (progression, arraysOf,
// applyRelativeRisk: ~12 %), the generated readers of the two results 12 % (each ~0.2 us alone), the
// direct run 10 % (~1 us: 20 cycles of 6 by-cycle entries checked, 3 rows moved, 3 drug costs checked
// and 12 products summed), monotherapy's homogeneous kernel 4 %. Lower bound in this API: the
// arithmetic is under 1 us per draw; measured alone, the direct run (~1 us) and the four readers
// (~0.8 us) make ~2 us per draw, and the profile puts about as much again in each strategy's set-up
// (~10 calls of 0.1-0.5 us: grid, fill cache, start vector, zeroing, kernel shape checks, cycle-1
// rows), so ~4 us per draw (~40 ms per 10 000 on an idle core) is the floor of this structure; under
// the load of this pass the same code measures 6-11 us per draw. Below that needs one generated
// function per strategy that calls the model's functions, reads, checks and runs in one piece (the
// set-up lives in evaluate-strategy.ts and fill-transition-arrays.ts, outside this pass's files).
// Set-up pass of issue 20 item 2 (753ad18, c96bef3, 132b804 against 7809636): the generated plan
// reader stamps the plan with a token of its shape (0 when anything else wrote it), so the generated
// row fill's and the vector kernel's per-draw shape look-ups compare the shape's arrays once per token,
// then the token alone (in-process, CPU: fill look-up 0.16-0.24 -> 0.01 us, kernelFor 0.12-0.16 ->
// 0.008 us); without tunnels the Combination arm's cycle-1 rows take the generated fill (0.25-0.40 ->
// 0.09 us with its look-up); the matched fill goes to the front by a swap (splice/unshift allocated
// every call once both arms took the fill); short buffers are cleared by a loop (7 fill(0) calls on
// 4-long buffers 180-520 ns, the loop 50-85 ns). Bit-identical (--psa 400 CSVs of HIV, Sick-Sicker,
// AML, mCRC equal 5c3cb8e's). HIV 10 000 draws in-process (fastest of 6 runs per process, CPU), 8
// alternating process pairs at load 2-3: 50.8-55.3 ms (7 of 8 at most 53.3) against 54.8-110.3 ms
// (median 61); at load 5-7 both spread 51-115 ms and do not separate. The goal (50 ms) is within
// ~1-5 ms on a quiet machine, not met under load. npm run bench markov, 3 pairs at load 1-2.5: HIV
// fastest 1000-draw chunk 4.80-11.12 us per draw (two of three 4.80-4.95) against 5.56-11.35, 10 000
// draws 49-119 ms against 56-130 ms.
// Where the time goes now (HIV, profile of 200 000 draws at load ~2.5, share of evaluateStrategy):
// the direct run 18 %, the model's two functions 19 % (mostly Combination's six 20-cycle arrays), the
// generated plan reader 11 % and value reader 8 %, the homogeneous kernel and row fill (generated)
// ~10 %, vectorLoop's and evaluateStrategy's own set-up 7 % each, GC 7 % (the bench's own draw and
// context objects). Not done: one generated path per strategy (reading, checks and run in one call),
// and the homogeneous kernel's structure compare (~0.09 us per Monotherapy run: its sparse structure
// depends on which probabilities are 0, so a reader token cannot stand for it).
// Model pass (a65bae5, 5f9d75d, ec6b66b against 4644efb): HIV's transitionArrays finds the treated
// cycles once per call (a prefix when the times count up, else per entry as before) and fills the six
// arrays and the drug row without a compare per entry (reverted in the review: the compare per entry
// again, 16 alternating process pairs of 10 000 evaluateInto draws at load ~1.8, fastest round per
// process 45.5-102.3 ms against 46.7-92.4 before: no difference above the noise), its probabilities in one loop over a buffer,
// and applyRelativeRisk read once at module load (under tsx a call of a barrel import goes through
// getters each time); the vector loop clears plan.lowest in its loop over states. Bit-identical
// (20 000 evaluateInto draws hash equal; --psa 400 CSVs of HIV, Sick-Sicker, AML, mCRC, NSCLC equal
// 5c3cb8e's). Measured: the model's functions alone (both strategies, 10 000 draws, CPU, fresh
// processes) transitionArrays 6.9-7.5 ms against 14.4-19.4 ms; allocation per draw (sampled, with
// objects freed by minor GC) 315 against 589 bytes, all of it the model's boxed numbers. The whole
// run barely separates: HIV 10 000 draws in-process (fastest of 10-16 runs per process, CPU), 19
// alternating process pairs at load 0.3-2.2: 46.5-85.0 ms (median 51.7; 5 of 19 at most 50) against
// 48.3-87.6 ms (median 56.8; 6 of 19 at most 50); npm run bench markov, 3 pairs: fastest 1000-draw
// chunk 4.63-4.90 against 4.96-9.83 us per draw. Profiles of 250 000 draws, back to back:
// the model's functions keep ~18.5 % of evaluateStrategy (old 460 of 2 485 ms, new 274 of 1 462),
// and GC the same 127-129 ms, so in the engine the getter and the compares were already cheap and
// what the model costs there (~1.1 us per draw) is not the fill arithmetic (not found in this pass:
// the profile gives no line positions under tsx). The goal (50 ms) is met in about a third of the
// quiet-machine runs of old and new code alike: it sits on the noise floor, ~2-5 ms short of sure.
// DARTH (profile, 6 000 draws at load 8): the generated runs of SoC and B 37 %
// (2 x 2 850 occupied rows at ~10-17 ns: one array read and range check, a row sum, complement and 4
// flows per row), the function's two fills 29 % (of which the 5 625-entry outer product (1 - death by
// cycle) x (progression by state time) ~70 %), comparing A's and AB's inputs with the kept runs 15 %
// (~3 300 numbers each), set-up, copies and GC the rest. Lower bound in this API: two runs of 2 850
// rows and two outer products of 5 625 entries are ~0.12-0.15 ms per draw on this machine; 0.1 ms
// needs an entry that is the product of a by-cycle and a by-state-time array (the kernel would
// multiply as it reads, and the function would not write 5 625 numbers).
// DARTH in a process of its own (2026-12-07, session 13; tsx, 3 processes: 15 runs of 300 draws after one, then 5
// of 3 000): 0.20-0.42 ms per draw (medians 0.25-0.36), so running it apart from the callback form, which met
// HIV's goal, does not meet this one. Profile (esbuild bundle, 8 × 3 000 draws, 0.18-0.31 ms per draw): the
// generated runs 40 %, the example's darthTransitionArrays with rateToProbability and applyHazardRatio 32 %,
// the run memo's comparison of inputs 14 %, prepare and the vector loop 6 %. The product entry named above would
// remove most of the second and third (~0.05 ms) but not the runs (~0.09 ms): 0.1 ms needs both.
// One generated path per strategy (247deb0 … c5a5471 against 45b3f3f; strategy-path.ts): without tunnels, a
// strategy run from its start is one generated call that calls transitionArrays and valueArrays, checks
// their results against the shapes learned from the last interpreted run, keeps them in locals and runs
// the loop the interpreted run would take (homogeneous kernel for Monotherapy, direct run for
// Combination) term by term; evaluateInto (the model's own closure) calls it, so the engine's shared
// evaluateStrategy, re-optimised when the callback form runs in the same process, is off the path.
// Bit-identical (--psa 400 CSVs of HIV, Sick-Sicker, AML, mCRC, NSCLC equal 5c3cb8e's; a 20 000-draw
// hash with changing shapes and errors equals 45b3f3f's). Measured at load 4-7 (the machine was never
// quieter in this pass), CPU: npm run bench markov, 5 alternating process pairs: fastest 1000-draw chunk
// 2.70-4.88 us per draw (4 of 5 at 2.70-2.86) against 4.77-10.37; 10 000 draws (3 runs per process, lowest
// and highest) 27-51 / 58-92 ms against 48-78 / 60-132 ms. The same sequence run by a script printing
// every run, 15 pairs at load 4-6 (the last 5 after 03ed2db and c5a5471): 15 of 45 runs at most 50 ms
// (28-81 ms, median 54) against 4 of 45 (48-133, median 92). Both trees' fastest chunk is bimodal
// (new 2.6-3.0 or 4.6-5.7 us, old 4.6-5.0 or 7.9-11.2): a process sharing its core with other work runs
// at about half speed, and that, more than the code, decides a run. The first vector run, just after
// the first callback run, is the slowest of its process in 12 of 15: it carries work of the callback
// form's first run (its functions are compiled in that phase, --trace-opt, on background threads that
// process.cpuUsage counts, and its garbage). Without the callback runs in between (3 pairs): 28-59 ms
// (8 of 9 runs 28-38) against 48-102. So at this load the goal (50 ms) is met in a third of the bench's
// runs, not in most; at steady state on an uncontended core 10 000 draws take ~27-30 ms.
// Where the time goes now (profile, 400 000 draws, load ~5.6, share of evaluateInto): the generated
// path 55 % (checks, 20 cycles, the row sums), the model's two functions 32 %, the call and its
// fallback guard 9 %; GC adds ~17 % on top (not attributed: 200 000 draws of one parameter object
// allocate under 80 bytes each). Warm-up: the first 10 000 draws of a fresh process cost 300-400 ms
// CPU against 370-600 (mostly V8's compile jobs, tsx's included); each strategy's path is one
// TurboFan job of 135-730 ms of background time at this load (about as long with inlining turned
// off in an experiment), against ten smaller jobs before (readers, fill, kernels, loops, 40-100 ms
// each). Floor of this design: about what it costs now, the model's functions (~0.9 us per draw)
// plus the path's checks and arithmetic (~1.5 us), ~25 ms per 10 000 on an idle core; the
// whole-run figure's excess over that is JIT and GC work of other code run in the same process.
// 2026-12-07, session 14 (no engine change for these two): run as JavaScript under plain node (main.ts) on a quiet
// machine, DARTH's vector form 0.122-0.151 ms per draw (0.144-0.198 under tsx the same morning): still above 0.1 ms. A
// profile (3 000-draw runs): the generated runs 37 %, the example's transitionArrays and its probability functions ~30 %
// (two 5 625-entry outer products per draw), the run memo's comparisons 12 %: the product entry named above remains the
// step that could reach the goal.
// 2026-12-08 (session 15): that entry is byCycleTimesStateTime (S1 → S2 = survival by cycle × progression by state
// time; the kernels multiply as they read, the run memo compares the factors), and the example fills its by-cycle
// arrays and Weibull progression once per draw for all four strategies. The goal is now judged by the darth area
// (a process of its own, median of 5 runs of 1 000 draws): 0.079-0.088 ms per draw when the machine is quiet
// (0.11-0.12 when the host is busy), against 0.118-0.123 before on the same machine.
import { sickSicker, baseParameters } from "../../models/sick-sicker/model.js";
import type { SickSickerParameters } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { hivBriggs2006, baseParameters as hivParameters } from "../../models/hiv-briggs-2006/model.js";
import type { Model } from "../../src/index.js";
import { darthBase, darthCallback, darthVector } from "../models/markov/darth-state-residence.js";
import { hivCallback } from "../models/markov/hiv-callback.js";
import { cpuAndWall, perturbed, range } from "./timing.js";

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
  console.log(`HIV (Briggs 2006), 10 000 draws in-process, CPU: vector form ${range(hivRuns.vector, 0)} ms, callback form ${range(hivRuns.callback, 0)} ms (3 alternating runs, each form charged with the other's compile jobs and garbage; the goal, ≤ 50 ms, is judged by npm run bench hiv, the vector form in a process of its own)`);
  const darthDraws = perturbed(darthBase, 300);
  const darthRuns: Record<"vector" | "callback", number[]> = { vector: [], callback: [] };
  for (let run = 0; run < 3; run++) {
    darthRuns.callback.push(cpuAndWall(darthCallback, darthDraws)[0] / darthDraws.length);
    darthRuns.vector.push(cpuAndWall(darthVector, darthDraws)[0] / darthDraws.length);
  }
  console.log(`DARTH state-residence Sick-Sicker, 4 strategies × 75 cycles, 75-position tunnel, age-dependent mortality, CPU per draw: vector form ${range(darthRuns.vector, 3)} ms, callback form ${range(darthRuns.callback, 2)} ms (3 alternating runs of 300 draws, each form charged with the other's compile jobs and garbage; the goal, ≤ 0.1 ms, is judged by npm run bench darth, the vector form in a process of its own)`);
}
