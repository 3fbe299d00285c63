// Worker-thread PSA: a 100 000-draw Sick-Sicker PSA (models/sick-sicker, 4 strategies × 75 cycles)
// in-process and on 1 and 2 worker threads, which sample the draws themselves (issue 20, item 6:
// pool start ≤ 0.5 s, 2 workers ≥ 1.8× one). The pool start of the compiled package is timed as
// `qaly run --workers` has it (each worker builds the model file from the calling thread's check of
// it) and with every worker parsing and validating the file again, as before. Starting a worker means loading the task module and
// the library in a fresh thread, so it is timed on its own; the speed-up is measured on started
// ("warm") workers, and the one-shot time (start included) is printed next to it. CPU time is
// process.cpuUsage(), which counts every thread of the process, so on 2 workers it is the sum of
// both. The machine's load average is printed: on a shared machine the wall times are noisy.
// 2026-12-07 (7d830ba, 8e37247), at load 7-10, so wall times say little: createPsaWorkerPool(psaTask of
// the bundle) with 2 workers, fresh processes, d6d757b's and the new compiled trees alternating, 6 pairs:
// CPU of all threads 705-908 → 377-595 ms, wall 1.4-4.1 → 0.62-1.27 s (the calling thread and each worker no
// longer parse sick-sicker's YAML, nor compile zod's fast path); this bench: 394 ms CPU, 609-666 ms wall at
// that load; again at load ~2.8, 5 pairs: CPU 577-738 → 353-480 ms, wall 309-584 → 191-412 ms, so the
// 0.5 s goal is met on every run at that load; qaly run's pool of 2 (workers build from the check) 219 ms CPU, wall
// 181-402 ms. Speed-up: 2 started workers used 0.95× the CPU of 1 (no serial overhead to find in the calling
// thread: it waits on the shared counters; merging is the copy of the shared buffers), so on 2 idle cores
// the CPU times give 2.11×; the wall ratio (0.97× here) only measures the load. Peak memory of qaly run
// sick-sicker --psa 100000 --no-dsa --out D (item 9; /usr/bin/time -v: max RSS of the one process, whose
// worker threads share it, so parent and workers are counted together), 3 alternating pairs: 2 workers
// 212-223 → 196-199 MiB, 1 worker 196-214 → 173-179 MiB. The 2-worker peak is the PSA itself: the parent's
// ~93 MB (Node ~40, the bundle and its code cache, the model), the shared draws and outcomes (27 MB, written
// as the run goes) and each worker's isolate, bundle and heap; the copy out of the shared
// buffers now happens after the workers stop (runLast), and psa-draws.csv is written in 60 kB chunks.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runPsa, runPsaSync } from "../../src/analysis/run/index.js";
import { createPsaWorkerPool, runPsaParallel } from "../../src/node/index.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";

const TASK = { module: new URL("../fixtures/workers/sick-sicker-task.ts", import.meta.url) };
const N = 100_000;

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** The fastest of `times` runs, wall and CPU time (ms) of that run. */
async function best(times: number, run: () => Promise<unknown> | unknown): Promise<Timing> {
  let fastest: Timing = { wall: Infinity, cpu: Infinity };
  for (let k = 0; k < times; k++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (wall < fastest.wall) fastest = { wall, cpu: (used.user + used.system) / 1000 };
  }
  return fastest;
}

const ms = (t: Timing): string => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;
const load = (): string => loadavg().map((value) => value.toFixed(1)).join(", ");

export async function bench(): Promise<void> {
  console.log(`load average (1, 5, 15 min) at start: ${load()} on this machine`);
  const options = { samples: N, seed: "bench-workers" };
  const reference = runPsaSync(sickSicker, psaParameters, options);
  const sampling = await best(3, () => psaParameters.sample(N, { seed: "bench-workers" }));
  const sync = await best(2, () => runPsaSync(sickSicker, psaParameters, options));
  const inProcess = await best(2, () => runPsa(sickSicker, psaParameters, options));
  console.log(`Sick-Sicker PSA, ${N} draws: sampling the draws ${ms(sampling)}, runPsaSync ${ms(sync)}, runPsa ${ms(inProcess)}`);

  const oneShot = await best(1, () => runPsaParallel(TASK, { ...options, workers: 2 }));
  const times: Timing[] = [];
  for (const workers of [1, 2]) {
    let pool: Awaited<ReturnType<typeof createPsaWorkerPool>> | undefined;
    const boot = await best(1, async () => (pool = await createPsaWorkerPool(TASK, { workers })));
    let psa = await pool!.run(options);
    const identical = Buffer.compare(Buffer.from(psa.buffer.buffer), Buffer.from(reference.buffer.buffer)) === 0;
    times.push(await best(4, async () => (psa = await pool!.run(options))));
    await pool!.close();
    console.log(`  ${workers} worker${workers === 1 ? " " : "s"} (sampling in the workers): start ${ms(boot)} via tsx, run ${ms(times.at(-1)!)}${identical ? ", buffer identical to runPsaSync" : ", BUFFER DIFFERS FROM runPsaSync"}`);
  }
  const [one, two] = times as [Timing, Timing];
  console.log(`  speed-up of 2 started workers: vs 1 worker thread ${(one.wall / two.wall).toFixed(2)}× [target ≥ 1.8×], vs runPsaSync ${(sync.wall / two.wall).toFixed(2)}×, vs runPsa ${(inProcess.wall / two.wall).toFixed(2)}×`);
  // What 2 free cores would give: the work of 2 workers split evenly (CPU/2) against 1 worker's CPU.
  console.log(`  CPU of 2 workers ${(two.cpu / one.cpu).toFixed(2)}× that of 1 (overhead); speed-up on 2 idle cores, from CPU time: ${(one.cpu / (two.cpu / 2)).toFixed(2)}×`);
  console.log(`  runPsaParallel one-shot with 2 workers (start included): ${ms(oneShot)}`);
  await compiledStart();
  console.log(`load average at end: ${load()}`);
}

/** Runs `script` as an ES module file in a fresh `node` (no tsx: worker threads would inherit its loader) and parses the JSON it prints. */
function runScript<T>(script: string): T {
  // A file, not -e: workers inherit the process's execArgv, and --input-type breaks them.
  const file = join(mkdtempSync(join(tmpdir(), "qaly-bench-")), "start.mjs");
  writeFileSync(file, script);
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8" })) as T;
}

/** Least CPU of `times` fresh processes, with that run's wall time, and the range of the wall times. */
function fresh(times: number, script: string): Timing & { readonly walls: readonly number[] } {
  const runs = Array.from({ length: times }, () => runScript<Timing>(script));
  const least = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  return { ...least, walls: runs.map((run) => run.wall).sort((a, b) => a - b) };
}

const range = (values: readonly number[]): string => `${values[0]!.toFixed(0)}–${values.at(-1)!.toFixed(0)} ms`;
/** The goal judged on the fastest run (the one least slowed by other processes on a shared machine), with the median beside it. */
const verdict = (walls: readonly number[], goal: number): string => `[target ≤ ${goal / 1000} s: ${walls[0]! <= goal ? "met" : "missed"} on the fastest run; median ${walls[walls.length >> 1]!.toFixed(0)} ms]`;

/**
 * Pool start from the compiled package (dist/, `npm run build`), fresh processes, CPU of all threads.
 * First as `qaly run --workers N` starts it (src/cli/commands/run.ts): the calling thread has loaded
 * the model file, each worker imports the task bundle and builds the model from the calling thread's
 * check of the file (checkedPsaTask: the same text, so no second YAML parse and schema), timed until
 * every worker has built it. Then createPsaWorkerPool with the plain psaTask, where the calling thread
 * loads the task too, from the bundle and from the ~300 files it holds.
 */
async function compiledStart(): Promise<void> {
  const dist = new URL("../../dist/node/index.js", import.meta.url);
  if (!existsSync(dist)) {
    console.log("  (no dist/: run npm run build to time the pool start of the compiled package)");
    return;
  }
  const model = fileURLToPath(new URL("../../models/sick-sicker/model.yaml", import.meta.url));
  const bundle = new URL("../../dist/node/load-model.bundle.js", import.meta.url);
  const poolModule = new URL("../../dist/node/psa-worker-pool.js", import.meta.url);
  if (existsSync(bundle)) {
    for (const checked of [true, false]) {
      for (const workers of [1, 2]) {
        const timing = fresh(5, `
          const task = await import(${JSON.stringify(bundle.href)});
          const { WorkerPool, taskInit } = await import(${JSON.stringify(poolModule.href)});
          const model = ${JSON.stringify(model)};
          const loaded = await task.loadModel(model);
          const setup = await task.psaTask(model, null, null);
          const init = taskInit(${checked} ? { module: ${JSON.stringify(bundle.href)}, export: "checkedPsaTask", args: [model, null, null, task.checkedModelText(loaded)] } : { module: ${JSON.stringify(bundle.href)}, export: "psaTask", args: [model, null, null] });
          const cpu = process.cpuUsage(); const start = performance.now();
          const pool = new WorkerPool(init, ${workers});
          pool.attach(setup);
          await pool.ready;
          const wall = performance.now() - start; const used = process.cpuUsage(cpu);
          await pool.close();
          console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`);
        const how = checked ? "qaly run (workers build from the check)" : "workers parse and validate again    ";
        console.log(`  compiled, ${how}, pool of ${workers} start: CPU ${timing.cpu.toFixed(0)} ms (least of 5, all threads), wall ${range(timing.walls)} ${verdict(timing.walls, 500)} (load ${load()})`);
      }
    }
  }
  // The bundle (scripts/bundle-psa-task.mjs; the module modelFileTask names in the built package) and the
  // ~300 files it holds, the calling thread loading the task too.
  for (const file of ["load-model.bundle.js", "load-model.js"]) {
    const module = new URL(`../../dist/node/${file}`, import.meta.url);
    if (!existsSync(module)) continue;
    for (const workers of [1, 2]) {
      const timing = fresh(3, `
        const { createPsaWorkerPool } = await import(${JSON.stringify(dist.href)});
        const cpu = process.cpuUsage(); const start = performance.now();
        const pool = await createPsaWorkerPool({ module: ${JSON.stringify(module.href)}, export: "psaTask", args: [${JSON.stringify(model)}, null, null] }, { workers: ${workers} });
        const wall = performance.now() - start; const used = process.cpuUsage(cpu);
        await pool.close();
        console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`);
      console.log(`  compiled, createPsaWorkerPool(psaTask of ${file}${file === "load-model.bundle.js" ? ", what modelFileTask names" : ", what importing qaly/node loads"}), pool of ${workers} start (this thread loads it too): CPU ${timing.cpu.toFixed(0)} ms, wall ${range(timing.walls)} ${verdict(timing.walls, 500)}`);
    }
  }
  await cliStart(model);
}

/**
 * `qaly run --workers 2`'s PSA of 512 draws (two chunks, so mostly the pool's start) from the compiled
 * package, the model already built by the calling thread as the command line has it: with that setup
 * and the check of the file given (runPsaParallelWith and checkedPsaTask, what qaly run does) and with
 * the task loaded again in the calling thread and the workers (runPsaParallel and psaTask, what it
 * did). Least CPU of 3 fresh processes each, CPU of all threads.
 */
async function cliStart(model: string): Promise<void> {
  const module = new URL("../../dist/node/load-model.bundle.js", import.meta.url);
  const parallel = new URL("../../dist/node/run-psa-parallel.js", import.meta.url);
  if (!existsSync(module) || !existsSync(parallel)) return;
  for (const given of [true, false]) {
    const timing = fresh(3, `
      const { loadModel, checkedModelText, psaTask } = await import(${JSON.stringify(module.href)});
      const { runPsaParallel, runPsaParallelWith } = await import(${JSON.stringify(parallel.href)});
      const path = ${JSON.stringify(model)};
      const loaded = await loadModel(path);
      const setup = await psaTask(path, null, null);
      const options = { samples: 512, seed: 1, workers: 2 };
      const cpu = process.cpuUsage(); const start = performance.now();
      await (${given} ? runPsaParallelWith({ module: ${JSON.stringify(module.href)}, export: "checkedPsaTask", args: [path, null, null, checkedModelText(loaded)] }, setup, options) : runPsaParallel({ module: ${JSON.stringify(module.href)}, export: "psaTask", args: [path, null, null] }, options));
      const wall = performance.now() - start; const used = process.cpuUsage(cpu);
      console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`);
    console.log(`  qaly run's PSA, 2 workers, 512 draws, model built in the calling thread: ${given ? "setup and check given (qaly run now)" : "task loaded again everywhere       "} CPU ${timing.cpu.toFixed(0)} ms, wall ${range(timing.walls)} (load ${load()})`);
  }
  // The command itself (its V8 flags included: a flag that makes V8 reject the workers' code cache shows here).
  const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
  const cpuOf = (workers: string): Timing & { readonly walls: readonly number[] } =>
    fresh(3, `
      import { spawnSync } from "node:child_process";
      const start = performance.now();
      const child = spawnSync(process.execPath, ["--import", ${JSON.stringify(REPORT_CPU)}, ${JSON.stringify(cli)}, "run", "sick-sicker", "--psa", "512", "--no-dsa", "--quiet", "--workers", "${workers}"], { encoding: "utf8" });
      const wall = performance.now() - start;
      const match = /QALY_CPU (\\d+)/.exec(child.stderr);
      if (child.status !== 0 || match === null) throw new Error(child.stderr);
      console.log(JSON.stringify({ wall, cpu: Number(match[1]) / 1000 }));`);
  const [one, two] = [cpuOf("1"), cpuOf("2")];
  console.log(`  qaly run sick-sicker --psa 512 --no-dsa: --workers 1 CPU ${one.cpu.toFixed(0)} ms, wall ${range(one.walls)}; --workers 2 CPU ${two.cpu.toFixed(0)} ms, wall ${range(two.walls)} (the pool's cost: ${(two.cpu - one.cpu).toFixed(0)} ms of CPU)`);
}

/** Prints the CPU time (user + system, µs) of the process it is imported into when that exits. */
const REPORT_CPU = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nQALY_CPU "+(u.user+u.system)+"\\n")})`;
