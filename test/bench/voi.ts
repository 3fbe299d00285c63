// `npm run bench voi`: EVPPI of a group of four parameters on 10 000 draws (issue 17 speed goal:
// ≤ 500 ms; voi's GAM takes about 110 ms for two parameters on 1 000 draws), and a single parameter,
// on voi's chemotherapy PSA with its parameter draws. Wall and CPU time of the best of a few runs.
// Then the EVPPI ranking runProject computes after every PSA (each parameter alone, 50 coefficient
// draws for the standard errors), per draw, the cost it adds to `qaly run` (issue 20 item 4).
import { evppi, evppiRanking } from "../../src/analysis/voi/index.js";
import { chemoWithParameters } from "../analysis/voi/chemo-draws.js";

function measure(runs: number, task: () => void): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    task();
    wall = Math.min(wall, performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export async function bench(): Promise<void> {
  const psa = chemoWithParameters();
  const group = ["p_side_effects_t1", "p_side_effects_t2", "logor_side_effects", "c_hospital"];
  const wtp = [20_000, 30_000];
  evppi(psa, group, wtp);
  const four = measure(3, () => evppi(psa, group, wtp));
  const verdict = (ms: number, goal: number): string => (ms <= goal ? "met" : `missed by ${(ms / goal).toFixed(2)}×`);
  console.log(`EVPPI of 4 parameters learnt together (te, 4 knots each, 256 terms; cost and effect fitted), 10 000 draws: ${four.wall.toFixed(0)} ms wall, ${four.cpu.toFixed(0)} ms CPU  [goal ≤ 500 ms: wall ${verdict(four.wall, 500)}, CPU ${verdict(four.cpu, 500)}]`);
  const two = measure(3, () => evppi(psa, group.slice(1, 3), wtp));
  console.log(`EVPPI of 2 parameters (te, 5 knots each), 10 000 draws: ${two.wall.toFixed(0)} ms wall, ${two.cpu.toFixed(0)} ms CPU`);
  const one = measure(3, () => evppi(psa, "p_side_effects_t2", wtp));
  console.log(`EVPPI of 1 parameter (20 knots), 10 000 draws: ${one.wall.toFixed(0)} ms wall, ${one.cpu.toFixed(0)} ms CPU`);
  const se = measure(1, () => evppi(psa, "p_side_effects_t2", wtp, { standardError: true }));
  console.log(`… with its standard error (200 coefficient draws): ${se.wall.toFixed(0)} ms wall, ${se.cpu.toFixed(0)} ms CPU`);
  const names = psa.parameters!.names.length;
  const ranking = measure(3, () => evppiRanking(psa, wtp, { standardError: { samples: 50 } }));
  console.log(`EVPPI ranking of ${names} parameters, each with its standard error (50 coefficient draws), 10 000 draws: ${ranking.wall.toFixed(0)} ms wall, ${ranking.cpu.toFixed(0)} ms CPU (${((1000 * ranking.cpu) / psa.size).toFixed(1)} µs CPU per draw)`);
}
