// `npm run bench`: runs every benchmark in this folder (or the ones named on the command line)
// and prints its figures. Speed targets are printed next to the measurements, never asserted.
// Each area runs in a fresh process, as a user's model runs in its own `qaly` process: in one shared
// process an area ran on the heap and the JIT state the areas before it left (call sites that other
// models had made polymorphic, a larger heap to collect), so its figures could depend on which areas
// ran first and `npm run bench X` could disagree with the full run for reasons other than the code.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cpus } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const AREA = "QALY_BENCH_AREA";
const area = process.env[AREA];

if (area !== undefined) {
  // A child: one area, in this process.
  const module = (await import(pathToFileURL(`${here}/${area}`).href)) as { bench?: () => Promise<void> };
  if (typeof module.bench === "function") {
    console.log(`── ${area.replace(/\.ts$/, "")} ──`);
    await module.bench();
    console.log("");
  }
} else {
  const wanted = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((name) => name.endsWith(".ts") && name !== "main.ts" && name !== "timing.ts")
    .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
    .sort();
  console.log(`qaly benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, one core unless stated; each area in a fresh process\n`);
  const failed: string[] = [];
  for (const name of files) {
    // The same Node and loader flags (tsx's), so the child runs the TypeScript sources as this process does.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, [AREA]: name }, stdio: "inherit" });
    if (child.status !== 0) failed.push(`${name} (${child.signal ?? `exit ${child.status}`})`);
  }
  if (failed.length > 0) {
    console.error(`benchmarks that failed: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
}
