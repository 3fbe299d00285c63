import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

export default defineConfig({
  root,
  resolve: {
    // The bundled models import the package by name (`qaly`, `qaly/files`), as a user's code would;
    // tests run them against the sources. The same mapping is `paths` in tsconfig.json (tsc, tsx).
    alias: [
      { find: /^qaly$/, replacement: source("index.ts") },
      { find: /^qaly\/report$/, replacement: source("report/index.ts") },
      { find: /^qaly\/files$/, replacement: source("qaly-files.ts") },
      { find: /^qaly\/node$/, replacement: source("node/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/bench/**", "node_modules/**", "dist/**"],
    setupFiles: ["test/setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    testTimeout: 60_000,
    // Test files in one worker share the module graph: importing the library once per worker instead of
    // once per file halves the suite's CPU time (issue 20, item 8). Tests must therefore not rely on
    // module state left by another file (each file sets what it needs, e.g. zod's locale below).
    isolate: false,
  },
});
