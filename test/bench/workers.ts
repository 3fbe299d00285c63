// Worker-thread PSA: a 100 000-draw Sick-Sicker PSA (models/sick-sicker, 4 strategies × 75 cycles)
// in-process and on 2 worker threads. Target: 2 workers ≥ 1.7× faster than 1 (issue 5).
// Starting a worker means loading the task module and the library in a fresh thread, so it is
// timed on its own; the speed-up is measured on started ("warm") workers, and the one-shot time
// (start included) is printed next to it.
import { runPsa, runPsaSync } from "../../src/analysis/run/index.js";
import { createPsaWorkerPool, runPsaParallel } from "../../src/node/index.js";
import { sickSicker } from "../../models/sick-sicker/model.js";
import { psaParameters } from "../../models/sick-sicker/parameters.js";

const TASK = { module: new URL("../fixtures/workers/sick-sicker-task.ts", import.meta.url) };
const N = 100_000;

async function best(times: number, run: () => Promise<unknown> | unknown): Promise<number> {
  let fastest = Infinity;
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

export async function bench(): Promise<void> {
  const options = { samples: N, seed: "bench-workers" };
  const reference = runPsaSync(sickSicker, psaParameters, options);
  const sampling = await best(3, () => psaParameters.sample(N, { seed: "bench-workers" }));
  const sync = await best(2, () => runPsaSync(sickSicker, psaParameters, options));
  const inProcess = await best(2, () => runPsa(sickSicker, psaParameters, options));
  console.log(`Sick-Sicker PSA, ${N} draws: sampling the draws ${ms(sampling)} (serial part), runPsaSync ${ms(sync)}, runPsa ${ms(inProcess)}`);

  const oneShot = await best(1, () => runPsaParallel(TASK, { ...options, workers: 2 }));
  const times: number[] = [];
  for (const workers of [1, 2]) {
    const start = performance.now();
    const pool = await createPsaWorkerPool(TASK, { workers });
    const boot = performance.now() - start;
    let psa = await pool.run(options);
    const identical = Buffer.compare(Buffer.from(psa.buffer.buffer), Buffer.from(reference.buffer.buffer)) === 0;
    times.push(await best(4, async () => (psa = await pool.run(options))));
    await pool.close();
    console.log(`  ${workers} worker${workers === 1 ? " " : "s"}: start ${ms(boot)}, run ${ms(times.at(-1)!)}${identical ? ", buffer identical to runPsaSync" : ", BUFFER DIFFERS FROM runPsaSync"}`);
  }
  const [one, two] = times as [number, number];
  // Sampling stays on the calling thread, so 2 workers can at best halve the rest (Amdahl).
  const bound = one / (sampling + (one - sampling) / 2);
  console.log(`  speed-up of 2 started workers: vs runPsaParallel({ workers: 1 }) (runPsa in-process) ${(inProcess / two).toFixed(2)}×, vs runPsaSync ${(sync / two).toFixed(2)}×, vs 1 worker thread ${(one / two).toFixed(2)}× (bound with serial sampling ${bound.toFixed(2)}×)  [target ≥ 1.7×]`);
  console.log(`  runPsaParallel one-shot with 2 workers (start included): ${ms(oneShot)}`);
}
