// The voi chemotherapy PSA (test/fixtures/voi-chemo/README.md), read once per test file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { psaResultFromCsv, type PsaResult } from "../../../src/analysis/psa/index.js";

const dir = fileURLToPath(new URL("../../fixtures/voi-chemo/", import.meta.url));

/** Costs and QALYs of SoC and Novel, 10 000 draws. */
export function chemoPsa(): PsaResult {
  return psaResultFromCsv(readFileSync(`${dir}voi_chemo_cea.csv`, "utf8"), { outcomes: { cost: "c_", qaly: "e_" } });
}

/** voi's chemo_nb: net monetary benefit at 20 000 per QALY, columns SoC and Novel. */
export function chemoNb(): { SoC: Float64Array; Novel: Float64Array } {
  const lines = readFileSync(`${dir}voi_chemo_nb.csv`, "utf8").trim().split("\n").slice(1);
  return { SoC: Float64Array.from(lines, (line) => Number(line.split(",")[0])), Novel: Float64Array.from(lines, (line) => Number(line.split(",")[1])) };
}
