// Timing of the NSCLC gene-panel model: base case, back end per draw and a 5 000-draw PSA.
// Run: npm run bench (all areas), or npx tsx -e 'import("./test/bench/nsclc.ts").then(m=>m.bench())'
import { evaluateModel, runBaseCase, runPsaSync } from "../../src/index.js";
import { treatmentArms } from "../../models/nsclc-gene-panel/back-end.js";
import { project } from "../../models/nsclc-gene-panel/project.js";

/** Prints the base-case time, the back end's time per draw (per-cycle and exact floors) and the PSA time. */
export async function bench(): Promise<void> {
  const now = (): number => performance.now();
  let start = now();
  runBaseCase(project.model, project.baseCase!);
  console.log(`base case (first call, includes warm-up): ${(now() - start).toFixed(1)} ms`);
  for (const mode of ["cycle", "exact"] as const) {
    const arms = treatmentArms({ backgroundMortality: mode });
    const n = mode === "cycle" ? 2000 : 20;
    start = now();
    // Vary a median so no curve is reused between calls.
    for (let i = 0; i < n; i++) evaluateModel(arms, { ...project.baseCase!, mOsAlk: 80 + i * 1e-3 });
    console.log(`back end, 10 arms × 372 monthly cycles, ${mode} floor: ${((now() - start) / n).toFixed(3)} ms per draw`);
  }
  for (const samples of [1000, 5000]) {
    start = now();
    const psa = runPsaSync(project.model, project.parameters, { samples, seed: project.psa.seed });
    console.log(`PSA ${samples} draws (sampling + tree + back end): ${((now() - start) / 1000).toFixed(2)} s (${psa.size} draws)`);
  }
}
