// `npm run bench`: runs every benchmark in this folder (or the ones named on the command line)
// and prints its figures. Speed targets are printed next to the measurements, never asserted.
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cpus } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".ts") && name !== "main.ts" && name !== "timing.ts")
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

console.log(`qaly benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, one core unless stated\n`);
for (const name of files) {
  const module = (await import(pathToFileURL(`${here}/${name}`).href)) as { bench?: () => Promise<void> };
  if (typeof module.bench !== "function") continue;
  console.log(`── ${name.replace(/\.ts$/, "")} ──`);
  await module.bench();
  console.log("");
}
