// Parameter-space sampling speed. Target (issue 2): a 25-parameter space sampled 10,000 times with
// the random method in < 20 ms on one core. Printed, never asserted.
import { defineParameters } from "../../src/parameters/index.js";
import type { ParameterSpace } from "../../src/parameters/index.js";
import type { Distribution } from "../../src/distributions/distribution.js";
import { beta } from "../../src/distributions/beta.js";
import { gamma } from "../../src/distributions/gamma.js";
import { lognormal } from "../../src/distributions/lognormal.js";
import { normal } from "../../src/distributions/normal.js";
import { uniform } from "../../src/distributions/uniform.js";
import { median } from "./timing.js";

/** A space shaped like a typical cohort model: probabilities, costs, utilities, hazard ratios. */
function typicalSpace(): ParameterSpace {
  const entries: Record<string, Distribution | number> = {};
  for (let i = 0; i < 8; i++) entries[`p${i}`] = beta({ alpha: 10 + i, beta: 40 - i });
  for (let i = 0; i < 6; i++) entries[`c${i}`] = gamma({ shape: 20 + i, scale: 50 });
  for (let i = 0; i < 4; i++) entries[`hr${i}`] = lognormal({ meanlog: -0.3, sdlog: 0.1 + 0.02 * i });
  for (let i = 0; i < 3; i++) entries[`u${i}`] = normal({ mean: 0.7, sd: 0.05 });
  for (let i = 0; i < 2; i++) entries[`x${i}`] = uniform({ min: 0, max: 1 });
  entries.cFixed0 = 100;
  entries.cFixed1 = 2400;
  return defineParameters(entries);
}

/** Median wall time and median CPU time (ms) of `run`; CPU time is steadier on a shared machine. */
function time(run: (k: number) => void, repeats: number): { wall: number; cpu: number } {
  for (let k = 0; k < 3; k++) run(-1 - k); // warm up the JIT
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    run(k);
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - start);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export async function bench(): Promise<void> {
  const n = 10_000;
  const space = typicalSpace();
  const names = space.names as string[];
  const withExtras = (space as ParameterSpace<string>)
    .derive((p) => ({ dSum: p.p0! + p.p1!, dCost: p.c0! * p.hr0! }))
    .correlate("u0", "u1", 0.5)
    .correlate("c0", "c1", -0.3);
  const random = time((k) => space.sample(n, { seed: k }), 15);
  const lhs = time((k) => space.sample(n, { seed: k, method: "lhs" }), 7);
  const extras = time((k) => withExtras.sample(n, { seed: k }), 15);
  const line = (label: string, t: { wall: number; cpu: number }) => `  ${label.padEnd(52)} ${t.wall.toFixed(1).padStart(7)} ms wall ${t.cpu.toFixed(1).padStart(7)} ms cpu\n`;
  process.stdout.write(`parameters (${names.length} parameters × ${n} draws, median)\n`);
  process.stdout.write(line("sample, random (target < 20 ms)", random));
  process.stdout.write(line("sample, lhs (quantile transform)", lhs));
  process.stdout.write(line("sample, random + 2 derived + 2 rank correlations", extras));
}
