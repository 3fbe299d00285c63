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
  ["qaly/survival-fit", "qaly-survival-fit.ts", undefined],
  ["qaly/microsimulation", "qaly-microsimulation.ts", undefined],
  ["qaly/report", "report/index.ts", undefined],
  ["qaly/files", "qaly-files.ts", undefined],
];

/** The package a bundled input belongs to (`zod`, `@stdlib/…`), or `qaly` for the sources. */
function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match === null ? "qaly" : match[1]!.startsWith("@stdlib/") ? "@stdlib/*" : match[1]!;
}

/** The layer folder of one of qaly's sources (`models/markov`, `analysis/dsa`, `survival`), or `undefined` for a package's file. */
function folderOf(path: string): string | undefined {
  const match = /^src\/(.*)\/[^/]+$/.exec(path);
  if (path.includes("node_modules") || match === null) return undefined;
  const parts = match[1]!.split("/");
  return ["models", "analysis", "survival"].includes(parts[0]!) && parts.length > 1 ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Minified bytes of the `qaly` entry's browser bundle, with the bytes per package and per source folder. */
export async function bundleSize(entry: string): Promise<{ bytes: number; code: number; gzip: number; byPackage: Map<string, number>; byFolder: Map<string, number> }> {
  // One set of options for both builds, so the two sizes differ only in where the licences go.
  const options = { entryPoints: [resolve(SRC, entry)], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false as const, logLevel: "silent" } satisfies BuildOptions;
  const result = await build({ ...options, metafile: true });
  const code = result.outputFiles[0]!.contents;
  const external = await build({ ...options, legalComments: "external", outfile: "bundle.js" });
  const codeOnly = external.outputFiles.find((file) => file.path.endsWith("bundle.js"))!.contents.length;
  const byPackage = new Map<string, number>();
  const byFolder = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + input.bytesInOutput);
      const folder = folderOf(path);
      if (folder !== undefined) byFolder.set(folder, (byFolder.get(folder) ?? 0) + input.bytesInOutput);
    }
  }
  return { bytes: code.length, code: codeOnly, gzip: gzipSync(code).length, byPackage, byFolder };
}

export async function bench(): Promise<void> {
  console.log("browser bundle (esbuild, minified, tree-shaken; each entry alone)");
  for (const [name, entry, target] of ENTRIES) {
    const { bytes, code, gzip, byPackage, byFolder } = await bundleSize(entry);
    const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([pkg, size]) => `${pkg} ${(size / 1000).toFixed(0)}`).join(", ");
    const goal = target === undefined ? "" : ` (target ≤ ${target} kB)`;
    console.log(`  ${name.padEnd(20)} ${(bytes / 1000).toFixed(0).padStart(5)} kB (code ${(code / 1000).toFixed(0)} kB + licence comments ${((bytes - code) / 1000).toFixed(0)} kB), gzip ${(gzip / 1000).toFixed(0).padStart(4)} kB${goal}; largest: ${largest} kB`);
    // Where the main entry's own code goes, for deciding what belongs in it (the goal is not met by trimming alone).
    if (target !== undefined) console.log(`    its qaly sources by folder: ${[...byFolder].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([folder, size]) => `${folder} ${(size / 1000).toFixed(0)}`).join(", ")} kB`);
  }
}
