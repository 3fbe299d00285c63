// Entry point of a PSA worker thread (started by a PSA worker pool; imported by nothing else).
// It builds the model from the task module; then, for every run it is sent, it claims chunks of
// draw indices until none are left and writes each draw's outcomes at its own index of the shared
// output, so the result does not depend on which worker evaluated what.
import { parentPort, workerData } from "node:worker_threads";
import { evaluateDrawRange } from "../analysis/run/evaluate-draw-range.js";
import { fail } from "../core/errors.js";
import { ParameterTable } from "../parameters/parameter-table.js";
import { NEXT_CHUNK, STOP, type PsaWorkerInit, type PsaWorkerMessage, type PsaWorkerStart } from "./psa-worker-protocol.js";
import { loadPsaTask, type PsaSetup } from "./psa-task.js";
import { serializeError } from "./worker-error.js";

const port = parentPort;
if (port === null) throw new Error("psa-worker is a worker_threads entry point; use runPsaParallel");
const init = workerData as PsaWorkerInit;
const send = (message: PsaWorkerMessage): void => port.postMessage(message);

async function load(): Promise<PsaSetup> {
  const setup = await loadPsaTask(init.url, init.exportName, init.args);
  const { strategies, outcomes } = setup.model;
  if (strategies.join("\u0000") !== init.strategies.join("\u0000") || outcomes.join("\u0000") !== init.outcomes.join("\u0000")) {
    fail("invalid_model", ["task", "model"], `the factory built a different model in a worker (strategies ${JSON.stringify(strategies)}, outcomes ${JSON.stringify(outcomes)}) than on the calling thread; a PSA task factory must be deterministic`);
  }
  return setup;
}

function evaluate(setup: PsaSetup, start: PsaWorkerStart): void {
  const control = new Int32Array(start.control);
  const draws = new ParameterTable(start.names, start.size, new Float64Array(start.draws), "random", []);
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

load().then(
  (setup) => {
    port.on("message", (start: PsaWorkerStart) => evaluate(setup, start));
    send({ type: "ready" });
  },
  // With no listener left, the worker then exits on its own.
  (error: unknown) => send({ type: "failed", run: -1, from: -1, error: serializeError(error) }),
);
