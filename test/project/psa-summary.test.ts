// psaSummary: its CEAC and EVPI are read from one decision kernel, and equal what ceac and evpi
// compute each on their own, bit for bit (grid arrays distinct, as before).
import { describe, expect, it } from "vitest";
import { psaSummary } from "../../src/project/psa-summary.js";
import { ceac } from "../../src/analysis/acceptability/ceac.js";
import { evpi } from "../../src/analysis/voi/evpi.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";

const bytes = (values: Float64Array): Uint8Array => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

describe("psaSummary", () => {
  it("gives the CEAC and EVPI of ceac and evpi bit for bit, on an unsorted grid too", () => {
    const psa = runPsaSync(sickSicker, psaParameters, { samples: 400, seed: "psa-summary" });
    const decision = { cost: "cost", effect: "qaly" };
    for (const grid of [{ from: 0, to: 200_000, step: 5_000 }, [150_000, 0, 50_000, 100_000]]) {
      const summary = psaSummary(psa, { seed: "psa-summary", grid, thresholds: [100_000], ...decision });
      const curve = ceac(psa, grid, decision);
      const voi = evpi(psa, grid, decision);
      expect(bytes(summary.ceac.wtp)).toEqual(bytes(curve.wtp));
      for (const strategy of psa.strategies) expect(bytes(summary.ceac.probability[strategy]!)).toEqual(bytes(curve.probability[strategy]!));
      expect(bytes(summary.evpi.perPerson)).toEqual(bytes(voi.perPerson));
      expect(bytes(summary.evpi.wtp)).toEqual(bytes(voi.wtp));
      expect(summary.evpi.wtp).not.toBe(summary.ceac.wtp);
      expect(summary.evpi.population).toBeNull();
    }
  });
});
