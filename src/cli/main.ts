#!/usr/bin/env node
// The `qaly` command. Only this layer (with src/node) touches the terminal and the file system.
import { pathToFileURL } from "node:url";
import { realpathSync } from "node:fs";
import { formatIssues, QalyError } from "../core/errors.js";
import { QALY_VERSION } from "../analysis/run/version.js";
import { processIo, UsageError, type CliIo } from "./terminal/cli-io.js";
import { terminalSafe } from "./terminal/terminal-safe.js";
import { ownEntry } from "../core/own-entry.js";

const HELP = `qaly ${QALY_VERSION}: health-economic decision models

Usage: qaly <command> [options]

Commands:
  run <model>        base case, ICER table, NMB, PSA (CEAC, EVPI), tornado, thresholds, scenarios
  merge <shard...>   join the PSA shards of \`qaly run --draws\` into the results of one run
  analyze <psa.csv>  ICER table, CEAC and EVPI of PSA draws exported by another tool
  validate <model>   check a model file and evaluate its base case
  check <model>      model checks (TECH-VER): supports, utilities, QALYs ≤ LYs, extremes, PSA convergence
  describe <model>   parameter table with distributions, 95% intervals, sources, placeholders
  dsa <model>        one-way analysis, tornado, threshold and scenario analyses
  fit <data.csv>     survival models fitted to patient data: AIC, BIC, medians, curve definitions
  list               bundled models

<model> is a model file (.yaml, .yml, .json), a project module (project.ts/.js exporting
\`project\`), a folder holding one, or the name of a bundled model (\`qaly run sick-sicker\`;
\`qaly list\` shows them). \`qaly <command> --help\` shows a command's options.

Exit codes: 0 success, 1 model error (its issues are printed), 2 usage error.`;

type Command = (argv: readonly string[], io: CliIo) => number | Promise<number>;

// Each command is imported only when it runs: importing them all loaded the whole library (mathjs,
// zod, reports, the worker pool) before `qaly --help` could print, about 1 s of CPU (issue 20).
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import("./commands/run.js")).runCommand,
  merge: async () => (await import("./commands/merge.js")).mergeCommand,
  analyze: async () => (await import("./commands/analyze.js")).analyzeCommand,
  analyse: async () => (await import("./commands/analyze.js")).analyzeCommand,
  validate: async () => (await import("./commands/validate.js")).validateCommand,
  check: async () => (await import("./commands/check.js")).checkCommand,
  describe: async () => (await import("./commands/describe.js")).describeCommand,
  dsa: async () => (await import("./commands/dsa.js")).dsaCommand,
  fit: async () => (await import("./commands/fit.js")).fitCommand,
  list: async () => (await import("./commands/list.js")).listCommand,
};

/**
 * Runs the command line and returns the exit code: 0 success, 1 model error (a `QalyError`, its
 * issues printed to stderr), 2 usage error. Never calls `process.exit`, so it can run in-process.
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  // Model files are untrusted: no control character in a name reaches the terminal raw.
  const io: CliIo = { ...rawIo, stdout: (text) => rawIo.stdout(terminalSafe(text)), stderr: (text) => rawIo.stderr(terminalSafe(text)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${QALY_VERSION}\n`);
    return 0;
  }
  const command = ownEntry(COMMANDS, name);
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).filter((c) => c !== "analyse").join(", ")})`);
    return await (await command())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`qaly: ${error.message}\nRun \`qaly ${command === undefined ? "" : `${name} `}--help\` for usage.\n`);
      return 2;
    }
    if (error instanceof QalyError) {
      io.stderr(`qaly ${name}: ${error.message.includes("\n") ? error.message : formatIssues(error.issues)}\n`);
      return 1;
    }
    io.stderr(`qaly ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

// Without top-level await, so that the command line also bundles into one CommonJS script (the code
// cached one of scripts/bundle-cli.mjs). main never rejects: it reports every error itself.
if (isEntryPoint()) {
  const argv = process.argv.slice(2);
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
