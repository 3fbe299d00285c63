import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { canonicalJson, evaluateDrawRange, fnv1a64, mergeDrawRange, modelHash, QALY_VERSION, runBaseCase, runPsa, runPsaSync } from "../../../src/analysis/run/index.js";
import { icerTable } from "../../../src/analysis/cea/index.js";
import type { Model } from "../../../src/models/model.js";
import type { ParameterDraws } from "../../../src/parameters/parameter-draws.js";
import { thrown } from "../../helpers/thrown.js";

/** Draws of two parameters, built from a simple deterministic formula (no sampler needed). */
function draws(n: number): ParameterDraws {
  const columns = { cDrug: Float64Array.from({ length: n }, (_, i) => 1_000 + i), uGain: Float64Array.from({ length: n }, (_, i) => 0.1 + i / (10 * n)) };
  return {
    names: ["cDrug", "uGain"],
    size: n,
    column: (name) => columns[name as keyof typeof columns],
    row: (i) => ({ cDrug: columns.cDrug[i]!, uGain: columns.uGain[i]! }),
  };
}

const seenDraws: number[] = [];
const model: Model<Readonly<Record<string, number>>, "SoC" | "New"> = {
  title: "Toy",
  strategies: ["SoC", "New"],
  outcomes: ["cost", "qaly", "lifeYears"],
  evaluateInto(p, out, context) {
    if (context?.draw !== undefined) seenDraws.push(context.draw);
    out.set([500, 1, 2, 500 + p.cDrug!, 1 + p.uGain!, 2.5]);
  },
};

describe("runPsa", () => {
  it("runPsaSync(model, draws) collects every outcome per strategy and draw, passing context.draw", () => {
    seenDraws.length = 0;
    const psa = runPsaSync(model, draws(5));
    expect(psa.strategies).toEqual(["SoC", "New"]);
    expect(psa.outcomes).toEqual(["cost", "qaly", "lifeYears"]);
    expect(Array.from(psa.values("cost", "New"))).toEqual([1_500, 1_501, 1_502, 1_503, 1_504]);
    expect(Array.from(psa.values("lifeYears", "SoC"))).toEqual([2, 2, 2, 2, 2]);
    expect(seenDraws).toEqual([0, 1, 2, 3, 4]);
    expect(psa.parameters!.names).toEqual(["cDrug", "uGain"]);
    expect(psa.provenance).toMatchObject({ seed: null, generator: "alea", version: QALY_VERSION });
    expect(psa.provenance!.modelHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("runPsa(model, sampler, { samples, seed, method }) samples with the seed and records it", async () => {
    const calls: unknown[] = [];
    const sampler = {
      sample(n: number, options: { seed: string | number; method?: "random" | "lhs" }) {
        calls.push([n, options]);
        return draws(n);
      },
      toJSON: () => ({ cDrug: "fixed" }),
    };
    const psa = await runPsa(model, sampler, { samples: 4, seed: "run-1", method: "lhs" });
    expect(calls).toEqual([[4, { seed: "run-1", method: "lhs" }]]);
    expect(psa.provenance).toMatchObject({ seed: "run-1", method: "lhs", modelHash: modelHash(model, { cDrug: "fixed" }) });
    await expect(runPsa(model, sampler, { seed: 1 })).rejects.toMatchObject({ code: "invalid_argument", path: ["samples"] });
    await expect(runPsa(model, sampler, { samples: 2 })).rejects.toMatchObject({ code: "invalid_argument", path: ["seed"] });
  });

  it("runPsa(model, draws, { onProgress, checkEvery }) reports progress in chunks and ends at the total", async () => {
    const progress: number[] = [];
    await runPsa(model, draws(10), { checkEvery: 4, onProgress: (p) => progress.push(p.completed) });
    expect(progress).toEqual([4, 8, 10]);
  });

  it("runPsa(model, draws, { signal }) rejects with a `cancelled` error within checkEvery draws", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = runPsa(model, draws(100), {
      checkEvery: 10,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.completed);
        if (p.completed === 30) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "cancelled", path: ["draws", 30] });
    expect(progress).toEqual([10, 20, 30]);
    const aborted = AbortSignal.abort();
    expect(thrown(() => runPsaSync(model, draws(3), { signal: aborted })).path).toEqual(["draws", 0]);
  });

  it("runPsaSync(model, draws) names draw, strategy and outcome when the model returns a non-finite value", () => {
    const broken: Model = { ...model, evaluateInto: (p, out, context) => out.set([1, 1, 1, context?.draw === 2 ? Number.NaN : 1, 1, 1]) };
    const error = thrown(() => runPsaSync(broken, draws(4)));
    expect([error.code, error.path]).toEqual(["non_finite_value", ["draws", 2, "strategies", "New", "outcomes", "cost"]]);
    const silent: Model = { ...model, evaluateInto: (_p, out) => out.set([1, 1, 1, 1, 1]) };
    expect(thrown(() => runPsaSync(silent, draws(1))).path).toEqual(["draws", 0, "strategies", "New", "outcomes", "lifeYears"]);
  });

  it("evaluateDrawRange + mergeDrawRange over any split of the draws give the buffer of one run, bit for bit", () => {
    const all = draws(23);
    const whole = runPsaSync(model, all).buffer;
    for (const cuts of [[0, 23], [0, 1, 23], [0, 7, 8, 15, 23], [0, 11, 12, 22, 23]]) {
      const target = new Float64Array(whole.length);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const from = cuts[k]!;
        const to = cuts[k + 1]!;
        const part = new Float64Array(6 * (to - from));
        evaluateDrawRange(model, all, from, to, part, from);
        mergeDrawRange(target, part, from, 6);
      }
      expect(target).toEqual(whole);
    }
    expect(thrown(() => evaluateDrawRange(model, all, 5, 30, new Float64Array(6 * 23))).path).toEqual(["range"]);
    expect(thrown(() => evaluateDrawRange(model, all, 0, 5, new Float64Array(6 * 4))).path).toEqual(["out"]);
  });
});

describe("runBaseCase", () => {
  it("runBaseCase(model, source) evaluates base() once and returns the rows icerTable takes", () => {
    const base = runBaseCase(model, { base: () => ({ cDrug: 4_500, uGain: 0.5 }) });
    expect(base.summary).toEqual([{ strategy: "SoC", cost: 500, effect: 1 }, { strategy: "New", cost: 5_000, effect: 1.5 }]);
    expect(base.values.New.lifeYears).toBe(2.5);
    expect(icerTable(base.summary)[1]!.icer).toBe(9_000);
    expect(thrown(() => runBaseCase(model, { cDrug: 1, uGain: 1 }, { effect: "qalys" })).code).toBe("unknown_outcome");
  });
});

describe("provenance", () => {
  it("fnv1a64(text) matches the published FNV-1a 64 test vectors", () => {
    // Test vectors from the FNV reference (Fowler, Noll & Vo; IETF draft-eastlake-fnv, appendix C).
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("modelHash(model, parameters) ignores key order and changes with strategies or parameters", () => {
    expect(canonicalJson({ b: [1, { d: Number.NaN, c: undefined }], a: new Float64Array([0.5]) })).toBe('{"a":[0.5],"b":[1,{"d":"NaN"}]}');
    const h = modelHash(model, { x: 1, y: 2 });
    expect(modelHash({ ...model }, { y: 2, x: 1 })).toBe(h);
    expect(modelHash({ ...model, strategies: ["New", "SoC"] }, { x: 1, y: 2 })).not.toBe(h);
    expect(modelHash(model, { x: 1, y: 3 })).not.toBe(h);
  });

  it("QALY_VERSION equals the version in package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(QALY_VERSION).toBe(pkg.version);
  });
});
