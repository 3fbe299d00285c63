// Enforces the layering of docs/architecture.md by reading the import lines of every file in src/.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Layers from left (most basic) to right; a file may import only from its own layer or layers to its left. */
const LAYERS = ["core", "random", "distributions", "parameters", "math", "survival", "models", "pathways", "analysis", "files", "report", "project", "node", "cli"] as const;
/**
 * The entry files at the top of src/ and the layer each may reach. The main entry `qaly` holds the
 * models and analyses: it must not reach files/, report/, project/, node/ or cli/ (those have their
 * own entries, `qaly/files`, `qaly/report` and `qaly/node`, whose files are their layers' barrels).
 * `qaly/survival-fit` and `qaly/microsimulation` hold model-preparation features kept out of the
 * main entry's bundle; they reach no further than their own layers.
 */
const ENTRY_FILES: Readonly<Record<string, (typeof LAYERS)[number]>> = { "index.ts": "analysis", "qaly-survival-fit.ts": "survival", "qaly-microsimulation.ts": "models", "qaly-files.ts": "project" };
/**
 * `src/types/` holds the main entry's type namespaces (`Markov`, `Dsa`, …): one file per namespace
 * re-exporting types by name. It belongs to the main entry, so it reaches what `index.ts` reaches.
 */
const TYPES_FOLDER = "types";
/** Only these layers may use Node built-ins. */
const NODE_LAYERS = new Set(["node", "cli"]);
/** Model engines: siblings that never import each other, and that analysis never imports. */
const ENGINES = ["tree", "markov", "psm", "microsimulation"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g;
  for (const match of text.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

/** The path segments of a file below src/, e.g. ["models", "markov", "trace.ts"]. */
function segments(file: string): string[] {
  return relative(SRC, file).split(sep);
}

function rank(file: string): number {
  const top = segments(file)[0]!;
  const entry = ENTRY_FILES[top];
  if (entry !== undefined) return LAYERS.indexOf(entry);
  if (top === TYPES_FOLDER) return LAYERS.indexOf(ENTRY_FILES["index.ts"]!);
  const index = LAYERS.indexOf(top as (typeof LAYERS)[number]);
  if (index < 0) throw new Error(`${relative(SRC, file)} is in no known layer; add its folder to LAYERS and docs/architecture.md`);
  return index;
}

/** The folder of a file below src/, e.g. "analysis/psa" or "core": the unit of the no-cycles rule. */
function folderOf(file: string): string {
  return dirname(relative(SRC, file)).split(sep).join("/");
}

/** Strongly connected components of more than one folder (Tarjan), i.e. folders that import each other in a circle. */
function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

function engineOf(file: string): string | undefined {
  const parts = segments(file);
  return parts[0] === "models" && ENGINES.includes(parts[1]!) ? parts[1] : undefined;
}

const files = sourceFiles(SRC);

describe("architecture", () => {
  it("every file in src/ imports only from its own layer or layers to its left", () => {
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
        if (rank(target) > rank(file)) violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("each entry file reaches only its allowed layers (the main entry no files/, report/, project/, node/ or cli/)", () => {
    const violations: string[] = [];
    for (const name of Object.keys(ENTRY_FILES)) {
      const file = join(SRC, name);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) {
          violations.push(`${name} imports the package ${spec}`);
          continue;
        }
        const target = resolve(SRC, spec.replace(/\.js$/, ".ts"));
        if (rank(target) > rank(file)) violations.push(`${name} imports ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
    // Every top-level file of src/ is an entry with a declared layer.
    const topFiles = readdirSync(SRC).filter((name) => name.endsWith(".ts"));
    expect(topFiles.sort()).toEqual(Object.keys(ENTRY_FILES).sort());
  });

  it("no folders import each other in a circle (e.g. analysis/cea ↔ analysis/psa)", () => {
    // A barrel (index.ts) is a folder's public face, not a dependency of its contents: left out.
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      if (file.endsWith(`${sep}index.ts`)) continue;
      const from = folderOf(file);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const to = folderOf(resolve(dirname(file), spec));
        if (to === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    expect(folderCycles(edges)).toEqual([]);
  });

  it("model engines never import each other, and analysis imports no engine", () => {
    const violations: string[] = [];
    for (const file of files) {
      const own = engineOf(file);
      const top = segments(file)[0];
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = engineOf(resolve(dirname(file), spec));
        if (target === undefined || target === own) continue;
        if (own !== undefined || top === "analysis") violations.push(`${relative(SRC, file)} imports engine ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("no file outside src/node and src/cli imports a Node built-in (the core runs in browsers)", () => {
    const violations: string[] = [];
    for (const file of files) {
      if (NODE_LAYERS.has(segments(file)[0]!)) continue;
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (spec.startsWith("node:") || ["fs", "path", "os", "worker_threads", "child_process", "url", "process"].includes(spec)) {
          violations.push(`${relative(SRC, file)} imports ${spec}`);
        }
      }
      if (/\bprocess\.(env|argv|exit|stdout|stderr)\b/.test(readFileSync(file, "utf8"))) violations.push(`${relative(SRC, file)} uses process`);
    }
    expect(violations).toEqual([]);
  });

  it("no file in src/ calls Math.random (randomness is always passed in)", () => {
    const offenders = files.filter((file) => /Math\s*\.\s*random\s*\(/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });

  it("the type namespaces hold types only and are used by the main entry alone", () => {
    // Only `export type { … } from` (and comments): a namespace of values would defeat tree-shaking.
    const namespaces = files.filter((file) => segments(file)[0] === TYPES_FOLDER);
    expect(namespaces.length).toBeGreaterThan(0);
    const notTypeOnly = namespaces.filter((file) => readFileSync(file, "utf8").replace(/\/\/.*$/gm, "").replace(/export type \{[^}]*\} from "[^"]+";/g, "").trim() !== "");
    expect(notTypeOnly.map((file) => relative(SRC, file))).toEqual([]);
    const users = files.filter((file) => importsOf(readFileSync(file, "utf8")).some((spec) => spec.startsWith(".") && segments(resolve(dirname(file), spec))[0] === TYPES_FOLDER));
    expect(users.map((file) => relative(SRC, file))).toEqual(["index.ts"]);
    // The main entry imports each namespace as a type (`import type * as Markov`), so its JavaScript has no trace of them.
    const mainEntry = readFileSync(join(SRC, "index.ts"), "utf8");
    const namespaceImports = [...mainEntry.matchAll(/^import (type )?\* as \w+ from "\.\/types\/[^"]+";$/gm)];
    expect(namespaceImports.length).toBe(namespaces.length);
    expect(namespaceImports.filter((match) => match[1] === undefined)).toEqual([]);
  });

  it("zod is imported as a namespace (`import * as z`), never as its `z` object", () => {
    // Through the `z` object a bundler keeps all of zod, its 40-odd message locales included: 454
    // against 90 kB for the same small schema (esbuild, minified), about 360 kB of `qaly/files`.
    const offenders = files.filter((file) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*["']zod(\/[^"']*)?["']/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
    expect(files.some((file) => readFileSync(file, "utf8").includes('import * as z from "zod";'))).toBe(true);
  });

  it("barrels list their exports by name (no `export *`)", () => {
    const offenders = files.filter((file) => /export\s*\*\s*from/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });
});
