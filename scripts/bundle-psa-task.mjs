// Writes dist/node/load-model.bundle.js: dist/node/load-model.js (the PSA task every worker thread
// of `qaly run --workers` imports to compile the model file) and everything it imports, as one
// CommonJS script, dist/node/load-model.task.cjs, run by a small load-model.bundle.js with V8's code
// cache of it, dist/node/load-model.task.cache (as scripts/bundle-cli.mjs does for the command line).
// A worker thread shares no modules with the main thread, and in Node 20 most of a worker's start-up
// is resolving and loading some 300 module files one by one: measured on the shared 2-core machine,
// importing load-model.js took 0.65–0.84 s of CPU and a bundle 0.15–0.19 s (issue 20: a pool that
// starts in ≤ 0.5 s); with the cache V8 also skips compiling what a worker runs to build the model.
// The cache is made here by building models/sick-sicker in this process; it is never required (a
// missing or rejected cache means compiling the source, a failure to make it only warns). Same
// compiled code, so a worker builds the same model; the CLI uses the bundle when it exists
// (src/cli/commands/run.ts) and load-model.js otherwise.
// Run after scripts/bundle-mathjs-parse.mjs, so that it takes the bundled parser.
// The script names each bundled package, its version and licence in its first lines.
// Usage: node scripts/bundle-psa-task.mjs [dist folder]
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleWithCredits, rewriteSources, ROOT } from "./bundle-credits.mjs";
import { launcherSource, viaLauncherImport, writeCodeCache } from "./code-cache.mjs";

const dist = resolve(process.argv[2] ?? join(ROOT, "dist"));
const ENTRY = join(dist, "node/load-model.js");
const SCRIPT = join(dist, "node/load-model.task.cjs");
const CACHE = join(dist, "node/load-model.task.cache");
const MAIN = join(dist, "node/load-model.bundle.js");

rmSync(CACHE, { force: true });
// The module's exports, re-exported by name from load-model.bundle.js.
const names = Object.keys(await import(pathToFileURL(ENTRY).href)).sort();

await bundleWithCredits(
  // Whitespace only: names stay, so stack traces from a worker still read.
  {
    entryPoints: [ENTRY],
    bundle: true,
    minifyWhitespace: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    legalComments: "eof",
    logLevel: "warning",
    plugins: [
      // import.meta.url is the script's (it sits in dist/node/ beside load-model.js), and import(url)
      // of a project module is the launcher's import(): a node:vm script has none of its own in Node 20.
      rewriteSources((_, text) => viaLauncherImport(text.replaceAll("import.meta.url", "__qalyTaskUrl"))),
    ],
  },
  SCRIPT,
  "qaly's PSA task for worker threads (dist/node/load-model.js), bundled by scripts/bundle-psa-task.mjs with:",
  ['var __qalyTaskUrl = require("node:url").pathToFileURL(__filename).href;'],
);
const text = readFileSync(SCRIPT, "utf8");

writeFileSync(
  MAIN,
  launcherSource(
    `// qaly's PSA task for worker threads, bundled by scripts/bundle-psa-task.mjs: runs load-model.task.cjs
// (dist/node/load-model.js and everything it imports in one script) with V8's code cache of it,
// load-model.task.cache, when V8 accepts it, and exports what load-model.js exports.`,
    "load-model.task.cjs",
    "load-model.task.cache",
    `export const { ${names.join(", ")} } = module.exports;
`,
  ),
);

// The code cache: compile the script as load-model.bundle.js does, build the Sick-Sicker model file
// as a worker of qaly run does (from the calling thread's check of it, checkedPsaTask) and, in that
// check, as psaTask does (parsed and validated), keep what V8 compiled by then.
await writeCodeCache(
  SCRIPT,
  text,
  CACHE,
  async (exports) => {
    const file = join(ROOT, "models/sick-sicker/model.yaml");
    const checked = exports.checkedModelText(await exports.loadModel(file));
    await exports.checkedPsaTask(file, null, null, structuredClone(checked));
  },
  `scripts/bundle-psa-task.mjs: no code cache for ${relative(ROOT, SCRIPT)} (workers start without it)`,
);
