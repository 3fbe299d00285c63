// Replaces dist/files/mathjs-parse.js (tsc's output, which imports "mathjs/number") with a
// tree-shaken single-file bundle of src/files/mathjs-parse.ts: mathjs's parser and its dependencies
// only. Node does not tree-shake: importing "mathjs/number" loads some 600 files and builds every
// mathjs function up front (about 1 s of CPU on the shared 2-core machine), the bundle loads in a
// few hundredths of a second, and every CLI command and PSA worker that reads a model file pays it
// (issue 20). Same mathjs code, so expressions parse to the same trees (test/files/mathjs-parse.test.ts).
// The bundle names each bundled package, its version and licence in its first lines; mathjs stays
// a dependency of the package, so its files and licence are installed next to qaly.
// Usage: node scripts/bundle-mathjs-parse.mjs [outfile]   (default dist/files/mathjs-parse.js)
import { join, resolve } from "node:path";
import { bundleWithCredits, ROOT } from "./bundle-credits.mjs";

const outfile = resolve(process.argv[2] ?? join(ROOT, "dist/files/mathjs-parse.js"));
await bundleWithCredits(
  { entryPoints: [join(ROOT, "src/files/mathjs-parse.ts")], bundle: true, minify: true, format: "esm", platform: "node", target: "node20", legalComments: "eof", logLevel: "warning" },
  outfile,
  "mathjs's expression parser, bundled by scripts/bundle-mathjs-parse.mjs from:",
);
