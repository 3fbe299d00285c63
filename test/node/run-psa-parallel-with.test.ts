// runPsaParallelWith: the calling thread's setup given (qaly run has built the model already), so
// only the workers load the task (issue 20, item 6: the CLI's calling thread built the model twice).
import { describe, expect, it } from "vitest";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { runPsaParallelWith } from "../../src/node/run-psa-parallel.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { bytes } from "./worker-test-helpers.js";

const SICK_SICKER = { module: new URL("../fixtures/workers/sick-sicker-task.ts", import.meta.url) };

/** A task whose factory counts its calls in the thread that runs it. */
function countingTask(tag: string): { module: string } {
  const factory = `export default () => { globalThis.__qalyBuilt = (globalThis.__qalyBuilt ?? 0) + 1; return { model: { title: 'Demo', strategies: ['A'], outcomes: ['cost'], evaluateInto(p, out, context) { out[0] = p.c + context.draw; } }, parameters: { sample: (n) => ({ names: ['c'], size: n, column: () => new Float64Array(n).fill(5), row: () => ({ c: 5 }) }) } }; }; // ${tag}`;
  return { module: "data:text/javascript," + encodeURIComponent(factory) };
}

const demoSetup = (strategies: string[]) => ({
  model: { title: "Demo", strategies, outcomes: ["cost"], evaluateInto: (p: Record<string, number>, out: Float64Array, context: { draw: number }) => void (out[0] = p.c! + context.draw) },
  parameters: { sample: (n: number) => ({ names: ["c"], size: n, column: () => new Float64Array(n).fill(5), row: () => ({ c: 5 }) }) },
});

describe("runPsaParallelWith", () => {
  it("with the Sick-Sicker setup given, 2 workers give the buffer, draws and provenance of runPsaSync byte for byte", async () => {
    const n = 1_200;
    const reference = runPsaSync(sickSicker, psaParameters, { samples: n, seed: "with-setup" });
    const psa = await runPsaParallelWith(SICK_SICKER, { model: sickSicker, parameters: psaParameters }, { samples: n, seed: "with-setup", workers: 2, checkEvery: 101 });
    expect(bytes(psa.buffer)).toEqual(bytes(reference.buffer));
    expect(psa.provenance).toEqual(reference.provenance);
    for (const name of psa.parameters!.names) expect(bytes(psa.parameters!.column(name))).toEqual(bytes(reference.parameters!.column(name)));
  });

  it("does not call the task's factory in the calling thread when the setup is given (it does without)", async () => {
    const global = globalThis as { __qalyBuilt?: number };
    delete global.__qalyBuilt;
    const given = await runPsaParallelWith(countingTask("given"), demoSetup(["A"]) as never, { samples: 1_000, seed: 1, workers: 2, checkEvery: 100 });
    expect(global.__qalyBuilt).toBeUndefined();
    const loaded = await runPsaParallelWith(countingTask("loaded"), undefined, { samples: 1_000, seed: 1, workers: 2, checkEvery: 100 });
    expect(global.__qalyBuilt).toBe(1);
    // Mean of 5 + i over i = 0 … 999, either way.
    expect([given.mean("cost", "A"), loaded.mean("cost", "A")]).toEqual([504.5, 504.5]);
    delete global.__qalyBuilt;
  });

  it("rejects with invalid_model when the workers build another model than the setup given", async () => {
    await expect(runPsaParallelWith(countingTask("other"), demoSetup(["A", "B"]) as never, { samples: 1_000, seed: 1, workers: 2, checkEvery: 100 })).rejects.toMatchObject({ code: "invalid_model" });
  });
});
