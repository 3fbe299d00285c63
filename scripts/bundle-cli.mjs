// Replaces dist/cli/main.js (tsc's output) with an esbuild bundle of src/cli/main.ts: the command
// line, and in chunks beside it (dist/cli/chunk-*.js) each command's module graph with the packages
// it uses. From the separate compiled files, `qaly validate sick-sicker` resolved and loaded some
// 260 of qaly's files, 95 of zod's and about 440 of @stdlib's one by one; from the bundle it loads
// about 30 files (issue 20, item 5; figures in test/bench/cli-startup.ts). Same sources: a command is
// still imported only when it runs (splitting keeps main.ts's dynamic imports as chunks),
// identifiers are not minified so stack traces read, and each file names the packages bundled in it
// with their version and licence in its first lines.
// zod is imported as a namespace (zodAsNamespace), so that esbuild leaves out the parts never used.
// Two things keep the bundle behaving as the separate files do:
// - Modules that find files from their own location (`import.meta.url`: the bundled models and data,
//   the worker entry, the PSA task) are given the URL of their compiled file in dist/.
// - core/errors.js stays a separate file, shared with the library: a project module (project.ts)
//   imports "qaly", so its errors must be instances of the same QalyError class the command line
//   tests for, or they would print as unexpected errors and escape the DSA's handling of failed bounds.
// Run after tsc (dist/ holds those files). Usage: node scripts/bundle-cli.mjs [dist folder]
import { readdirSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { bundleFilesWithCredits, rewriteSources, ROOT, zodAsNamespace } from "./bundle-credits.mjs";

const dist = resolve(process.argv[2] ?? join(ROOT, "dist"));
const outdir = join(dist, "cli");
const SOURCE = join(ROOT, "src");
const SHARED = [join(SOURCE, "core/errors.ts")];

/** The compiled file of src/<path>.ts: dist/<path>.js. */
const compiled = (source) => join(dist, relative(SOURCE, source)).replace(/\.ts$/, ".js");
/** `./x.js` or `../x/y.js`: a specifier of `file` from the bundle's folder (every output file is in it). */
const fromBundle = (file) => {
  const path = relative(outdir, file);
  return path.startsWith(".") ? path : `./${path}`;
};

/** Resolves the shared files to their compiled file, outside the bundle. */
const sharedFiles = {
  name: "qaly-shared-files",
  setup(build) {
    build.onResolve({ filter: /\.js$/ }, (args) => {
      if (!args.importer.startsWith(`${SOURCE}/`) || !args.path.startsWith(".")) return undefined;
      const source = resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
      return SHARED.includes(source) ? { path: fromBundle(compiled(source)), external: true } : undefined;
    });
  },
};

// Chunks of an earlier build would pile up (their names carry a content hash).
for (const name of readdirSync(outdir)) if (/^chunk-.*\.js$/.test(name)) rmSync(join(outdir, name));

await bundleFilesWithCredits(
  {
    entryPoints: { main: join(SOURCE, "cli/main.ts") },
    outdir,
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    // Whitespace only: names stay, so stack traces still read.
    minifyWhitespace: true,
    format: "esm",
    platform: "node",
    target: "node20",
    legalComments: "eof",
    logLevel: "warning",
    plugins: [
      sharedFiles,
      rewriteSources((path, text) => {
        if (!path.startsWith(`${SOURCE}/`)) return text;
        const located = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle(compiled(path)))}, import.meta.url).href`);
        return zodAsNamespace(located);
      }),
    ],
  },
  "qaly's command line (src/cli/main.ts), bundled by scripts/bundle-cli.mjs with:",
  // CommonJS dependencies call require(), which an ES module lacks.
  ['import { createRequire as __qalyCreateRequire } from "node:module"; const require = __qalyCreateRequire(import.meta.url);'],
);
