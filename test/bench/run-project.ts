// Bench of runProject, what `qaly run` does after loading: base case, PSA, CEAC/EVPI, the EVPPI
// ranking, tornado, thresholds and scenarios, in one thread. The EVPPI ranking (every parameter
// alone, with standard errors) is timed again on its own from the run's PSA: its share of a run.
// Run: npm run bench run-project
import { fileURLToPath } from "node:url";
import { loadModel } from "../../src/node/load-model.js";
import { runProject } from "../../src/project/run-project.js";
import { evppiRanking } from "../../src/analysis/voi/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** CPU milliseconds (user + system) of `task`, with its result. */
async function cpuOf<T>(task: () => T | Promise<T>): Promise<{ value: T; cpu: number }> {
  const start = process.cpuUsage();
  const value = await task();
  const used = process.cpuUsage(start);
  return { value, cpu: (used.user + used.system) / 1000 };
}

export async function bench(): Promise<void> {
  for (const [name, samples] of [["sick-sicker", 5000], ["nsclc-gene-panel", 5000]] as const) {
    const loadStart = performance.now();
    const { project } = await loadModel(`${root}models/${name}`);
    const loaded = performance.now() - loadStart;
    const dsaStart = performance.now();
    await runProject(project, { psa: 0 });
    const deterministic = performance.now() - dsaStart;
    const start = performance.now();
    const { value: run, cpu } = await cpuOf(() => runProject(project, { psa: samples, dsa: false, detail: false }));
    const psa = performance.now() - start;
    console.log(
      `runProject ${name}: load ${loaded.toFixed(0)} ms; base case + DSA (${run.baseCase.strategies.length} strategies, ${project.parameters.describe().length} parameters) ${deterministic.toFixed(0)} ms; ` +
        `base case + PSA ${samples} draws + CEAC/EVPI/EVPPI ranking ${psa.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (${((1000 * cpu) / samples).toFixed(1)} µs CPU per draw)`,
    );
    if (run.psa !== undefined && run.evppiRanking !== undefined) {
      const { cost, effect } = project.outcomes;
      const ranking = await cpuOf(() => evppiRanking(run.psa!, run.wtp.thresholds, { cost, effect, standardError: { samples: 50 } }));
      console.log(`  of which the EVPPI ranking (${ranking.value.rows.length} parameters, standard errors from 50 coefficient draws): ${ranking.cpu.toFixed(0)} ms CPU (${((1000 * ranking.cpu) / samples).toFixed(1)} µs per draw)`);
    }
  }
}
