// Survival curves in a PSA: per-cycle transition probabilities for 480 monthly cycles, 10,000 draws.
//   npx tsx -e 'import("./test/bench/survival.ts").then(m=>m.bench())'
import { createRng } from "../../src/random/rng.js";
import type { SurvivalCurve } from "../../src/survival/index.js";
import { generalisedGammaSurvival, sampleSurvivalCurves, transitionProbabilities, weibullSurvival } from "../../src/survival/index.js";

const CYCLES = 480;
const DRAWS = 10_000;

function time(label: string, run: () => void): void {
  run(); // warm-up
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  process.stdout.write(`${label.padEnd(64)} ${ms.toFixed(0).padStart(6)} ms  (${((ms * 1000) / DRAWS).toFixed(1)} µs per draw)\n`);
}

export async function bench(): Promise<void> {
  const out = new Float64Array(CYCLES);
  let sink = 0;
  process.stdout.write(`survival: ${CYCLES} monthly cycles × ${DRAWS.toLocaleString("en")} draws\n`);
  const fill = (make: (d: number) => SurvivalCurve) => () => {
    for (let d = 0; d < DRAWS; d++) {
      transitionProbabilities(make(d), 1, out);
      sink += out[CYCLES - 1]!;
    }
  };
  const weibull = weibullSurvival({ shape: 1.3, scale: 24 });
  const gengamma = generalisedGammaSurvival({ mu: 3, sigma: 0.8, Q: -0.47 }); // γ = 1/Q² not an integer (stdlib has a faster finite sum for integer order)
  time("Weibull: fill only (one curve)", fill(() => weibull));
  time("Weibull: build curve per draw + fill", fill((d) => weibullSurvival({ shape: 1.3 + d * 1e-6, scale: 24 })));
  time("generalised gamma (Q = −0.47): fill only", fill(() => gengamma));
  time("generalised gamma: build curve per draw + fill", fill((d) => generalisedGammaSurvival({ mu: 3, sigma: 0.8, Q: -0.47 + d * 1e-6 })));
  const small = generalisedGammaSurvival({ mu: 3, sigma: 0.8, Q: 0.02 });
  const start = performance.now();
  for (let d = 0; d < 100; d++) transitionProbabilities(small, 1, out);
  process.stdout.write(`${"generalised gamma, |Q| < 0.045 (quadrature route): per draw".padEnd(64)} ${(((performance.now() - start) * 1000) / 100).toFixed(0).padStart(6)} µs\n`);
  const draws = sampleSurvivalCurves("weibull", { coefficients: [0.26, 3.18], covariance: [[0.01, -0.003], [-0.003, 0.005]] }, DRAWS, createRng("bench"));
  time("sampleSurvivalCurves(weibull) draws, then fill each", fill((d) => draws.curves[d]!));
  if (Number.isNaN(sink)) process.stdout.write("(NaN)\n");
}
