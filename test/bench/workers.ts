// Worker-thread PSA: a 100 000-draw Sick-Sicker PSA (models/sick-sicker, 4 strategies × 75 cycles)
// in-process and on 1 and 2 worker threads, which sample the draws themselves (issue 20, item 6:
// pool start ≤ 0.5 s, 2 workers ≥ 1.8× one). Starting a worker means loading the task module and
// the library in a fresh thread, so it is timed on its own; the speed-up is measured on started
// ("warm") workers, and the one-shot time (start included) is printed next to it. CPU time is
// process.cpuUsage(), which counts every thread of the process, so on 2 workers it is the sum of
// both. The machine's load average is printed: on a shared machine the wall times are noisy.
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

/**
 * Pool start from the compiled package (dist/, `npm run build`), as `qaly run --workers 2` starts
 * it: each worker imports the model-file loader (bundled, and as separate files) and compiles
 * models/sick-sicker/model.yaml. Timed in a plain `node` process: worker threads inherit this
 * process's tsx loader, which would slow every module they load.
 */
async function compiledStart(): Promise<void> {
  const dist = new URL("../../dist/node/index.js", import.meta.url);
  if (!existsSync(dist)) {
    console.log("  (no dist/: run npm run build to time the pool start of the compiled package)");
    return;
  }
  const model = fileURLToPath(new URL("../../models/sick-sicker/model.yaml", import.meta.url));
  // The bundle (scripts/bundle-psa-task.mjs, what qaly run's workers import) and the ~300 files it holds.
  for (const file of ["load-model.bundle.js", "load-model.js"]) {
    const module = new URL(`../../dist/node/${file}`, import.meta.url);
    if (!existsSync(module)) continue;
    for (const workers of [1, 2]) {
      const script = `
        const { createPsaWorkerPool } = await import(${JSON.stringify(dist.href)});
        const cpu = process.cpuUsage(); const start = performance.now();
        const pool = await createPsaWorkerPool({ module: ${JSON.stringify(module.href)}, export: "psaTask", args: [${JSON.stringify(model)}, null, null] }, { workers: ${workers} });
        const wall = performance.now() - start; const used = process.cpuUsage(cpu);
        await pool.close();
        console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`;
      // A file, not -e: workers inherit the process's execArgv, and --input-type breaks them.
      const file_ = join(mkdtempSync(join(tmpdir(), "qaly-bench-")), "start.mjs");
      writeFileSync(file_, script);
      const boot = JSON.parse(execFileSync(process.execPath, [file_], { encoding: "utf8" })) as Timing;
      console.log(`  compiled package, sick-sicker model file, task ${file}: pool of ${workers} start ${ms(boot)} [target ≤ 0.5 s]`);
    }
  }
  await cliStart(model);
}

/**
 * `qaly run --workers 2`'s PSA of 512 draws (two chunks, so mostly the pool's start) from the compiled
 * package, the model already built by the calling thread as the command line has it: with that setup
 * given (runPsaParallelWith, what qaly run does) and with the task loaded again in the calling thread
 * as well (runPsaParallel, what it did). Least CPU of 3 fresh processes each, CPU of all threads.
 */
async function cliStart(model: string): Promise<void> {
  const module = new URL("../../dist/node/load-model.bundle.js", import.meta.url);
  const parallel = new URL("../../dist/node/run-psa-parallel.js", import.meta.url);
  if (!existsSync(module) || !existsSync(parallel)) return;
  for (const given of [true, false]) {
    let fastest: Timing = { wall: Infinity, cpu: Infinity };
    for (let k = 0; k < 3; k++) {
      const script = `
        const { psaTask } = await import(${JSON.stringify(module.href)});
        const { runPsaParallel, runPsaParallelWith } = await import(${JSON.stringify(parallel.href)});
        const args = [${JSON.stringify(model)}, null, null];
        const setup = await psaTask(...args);
        const task = { module: ${JSON.stringify(module.href)}, export: "psaTask", args };
        const options = { samples: 512, seed: 1, workers: 2 };
        const cpu = process.cpuUsage(); const start = performance.now();
        await (${given} ? runPsaParallelWith(task, setup, options) : runPsaParallel(task, options));
        const wall = performance.now() - start; const used = process.cpuUsage(cpu);
        console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`;
      const file = join(mkdtempSync(join(tmpdir(), "qaly-bench-")), "cli-start.mjs");
      writeFileSync(file, script);
      const timing = JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8" })) as Timing;
      if (timing.cpu < fastest.cpu) fastest = timing;
    }
    console.log(`  qaly run's PSA, 2 workers, 512 draws, model built in the calling thread: ${given ? "setup given (qaly run now)        " : "task loaded again in that thread  "} ${ms(fastest)} (load ${load()})`);
  }
}
