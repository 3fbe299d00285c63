// Writes dist/node/load-model.bundle.js: dist/node/load-model.js (the PSA task every worker thread
// of `qaly run --workers` imports to compile the model file) and everything it imports, in one
// file. A worker thread shares no modules with the main thread, and in Node 20 most of a worker's
// start-up is resolving and loading some 300 module files one by one: measured on the shared 2-core
// machine, importing load-model.js took 0.65–0.84 s of CPU and the bundle 0.15–0.19 s (issue 20:
// a pool that starts in ≤ 0.5 s). The bundle is the same compiled code, so a worker builds the
// same model; the CLI uses it when it exists (src/cli/commands/run.ts) and load-model.js otherwise.
// Run after scripts/bundle-mathjs-parse.mjs, so that it takes the bundled parser.
// The bundle names each bundled package, its version and licence in its first lines.
// Usage: node scripts/bundle-psa-task.mjs
import { join } from "node:path";
import { bundleWithCredits, rewriteSources, ROOT, zodAsNamespace } from "./bundle-credits.mjs";

await bundleWithCredits(
  // Whitespace only: names stay, so stack traces from a worker still read.
  {
    entryPoints: [join(ROOT, "dist/node/load-model.js")],
    bundle: true,
    minifyWhitespace: true,
    format: "esm",
    platform: "node",
    target: "node20",
    legalComments: "eof",
    logLevel: "warning",
    // zod's parts never used are left out (see zodAsNamespace).
    plugins: [rewriteSources((_, text) => zodAsNamespace(text))],
  },
  join(ROOT, "dist/node/load-model.bundle.js"),
  "qaly's PSA task for worker threads (dist/node/load-model.js), bundled by scripts/bundle-psa-task.mjs with:",
  // CommonJS dependencies call require(), which an ES module lacks.
  ['import { createRequire as __qalyCreateRequire } from "node:module"; const require = __qalyCreateRequire(import.meta.url);'],
);
