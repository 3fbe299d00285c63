// modelFileTask: the public PSA task for a model file, naming the fastest module that holds psaTask.
// Under vitest qaly runs from source, so the workers load src/node/load-model.ts through tsx; the
// compiled package's choice (the single-file bundle) is covered by test/package and the workers bench.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { createPsaWorkerPool, modelFileTask, psaTask, type PsaWorkerPool } from "../../src/node/index.js";
import { modelFileTaskModule } from "../../src/node/model-file-task.js";
import { bytes } from "./worker-test-helpers.js";

describe("modelFileTask", () => {
  it("names psaTask of the load-model module with the path, the scenario and the limits as structured-cloneable args", () => {
    expect(modelFileTask("sick-sicker")).toEqual({ module: modelFileTaskModule(), export: "psaTask", args: ["sick-sicker", null, null] });
    const task = modelFileTask("models/sick-sicker/model.yaml", { scenario: "Cheaper treatment B", limits: { memory: 1e8 } });
    expect(task.args).toEqual(["models/sick-sicker/model.yaml", "Cheaper treatment B", { memory: 1e8 }]);
    expect(structuredClone(task.args)).toEqual(task.args);
    expect(task.typescript).toBeUndefined();
    expect(modelFileTaskModule().href).toMatch(/\/src\/node\/load-model\.ts$/);
  });

  it("asks for tsx's loader in the workers when the path names a TypeScript project", () => {
    expect(modelFileTask("models/nsclc-gene-panel/project.ts").typescript).toBe(true);
  });

  describe("in a pool of 2 workers", () => {
    let pool: PsaWorkerPool;
    beforeAll(async () => {
      pool = await createPsaWorkerPool(modelFileTask("sick-sicker", { scenario: "Cheaper treatment B" }), { workers: 2 });
    }, 60_000);
    afterAll(() => pool.close());

    it("gives psaTask's PSA under that scenario, bit for bit (a bundled model by name)", async () => {
      const own = await psaTask("sick-sicker", "Cheaper treatment B", null);
      const expected = runPsaSync(own.model, own.parameters, { samples: 700, seed: 3 });
      const psa = await pool.run({ samples: 700, seed: 3, checkEvery: 64 });
      expect(bytes(psa.buffer)).toEqual(bytes(expected.buffer));
      expect(psa.provenance).toEqual(expected.provenance);
      // The scenario changed the draws: the base case's PSA differs.
      const base = await psaTask("sick-sicker", null, null);
      expect(bytes(runPsaSync(base.model, base.parameters, { samples: 700, seed: 3 }).buffer)).not.toEqual(bytes(expected.buffer));
    }, 60_000);
  });
});
