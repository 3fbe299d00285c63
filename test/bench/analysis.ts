// Decision-uncertainty analyses on a synthetic PSA of 10 000 draws × 4 strategies over the Swedish
// 201-point WTP grid (target: CEAC + EVPI ≤ 20 ms), and the PSA runner's overhead over calling
// model.evaluateInto directly (target ≤ 10%).
import { psaResult } from "../../src/analysis/psa/index.js";
import { ceac } from "../../src/analysis/acceptability/index.js";
import { decisionCurves, evpi, evppi } from "../../src/analysis/voi/index.js";
import { icerTableFromPsa, SWEDISH_WTP_GRID, wtpGrid } from "../../src/analysis/cea/index.js";
import { runPsaSync } from "../../src/analysis/run/index.js";
import { createRng } from "../../src/random/rng.js";
import type { Model } from "../../src/models/model.js";
import type { ParameterDraws } from "../../src/parameters/parameter-draws.js";

function best(times: number, run: () => void): number {
  let fastest = Infinity;
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function syntheticPsa(n: number) {
  const rng = createRng("bench-analysis");
  const strategies = ["SoC", "A", "B", "AB"];
  const cost: Record<string, number[]> = {};
  const qaly: Record<string, number[]> = {};
  strategies.forEach((s, k) => {
    cost[s] = Array.from({ length: n }, () => 150_000 + 50_000 * k + 40_000 * (rng.uniform() - 0.5));
    qaly[s] = Array.from({ length: n }, () => 20.7 + 0.5 * k + 1.5 * (rng.uniform() - 0.5));
  });
  return psaResult({ strategies, outcomes: ["cost", "qaly"], values: { cost, qaly } });
}

/** A small cohort model (3 states, 40 cycles) written against the Model interface. */
function toyModel(): Model {
  const state = new Float64Array(3);
  return {
    title: "bench toy",
    strategies: ["SoC", "New"],
    outcomes: ["cost", "qaly"],
    evaluateInto(p, out) {
      for (let s = 0; s < 2; s++) {
        const pSick = p.pSick! * (s === 1 ? p.hr! : 1);
        state.set([1, 0, 0]);
        let cost = 0;
        let qaly = 0;
        for (let t = 0; t < 40; t++) {
          const d = 1 / 1.03 ** t;
          cost += d * (state[0]! * (s === 1 ? p.cDrug! : 0) + state[1]! * p.cSick!);
          qaly += d * (state[0]! * p.uWell! + state[1]! * p.uSick!);
          const well = state[0]! * (1 - pSick - 0.01);
          const sick = state[0]! * pSick + state[1]! * 0.9;
          state[2] = 1 - well - sick;
          state[0] = well;
          state[1] = sick;
        }
        out[s * 2] = cost;
        out[s * 2 + 1] = qaly;
      }
    },
  };
}

function toyDraws(n: number): ParameterDraws {
  const rng = createRng("bench-draws");
  const names = ["pSick", "hr", "cDrug", "cSick", "uWell", "uSick"];
  const columns = new Map(names.map((name) => [name, new Float64Array(n)]));
  for (let i = 0; i < n; i++) {
    columns.get("pSick")![i] = 0.05 + 0.05 * rng.uniform();
    columns.get("hr")![i] = 0.6 + 0.2 * rng.uniform();
    columns.get("cDrug")![i] = 2_000 + 500 * rng.uniform();
    columns.get("cSick")![i] = 8_000 + 2_000 * rng.uniform();
    columns.get("uWell")![i] = 0.8 + 0.1 * rng.uniform();
    columns.get("uSick")![i] = 0.5 + 0.1 * rng.uniform();
  }
  return {
    names,
    size: n,
    column: (name) => columns.get(name)!,
    row: (i) => Object.fromEntries(names.map((name) => [name, columns.get(name)![i]!])),
  };
}

export async function bench(): Promise<void> {
  const psa = syntheticPsa(10_000);
  const grid = wtpGrid(SWEDISH_WTP_GRID);
  for (let k = 0; k < 5; k++) decisionCurves(psa, grid);
  const separate = best(20, () => {
    ceac(psa, grid);
    evpi(psa, grid);
  });
  const combined = best(20, () => decisionCurves(psa, grid));
  const table = best(20, () => icerTableFromPsa(psa));
  console.log(`CEAC + EVPI, 10 000 draws × 4 strategies × ${grid.length} WTP values: ${separate.toFixed(1)} ms as two calls, ${combined.toFixed(1)} ms with decisionCurves (CEAC, CEAF, expected loss, EVPI)  [target ≤ 20 ms]`);
  console.log(`ICER table of PSA means: ${table.toFixed(2)} ms`);
  const withParameter = psaResult({ strategies: psa.strategies, outcomes: psa.outcomes, buffer: Float64Array.from(psa.buffer), parameters: toyDraws(psa.size) });
  const partial = best(5, () => evppi(withParameter, "pSick", grid));
  console.log(`EVPPI of one parameter (spline regression), 10 000 draws × 4 strategies × ${grid.length} WTP values: ${partial.toFixed(1)} ms`);

  const model = toyModel();
  const n = 20_000;
  const draws = toyDraws(n);
  const out = new Float64Array(4);
  const raw = best(5, () => {
    for (let i = 0; i < n; i++) model.evaluateInto(draws.row(i), out, { draw: i });
  });
  const runner = best(5, () => runPsaSync(model, draws));
  console.log(`PSA runner, ${n} draws of a 3-state × 40-cycle toy model: raw loop ${raw.toFixed(1)} ms, runPsaSync ${runner.toFixed(1)} ms, overhead ${((runner / raw - 1) * 100).toFixed(1)}%  [target ≤ 10%]`);
}
