// Timing of the AML myeloid-panel model (issue 15: 10 000-draw PSA in-process on one core, goal ≤ 1 s):
// the model file's PSA for a sample of draws (CPU and wall time, µs per draw and the 10 000-draw
// projection), and the back end per evaluation.
// Run: npm run bench aml
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateModel, runPsaSync } from "../../src/index.js";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { dataReader } from "../../src/node/load-model.js";
import { backEnd } from "../../models/aml-myeloid-panel/model.js";
import { baseCase } from "../../models/aml-myeloid-panel/parameters.js";

/** Prints the back end's time per evaluation and the model file's PSA time per draw. */
export async function bench(): Promise<void> {
  const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
  for (const start of ["SCT", "Chemo", "RR"] as const) {
    const n = 200;
    evaluateModel(backEnd, baseCase, { start: { [start]: 1 } });
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < n; i++) evaluateModel(backEnd, { ...baseCase, rel3Int: 0.5 + i * 1e-6 }, { start: { [start]: 1 } });
    console.log(`back end entered in ${start}: 3 true-risk strategies × 480 monthly cycles, 124 expanded states: ${(cpuMs(process.cpuUsage(cpu0)) / n).toFixed(2)} ms CPU per evaluation`);
  }
  const path = fileURLToPath(new URL("../../models/aml-myeloid-panel/model.yaml", import.meta.url));
  const file = compileModelFile(readFileSync(path, "utf8"), { fileName: "models/aml-myeloid-panel/model.yaml", readFile: dataReader(dirname(path)) });
  runPsaSync(file.model, file.parameters, { samples: 50, seed: "warm-up" });
  const samples = 1000;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const psa = runPsaSync(file.model, file.parameters, { samples, seed: file.psa.seed });
  const cpu = cpuMs(process.cpuUsage(cpu0));
  const wall = performance.now() - wall0;
  const perDraw = (cpu * 1000) / psa.size;
  console.log(
    `AML model file PSA ${psa.size} draws in-process (runPsaSync, one thread): CPU ${(cpu / 1000).toFixed(2)} s, wall ${(wall / 1000).toFixed(2)} s, ` +
      `${perDraw.toFixed(0)} µs/draw CPU, ${((wall * 1000) / psa.size).toFixed(0)} µs/draw wall; 10 000 draws ≈ ${((perDraw * 10_000) / 1e6).toFixed(1)} s CPU; goal ≤ 1 s (${perDraw <= 100 ? "met" : `missed by ${(perDraw / 100).toFixed(1)}×`})`,
  );
}
