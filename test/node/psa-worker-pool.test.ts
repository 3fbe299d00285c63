import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { createPsaWorkerPool, type PsaWorkerPool } from "../../src/node/index.js";
import { taskInit, WorkerPool } from "../../src/node/psa-worker-pool.js";
import toyTask from "../fixtures/workers/toy-task.js";
import { bytes, rejection } from "./worker-test-helpers.js";

const TOY = new URL("../fixtures/workers/toy-task.ts", import.meta.url);

describe("createPsaWorkerPool", () => {
  let pool: PsaWorkerPool;
  beforeAll(async () => {
    pool = await createPsaWorkerPool({ module: TOY }, { workers: 3 });
  });
  afterAll(() => pool.close());

  it("pool.run(options) with 3 workers equals runPsaSync byte for byte for odd chunk sizes, sizes and seeds", async () => {
    const { model, parameters } = toyTask();
    expect(pool.workers).toBe(3);
    for (const [samples, seed, checkEvery] of [[1_001, 5, 7], [999, 11, 33], [10, 2, 256], [2, 3, 1]] as const) {
      const expected = runPsaSync(model, parameters, { samples, seed });
      const psa = await pool.run({ samples, seed, checkEvery });
      expect(bytes(psa.buffer)).toEqual(bytes(expected.buffer));
      expect(psa.provenance).toEqual(expected.provenance);
    }
  });

  it("pool.run reports the earliest non-finite draw with the issues and message runPsaSync reports, and the pool stays usable", async () => {
    const failure = { mode: "nan", at: [733, 40, 41] } as const;
    const { model, parameters } = toyTask(failure);
    const expected = await rejection(Promise.resolve().then(() => runPsaSync(model, parameters, { samples: 1_000, seed: 1 })));
    const failing = await createPsaWorkerPool({ module: TOY, args: [failure] }, { workers: 2 });
    try {
      const error = await rejection(failing.run({ samples: 1_000, seed: 1, checkEvery: 16 }));
      expect(error).toBeInstanceOf(QalyError);
      expect((error as QalyError).issues).toEqual((expected as QalyError).issues);
      expect(error).toMatchObject({ code: "non_finite_value", path: ["draws", 40, "strategies", "New", "outcomes", "cost"] });
      expect(error.message).toBe(expected.message);
      await expect(failing.run({ samples: 30, seed: 1, checkEvery: 8 })).resolves.toMatchObject({ size: 30 });
    } finally {
      await failing.close();
    }
  });

  it("pool.run rejects with cancelled for an aborted signal and the next run succeeds", async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(pool.run({ samples: 100, seed: 1, signal: aborted.signal })).rejects.toMatchObject({ code: "cancelled", path: ["draws", 0] });
    const controller = new AbortController();
    await expect(pool.run({ samples: 500, seed: 1, checkEvery: 5, signal: controller.signal, onProgress: () => controller.abort() })).rejects.toMatchObject({ code: "cancelled", path: ["draws", 5] });
    await expect(pool.run({ samples: 50, seed: 4, checkEvery: 5 })).resolves.toMatchObject({ size: 50 });
  });

  it("pool.run after pool.close() rejects with invalid_argument at pool", async () => {
    const closing = await createPsaWorkerPool({ module: TOY }, { workers: 2 });
    await closing.close();
    await expect(closing.run({ samples: 10, seed: 1 })).rejects.toMatchObject({ code: "invalid_argument", path: ["pool"] });
  });

  it("the workers load the task while the calling thread loads it (a pool starts in the time of one load, not two)", async () => {
    // The calling thread's factory returns only once a worker has run the factory too (or after 20 s):
    // with workers started after the calling thread's load, no worker could have.
    const factory = `export default async (shared) => {
      const seen = new Int32Array(shared);
      const { isMainThread } = await import("node:worker_threads");
      if (!isMainThread) Atomics.add(seen, 0, 1);
      for (const start = Date.now(); isMainThread && Atomics.load(seen, 0) === 0 && Date.now() - start < 20000; ) await new Promise((wake) => setTimeout(wake, 5));
      if (isMainThread) seen[1] = Atomics.load(seen, 0);
      return { model: { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = p.c; } }, parameters: { sample: (n) => ({ names: ["c"], size: n, column: () => new Float64Array(n).fill(1), row: () => ({ c: 1 }) }) } };
    };`;
    const seen = new Int32Array(new SharedArrayBuffer(8));
    const started = await createPsaWorkerPool({ module: `data:text/javascript,${encodeURIComponent(factory)}`, args: [seen.buffer] }, { workers: 2 });
    await started.close();
    expect(seen[1]).toBeGreaterThan(0);
    expect(seen[0]).toBe(2);
  }, 60_000);

  it("createPsaWorkerPool rejects when a worker cannot build the task's model", async () => {
    await expect(createPsaWorkerPool({ module: TOY, export: "inconsistent" }, { workers: 2 })).rejects.toMatchObject({ code: "invalid_model", path: ["task", "model"] });
  });
});

describe("WorkerPool.runLast (the one-shot run of runPsaParallel and qaly run --workers)", () => {
  it("equals runPsaSync byte for byte, stops the threads before copying the result out, and leaves the pool closed", async () => {
    const { model, parameters } = toyTask();
    const pool = new WorkerPool(taskInit({ module: TOY }), 2);
    pool.attach(toyTask());
    const expected = runPsaSync(model, parameters, { samples: 777, seed: 9 });
    const psa = await pool.runLast({ samples: 777, seed: 9, checkEvery: 16 });
    expect(bytes(psa.buffer)).toEqual(bytes(expected.buffer));
    expect(psa.buffer.buffer).toBeInstanceOf(ArrayBuffer);
    await expect(pool.run({ samples: 10, seed: 1 })).rejects.toMatchObject({ code: "invalid_argument", path: ["pool"] });
  });

  it("closes the pool when the run fails, with the error runPsaSync throws", async () => {
    const failure = { mode: "nan", at: [101] } as const;
    const { model, parameters } = toyTask(failure);
    const expected = await rejection(Promise.resolve().then(() => runPsaSync(model, parameters, { samples: 300, seed: 1 })));
    const pool = new WorkerPool(taskInit({ module: TOY, args: [failure] }), 2);
    pool.attach(toyTask(failure));
    const error = await rejection(pool.runLast({ samples: 300, seed: 1, checkEvery: 16 }));
    expect((error as QalyError).issues).toEqual((expected as QalyError).issues);
    await expect(pool.run({ samples: 10, seed: 1 })).rejects.toMatchObject({ code: "invalid_argument", path: ["pool"] });
  });
});
