import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { fail, QalyError } from "../core/errors.js";
import type { PsaResult } from "../analysis/psa/psa-result.js";
import type { ParameterSampler, PsaRunOptions } from "../analysis/run/run-psa.js";
import { finishPsa, planPsa, psaProvenance, psaSize } from "../analysis/run/plan-psa.js";
import type { ParameterDraws } from "../parameters/parameter-draws.js";
import type { ColumnSampling } from "../parameters/sample-parameters.js";
import { PoolRun } from "./pool-run.js";
import { CONTROL_SLOTS, type PsaWorkerInit, type PsaWorkerMessage, type PsaWorkerStart } from "./psa-worker-protocol.js";
import { loadPsaTask, taskUrl, type PsaSetup, type PsaTask } from "./psa-task.js";
import { startWorker } from "./start-worker.js";
import { deserializeError } from "./worker-error.js";

/** A set of worker threads that have built a task's model and evaluate PSA runs on it. */
export interface PsaWorkerPool {
  /** Number of worker threads. */
  readonly workers: number;
  /**
   * Runs one PSA on the pool, exactly like `runPsaParallel` (same options, same bit-identical
   * result and provenance) but without starting threads. Runs queue one after another.
   */
  run(options?: PsaRunOptions): Promise<PsaResult>;
  /** Terminates the worker threads; later runs reject. */
  close(): Promise<void>;
}

/**
 * Starts a pool of PSA worker threads for a task and waits until every worker has built the
 * model. Starting a thread means loading the task module and the library, which can take longer
 * than a small PSA, so keep a pool open for repeated runs (scenarios, several seeds or sample
 * sizes) and close it when done.
 *
 * @param task - the module, its factory export and the factory's arguments (see {@link runPsaParallel})
 * @param options - `workers`: number of threads (default `os.availableParallelism()`)
 * @returns the ready pool
 * @throws QalyError `invalid_argument` for a task that cannot be loaded; `worker_failed` when a worker thread dies while starting
 * @example
 * const factory = "export default (c) => ({ model: { title: 'Demo', strategies: ['A'], outcomes: ['cost'], evaluateInto(p, out) { out[0] = p.c; } }, parameters: { sample: (n) => ({ names: ['c'], size: n, column: () => new Float64Array(n).fill(c), row: () => ({ c }) }) } })";
 * const pool = await createPsaWorkerPool({ module: "data:text/javascript," + encodeURIComponent(factory), args: [7] }, { workers: 2 });
 * (await pool.run({ samples: 500, seed: 1, checkEvery: 50 })).mean("cost", "A") // => 7
 * (await pool.run({ samples: 800, seed: 2, checkEvery: 50 })).size // => 800
 * await pool.close();
 */
export async function createPsaWorkerPool(task: PsaTask, options: { readonly workers?: number } = {}): Promise<PsaWorkerPool> {
  const init = taskInit(task);
  // The threads load the task while this thread loads it too: a pool starts in the time of one load, not two.
  const pool = new WorkerPool(init, checkWorkers(options.workers));
  try {
    pool.attach(await loadPsaTask(init.url, init.exportName, init.args));
    await pool.ready;
    pool.idle();
  } catch (error) {
    await pool.close();
    throw error;
  }
  return pool;
}

/** Checks a task and names what a worker needs to load it (the module is imported later). @internal */
export function taskInit(task: PsaTask): PsaWorkerInit {
  const url = taskUrl(task);
  const exportName = task.export ?? "default";
  const args = task.args ?? [];
  if (!Array.isArray(args)) fail("invalid_argument", ["task", "args"], "args must be an array of the factory's arguments", { received: args });
  try {
    structuredClone(args);
  } catch {
    fail("invalid_argument", ["task", "args"], "the factory's arguments must be cloneable to worker threads (numbers, strings, plain objects and arrays; no functions)");
  }
  return { url, exportName, args, typescript: task.typescript === true };
}

/** The number of workers, checked; default `os.availableParallelism()`. @internal */
export function checkWorkers(workers: number | undefined): number {
  const count = workers ?? availableParallelism();
  if (!Number.isInteger(count) || count < 1) fail("invalid_argument", ["workers"], `workers must be a whole number ≥ 1 (received ${String(workers)})`, { received: workers });
  return count;
}

/** The pool behind {@link createPsaWorkerPool} and `runPsaParallel`. @internal */
export class WorkerPool implements PsaWorkerPool {
  readonly workers: number;
  /** Resolves when every worker has built the model; rejects when one cannot. */
  readonly ready: Promise<void>;
  private readonly threads: Worker[];
  private broken: Error | undefined;
  private closed = false;
  private runs = 0;
  private active: PoolRun | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** The calling thread's setup, once {@link attach}ed. */
  private setup: PsaSetup | undefined;
  /** Strategies and outcomes of the model each worker built, as it reported them. */
  private readonly built: ({ readonly strategies: readonly string[]; readonly outcomes: readonly string[] } | undefined)[];
  private resolveReady: () => void = () => undefined;
  private rejectReady: (error: Error) => void = () => undefined;

  constructor(init: PsaWorkerInit, workers: number) {
    this.workers = workers;
    this.built = Array.from({ length: workers }, () => undefined);
    const file = new URL(import.meta.url.endsWith(".ts") ? "./psa-worker.ts" : "./psa-worker.js", import.meta.url);
    this.threads = Array.from({ length: workers }, () => startWorker(file, init.url, { workerData: init }, init.typescript));
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
      this.threads.forEach((worker, k) => {
        worker.on("message", (message: PsaWorkerMessage) => {
          if (message.type === "ready") {
            this.built[k] = { strategies: message.strategies, outcomes: message.outcomes };
            this.check(k);
          } else if (message.run === -1 && message.type === "failed") {
            this.break(deserializeError(message.error), reject);
          } else if (message.run === this.active?.id) {
            this.active.handle(message);
          }
        });
        worker.on("error", (error: Error) => this.break(this.crash(k, `crashed (${error.name}: ${error.message})`), reject));
        worker.on("exit", (code: number) => {
          if (!this.closed) this.break(this.crash(k, `stopped unexpectedly (exit code ${code})`), reject);
        });
      });
    });
    this.ready.catch(() => undefined);
  }

  /**
   * Gives the pool the setup the calling thread loaded (runs need it). `ready` resolves once it is
   * attached and every worker has built the same model (strategies and outcomes); a worker that
   * built another breaks the pool with `invalid_model`.
   */
  attach(setup: PsaSetup): void {
    this.setup = setup;
    this.threads.forEach((_, k) => this.check(k));
  }

  /** Checks worker k's model against the calling thread's once both are known; `ready` once all are. */
  private check(k: number): void {
    const built = this.built[k];
    const setup = this.setup;
    if (built === undefined || setup === undefined) return;
    const { strategies, outcomes } = setup.model;
    if (built.strategies.join("\u0000") !== strategies.join("\u0000") || built.outcomes.join("\u0000") !== outcomes.join("\u0000")) {
      const error = new QalyError([{ code: "invalid_model", path: ["task", "model"], message: `the factory built a different model in a worker (strategies ${JSON.stringify(built.strategies)}, outcomes ${JSON.stringify(built.outcomes)}) than on the calling thread; a PSA task factory must be deterministic` }]);
      this.break(error, this.rejectReady);
      return;
    }
    if (this.built.every((model) => model !== undefined)) this.resolveReady();
  }

  run(options: PsaRunOptions = {}): Promise<PsaResult> {
    const result = this.queue.then(() => this.runNow(options, false));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * {@link WorkerPool.run} as the pool's last run: once the draws are evaluated the threads are
   * stopped, then the result is copied out of the shared memory, so a one-shot run (`qaly run
   * --workers`) never holds the threads' heaps and the copy at once (its peak memory). The pool is
   * closed afterwards, whether the run succeeded or not. @internal
   */
  runLast(options: PsaRunOptions = {}): Promise<PsaResult> {
    const result = this.queue.then(() => this.runNow(options, true));
    this.queue = result.catch(() => undefined);
    return result.finally(() => this.close());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.active?.settle(new QalyError([{ code: "cancelled", path: ["draws", this.active.completed], message: "the PSA worker pool was closed during a run" }]));
    await Promise.all(this.threads.map((worker) => worker.terminate()));
  }

  /** Lets the process exit while no run is in flight, so a forgotten close() does not hang it. */
  idle(): void {
    this.threads.forEach((worker) => worker.unref());
  }

  private async runNow(options: PsaRunOptions, last: boolean): Promise<PsaResult> {
    if (this.closed) fail("invalid_argument", ["pool"], "the PSA worker pool is closed");
    if (this.broken !== undefined) throw this.broken;
    if (this.setup === undefined) fail("invalid_argument", ["pool"], "the PSA worker pool has no setup yet (attach the calling thread's)");
    const { model, parameters } = this.setup;
    const size = psaSize(model, parameters, options);
    if (options.signal?.aborted === true) fail("cancelled", ["draws", 0], `PSA cancelled after 0 of ${size} draws`, { received: options.signal.reason });
    const chunk = options.checkEvery ?? 256;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const out = new SharedArrayBuffer(model.outcomes.length * model.strategies.length * size * Float64Array.BYTES_PER_ELEMENT);
    // A parameter space is sampled in the workers (column tasks, correlation blocks, rows); other
    // samplers and ready draws are sampled here and shared.
    const columns = columnSampler(parameters, options);
    let start: PsaWorkerStart;
    let finish: (run: PoolRun, buffer: Float64Array) => PsaResult;
    if (columns !== undefined) {
      const plan = columns.sampler.columnSampling(size, { seed: options.seed!, method: columns.method });
      const draws = new SharedArrayBuffer(plan.names.length * size * Float64Array.BYTES_PER_ELEMENT);
      start = { run: ++this.runs, names: plan.names, size, chunk, draws, out, control, workers: this.workers, sampling: { seed: options.seed!, method: columns.method } };
      const provenance = psaProvenance(model, columns.sampler.toJSON(), options.seed, columns.method);
      finish = (run, buffer) => finishPsa(model, { draws: plan.table(new Float64Array(new Float64Array(draws)), run.correlations), provenance }, buffer);
    } else {
      const plan = planPsa(model, parameters, options);
      const { names } = plan.draws;
      const draws = new SharedArrayBuffer(names.length * size * Float64Array.BYTES_PER_ELEMENT);
      const shared = new Float64Array(draws);
      names.forEach((name, p) => shared.set(plan.draws.column(name).subarray(0, size), p * size));
      start = { run: ++this.runs, names: [...names], size, chunk, draws, out, control, workers: this.workers };
      finish = (_run, buffer) => finishPsa(model, plan, buffer);
    }
    const run = new PoolRun(start.run, size, this.workers, start.control, options);
    this.active = run;
    this.threads.forEach((worker) => {
      worker.ref();
      worker.postMessage(start);
    });
    try {
      await run.done;
    } finally {
      this.active = undefined;
      this.idle();
    }
    if (last) await this.close();
    // A private copy: the result must not share memory with threads that may still be winding down.
    return finish(run, new Float64Array(new Float64Array(out)));
  }

  private crash(k: number, why: string): QalyError {
    const progress = this.active === undefined ? "" : ` after ${this.active.completed} of ${this.active.total} draws had been evaluated`;
    return new QalyError([{ code: "worker_failed", path: ["workers", k], message: `PSA worker ${k + 1} of ${this.workers} ${why}${progress}` }]);
  }

  private break(error: Error, reject: (error: Error) => void): void {
    if (this.closed || this.broken !== undefined) return;
    this.broken = error;
    reject(error);
    this.active?.settle(error);
  }
}

/** A sampler whose draws the workers can sample themselves: a parameter space (`columnSampling` and `toJSON`). */
interface ColumnSampler extends ParameterSampler {
  columnSampling(n: number, options: { readonly seed: string | number; readonly method?: "random" | "lhs" }): ColumnSampling;
  toJSON(): unknown;
}

/** The parameters as a {@link ColumnSampler} with the run's method, or `undefined` when they are ready draws or another sampler. */
function columnSampler(parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions): { sampler: ColumnSampler; method: "random" | "lhs" } | undefined {
  const candidate = parameters as Partial<ColumnSampler>;
  if (typeof candidate.columnSampling !== "function" || typeof candidate.toJSON !== "function" || typeof candidate.sample !== "function") return undefined;
  return { sampler: candidate as ColumnSampler, method: options.method ?? "random" };
}
