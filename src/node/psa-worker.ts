// Entry point of a PSA worker thread (started by a PSA worker pool; imported by nothing else).
// It builds the model from the task module; then, for every run it is sent, it samples its share of
// the draws (when asked: column tasks, correlation blocks and rows, claimed like the chunks), and
// claims chunks of draw indices until none are left and writes each draw's outcomes at its own
// index of the shared output, so the result does not depend on which worker did what.
import { parentPort, workerData } from "node:worker_threads";
import { evaluateDrawRange } from "../analysis/run/evaluate-draw-range.js";
import { fail } from "../core/errors.js";
import { ParameterTable } from "../parameters/parameter-table.js";
import type { ColumnSampling } from "../parameters/sample-parameters.js";
import { BARRIER, NEXT_BLOCK, NEXT_CHUNK, NEXT_COLUMN, NEXT_ROWS, STOP, type PsaWorkerInit, type PsaWorkerMessage, type PsaWorkerStart } from "./psa-worker-protocol.js";
import { loadPsaTask, type PsaSetup } from "./psa-task.js";
import { serializeError } from "./worker-error.js";

const port = parentPort;
if (port === null) throw new Error("psa-worker is a worker_threads entry point; use runPsaParallel");
const init = workerData as PsaWorkerInit;
const send = (message: PsaWorkerMessage): void => port.postMessage(message);

// Rows of fixed and derived values per claim: enough to make claiming cheap.
const ROWS = 4096;

/** Waits until every worker has reached barrier `round`; false when the run was stopped meanwhile. */
function barrier(control: Int32Array, workers: number, round: number): boolean {
  const target = round * workers;
  if (Atomics.add(control, BARRIER, 1) + 1 >= target) Atomics.notify(control, BARRIER);
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) return false;
    const arrived = Atomics.load(control, BARRIER);
    if (arrived >= target) return true;
    Atomics.wait(control, BARRIER, arrived, 50);
  }
}

/**
 * This worker's share of sampling the run's draws into the shared buffer: `"sampled"`, `"stopped"`
 * (another worker failed or the run was cancelled) or `"failed"` (this worker reported a failure).
 */
function sample(setup: PsaSetup, start: PsaWorkerStart, control: Int32Array, buffer: Float64Array): "sampled" | "stopped" | "failed" {
  const { seed, method } = start.sampling!;
  const plan = (setup.parameters as unknown as { columnSampling(n: number, options: object): ColumnSampling }).columnSampling(start.size, { seed, method });
  if (plan.names.join("\u0000") !== start.names.join("\u0000")) fail("invalid_model", ["task", "parameters"], "the factory built other parameters in a worker than on the calling thread; a PSA task factory must be deterministic");
  const claim = (slot: number, count: number): number | undefined => {
    if (Atomics.load(control, STOP) !== 0) return undefined;
    const k = Atomics.add(control, slot, 1);
    return k < count ? k : undefined;
  };
  for (let k = claim(NEXT_COLUMN, plan.columnTasks); k !== undefined; k = claim(NEXT_COLUMN, plan.columnTasks)) plan.sampleColumns(k, buffer);
  if (!barrier(control, start.workers, 1)) return "stopped";
  for (let k = claim(NEXT_BLOCK, plan.correlationTasks); k !== undefined; k = claim(NEXT_BLOCK, plan.correlationTasks)) send({ type: "correlation", run: start.run, reports: plan.correlate(k, buffer) });
  if (!barrier(control, start.workers, 2)) return "stopped";
  const chunks = Math.ceil(start.size / ROWS);
  for (let k = claim(NEXT_ROWS, chunks); k !== undefined; k = claim(NEXT_ROWS, chunks)) {
    try {
      plan.completeRows(k * ROWS, Math.min(start.size, (k + 1) * ROWS), buffer);
    } catch (error) {
      // A derived value failed: the earliest failing chunk is reported, as runPsaSync reports its first failing draw.
      Atomics.store(control, STOP, 1);
      send({ type: "failed", run: start.run, from: k * ROWS, error: serializeError(error) });
      return "failed";
    }
  }
  return barrier(control, start.workers, 3) ? "sampled" : "stopped";
}

function evaluate(setup: PsaSetup, start: PsaWorkerStart): void {
  const control = new Int32Array(start.control);
  const buffer = new Float64Array(start.draws);
  if (start.sampling !== undefined) {
    let sampled: ReturnType<typeof sample>;
    try {
      sampled = sample(setup, start, control, buffer);
    } catch (error) {
      Atomics.store(control, STOP, 1);
      send({ type: "failed", run: start.run, from: -1, error: serializeError(error) });
      return;
    }
    // Stopped: another worker failed, or the run was cancelled; that worker or the caller reports it.
    if (sampled === "stopped") send({ type: "done", run: start.run });
    if (sampled !== "sampled") return;
  }
  const draws = new ParameterTable(start.names, start.size, buffer, "random", []);
  const out = new Float64Array(start.out);
  while (Atomics.load(control, STOP) === 0) {
    const from = Atomics.add(control, NEXT_CHUNK, 1) * start.chunk;
    if (from >= start.size) break;
    const to = Math.min(start.size, from + start.chunk);
    try {
      evaluateDrawRange(setup.model, draws, from, to, out);
    } catch (error) {
      // Chunks are claimed in index order, so every chunk below this one is already claimed and
      // will finish (or fail) before its worker stops: the caller can report the earliest failure.
      Atomics.store(control, STOP, 1);
      send({ type: "failed", run: start.run, from, error: serializeError(error) });
      return;
    }
    send({ type: "progress", run: start.run, from, to });
  }
  send({ type: "done", run: start.run });
}

// The model's strategies and outcomes go back with `ready`: the pool checks that this thread built
// the model the calling thread built (it loads the task at the same time as the workers).
loadPsaTask(init.url, init.exportName, init.args).then(
  (setup) => {
    port.on("message", (start: PsaWorkerStart) => evaluate(setup, start));
    send({ type: "ready", strategies: [...setup.model.strategies], outcomes: [...setup.model.outcomes] });
  },
  // With no listener left, the worker then exits on its own.
  (error: unknown) => send({ type: "failed", run: -1, from: -1, error: serializeError(error) }),
);
