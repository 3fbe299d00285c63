// Deterministic analyses: overhead per model evaluation over a raw evaluateInto loop, on a
// 4-state × 40-cycle cohort model with 20 parameters and 2 strategies.
import { oneWay, threshold, tornado, twoWay } from "../../src/analysis/dsa/index.js";
import type { Model, ParameterValues } from "../../src/models/model.js";

function cohortModel(): Model<ParameterValues, "Standard care" | "New drug"> {
  return {
    title: "bench cohort",
    strategies: ["Standard care", "New drug"],
    outcomes: ["cost", "qaly", "lifeYears"],
    evaluateInto(p, out) {
      for (let s = 0; s < 2; s++) {
        const hr = s === 0 ? 1 : p.hrNew!;
        const pProgress = 1 - Math.exp(-p.rProgress! * hr);
        let well = 1;
        let sick = 0;
        let sicker = 0;
        let cost = 0;
        let qaly = 0;
        let lifeYears = 0;
        for (let cycle = 0; cycle < 40; cycle++) {
          const discount = 1 / (1 + p.discount!) ** cycle;
          const nextWell = well * (1 - pProgress - p.pDieWell!);
          const nextSick = sick * (1 - p.pWorse! - p.pDieSick!) + well * pProgress;
          const nextSicker = sicker * (1 - p.pDieSicker!) + sick * p.pWorse!;
          well = nextWell;
          sick = nextSick;
          sicker = nextSicker;
          cost += discount * (well * p.cWell! + sick * p.cSick! + sicker * p.cSicker! + (s === 1 ? (well + sick) * p.cDrug! : 0));
          qaly += discount * (well * p.uWell! + sick * p.uSick! + sicker * p.uSicker!);
          lifeYears += well + sick + sicker;
        }
        out[3 * s] = cost + p.cOneOff! * s;
        out[3 * s + 1] = qaly;
        out[3 * s + 2] = lifeYears;
      }
    },
  };
}

const BASE: Record<string, number> = {
  hrNew: 0.7, rProgress: 0.15, pDieWell: 0.01, pWorse: 0.1, pDieSick: 0.05, pDieSicker: 0.2, discount: 0.03,
  cWell: 2_000, cSick: 20_000, cSicker: 60_000, cDrug: 30_000, cOneOff: 5_000,
  uWell: 0.85, uSick: 0.6, uSicker: 0.35, x1: 1, x2: 1, x3: 1, x4: 1, x5: 1,
};

function time(run: () => void, repeat: number): number {
  for (let i = 0; i < 10; i++) run(); // warm up the JIT first
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / repeat;
}

export async function bench(): Promise<void> {
  const model = cohortModel();
  const out = new Float64Array(6);
  const raw = time(() => {
    for (let i = 0; i < 1000; i++) model.evaluateInto({ ...BASE, cDrug: 20_000 + i }, out);
  }, 20) / 1000;
  const parameters = Object.fromEntries(Object.keys(BASE).map((name) => [name, { low: BASE[name]! * 0.8, high: BASE[name]! * 1.2, points: 5 }]));
  const evaluations = 1 + Object.keys(BASE).length * 5;
  const oneWayMs = time(() => void tornado(oneWay(model, BASE, { parameters }), { strategy: "New drug" }), 20);
  const twoWayMs = time(() => void twoWay(model, BASE, {
    x: { name: "cDrug", values: Array.from({ length: 21 }, (_, i) => 10_000 * i) },
    y: { name: "hrNew", values: Array.from({ length: 21 }, (_, i) => 0.5 + 0.025 * i) },
  }), 20);
  let thresholdEvaluations = 0;
  const counting: typeof model = { ...model, evaluateInto: (p, o) => { thresholdEvaluations++; model.evaluateInto(p, o); } };
  const thresholdMs = time(() => void threshold(counting, BASE, { parameter: "cDrug", range: [0, 200_000], strategies: ["New drug", "Standard care"], wtp: 500_000 }), 20);
  console.log(`raw evaluateInto (4 states × 40 cycles × 2 strategies): ${(raw * 1000).toFixed(2)} µs per evaluation`);
  console.log(`oneWay + tornado, 20 parameters × 5 values (${evaluations} evaluations): ${oneWayMs.toFixed(2)} ms = ${((oneWayMs / evaluations) * 1000).toFixed(2)} µs per evaluation`);
  console.log(`twoWay 21 × 21 grid: ${twoWayMs.toFixed(2)} ms = ${((twoWayMs / 441) * 1000).toFixed(2)} µs per cell`);
  console.log(`threshold (101-point scan + Brent): ${thresholdMs.toFixed(2)} ms, ${thresholdEvaluations / 30} evaluations per call`);
}
