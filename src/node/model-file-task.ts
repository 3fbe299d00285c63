import { statSync } from "node:fs";
import type { ResourceLimits } from "../files/resource-budget.js";
import type { PsaTask } from "./psa-task.js";

/**
 * The PSA task that builds a model file's (or a model folder's, or a bundled model's) model and
 * parameter sampler in every worker: {@link psaTask} of the fastest module that holds it. Give it
 * to {@link createPsaWorkerPool} or {@link runPsaParallel}.
 *
 * Why not `{ module: import.meta.resolve("qaly/node"), export: "psaTask" }`: a worker would then
 * load the ~300 compiled files behind `qaly/node` one by one (a pool of 2 started in about 0.7 s).
 * The compiled package also holds the task as one bundled file, which a worker loads in a
 * fraction of that (about 0.2 s for a pool of 2 on Sick-Sicker; `npm run bench workers`). This
 * names that bundle, or the compiled file when the bundle is missing or older than it, or the
 * TypeScript source when qaly itself runs from source.
 *
 * @param path - a model file, a folder holding one, or a bundled model's name (`"sick-sicker"`),
 *   as {@link loadModel} takes it; a relative path resolves against the working directory, which
 *   worker threads share with the calling thread. A `project.ts` named by its file gets
 *   `typescript: true` (its workers start through tsx's loader); for a folder holding one, add it:
 *   `{ ...modelFileTask(folder), typescript: true }`
 * @param options - `scenario`: a scenario of the model file (default: the base case);
 *   `limits`: the work and memory limits to load the file with (default: the defaults)
 * @returns the task, whose `args` survive `structuredClone`
 * @example
 * const pool = await createPsaWorkerPool(modelFileTask("sick-sicker"), { workers: 2 });
 * const psa = await pool.run({ samples: 10_000, seed: 1 });
 * psa.mean("cost", "Standard of care"); // the same bit for bit as runPsaSync of loadModel("sick-sicker")
 * await pool.close();
 */
export function modelFileTask(path: string, options: { readonly scenario?: string | null; readonly limits?: Partial<ResourceLimits> | null } = {}): PsaTask {
  const task = { module: modelFileTaskModule(), export: "psaTask", args: [path, options.scenario ?? null, options.limits ?? null] };
  // A TypeScript project is imported by the workers too: they start through tsx's loader.
  return /\.[cm]?tsx?$/.test(path) ? { ...task, typescript: true } : task;
}

/**
 * The module a worker imports to build a model file: under tsx the TypeScript source; in the
 * compiled package the single-file bundle of it (scripts/bundle-psa-task.mjs). In a working copy a
 * bundle older than the compiled file (dist/ recompiled by tsc without re-bundling) is stale, and
 * the compiled file is used instead. An installed package is never recompiled in place, and npm
 * stamps each file with the time it was unpacked (the bundle came out a millisecond before
 * load-model.js), so under node_modules/ the bundle is taken whenever it is there. Also what
 * `qaly run --workers` gives its workers. @internal
 *
 * @returns the module's `file:` URL
 * @example
 * // modelFileTaskModule().href ends with "dist/node/load-model.bundle.js" in the built package
 */
export function modelFileTaskModule(): URL {
  if (import.meta.url.endsWith(".ts")) return new URL("./load-model.ts", import.meta.url);
  const compiled = new URL("./load-model.js", import.meta.url);
  const bundle = new URL("./load-model.bundle.js", import.meta.url);
  const bundled = statSync(bundle, { throwIfNoEntry: false });
  if (bundled === undefined) return compiled;
  return compiled.pathname.includes("/node_modules/") || bundled.mtimeMs >= statSync(compiled).mtimeMs ? bundle : compiled;
}
