#!/usr/bin/env node
// The `qaly` command. Only this layer touches the terminal and the file system.
import { parseArgs } from "node:util";

const HELP = `qaly: health-economic decision models

Usage:
  qaly --help        show this help
  qaly --version     show the version

Commands for running model files arrive with the model-file issue.`;

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
    allowPositionals: true,
    strict: false,
  });
  if (values.version === true) {
    process.stdout.write("0.1.0\n");
    return 0;
  }
  process.stdout.write(`${HELP}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
