// Model files: compile time, and PSA speed of the Sick-Sicker model file against the TypeScript model.
// Run: npx tsx -e 'import("./test/bench/model-files.ts").then(m=>m.bench())'
import { readFileSync } from "node:fs";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

export async function bench(): Promise<void> {
  const files = ["models/sick-sicker/model.yaml", "models/hiv-briggs-2006/model.yaml", "models/sumatriptan-evans-1997/model.yaml"];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const ms = best(10, () => compileModelFile(text, { fileName: file }));
    console.log(`compile ${file}: ${ms.toFixed(1)} ms`);
  }
  const project = compileModelFile(readFileSync(files[0]!, "utf8"), { fileName: files[0]! });
  const n = 5000;
  const drawsFile = project.parameters.sample(n, { seed: 1 });
  const drawsTs = psaParameters.sample(n, { seed: 1 });
  const fileMs = best(5, () => runPsaSync(project.model, drawsFile));
  const tsMs = best(5, () => runPsaSync(sickSicker, drawsTs));
  console.log(`Sick-Sicker PSA, ${n} draws × 4 strategies × 75 cycles: model file ${((fileMs * 1000) / n).toFixed(1)} µs/draw, TypeScript ${((tsMs * 1000) / n).toFixed(1)} µs/draw`);
}
