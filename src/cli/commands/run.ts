import { resolve } from "node:path";
import { writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { PsaResult } from "../../analysis/psa/psa-result.js";
import { runProject, type ProjectRun, type PsaRunner } from "../../project/run-project.js";
import { runJson } from "../../project/results-json.js";
import { loadModel, withScenario, type LoadedModel } from "../../node/load-model.js";
import { htmlReport } from "../../report/html/html-report.js";
import { runPsaParallel } from "../../node/run-psa-parallel.js";
import { runResultFiles, writeResultFiles } from "../../node/write-results.js";
import type { CliIo } from "../terminal/cli-io.js";
import { formatRun, formatWarnings } from "../terminal/format-run.js";
import { parseCommand, parseCount, parseSeed, parseThresholds, parseWtp, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { progressBar } from "../terminal/progress-bar.js";

const SPEC: CommandSpec = {
  name: "qaly run",
  positionals: ["model"],
  options: {
    psa: { type: "string" },
    seed: { type: "string" },
    workers: { type: "string" },
    wtp: { type: "string" },
    thresholds: { type: "string" },
    scenario: { type: "string" },
    out: { type: "string", short: "o" },
    report: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "no-dsa": { type: "boolean" },
  },
};

export const RUN_HELP = `Usage: qaly run <model> [options]

Runs a model: base case, ICER table, net monetary benefit at the thresholds, a seeded PSA with
CEAC, EVPI and probability cost-effective, a tornado of the most influential parameters, the
model's threshold analyses and its scenarios. <model> is a model file (.yaml, .yml, .json), a
project module (project.ts/.js), a folder holding one, or a bundled model's name (qaly list).
When standard error is not a terminal, progress is printed as plain lines instead of a bar.

Options:
  --psa N            PSA draws (default: the model's; 0 skips the PSA)
  --seed S           PSA seed (default: the model's); whole numbers are numeric seeds
  --workers N        evaluate the PSA in N worker threads (same results for any N; default 1)
  --wtp A:B:STEP     willingness-to-pay grid for CEAC and EVPI (default: the model's)
  --thresholds X,Y   WTP thresholds for NMB and probability tables (default: the model's)
  --scenario NAME    run a named scenario of the model instead of the base case
  --no-dsa           skip the one-way, tornado, threshold and scenario analyses
  -o, --out DIR      write CSV and JSON results into DIR
  --report FILE      write the HTML report to FILE
  --json             print one JSON document instead of the summary
  -q, --quiet        no progress bar and no warnings on stderr
  -h, --help         show this help`;

/** `qaly run`: runs a model and prints, writes and reports the results. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  const psaOption = parseCount("psa", stringOption(values, "psa"), 0);
  const seed = parseSeed(stringOption(values, "seed"));
  const workers = parseCount("workers", stringOption(values, "workers"), 1) ?? 1;
  const wtp = parseWtp(stringOption(values, "wtp"));
  const thresholds = parseThresholds(stringOption(values, "thresholds"));
  const scenario = stringOption(values, "scenario");
  const quiet = values.quiet === true;
  const json = values.json === true;
  const reportFile = stringOption(values, "report");
  const outFolder = stringOption(values, "out");

  const loaded = await loadModel(positionals[0]!);
  const chosen = withScenario(loaded, scenario);
  const { project } = chosen;
  const samples = psaOption ?? project.psa.samples;
  const bar = progressBar(io, "PSA", !quiet);
  const psaRunner = workers > 1 ? parallelRunner(loaded, workers, scenario) : undefined;
  // Ctrl-C stops the PSA at the next chunk of draws with a `cancelled` error (exit code 1).
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once("SIGINT", cancel);
  let run: ProjectRun;
  try {
    run = await runProject(project, {
      psa: samples,
      ...(seed === undefined ? {} : { seed }),
      ...(wtp === undefined ? {} : { wtp }),
      ...(thresholds === undefined ? {} : { thresholds }),
      ...(chosen.scenario === undefined ? {} : { scenario: chosen.scenario }),
      dsa: values["no-dsa"] !== true,
      onProgress: (progress) => bar.update(progress),
      signal: controller.signal,
      ...(psaRunner === undefined ? {} : { psaRunner }),
    });
  } finally {
    bar.done();
    process.off("SIGINT", cancel);
  }

  if (json) {
    io.stdout(`${JSON.stringify(runJson(run), null, 2)}\n`);
    if (!quiet && run.warnings.length > 0) io.stderr(`${formatWarnings(run.warnings)}\n`);
  } else {
    io.stdout(formatRun(run));
  }
  const notes: string[] = [];
  if (outFolder !== undefined) {
    const written = await writeResultFiles(resolve(outFolder), runResultFiles(run));
    notes.push(`results: ${written.length} files in ${outFolder}`);
  }
  if (reportFile !== undefined) {
    await mkdir(dirname(resolve(reportFile)), { recursive: true });
    await writeFile(resolve(reportFile), htmlReport(run), "utf8");
    notes.push(`report: ${reportFile}`);
  }
  const text = notes.map((note) => `${note}\n`).join("");
  if (!json) io.stdout(text);
  else if (!quiet) io.stderr(text);
  return 0;
}

/** The worker-pool PSA runner: every worker loads the model file again and builds the same setup (see `psaTask`). */
function parallelRunner(loaded: LoadedModel, workers: number, scenario: string | undefined): PsaRunner {
  // Under tsx this file is TypeScript, and so is the module the workers must import.
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const task = { module: new URL(`../../node/load-model${extension}`, import.meta.url), export: "psaTask", args: [loaded.file, scenario ?? null] };
  return (_model, _sampler, options) => runPsaParallel(task, { ...options, workers });
}
