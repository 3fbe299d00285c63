// Replaces dist/cli/main.js (tsc's output) with qaly's command line as one CommonJS script,
// dist/cli/qaly-cli.cjs (an esbuild bundle of src/cli/main.ts and everything it imports, packages
// included), a V8 code cache of it, dist/cli/qaly-cli.cache, and a small dist/cli/main.js that runs
// the script with that cache. From tsc's separate files `qaly validate sick-sicker` loaded some 800
// files one by one; bundled in chunks, about 30 (0.44-0.57 s CPU); compiled from one script whose
// functions V8 takes from the cache instead of parsing and compiling them, 0.3 s (issue 20, item 5;
// figures in test/bench/cli-startup.ts).
// - The cache is made here by running `qaly validate sick-sicker` and `qaly --help` in this process
//   and asking V8 for the code of every function compiled by then. It is never required: main.js runs
//   the script without it when it is missing, and V8 rejects (and main.js ignores) a cache from another
//   V8 version, other flags or another script, compiling the source as usual.
// - Commands are still evaluated only when they run (esbuild keeps main.ts's dynamic imports lazy
//   inside the script); identifiers are not minified so stack traces read; the script's first lines
//   name each bundled package with its version and licence.
// - Modules that find files from their own location (`import.meta.url`: the bundled models and data,
//   the worker entry, the PSA task) are given the URL of their compiled file in dist/.
// - The script has its own copy of core/errors.ts; a project module's errors come from the library's
//   copy in dist/ and are recognised by QalyError's brand (Symbol.for("qaly.QalyError")).
// - A script compiled by node:vm has no import() of its own (Node 20's loader for it is experimental,
//   warns, and is lost with a code cache), so the dynamic imports of files known only when the command
//   runs (project modules, PSA tasks: `import(url)`) call main.js's import() instead, passed in as
//   __qalyImport; imports of qaly's own modules (`import("./x.js")`) are bundled as before.
// - The bundled models' files are parsed here too (dist/node/parsed-models/<name>.json, read by
//   src/node/parsed-models.ts): a model file that still holds exactly that text skips the YAML parse.
// Run after tsc (dist/ holds those files). Usage: node scripts/bundle-cli.mjs [dist folder]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { bundleWithCredits, packagesOf, rewriteSources, ROOT } from "./bundle-credits.mjs";
import { launcherSource, viaLauncherImport, writeCodeCache } from "./code-cache.mjs";

const dist = resolve(process.argv[2] ?? join(ROOT, "dist"));
const outdir = join(dist, "cli");
const SOURCE = join(ROOT, "src");
const SCRIPT = join(outdir, "qaly-cli.cjs");
const CACHE = join(outdir, "qaly-cli.cache");
const MAIN = join(outdir, "main.js");

/** The compiled file of src/<path>.ts: dist/<path>.js. */
const compiled = (source) => join(dist, relative(SOURCE, source)).replace(/\.ts$/, ".js");
/** `./x.js` or `../x/y.js`: a specifier of `file` from the script's folder. */
const fromBundle = (file) => {
  const path = relative(outdir, file);
  return path.startsWith(".") ? path : `./${path}`;
};

// What `npx qaly` runs.
const LAUNCHER = launcherSource(
  `#!/usr/bin/env node
// qaly's command line, bundled by scripts/bundle-cli.mjs: runs qaly-cli.cjs (the whole command line
// in one script) with V8's code cache of it, qaly-cli.cache, when V8 accepts it.`,
  "qaly-cli.cjs",
  "qaly-cli.cache",
);

// mathjs's parser, bundled on its own first (as scripts/bundle-mathjs-parse.mjs does) and given to
// the script as that bundle: inside a CommonJS bundle whose commands load lazily, esbuild keeps most of
// mathjs (790 kB, every function built at start-up: 0.3 s of CPU), alone it keeps the parser (280 kB).
const MATHJS_PARSE = join(SOURCE, "files/mathjs-parse.ts");
const parser = await build({ entryPoints: [MATHJS_PARSE], bundle: true, minifyWhitespace: true, format: "esm", platform: "node", target: "node20", write: false, metafile: true, outdir: "mathjs-parse", legalComments: "none", logLevel: "warning" });
const prebundled = {
  name: "qaly-mathjs-parse",
  setup(build) {
    build.onLoad({ filter: /mathjs-parse\.ts$/ }, (args) => (args.path === MATHJS_PARSE ? { contents: parser.outputFiles[0].text, loader: "js", resolveDir: dirname(MATHJS_PARSE) } : undefined));
  },
};

// Chunks of the earlier, split ES-module bundle.
for (const name of readdirSync(outdir)) if (/^chunk-.*\.js$/.test(name)) rmSync(join(outdir, name));
rmSync(CACHE, { force: true });
// The bundled models parsed at build time (src/node/parsed-models.ts), written after the code cache:
// the warm-up below then parses YAML, so the parser's code is in the cache for the user's own files.
const PARSED = join(dist, "node", "parsed-models");
// The model files looked for in a bundled model's folder, in src/node/bundled-models.ts's order (project modules come after them and are not parsed).
const MODEL_FILES = ["model.yaml", "model.yml", "model.json"];
rmSync(PARSED, { recursive: true, force: true });

await bundleWithCredits(
  {
    entryPoints: [join(SOURCE, "cli/main.ts")],
    bundle: true,
    // Whitespace only: names stay, so stack traces still read.
    minifyWhitespace: true,
    format: "cjs",
    // A CommonJS package the script can require() where it is used (writing workbooks) rather than
    // carry: exceljs and its dependencies are a third of the bundle, compiled by every command.
    external: ["exceljs"],
    platform: "node",
    target: "node20",
    legalComments: "eof",
    logLevel: "warning",
    plugins: [
      prebundled,
      rewriteSources((path, text) => {
        if (!path.startsWith(`${SOURCE}/`)) return text;
        const located = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle(compiled(path)))}, __qalyCliUrl).href`);
        return viaLauncherImport(located);
      }),
    ],
  },
  SCRIPT,
  "qaly's command line (src/cli/main.ts), bundled by scripts/bundle-cli.mjs with:",
  // The packages of mathjs's parser (the metafile of the script sees its bundle, not them).
  [...packagesOf(parser.metafile).map((line) => `//   ${line}`), 'var __qalyCliUrl = require("node:url").pathToFileURL(__filename).href;'],
);
// main.ts's hashbang: the script runs inside a function, where it would be a syntax error.
const text = readFileSync(SCRIPT, "utf8").replace(/^#![^\n]*\n/, "");
writeFileSync(SCRIPT, text);
writeFileSync(MAIN, LAUNCHER);
// tsc's map of the main.js it wrote.
rmSync(`${MAIN}.map`, { force: true });

// The code cache: compile the script as main.js does, run two commands, keep what V8 compiled by then
// (functions that never ran stay lazily compiled). A failure leaves the command line without a cache,
// slower to start but the same.
let said = "";
const quiet = { stdout: () => {}, stderr: (line) => void (said += line), stderrIsTty: false };
await writeCodeCache(
  SCRIPT,
  text,
  CACHE,
  async (exports) => {
    for (const argv of [["--help"], ["validate", "sick-sicker", "--quiet"]]) {
      const code = await exports.main(argv, quiet);
      if (code !== 0) throw new Error(`qaly ${argv.join(" ")} exited with ${code}: ${said}`);
    }
  },
  `scripts/bundle-cli.mjs: no code cache for ${relative(ROOT, SCRIPT)} (the command line starts without it)`,
);

// Each bundled model file (YAML or JSON) as parseModelText reads it (src/files/parse-model-text.ts,
// bundled here on its own), with its text, when it parses without issues and its data survives JSON
// unchanged (no .inf, .nan or -0). The models are the package's (the models/ folder beside the
// nearest package.json above dist/, as src/node/bundled-models.ts finds them). Never required: a
// failure leaves the command line parsing every file.
try {
  const reader = await build({ entryPoints: [join(SOURCE, "files/parse-model-text.ts")], bundle: true, format: "esm", platform: "node", target: "node20", write: false, logLevel: "warning", banner: { js: `import { createRequire } from "node:module"; const require = createRequire(${JSON.stringify(join(ROOT, "package.json"))});` } });
  const { parseModelText } = await import(`data:text/javascript;base64,${Buffer.from(reader.outputFiles[0].text).toString("base64")}`);
  let home = dist;
  while (!(existsSync(join(home, "package.json")) && existsSync(join(home, "models"))) && dirname(home) !== home) home = dirname(home);
  const models = join(home, "models");
  mkdirSync(PARSED, { recursive: true });
  for (const name of existsSync(models) ? readdirSync(models).sort() : []) {
    const file = MODEL_FILES.find((candidate) => existsSync(join(models, name, candidate)));
    if (name === "data" || file === undefined) continue;
    const text = readFileSync(join(models, name, file), "utf8");
    const parsed = parseModelText(text, file, file.endsWith(".json") ? "json" : "yaml");
    if (parsed.issues.length > 0 || !isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), parsed.data)) continue;
    writeFileSync(join(PARSED, `${encodeURIComponent(name)}.json`), JSON.stringify({ file, text, data: parsed.data }));
  }
} catch (error) {
  rmSync(PARSED, { recursive: true, force: true });
  console.warn(`scripts/bundle-cli.mjs: no parsed bundled models (every model file is parsed when loaded): ${error instanceof Error ? error.message : String(error)}`);
}
