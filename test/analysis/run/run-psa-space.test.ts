import { describe, expect, it } from "vitest";
import { defineParameters } from "../../../src/parameters/index.js";
import { modelHash, runBaseCase, runPsa } from "../../../src/analysis/run/index.js";
import type { Model } from "../../../src/models/model.js";

const model: Model<Readonly<Record<string, number>>, "SoC" | "New"> = {
  title: "Toy",
  strategies: ["SoC", "New"],
  outcomes: ["cost", "qaly"],
  evaluateInto(p, out) {
    out.set([0, 1, p.cDrug!, 1 + p.uGain!]);
  },
};

describe("runPsa with a parameter space", () => {
  it("runPsa(model, defineParameters(...), { samples, seed }) uses space.sample and hashes space.toJSON()", async () => {
    const space = defineParameters({ cDrug: 2_400, uGain: 0.25 });
    const psa = await runPsa(model, space, { samples: 3, seed: "space-1" });
    expect(Array.from(psa.values("cost", "New"))).toEqual([2_400, 2_400, 2_400]);
    expect(psa.parameters!.names).toEqual(["cDrug", "uGain"]);
    expect(psa.provenance).toMatchObject({ seed: "space-1", method: "random", modelHash: modelHash(model, space.toJSON()) });
    expect(runBaseCase(model, space).summary[1]).toEqual({ strategy: "New", cost: 2_400, effect: 1.25 });
    // Same seed, same space: bit-identical buffers.
    const again = await runPsa(model, space, { samples: 3, seed: "space-1" });
    expect(again.buffer).toEqual(psa.buffer);
  });
});
