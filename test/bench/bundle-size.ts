// Browser bundle size of the browser-safe entries: each bundled alone with esbuild (minified, ESM,
// browser platform, tree-shaken), from the sources. Target (printed, not asserted): the main entry
// `qaly` ≤ 300 kB minified. The largest contributors are listed by package. esbuild's default
// (`legalComments: "eof"`) appends the licence comments of every bundled file (@stdlib has one per
// module), so the size is printed with them and, separately, the code alone (what a bundle built
// with `legalComments: "external"` or `"linked"` ships, the licences going to a separate file).
import { build, type BuildOptions } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const ENTRIES: readonly (readonly [string, string, number | undefined])[] = [
  ["qaly", "index.ts", 300],
  ["qaly/report", "report/index.ts", undefined],
  ["qaly/files", "qaly-files.ts", undefined],
];

/** The package a bundled input belongs to (`zod`, `@stdlib/…`), or `qaly` for the sources. */
function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match === null ? "qaly" : match[1]!.startsWith("@stdlib/") ? "@stdlib/*" : match[1]!;
}

/** Minified bytes of the `qaly` entry's browser bundle, with the bytes per package. */
export async function bundleSize(entry: string): Promise<{ bytes: number; code: number; gzip: number; byPackage: Map<string, number> }> {
  // One set of options for both builds, so the two sizes differ only in where the licences go.
  const options = { entryPoints: [resolve(SRC, entry)], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false as const, logLevel: "silent" } satisfies BuildOptions;
  const result = await build({ ...options, metafile: true });
  const code = result.outputFiles[0]!.contents;
  const external = await build({ ...options, legalComments: "external", outfile: "bundle.js" });
  const codeOnly = external.outputFiles.find((file) => file.path.endsWith("bundle.js"))!.contents.length;
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + input.bytesInOutput);
  }
  return { bytes: code.length, code: codeOnly, gzip: gzipSync(code).length, byPackage };
}

export async function bench(): Promise<void> {
  console.log("browser bundle (esbuild, minified, tree-shaken; each entry alone)");
  for (const [name, entry, target] of ENTRIES) {
    const { bytes, code, gzip, byPackage } = await bundleSize(entry);
    const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([pkg, size]) => `${pkg} ${(size / 1000).toFixed(0)}`).join(", ");
    const goal = target === undefined ? "" : ` (target ≤ ${target} kB)`;
    console.log(`  ${name.padEnd(12)} ${(bytes / 1000).toFixed(0).padStart(5)} kB (code ${(code / 1000).toFixed(0)} kB + licence comments ${((bytes - code) / 1000).toFixed(0)} kB), gzip ${(gzip / 1000).toFixed(0).padStart(4)} kB${goal}; largest: ${largest} kB`);
  }
}
