// Shared by the bundling scripts: builds an esbuild bundle whose first lines name every package that
// left code in it, with its version and licence (tree-shaking drops some of the imported ones).
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `name version (licence)` of the package a bundled file belongs to. */
function packageLine(path) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (match === null) return undefined;
  const manifest = JSON.parse(readFileSync(join(ROOT, match[1], "package.json"), "utf8"));
  return `${manifest.name} ${manifest.version} (${manifest.license})`;
}

/**
 * An esbuild plugin that passes qaly's own source files (not node_modules) through `rewrite(path,
 * text)` before bundling them; files it returns unchanged load as usual.
 */
export function rewriteSources(rewrite) {
  return {
    name: "qaly-rewrite-sources",
    setup(build) {
      build.onLoad({ filter: /\.[jt]s$/ }, (args) => {
        if (args.path.includes("/node_modules/")) return undefined;
        const text = readFileSync(args.path, "utf8");
        const rewritten = rewrite(args.path, text);
        return rewritten === text ? undefined : { contents: rewritten, loader: args.path.endsWith(".ts") ? "ts" : "js" };
      });
    },
  };
}

/** The packages that left code in any output of an esbuild metafile, as {@link packageLine}s, sorted. */
export function packagesOf(metafile) {
  return [...new Set(Object.values(metafile.outputs).flatMap(packagesIn))].sort();
}

/** The packages that left code in a metafile output, as {@link packageLine}s, sorted. */
function packagesIn(output) {
  const kept = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
  return [...new Set(kept.map(packageLine).filter((line) => line !== undefined))].sort();
}

/**
 * Bundles `options.entryPoints` into `outfile`, opening with `title` and one line per bundled package,
 * then `extra` banner lines (code the bundle needs first).
 */
export async function bundleWithCredits(options, outfile, title, extra = []) {
  const probe = await build({ ...options, write: false, metafile: true });
  const packages = [...new Set(Object.values(probe.metafile.outputs).flatMap(packagesIn))].sort();
  const banner = [`// ${title}`, ...packages.map((line) => `//   ${line}`), ...extra].join("\n");
  await build({ ...options, outfile, banner: { js: banner } });
  rmSync(`${outfile}.map`, { force: true });
}

/**
 * Bundles `options.entryPoints` into `options.outdir` with code splitting: every file written (entries
 * and shared chunks) opens with `title`, one line per package that left code in that file, then
 * `extra` lines. A hashbang stays the first line.
 */
export async function bundleFilesWithCredits(options, title, extra = []) {
  const result = await build({ ...options, absWorkingDir: ROOT, write: false, metafile: true });
  for (const file of result.outputFiles) {
    if (file.path.endsWith(".map")) continue;
    const output = result.metafile.outputs[relative(ROOT, file.path)];
    if (output === undefined) throw new Error(`esbuild wrote ${file.path} without a metafile entry`);
    const banner = [`// ${title}`, ...packagesIn(output).map((line) => `//   ${line}`), ...extra].join("\n");
    const [, hashbang = "", code] = /^(#![^\n]*\n)?([\s\S]*)$/.exec(file.text);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, `${hashbang}${banner}\n${code}`);
  }
}
