// Bench of runProject, what `qaly run` does after loading: base case, PSA, CEAC/EVPI, tornado,
// thresholds and scenarios, in one thread. Run: npx tsx -e 'import("./test/bench/run-project.ts").then(m=>m.bench())'
import { fileURLToPath } from "node:url";
import { loadModel } from "../../src/node/load-model.js";
import { runProject } from "../../src/project/run-project.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

export async function bench(): Promise<void> {
  for (const [name, samples] of [["sick-sicker", 5000], ["nsclc-gene-panel", 5000]] as const) {
    const loadStart = performance.now();
    const { project } = await loadModel(`${root}models/${name}`);
    const loaded = performance.now() - loadStart;
    const dsaStart = performance.now();
    await runProject(project, { psa: 0 });
    const deterministic = performance.now() - dsaStart;
    const start = performance.now();
    const run = await runProject(project, { psa: samples, dsa: false, detail: false });
    const psa = performance.now() - start;
    console.log(
      `runProject ${name}: load ${loaded.toFixed(0)} ms; base case + DSA (${run.baseCase.strategies.length} strategies, ${project.parameters.describe().length} parameters) ${deterministic.toFixed(0)} ms; ` +
        `base case + PSA ${samples} draws + CEAC/EVPI ${psa.toFixed(0)} ms (${((1000 * psa) / samples).toFixed(1)} µs per draw)`,
    );
  }
}
