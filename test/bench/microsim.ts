// Microsimulation engine speed (issue 21): the Sick-Sicker microsimulation of Krijkamp et al. 2018,
// 100 000 individuals × 30 cycles × 4 strategies on one core, goal ≤ 2 s. Appendix B (history:
// death rates and utility read each individual's time Sick/Sicker, an effect modifier per
// individual) is the case that calls cells per individual; Appendix A (state-only rows, tabulated
// once per draw) is the fast path. The two published strategies are run twice each (4 strategies
// of identical work). CPU time (process.cpuUsage) and wall time, best of 3.
import { krijkampMicrosim, krijkampParameters } from "../../models/sick-sicker-microsim/model.js";

const STRATEGIES = ["No Treatment", "Treatment", "No Treatment ", "Treatment 2"];

function measure(extended: boolean): { wall: number; cpu: number } {
  const model = krijkampMicrosim({ extended, strategies: STRATEGIES });
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  let best = { wall: Infinity, cpu: Infinity };
  for (let repeat = 0; repeat < 3; repeat++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    model.evaluateInto(krijkampParameters, out, { draw: repeat });
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - wall0;
    if (wall < best.wall) best = { wall, cpu: (cpu.user + cpu.system) / 1000 };
  }
  return best;
}

export async function bench(): Promise<void> {
  for (const extended of [true, false]) {
    const { wall, cpu } = measure(extended);
    const label = extended ? "Appendix B (history, per-individual cells)" : "Appendix A (state-only rows)";
    console.log(`  ${label}: 100 000 individuals × 30 cycles × 4 strategies: ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU (goal ≤ 2 s); ${((cpu * 1e6) / (100_000 * 30 * 4)).toFixed(0)} ns of CPU per individual-cycle`);
  }
}
