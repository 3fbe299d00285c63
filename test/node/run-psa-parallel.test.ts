import { describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { runPsaParallel } from "../../src/node/index.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";
import { bytes, rejection } from "./worker-test-helpers.js";

const SICK_SICKER = { module: new URL("../fixtures/workers/sick-sicker-task.ts", import.meta.url) };
const TOY = new URL("../fixtures/workers/toy-task.ts", import.meta.url);

describe("runPsaParallel", () => {
  const n = 1_500;
  const reference = runPsaSync(sickSicker, psaParameters, { samples: n, seed: "workers-1" });

  it("runPsaParallel(task, { workers: 2, checkEvery: 97 }) gives the Sick-Sicker buffer, draws and provenance of runPsaSync byte for byte", async () => {
    const progress: number[] = [];
    const psa = await runPsaParallel(SICK_SICKER, { samples: n, seed: "workers-1", workers: 2, checkEvery: 97, onProgress: (p) => progress.push(p.completed) });
    expect(bytes(psa.buffer)).toEqual(bytes(reference.buffer));
    expect(psa.strategies).toEqual(reference.strategies);
    expect(psa.outcomes).toEqual(reference.outcomes);
    expect(psa.provenance).toEqual(reference.provenance);
    expect(psa.parameters!.names).toEqual(reference.parameters!.names);
    for (const name of psa.parameters!.names) expect(bytes(psa.parameters!.column(name))).toEqual(bytes(reference.parameters!.column(name)));
    // One call per chunk of 97 draws, increasing, ending at the total.
    expect(progress).toHaveLength(Math.ceil(n / 97));
    expect(progress.every((c, k) => k === 0 || c > progress[k - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(n);
    // The result owns its memory (no SharedArrayBuffer shared with the finished threads).
    expect(psa.buffer.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it("runPsaParallel(task, { workers: 1 }) evaluates in-process and equals runPsaSync", async () => {
    const psa = await runPsaParallel(SICK_SICKER, { samples: n, seed: "workers-1", workers: 1 });
    expect(bytes(psa.buffer)).toEqual(bytes(reference.buffer));
    expect(psa.provenance).toEqual(reference.provenance);
  });

  it("runPsaParallel({ module: data URL, args }) loads a JavaScript task module from a data: URL", async () => {
    const factory = "export default (c) => ({ model: { title: 'Demo', strategies: ['A'], outcomes: ['cost'], evaluateInto(p, out, context) { out[0] = p.c + context.draw; } }, parameters: { sample: (n) => ({ names: ['c'], size: n, column: () => new Float64Array(n).fill(c), row: () => ({ c }) }) } })";
    const psa = await runPsaParallel({ module: "data:text/javascript," + encodeURIComponent(factory), args: [5] }, { samples: 1_000, seed: 1, workers: 2, checkEvery: 100 });
    // Mean of 5 + i over i = 0 … 999.
    expect(psa.mean("cost", "A")).toBe(504.5);
  });

  it("runPsaParallel(task, options) rejects bad workers, modules, exports, arguments and samples with invalid_argument", async () => {
    const cases: [() => Promise<unknown>, readonly (string | number)[]][] = [
      [() => runPsaParallel({ module: TOY }, { samples: 10, seed: 1, workers: 0 }), ["workers"]],
      [() => runPsaParallel({ module: new URL("../fixtures/workers/missing.ts", import.meta.url) }, { samples: 10, seed: 1 }), ["task", "module"]],
      [() => runPsaParallel({ module: TOY, export: "nothing" }, { samples: 10, seed: 1 }), ["task", "export"]],
      [() => runPsaParallel({ module: TOY, args: [() => 1] }, { samples: 10, seed: 1 }), ["task", "args"]],
      [() => runPsaParallel({ module: TOY }, { seed: 1 }), ["samples"]],
    ];
    for (const [run, path] of cases) await expect(run()).rejects.toMatchObject({ code: "invalid_argument", path });
  });

  it("runPsaParallel passes on a model's QalyError (code, path with draw index) and a TypeError thrown in a worker", async () => {
    const qaly = await rejection(runPsaParallel({ module: TOY, args: [{ mode: "qaly", at: [300, 77] }] }, { samples: 400, seed: 1, workers: 2, checkEvery: 10 }));
    expect(qaly).toBeInstanceOf(QalyError);
    expect((qaly as QalyError).issues).toEqual([{ code: "probability_out_of_range", path: ["draw", 77, "strategies", "New", "cycle", 3], message: "probability must be in [0, 1]", received: 1.08 }]);
    const type = await rejection(runPsaParallel({ module: TOY, args: [{ mode: "type", at: [55] }] }, { samples: 400, seed: 1, workers: 2, checkEvery: 10 }));
    expect(type).toBeInstanceOf(TypeError);
    expect(type.message).toBe("cannot read properties of undefined (draw 55)");
  });

  it("runPsaParallel rejects with worker_failed when a worker thread exits, and with invalid_model when workers build another model", async () => {
    const crash = await rejection(runPsaParallel({ module: TOY, args: [{ mode: "exit", at: [120] }] }, { samples: 400, seed: 1, workers: 2, checkEvery: 10 }));
    expect(crash).toMatchObject({ code: "worker_failed" });
    expect((crash as QalyError).path[0]).toBe("workers");
    expect(crash.message).toMatch(/stopped unexpectedly \(exit code 3\)/);
    await expect(runPsaParallel({ module: TOY, export: "inconsistent" }, { samples: 400, seed: 1, workers: 2 })).rejects.toMatchObject({ code: "invalid_model", path: ["task", "model"] });
  });

  it("runPsaParallel rejects with cancelled when the signal aborts, even while a worker is stuck in a draw", async () => {
    const controller = new AbortController();
    // The worker stuck at draw 5 never reports; the other reports its chunks, and the first report aborts.
    const error = await rejection(runPsaParallel({ module: TOY, args: [{ mode: "hang", at: [5] }] }, { samples: 400, seed: 1, workers: 2, checkEvery: 10, signal: controller.signal, onProgress: () => controller.abort("enough") }));
    expect(error).toMatchObject({ code: "cancelled", path: ["draws", 10] });
    expect((error as QalyError).issues[0]!.received).toBe("enough");
    const aborted = new AbortController();
    aborted.abort();
    await expect(runPsaParallel({ module: TOY }, { samples: 400, seed: 1, workers: 2, checkEvery: 10, signal: aborted.signal })).rejects.toMatchObject({ code: "cancelled", path: ["draws", 0] });
  });
});
