import { writeFile } from "node:fs/promises";
import type { ResourceLimits } from "../../files/resource-budget.js";
import { COMPILED } from "../../files/compile-model-file.js";
import { modelChecks, modelChecksLine } from "../../project/model-checks.js";
import type { PsaResult } from "../../analysis/psa/psa-result.js";
import { runProject, type ProjectRun, type PsaRunner } from "../../project/run-project.js";
import { runJson } from "../../project/results-json.js";
import { loadModel, withScenario, type LoadedModel } from "../../node/load-model.js";
import { htmlReport } from "../../report/html/html-report.js";
import { runPsaParallel } from "../../node/run-psa-parallel.js";
import { runResultFiles, writeResultFiles } from "../../node/write-results.js";
import type { CliIo } from "../terminal/cli-io.js";
import { formatRun, formatWarnings } from "../terminal/format-run.js";
import { LIMIT_HELP, LIMIT_OPTIONS, parseCommand, parseCount, parseLimits, parseSeed, parseTornadoBars, parseThresholds, parseWtp, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { checkOutputFile, checkOutputFolder } from "../../node/check-output-path.js";
import { progressBar } from "../terminal/progress-bar.js";

const SPEC: CommandSpec = {
  name: "qaly run",
  positionals: ["model"],
  options: {
    psa: { type: "string" },
    seed: { type: "string" },
    "tornado-bars": { type: "string" },
    workers: { type: "string" },
    wtp: { type: "string" },
    thresholds: { type: "string" },
    scenario: { type: "string" },
    out: { type: "string", short: "o" },
    report: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "no-dsa": { type: "boolean" },
    ...LIMIT_OPTIONS,
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
  --tornado-bars N   tornado bars shown (default: the model's, else 10; "all" for every parameter)
  -o, --out DIR      write CSV and JSON results into DIR
  --report FILE      write the HTML report to FILE
  --json             print one JSON document instead of the summary
  -q, --quiet        no progress bar and no warnings on stderr
${LIMIT_HELP}
  -h, --help         show this help

Before any work starts, the run's size is checked against the limits (cycles × states ×
strategies × draws, DSA points) and --out and --report are checked to be writable.`;

/** `qaly run`: runs a model and prints, writes and reports the results. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  const psaOption = parseCount("psa", stringOption(values, "psa"), 0);
  const seed = parseSeed(stringOption(values, "seed"));
  const tornadoBars = parseTornadoBars(stringOption(values, "tornado-bars"));
  const workers = parseCount("workers", stringOption(values, "workers"), 1) ?? 1;
  const wtp = parseWtp(stringOption(values, "wtp"));
  const thresholds = parseThresholds(stringOption(values, "thresholds"));
  const scenario = stringOption(values, "scenario");
  const quiet = values.quiet === true;
  const json = values.json === true;
  const reportFile = stringOption(values, "report");
  const outFolder = stringOption(values, "out");
  const limits = parseLimits(values);
  // Outputs are checked before the work, so a run never ends in a half-written result.
  const outPath = outFolder === undefined ? undefined : checkOutputFolder(outFolder, ["out"]);
  const reportPath = reportFile === undefined ? undefined : checkOutputFile(reportFile, ["report"]);

  const loaded = await loadModel(positionals[0]!, limits === undefined ? {} : { limits });
  const chosen = withScenario(loaded, scenario);
  const { project } = chosen;
  const samples = psaOption ?? project.psa.samples;
  const bar = progressBar(io, "PSA", !quiet);
  const psaRunner = workers > 1 ? parallelRunner(loaded, workers, scenario, limits) : undefined;
  // Ctrl-C stops the PSA at the next chunk of draws with a `cancelled` error (exit code 1).
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once("SIGINT", cancel);
  let ran: ProjectRun;
  try {
    ran = await runProject(project, {
      psa: samples,
      ...(seed === undefined ? {} : { seed }),
      ...(wtp === undefined ? {} : { wtp }),
      ...(thresholds === undefined ? {} : { thresholds }),
      ...(chosen.scenario === undefined ? {} : { scenario: chosen.scenario }),
      ...(limits === undefined ? {} : { limits }),
      dsa: values["no-dsa"] !== true,
      ...(tornadoBars === undefined ? {} : { tornadoBars }),
      onProgress: (progress) => bar.update(progress),
      signal: controller.signal,
      ...(psaRunner === undefined ? {} : { psaRunner }),
    });
  } finally {
    bar.done();
    process.off("SIGINT", cancel);
  }

  // The model checks (qaly check), run on every run: in the JSON, the result files, the report and one summary line.
  const acknowledge = COMPILED.get(project)?.file.checks?.acknowledge;
  const nullEffect = COMPILED.get(project)?.file.checks?.nullEffect;
  const checks = modelChecks(project, { psa: 0, ...(ran.psa === undefined ? {} : { psaResult: ran.psa }), ...(acknowledge === undefined ? {} : { acknowledge }), ...(nullEffect === undefined ? {} : { nullEffect }) });
  const run: ProjectRun = { ...ran, checks };
  if (json) {
    io.stdout(`${JSON.stringify(runJson(run), null, 2)}\n`);
    if (!quiet && run.warnings.length > 0) io.stderr(`${formatWarnings(run.warnings)}\n`);
  } else {
    io.stdout(formatRun(run));
  }
  const notes: string[] = [];
  notes.push(`${modelChecksLine(checks)}${checks.every((check) => check.passed) ? "" : " (qaly check for details)"}`);
  if (outPath !== undefined) {
    const written = await writeResultFiles(outPath, runResultFiles(run));
    notes.push(`results: ${written.length} files in ${outFolder}`);
  }
  if (reportPath !== undefined) {
    await writeFile(reportPath, htmlReport(run), "utf8");
    notes.push(`report: ${reportFile}`);
  }
  const text = notes.map((note) => `${note}\n`).join("");
  if (!json) io.stdout(text);
  else if (!quiet) io.stderr(text);
  return 0;
}

/** The worker-pool PSA runner: every worker loads the model file again and builds the same setup (see `psaTask`). */
function parallelRunner(loaded: LoadedModel, workers: number, scenario: string | undefined, limits: Partial<ResourceLimits> | undefined): PsaRunner {
  // Under tsx this file is TypeScript, and so is the module the workers must import.
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const task = { module: new URL(`../../node/load-model${extension}`, import.meta.url), export: "psaTask", args: [loaded.file, scenario ?? null, limits ?? null] };
  return (_model, _sampler, options) => runPsaParallel(task, { ...options, workers });
}
