// The workers sample the draws themselves (column tasks, correlation blocks, rows of fixed and
// derived values, split among threads); the result must be runPsaSync's, bit for bit, for any
// number of workers, and a failing derived value must be reported as runPsaSync reports it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { createPsaWorkerPool, type PsaWorkerPool } from "../../src/node/index.js";
import spaceTask from "../fixtures/workers/space-task.js";
import { bytes, rejection } from "./worker-test-helpers.js";

const TASK = new URL("../fixtures/workers/space-task.ts", import.meta.url);

describe("PSA workers sample the draws", () => {
  const pools: PsaWorkerPool[] = [];
  beforeAll(async () => {
    pools.push(...(await Promise.all([createPsaWorkerPool({ module: TASK }, { workers: 2 }), createPsaWorkerPool({ module: TASK, args: [{ fix: true }] }, { workers: 3 })])));
  }, 120_000);
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it("pool.run with 2 and 3 workers gives runPsaSync's buffer, parameter columns, correlation report and provenance byte for byte (random and LHS, with fix())", async () => {
    for (const [pool, fix] of [[pools[0]!, false], [pools[1]!, true]] as const) {
      const { model, parameters } = spaceTask({ fix });
      for (const [samples, seed, method] of [[2_001, "w-1", "random"], [1_000, 7, "lhs"], [40, 2, "random"]] as const) {
        const expected = runPsaSync(model, parameters, { samples, seed, method });
        const psa = await pool.run({ samples, seed, method, checkEvery: 97 });
        expect(bytes(psa.buffer)).toEqual(bytes(expected.buffer));
        expect(psa.provenance).toEqual(expected.provenance);
        const [draws, reference] = [psa.parameters as typeof expected.parameters & { correlation: unknown; method: string }, expected.parameters as typeof expected.parameters & { correlation: unknown; method: string }];
        expect(draws!.names).toEqual(reference!.names);
        for (const name of reference!.names) expect(bytes(draws!.column(name)), name).toEqual(bytes(reference!.column(name)));
        expect(draws!.correlation).toEqual(reference!.correlation);
        expect(draws!.method).toBe(reference!.method);
      }
    }
  }, 180_000);

  it("a derived value that is non-finite in some draws fails with runPsaSync's error (the earliest draw), on any chunk of rows", async () => {
    const failure = { failAbove: 3.4 };
    const { model, parameters } = spaceTask(failure);
    const expected = await rejection(Promise.resolve().then(() => runPsaSync(model, parameters, { samples: 30_000, seed: 3 })));
    expect(expected).toMatchObject({ code: "non_finite_value" });
    const failing = await createPsaWorkerPool({ module: TASK, args: [failure] }, { workers: 2 });
    try {
      const error = await rejection(failing.run({ samples: 30_000, seed: 3 }));
      expect(error).toBeInstanceOf(QalyError);
      expect((error as QalyError).issues).toEqual((expected as QalyError).issues);
      // The pool is still usable after a failed run.
      await expect(failing.run({ samples: 50, seed: 4 })).resolves.toMatchObject({ size: 50 });
    } finally {
      await failing.close();
    }
  }, 180_000);
});
