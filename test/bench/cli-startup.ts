// CLI start-up: CPU time of the compiled `qaly` command (dist/cli/main.js, what `npx qaly` runs
// after install) for `--help`, `validate` and a tiny `run`, each in a fresh process. Target
// (issue 20 item 5): `qaly --help` and `qaly validate` ≤ 0.3 s CPU. Almost all of it is loading
// modules, so the modules each command imports are what the figures measure; Node's own start-up
// and the import of the largest dependencies alone are printed as the floor. `npm run build` bundles
// the command line into one script with a V8 code cache (scripts/bundle-cli.mjs); `validate` without
// the cache and from tsc's separate files is printed beside it. dist/ is rebuilt (tsc and the bundles) when it is missing or older than src/.
// Issue 20 item 4: Sick-Sicker through the command line, marginal CPU per PSA draw (two run sizes,
// one worker, so the start-up cancels) against a C loop doing the same cohort arithmetic (goal ≤ 3×),
// with the in-process engine on the same model file beside it. Issue 20 item 9: peak resident memory of
// 100 000 draws through the command line (goal ≤ 200 MiB).
// 2026-12-07 (e6c3db7, 7d830ba), this bench in worktrees of d6d757b and 7d830ba one after the other at
// load ~10 (the C loop itself read 5.8-6.1 µs instead of its quiet ~3 µs, so the ratios are distorted):
// validate 0.28 → 0.18 s CPU (10 alternating runs: 259-316 → 172-221 ms; a user's copy of the model,
// parsed as before, 246-269 → 234-260 ms); --help 0.12 both; run --psa 100 0.80 → 0.65 s; runPsa in-process
// 22.8 → 15.1 µs per draw; qaly run 31.3 → 28.0 µs per draw. Before, of validate's ~255 ms (mean of 6
// profiles at load ~7): the yaml package's cold parse of the 5.6 kB file ~55 ms (now parsed at build time:
// dist/node/parsed-models/), GC ~30, Node's start ~80, compiling the script from its cache ~25, the
// model-file schema's zod construction ~27, zod's check ~19 (about 10 of it compiling zod's generated fast
// path, now off), building the model ~18. The floor left: Node (0.08 s) + the script's cache (~0.03 s) +
// the schema and the build. Item 4 is not met: qaly run --psa 100 spends ~0.65 s of its fixed cost in the
// EVPPI ranking (18 spline fits with REML and standard errors, even for 100 draws); per draw (profile of
// 21 000 draws) the PSA is ~55 % (the cells' expressions and the strategy and model variables' getters
// ~30 %, the cohort loop ~13 %, sampling ~15 % of it), the EVPPI ranking ~20 %, CEAC/EVPI ~10 %, GC ~5-9 %.
// Since f484528 the CEAC and EVPI share one decision kernel (psaSummary 2.4-4.3 → 1.05-1.8 µs per draw).
// 2026-12-07, second pass (d4e7739, 0618a3d, 2a91924, 73aedb6): profiles of qaly run sick-sicker --workers 1
// at 21 000 minus 1 000 draws: of the marginal cost runPsa ~60 % (evaluation ~45 %: the generated cohort
// loop, the cells' expressions and build-markov's readers; sampling ~22 %: gamma and beta fills), the EVPPI
// ranking ~23 % (per parameter the builtin sort of the draws, ~1.7 ms per 21 000, so ~1.5 µs per draw for 18
// parameters, and the fit's pass over the draws), the psa_convergence check ~8 % (Float64Array.from with a
// mapping function: now loops, cold 45-60 → 17-21 ms per 21 000 draws), psaSummary ~5 %. Also landed: strategy
// variables read without two Map lookups, the knots' pass without a Map lookup per value (18 setups 52-54 →
// 43-48 ms), the knot interval from a table (fitResponses' self time -10 %); results bit-identical (hashes).
// qaly run at load 4-5, least of 2 runs per size, 4 alternating pairs, 4fd6b80 against 73aedb6: 13-33 against
// 20-32 µs per draw; the ~2 µs saved is under the noise. Tried and dropped: a radix sort of the draws in
// JavaScript (8-bit digits, 7 passes: 1.4-1.8 ms per 21 000, the builtin 1.7) and a quicksort (1.9-2.0 ms).
// Item 4 is not met: runPsa alone is ~15 µs per draw, 5× the quiet C loop, and what is left is in the engine
// (cohort loop, cell readers, sampling), not the command line. Fixed cost: the EVPPI ranking of 100 draws takes
// 400-450 ms CPU in a fresh process against 60-115 ms warm: V8 warming up the 20-knot splines (a 20 × 20
// Jacobi eigen-decomposition per parameter, REML iterations, 50 SE replicates × 6 responses × 18 parameters);
// the warm figure is its floor without less work (fewer knots or SE replicates for small runs would change results).
// 2026-12-08 (session 17), a correction: the measured command has no --out, so it formats no CSV (a CPU
// profile of 41 000 draws without --out has no formatCsvRow; with --out it is 25 % of the run). The
// 2026-12-08 figure printed as "of which formatting psa-draws.csv" was not part of qaly run's figure; it
// is now printed apart, as what --out adds. Steady in one process, 6 alternating rounds: runProject (qaly
// run's work after loading) 10.8-11.3 µs per draw, runPsaSync 7.1-7.3 µs, the C loop 2.2 µs: the target
// needs the PSA itself near 2× the C loop and the rest of the run (CEAC, EVPI, EVPPI ranking ~5 µs)
// nearly free.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const GOAL_S = 0.3;
// Printed by the child itself when it exits, so the figures are that process's alone: its CPU (user +
// system, start-up included, nothing of the parent's) and its peak resident memory (worker threads
// share the process, so theirs is in it).
const REPORT = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nQALY_CPU "+(u.user+u.system)+" QALY_RSS "+process.resourceUsage().maxRSS+"\\n")})`;

/** Newest modification time of a TypeScript file under `folder`. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

interface Measured {
  /** CPU seconds. */
  readonly cpu: number;
  /** Wall seconds, as the parent saw them. */
  readonly wall: number;
  /** Peak resident memory, MiB. */
  readonly rss: number;
  readonly status: number | null;
}

/** Runs `node <args>` once in a fresh process. */
function measured(args: readonly string[]): Measured {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--import", REPORT, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const wall = (performance.now() - start) / 1000;
  const match = /QALY_CPU (\d+) QALY_RSS (\d+)/.exec(child.stderr);
  if (match === null) throw new Error(`node ${args.join(" ")} printed no CPU time: ${child.stderr}`);
  return { cpu: Number(match[1]) / 1e6, wall, rss: Number(match[2]) / 1024, status: child.status };
}

/** Runs `node <args>` in a fresh process `times` times; the run of least CPU. */
function leastCpu(times: number, args: readonly string[]): Measured {
  let best = measured(args);
  for (let k = 1; k < times; k++) {
    const next = measured(args);
    if (next.cpu < best.cpu) best = next;
  }
  return best;
}

export async function bench(): Promise<void> {
  // `npm run build` is tsc, then the single-file bundle of mathjs's parser (scripts/bundle-mathjs-parse.mjs);
  // a plain `tsc` (e.g. by `npm run api:update`) leaves the re-export of mathjs/number instead.
  const parser = join(ROOT, "dist/files/mathjs-parse.js");
  const unbundled = (file: string): boolean => !existsSync(file) || !readFileSync(file, "utf8").includes("bundled by scripts/");
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource(join(ROOT, "src")) || unbundled(parser) || unbundled(CLI)) {
    console.log("dist/ is missing, older than src/ or built without the bundles: building it (npm run build)");
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "pipe" });
    } catch {
      console.log("  (tsc reported type errors, probably someone's edit in progress; the emitted files are measured anyway)");
    }
    for (const script of ["bundle-mathjs-parse.mjs", "bundle-psa-task.mjs", "bundle-cli.mjs"]) execFileSync(process.execPath, [join(ROOT, "scripts", script)], { cwd: ROOT, stdio: "pipe" });
  }
  const line = (label: string, args: readonly string[], goal: boolean): void => {
    const { cpu, wall, status } = leastCpu(3, args);
    const target = goal ? `  [target ≤ ${GOAL_S} s CPU: ${cpu <= GOAL_S ? "met" : "not met"}]` : "";
    console.log(`  ${label.padEnd(44)} ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall${status === 0 ? "" : ` (exit ${status})`}${target}`);
  };
  console.log("compiled CLI, fresh process each, least CPU of 3 runs (user + system)");
  line("node -e 0 (Node's own start-up)", ["-e", "0"], false);
  line("qaly --help", [CLI, "--help"], true);
  line("qaly validate sick-sicker", [CLI, "validate", "sick-sicker", "--quiet"], true);
  // The same script compiled without V8's code cache (scripts/bundle-cli.mjs makes it at build time).
  const cache = join(ROOT, "dist/cli/qaly-cli.cache");
  if (existsSync(cache)) {
    const aside = `${cache}.bench`;
    renameSync(cache, aside);
    try {
      line("qaly validate sick-sicker, without code cache", [CLI, "validate", "sick-sicker", "--quiet"], false);
    } finally {
      renameSync(aside, cache);
    }
  }
  line("qaly run sick-sicker --psa 100 --no-dsa", [CLI, "run", "sick-sicker", "--psa", "100", "--no-dsa"], false);
  // The same command from tsc's separate files (what the package ran before the bundle).
  const separate = `const { validateCommand } = await import("./dist/cli/commands/validate.js"); const { processIo } = await import("./dist/cli/terminal/cli-io.js"); process.exitCode = await validateCommand(["sick-sicker", "--quiet"], processIo());`;
  line("qaly validate sick-sicker, separate files", ["--input-type=module", "-e", separate], false);
  perDraw();
  peakMemory();
  console.log("floor for commands that read a model file: importing these alone");
  for (const name of ["mathjs/number", "./dist/files/mathjs-parse.js", "zod", "yaml"]) line(`import("${name}")`, ["--input-type=module", "-e", `await import(${JSON.stringify(name)})`], false);
}

/**
 * Issue 20 item 9: peak resident memory of `qaly run sick-sicker` with 100 000 draws (the process and
 * its worker threads, which share it: `process.resourceUsage().maxRSS` read at exit), least of 2 runs,
 * with the default workers (every core for a run this long) and with one. dist/ must be the build's:
 * after a plain `tsc` (npm run api:check) the unbundled mathjs alone added ~50 MiB (rebuilt above).
 */
function peakMemory(): void {
  const GOAL_MIB = 200;
  const peak = (workers: readonly string[]): number => {
    let least = Infinity;
    for (let k = 0; k < 2; k++) {
      const run = measured([CLI, "run", "sick-sicker", "--psa", "100000", "--no-dsa", "--quiet", ...workers]);
      if (run.status !== 0) throw new Error(`qaly run sick-sicker --psa 100000 exited with ${run.status}`);
      least = Math.min(least, run.rss);
    }
    return least;
  };
  const auto = peak([]);
  const one = peak(["--workers", "1"]);
  console.log(`qaly run sick-sicker --psa 100000 --no-dsa, peak resident (least of 2): ${auto.toFixed(0)} MiB with the default workers, ${one.toFixed(0)} MiB with one  [target ≤ ${GOAL_MIB} MiB: ${auto <= GOAL_MIB && one <= GOAL_MIB ? "met" : "not met"}]`);
}

/** CPU seconds (least of `times`) of `node <args>`. */
const cpuOf = (times: number, args: readonly string[]): number => leastCpu(times, args).cpu;

/**
 * Sick-Sicker (time-independent, 4 states × 75 cycles × 4 strategies) in C: per draw, the transition
 * matrix of each strategy from 18 parameters (exp/log as the model file's rate conversions), a dense
 * 4 × 4 cohort step per cycle, within-cycle weights and discounting precomputed. Parameters are drawn
 * before timing (in qaly the sampling is its own cost). Prints microseconds per draw, best of 5 runs.
 */
const C_LOOP = String.raw`#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define N 200000
#define P 18
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static double hr(double p, double h) { return h == 1 ? p : -expm1(h * log1p(-p)); }
int main(void) {
  static const double base[P] = { 0.15, 0.5, 0.105, 0.002, 3, 10, 0.6, 2000, 4000, 15000, 0, 12000, 13000, 1, 0.75, 0.5, 0, 0.95 };
  double *draws = malloc(sizeof(double) * N * P), weight[76], out[16], check = 0, best = 1e9;
  for (int i = 0; i < N; i++) for (int j = 0; j < P; j++) draws[i * P + j] = base[j] * (1 + 0.05 * sin(1 + i * 7.13 + j * 1.7));
  for (int t = 0; t <= 75; t++) weight[t] = (t == 0 || t == 75 ? 1.0 / 3 : t % 2 ? 4.0 / 3 : 2.0 / 3) / pow(1.03, t);
  for (int run = 0; run < 5; run++) {
    double start = now();
    for (int i = 0; i < N; i++) {
      const double *q = draws + i * P;
      double pHD = -expm1(-q[3]), pS1D = hr(pHD, q[4]), pS2D = hr(pHD, q[5]), pHS1 = -expm1(-q[0]), pS1H = -expm1(-q[1]), pS1S2base = -expm1(-q[2]);
      for (int s = 0; s < 4; s++) {
        int a = s == 1 || s == 3, b = s >= 2;
        double pS1S2 = hr(pS1S2base, b ? q[6] : 1), treat = (a ? q[11] : 0) + (b ? q[12] : 0), uS = a ? q[17] : q[14];
        double m[4][4] = { { 0 } }, c[4] = { q[7], q[8] + treat, q[9] + treat, q[10] }, u[4] = { q[13], uS, q[15], q[16] };
        m[0][1] = (1 - pHD) * pHS1; m[0][3] = pHD; m[0][0] = 1 - m[0][1] - m[0][3];
        m[1][0] = (1 - pS1D) * pS1H; m[1][2] = (1 - pS1D) * pS1S2; m[1][3] = pS1D; m[1][1] = 1 - m[1][0] - m[1][2] - m[1][3];
        m[2][3] = pS2D; m[2][2] = 1 - pS2D; m[3][3] = 1;
        double x[4] = { 1, 0, 0, 0 }, cost = 0, qaly = 0;
        for (int t = 0; t <= 75; t++) {
          cost += weight[t] * (x[0] * c[0] + x[1] * c[1] + x[2] * c[2] + x[3] * c[3]);
          qaly += weight[t] * (x[0] * u[0] + x[1] * u[1] + x[2] * u[2] + x[3] * u[3]);
          double y[4];
          for (int k = 0; k < 4; k++) y[k] = x[0] * m[0][k] + x[1] * m[1][k] + x[2] * m[2][k] + x[3] * m[3][k];
          for (int k = 0; k < 4; k++) x[k] = y[k];
        }
        out[s * 2] = cost; out[s * 2 + 1] = qaly;
      }
      check += out[0] + out[7];
    }
    double us = (now() - start) / N * 1e6;
    if (us < best) best = us;
  }
  printf("%.3f %g\n", best, check);
  return 0;
}
`;

/** Microseconds per draw of {@link C_LOOP} (gcc -O2), or undefined without a C compiler. */
function cLoop(): number | undefined {
  const folder = mkdtempSync(join(tmpdir(), "qaly-c-loop-"));
  writeFileSync(join(folder, "sick-sicker.c"), C_LOOP);
  try {
    execFileSync("cc", ["-O2", "-o", join(folder, "sick-sicker"), join(folder, "sick-sicker.c"), "-lm"], { stdio: "pipe" });
    return Number(execFileSync(join(folder, "sick-sicker"), { encoding: "utf8" }).split(" ")[0]);
  } catch {
    return undefined;
  }
}

/** Issue 20 item 4: marginal CPU per draw of `qaly run sick-sicker` (one worker) and of the in-process engine. */
function perDraw(): void {
  const [small, large] = [1000, 21000];
  const marginal = (args: (n: number) => readonly string[]): number => ((cpuOf(2, args(large)) - cpuOf(2, args(small))) / (large - small)) * 1e6;
  const cli = marginal((n) => [CLI, "run", "sick-sicker", "--psa", String(n), "--no-dsa", "--workers", "1", "--quiet"]);
  // The engine alone, compiled, from the same model file: loadModel, then runPsa of its draws.
  const load = `const { loadModel } = await import("./dist/node/load-model.js"); const { projectPsaSetup } = await import("./dist/project/project-psa-setup.js"); const { runPsa, runPsaSync } = await import("./dist/analysis/run/run-psa.js");
     const { project } = await loadModel("sick-sicker"); const setup = projectPsaSetup(project);`;
  const engine = (n: number): readonly string[] => ["--input-type=module", "-e", `${load} await runPsa(setup.model, setup.parameters, { samples: ${n}, seed: 1 });`];
  const inProcess = marginal(engine);
  const c = cLoop();
  const ratio = (us: number): string => (c === undefined ? "" : ` = ${(us / c).toFixed(1)}× the C loop`);
  console.log(`Sick-Sicker model file, marginal CPU per PSA draw (runs of ${large} and ${small} draws, least of 2, one worker):`);
  console.log(`  C loop (gcc -O2, same cohort arithmetic)     ${c === undefined ? "no C compiler" : `${c.toFixed(2)} µs`}`);
  console.log(`  runPsa in-process (sampling + evaluation)    ${inProcess.toFixed(1)} µs${ratio(inProcess)}`);
  console.log(`  qaly run --no-dsa (PSA, CEAC, EVPI, EVPPI)   ${cli.toFixed(1)} µs${ratio(cli)}  [target ≤ 3× the C loop: ${c !== undefined && cli <= 3 * c ? "met" : "not met"}]`);
  // The same work steady, in one process (no start-up, JIT warm-up or exit in the difference):
  // runProject is what qaly run does after loading the model (base case, PSA, CEAC, EVPI, EVPPI
  // ranking, convergence check); 6 alternating rounds of both sizes, least CPU of each.
  const steadyScript = `${load} const { runProject } = await import("./dist/project/run-project.js");
     const cpu = async (f) => { const c0 = process.cpuUsage(); await f(); const u = process.cpuUsage(c0); return u.user + u.system; };
     const best = [[Infinity, Infinity], [Infinity, Infinity]];
     for (let r = 0; r < 6; r++) for (const [i, n] of [[0, ${small}], [1, ${large}]]) {
       best[0][i] = Math.min(best[0][i], await cpu(() => runProject(project, { psa: n, dsa: false, detail: false })));
       best[1][i] = Math.min(best[1][i], await cpu(() => runPsaSync(setup.model, setup.parameters, { samples: n, seed: 1 })));
     }
     console.log(JSON.stringify(best.map(([a, b]) => (b - a) / ${large - small})));`;
  const [steadyRun, steadyPsa] = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", steadyScript], { cwd: ROOT, encoding: "utf8" }).trim()) as [number, number];
  console.log(`  steady, one process: runProject ${steadyRun.toFixed(1)} µs${ratio(steadyRun)}; runPsaSync alone ${steadyPsa.toFixed(1)} µs${ratio(steadyPsa)}`);
  // The other per-draw analysis qaly run does: every parameter's EVPPI at the thresholds, ranked, with standard errors (run-project.ts's call).
  const rankingScript = `${load} const { evppiRanking } = await import("./dist/analysis/voi/evppi-ranking.js"); const psa = runPsaSync(setup.model, setup.parameters, { samples: ${large}, seed: 1 });
     const { cost, effect } = project.outcomes; let best = Infinity; for (let k = 0; k < 3; k++) { const c0 = process.cpuUsage(); evppiRanking(psa, project.wtp.thresholds, { cost, effect, standardError: { samples: 50 } }); const used = process.cpuUsage(c0); best = Math.min(best, used.user + used.system); } console.log(best / ${large});`;
  const ranking = Number(execFileSync(process.execPath, ["--input-type=module", "-e", rankingScript], { cwd: ROOT, encoding: "utf8" }).trim());
  console.log(`    of which the EVPPI ranking               ${ranking.toFixed(1)} µs${ratio(ranking)} (in-process, least of 3)`);
  // Only with --out DIR (not in any figure above: without it no CSV is formatted): psa-draws.csv
  // holds every draw's outcomes and parameters (35 numbers here) in the shortest decimal that reads
  // back to the same double (String(x), V8's own formatting, ~0.2 µs a number on this machine).
  const csvScript = `${load} const { psaResultToCsv } = await import("./dist/analysis/psa/psa-result-csv.js"); const psa = runPsaSync(setup.model, setup.parameters, { samples: ${large}, seed: 1 });
     let best = Infinity; for (let k = 0; k < 3; k++) { const c0 = process.cpuUsage(); psaResultToCsv(psa); const used = process.cpuUsage(c0); best = Math.min(best, used.user + used.system); } console.log(best / ${large});`;
  const csv = Number(execFileSync(process.execPath, ["--input-type=module", "-e", csvScript], { cwd: ROOT, encoding: "utf8" }).trim());
  console.log(`  with --out DIR also formatting psa-draws.csv ${csv.toFixed(1)} µs${ratio(csv)} (in-process, least of 3; not in the figures above)`);
}
