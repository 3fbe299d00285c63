import { describe, expect, it } from "vitest";
import { defineParameters } from "../../src/parameters/define-parameters.js";
import { param } from "../../src/parameters/param.js";
import { olderPriceLevels } from "../../src/project/older-price-levels.js";
import { loadModel } from "../../src/node/load-model.js";
import { runProject } from "../../src/project/run-project.js";

describe("olderPriceLevels", () => {
  it("names each price whose unit states an older price year than the model's, and nothing else", () => {
    const rows = defineParameters({
      cOld: param(1, { unit: "SEK per month (price year 2017)" }),
      cNow: param(1, { unit: "SEK per test (price year 2024, assumed)" }),
      pX: param(0.5, { unit: "probability" }),
    }).describe();
    expect(olderPriceLevels(rows, 2024)).toBe("Prices at older price levels than the model's 2024 (not inflated): cOld (2017)");
    expect(olderPriceLevels(rows, 2017)).toBeUndefined();
    expect(olderPriceLevels(rows, undefined)).toBeUndefined();
  });

  it("the NSCLC run says which TLV list prices are at their source years (2014, 2017, 2019), not the header's 2024", async () => {
    const { project } = await loadModel("models/nsclc-gene-panel/model.yaml");
    const run = await runProject(project, { psa: 0, dsa: false, detail: false });
    expect(run.warnings).toContain("Prices at older price levels than the model's 2024 (not inflated): cNgsExternal (2019), cOsimertinib (2017), cAlectinib (2017), cCrizotinib (2014)");
  });
});
