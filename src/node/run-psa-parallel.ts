import type { PsaResult } from "../analysis/psa/psa-result.js";
import { runPsa, type PsaRunOptions } from "../analysis/run/run-psa.js";
import { psaSize } from "../analysis/run/plan-psa.js";
import type { PsaSetup, PsaTask } from "./psa-task.js";
import { loadPsaTask } from "./psa-task.js";
import { checkWorkers, taskInit, WorkerPool } from "./psa-worker-pool.js";

/** Options of {@link runPsaParallel}: those of `runPsa` plus the number of workers. */
export interface ParallelPsaOptions extends PsaRunOptions {
  /** Worker threads (default `os.availableParallelism()`); with 1, or when all draws fit in one chunk of `checkEvery`, the run is in-process (`runPsa`). */
  readonly workers?: number;
}

/**
 * Runs a probabilistic sensitivity analysis on several CPU cores with Node `worker_threads`
 * (Briggs, Claxton & Sculpher 2006, ch. 4). The task names an ES module whose factory returns
 * `{ model, parameters }`. The calling thread loads it while the workers start and load it too;
 * the workers sample the draws (or share those the calling thread was given), claim chunks of `checkEvery` draw
 * indices and write each draw's outcomes at its own index of one shared output. So the result is
 * bit-identical to `runPsaSync` with the same seed, for any number of workers and any chunk size,
 * and its provenance is the same. Progress is reported per chunk; aborting the signal terminates
 * the workers. For repeated runs keep the threads with {@link createPsaWorkerPool}.
 *
 * @param task - the module (a `file:` URL or path), its factory export (default `"default"`) and the factory's arguments
 * @param options - samples, seed, method, onProgress, signal, checkEvery (draws per chunk) and workers
 * @returns a promise of the frozen result
 * @throws QalyError `cancelled` (path `["draws", completed]`); `worker_failed` (path `["workers", k]`) when a worker thread dies; `invalid_argument` for a task that cannot be loaded; the error of the earliest failing draw, with the issues `runPsaSync` reports
 * @example
 * // Usually the task is a file: runPsaParallel({ module: new URL("./psa-task.ts", import.meta.url) }, options)
 * // with psa-task.ts exporting `default () => ({ model, parameters })`. Here it is inline, as a data: URL.
 * const factory = "export default () => ({ model: { title: 'Demo', strategies: ['A'], outcomes: ['cost'], evaluateInto(p, out) { out[0] = 2 * p.c; } }, parameters: { sample: (n) => ({ names: ['c'], size: n, column: () => new Float64Array(n).fill(5), row: () => ({ c: 5 }) }) } })";
 * const psa = await runPsaParallel({ module: "data:text/javascript," + encodeURIComponent(factory) }, { samples: 1000, seed: 1, workers: 2, checkEvery: 100 });
 * psa.mean("cost", "A") // => 10
 */
export async function runPsaParallel(task: PsaTask, options: ParallelPsaOptions = {}): Promise<PsaResult> {
  return runPsaParallelWith(task, undefined, options);
}

/**
 * {@link runPsaParallel} with the calling thread's setup already built, when the caller has built
 * the model the task builds (`qaly run` has, to run the base case): this thread then skips loading
 * the task (an import and a model build, about half a pool's start), the workers still load it and
 * are checked against `setup` (same strategies and outcomes). Draws and results are those of
 * {@link runPsaParallel} as long as `setup` is what the task's factory returns. @internal
 */
export async function runPsaParallelWith(task: PsaTask, built: PsaSetup | undefined, options: ParallelPsaOptions = {}): Promise<PsaResult> {
  const workers = checkWorkers(options.workers);
  const init = taskInit(task);
  // With the number of draws known up front, the threads start loading the task while this thread
  // loads it (a pool then starts in the time of one load, not two); else they start after.
  const early = workersFor(options.samples, workers, options.checkEvery);
  let pool = early > 1 ? new WorkerPool(init, early) : undefined;
  try {
    const setup = built ?? (await loadPsaTask(init.url, init.exportName, init.args));
    const count = Math.min(workers, Math.ceil(psaSize(setup.model, setup.parameters, options) / (options.checkEvery ?? 256)));
    if (count !== pool?.workers) {
      await pool?.close();
      pool = undefined;
    }
    if (count <= 1) return await runPsa(setup.model, setup.parameters, options);
    pool ??= new WorkerPool(init, count);
    pool.attach(setup);
    // The threads stop before the result is copied out of their shared memory (peak memory).
    return await pool.runLast(options);
  } finally {
    await pool?.close();
  }
}

/** Workers a run of `samples` draws will use, or 0 when that is not known before the task is loaded. */
function workersFor(samples: number | undefined, workers: number, checkEvery: number | undefined): number {
  const step = checkEvery ?? 256;
  if (samples === undefined || !Number.isInteger(samples) || samples < 1 || !Number.isInteger(step) || step < 1) return 0;
  return Math.min(workers, Math.ceil(samples / step));
}
