// voi's chemotherapy PSA with its parameter draws (test/fixtures/voi-chemo/README.md), and the mgcv
// reference values of test/validation/voi/evppi-mgcv.R.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { psaResult, type PsaResult } from "../../../src/analysis/psa/index.js";
import type { ParameterDraws } from "../../../src/parameters/index.js";

const dir = fileURLToPath(new URL("../../fixtures/voi-chemo/", import.meta.url));

function columns(file: string): Record<string, Float64Array> {
  const lines = readFileSync(`${dir}${file}`, "utf8").trim().split("\n");
  const names = lines[0]!.split(",");
  const rows = lines.slice(1).map((line) => line.split(",").map(Number));
  return Object.fromEntries(names.map((name, j) => [name, Float64Array.from(rows, (r) => r[j]!)]));
}

/** Columnar draws from named columns. */
export function drawsOf(cols: Record<string, Float64Array>): ParameterDraws {
  const names = Object.keys(cols);
  const size = cols[names[0]!]!.length;
  return { names, size, column: (name) => cols[name]!, row: (i) => Object.fromEntries(names.map((n) => [n, cols[n]![i]!])) };
}

/** chemo_cea (costs c_, QALYs e_ of SoC and Novel) with chemo_pars as the parameter draws. */
export function chemoWithParameters(): PsaResult {
  const cea = columns("voi_chemo_cea.csv");
  return psaResult({
    strategies: ["SoC", "Novel"],
    outcomes: ["cost", "qaly"],
    values: { cost: { SoC: cea.c_SoC!, Novel: cea.c_Novel! }, qaly: { SoC: cea.e_SoC!, Novel: cea.e_Novel! } },
    parameters: drawsOf(columns("voi_chemo_pars.csv")),
  });
}

/** chemo_nb (net benefit at 20 000 per QALY) as a PSA with effect = NB and cost 0, so EVPPI at WTP 1 is voi's EVPPI of chemo_nb. */
export function chemoNbWithParameters(): PsaResult {
  const nb = columns("voi_chemo_nb.csv");
  const zeros = new Float64Array(nb.SoC!.length);
  return psaResult({
    strategies: ["SoC", "Novel"],
    outcomes: ["cost", "effect"],
    values: { cost: { SoC: zeros, Novel: zeros }, effect: { SoC: nb.SoC!, Novel: nb.Novel! } },
    parameters: drawsOf(columns("voi_chemo_pars.csv")),
  });
}

/** The reference values computed with mgcv (see evppi-mgcv.R). */
export const mgcv = JSON.parse(readFileSync(fileURLToPath(new URL("../../validation/voi/evppi-mgcv.json", import.meta.url)), "utf8")) as {
  readonly single_nb_gcv: Record<string, number>;
  readonly single_nb_reml: Record<string, number>;
  readonly single_nb_se_reml: Record<string, number>;
  readonly single_cr_knots_reml: readonly number[];
  readonly group2_nb_gcv: number;
  readonly group2_nb_reml: number;
  readonly group4_nb_gcv: number;
  readonly group4_nb_reml: number;
  readonly wtp: readonly number[];
  readonly group2_ce_reml: readonly number[];
  readonly single_ce_reml: readonly number[];
};

/** mgcv's single-parameter REML fits s(x, bs = "cr", k = K) for every parameter (see evppi-knots-mgcv.R). */
export const mgcvKnots = JSON.parse(readFileSync(fileURLToPath(new URL("../../validation/voi/evppi-knots-mgcv.json", import.meta.url)), "utf8")) as {
  readonly knots: readonly number[];
  readonly evppi: Record<string, readonly number[]>;
  readonly edf: Record<string, readonly number[]>;
};
