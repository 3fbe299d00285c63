// Sampling speed of the distributions layer on one core. Targets (issue 2): ≥ 20 million
// uniforms/s and ≥ 5 million gamma and beta draws/s. Printed, never asserted. Each figure is the
// best of five timed runs of 2 million draws after a warm-up (the machine may be shared).
import { createRng } from "../../src/random/rng.js";
import type { Rng } from "../../src/random/rng.js";
import { beta, dirichlet, gamma, lognormal, normal, truncatedNormal } from "../../src/distributions/index.js";

const DRAWS = 2_000_000;

function rate(draw: (rng: Rng) => number, rng: Rng): number {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += draw(rng);
  let best = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (let i = 0; i < DRAWS; i++) sink += draw(rng);
    best = Math.max(best, DRAWS / ((performance.now() - start) / 1000));
  }
  if (Number.isNaN(sink)) throw new Error("a draw was NaN");
  return best;
}

export async function bench(): Promise<void> {
  const rng = createRng("bench-distributions");
  const gammaCost = gamma({ shape: 100, scale: 20 });
  const gammaSmall = gamma({ shape: 0.5, scale: 1 });
  const betaUtility = beta({ alpha: 95, beta: 5 });
  const betaSmall = beta({ alpha: 0.5, beta: 0.5 });
  const normalUtility = normal({ mean: 0.7, sd: 0.05 });
  const hr = lognormal({ meanlog: -0.3, sdlog: 0.1 });
  const truncated = truncatedNormal({ mean: 0.8, sd: 0.1, upper: 1 });
  const transitions = dirichlet({ alpha: [1251, 350, 116, 17] });
  const vector = new Float64Array(4);
  const rows: [string, number, number | null][] = [
    ["uniform (rng.uniform)", rate((r) => r.uniform(), rng), 20e6],
    ["normal(0.7, 0.05)  (ziggurat)", rate((r) => normalUtility.sample(r), rng), null],
    ["lognormal(-0.3, 0.1)", rate((r) => hr.sample(r), rng), null],
    ["gamma(shape 100)  (Marsaglia–Tsang)", rate((r) => gammaCost.sample(r), rng), 5e6],
    ["gamma(shape 0.5)  (boosted)", rate((r) => gammaSmall.sample(r), rng), 5e6],
    ["beta(95, 5)  (Cheng BB)", rate((r) => betaUtility.sample(r), rng), 5e6],
    ["beta(0.5, 0.5)  (two boosted gammas, log scale)", rate((r) => betaSmall.sample(r), rng), null],
    ["truncatedNormal(0.8, 0.1, upper 1)  (inverse CDF)", rate((r) => truncated.sample(r), rng), null],
    ["dirichlet(4 components), vectors", rate((r) => transitions.sample(r, vector)[0]!, rng), null],
  ];
  for (const [label, perSecond, target] of rows) {
    const verdict = target === null ? "" : `  (target ≥ ${target / 1e6} M/s: ${perSecond >= target ? "met" : "NOT met"})`;
    process.stdout.write(`  ${label.padEnd(50)} ${(perSecond / 1e6).toFixed(1).padStart(6)} M draws/s${verdict}\n`);
  }
}
