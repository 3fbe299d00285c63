// Replaces dist/files/mathjs-parse.js (tsc's output, which imports "mathjs/number") with a
// tree-shaken single-file bundle of src/files/mathjs-parse.ts: mathjs's parser and its dependencies
// only. Node does not tree-shake: importing "mathjs/number" loads some 600 files and builds every
// mathjs function up front (about 1 s of CPU on the shared 2-core machine), the bundle loads in a
// few hundredths of a second, and every CLI command and PSA worker that reads a model file pays it
// (issue 20). Same mathjs code, so expressions parse to the same trees (test/files/mathjs-parse.test.ts).
// The bundle names each bundled package, its version and licence in its first lines; mathjs stays
// a dependency of the package, so its files and licence are installed next to qaly.
// Usage: node scripts/bundle-mathjs-parse.mjs [outfile]   (default dist/files/mathjs-parse.js)
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = resolve(process.argv[2] ?? join(ROOT, "dist/files/mathjs-parse.js"));

/** `name version (licence)` of the package a bundled file belongs to. */
function packageLine(path) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (match === null) return undefined;
  const manifest = JSON.parse(readFileSync(join(ROOT, match[1], "package.json"), "utf8"));
  return `${manifest.name} ${manifest.version} (${manifest.license})`;
}

const options = {
  entryPoints: [join(ROOT, "src/files/mathjs-parse.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  legalComments: "eof",
  logLevel: "warning",
};
const probe = await build({ ...options, write: false, metafile: true });
// Only packages that left code in the bundle (tree-shaking drops some of the imported ones).
const kept = Object.values(probe.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
const packages = [...new Set(kept.map(packageLine).filter((line) => line !== undefined))].sort();
const banner = `// mathjs's expression parser, bundled by scripts/bundle-mathjs-parse.mjs from:\n${packages.map((line) => `//   ${line}`).join("\n")}`;
await build({ ...options, outfile, banner: { js: banner } });
rmSync(`${outfile}.map`, { force: true });
