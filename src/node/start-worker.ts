import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { fail } from "../core/errors.js";

const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * Starts a worker thread on `file`. Compiled JavaScript starts directly. TypeScript (qaly's own
 * sources during development, a task module written in TypeScript, or a task whose factory imports
 * TypeScript, `typescript`) goes through tsx's
 * `tsImport`, which scopes a TypeScript loader to the worker's module graph: in Node 20 a loader
 * given with `--import` (or registered inside the worker) does not reach the worker's modules. @internal
 */
export function startWorker(file: URL, taskUrl: string, options: WorkerOptions, typescript = false): Worker {
  const needsLoader = typescript || TYPESCRIPT.test(file.pathname) || (taskUrl.startsWith("file:") && TYPESCRIPT.test(new URL(taskUrl).pathname));
  if (!needsLoader) return new Worker(file, options);
  const api = tsxApi(taskUrl);
  // An eval'd worker is a CommonJS script; the rejection (if any) surfaces as the worker's error event.
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}));`;
  return new Worker(boot, { ...options, eval: true });
}

/** The URL of tsx's ESM API (`tsx/esm/api`), looked up from qaly's location, then from the working directory. */
function tsxApi(taskUrl: string): string {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), "noop.js")).href]) {
    try {
      const manifest = createRequire(base).resolve("tsx/package.json");
      const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports?: Record<string, { import?: { default?: string } }> }).exports;
      const entry = exports?.["./esm/api"]?.import?.default;
      if (typeof entry === "string") return pathToFileURL(join(dirname(manifest), entry)).href;
    } catch {
      // not found from this base: try the next
    }
  }
  fail("invalid_argument", ["task", "module"], `a TypeScript PSA task (${taskUrl}) needs tsx in the worker threads: install tsx (4.x), or compile the task to JavaScript`);
}
