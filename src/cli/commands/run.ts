import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { ResourceLimits } from "../../files/resource-budget.js";
import { COMPILED } from "../../files/compile-model-file.js";
import { modelChecks, modelChecksLine, type ModelCheck } from "../../project/model-checks.js";
import type { WtpRange } from "../../analysis/cea/wtp-grid.js";
import type { Model, ParameterValues } from "../../models/model.js";
import { runPsa } from "../../analysis/run/run-psa.js";
import { evaluateDrawRange } from "../../analysis/run/evaluate-draw-range.js";
import { runProject, type ProjectRun, type PsaRunner } from "../../project/run-project.js";
import type { ProjectSampler } from "../../project/project-psa-setup.js";
import { runJson } from "../../project/results-json.js";
import { checkedModelText, loadModel, withScenario, type LoadedModel, type ScenarioProject } from "../../node/load-model.js";
import { runResultFileParts, writeResultFiles } from "../../node/write-results.js";
import { UsageError, type CliIo } from "../terminal/cli-io.js";
import { formatRun, formatWarnings } from "../terminal/format-run.js";
import { LIMIT_HELP, LIMIT_OPTIONS, parseCommand, parseCount, parseLimits, parseSeed, parseTornadoBars, parseThresholds, parseWtp, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { checkOutputFile, checkOutputFolder } from "../../node/check-output-path.js";
import { modelFileTaskModule } from "../../node/model-file-task.js";
import { progressBar } from "../terminal/progress-bar.js";
import { jsonText } from "../../core/json-text.js";

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
    xlsx: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "no-dsa": { type: "boolean" },
    "scenario-psa": { type: "string" },
    draws: { type: "string" },
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
  --workers N|auto   evaluate the PSA in N worker threads (same results for any N); auto (the
                     default) uses every core when the PSA is long enough to gain, else 1
  --draws A:B|K/N    evaluate only draws A to B (exclusive) of the PSA, or part K of N equal
                     parts (K from 0), and write them as a shard into --out DIR, for qaly merge
  --wtp A:B:STEP     willingness-to-pay grid for CEAC and EVPI (default: the model's)
  --thresholds X,Y   WTP thresholds for NMB and probability tables (default: the model's)
  --scenario NAME    run a named scenario of the model instead of the base case
  --no-dsa           skip the one-way, tornado, threshold and scenario analyses
  --tornado-bars N   tornado bars shown (default: the model's, else 10; "all" for every parameter)
  --scenario-psa N   also run an N-draw PSA of every scenario (same seed), shown beside the base
                     case's: each scenario costs a PSA of its own, run in this thread
  -o, --out DIR      write CSV and JSON results into DIR
  --report FILE      write the HTML report to FILE
  --xlsx FILE        write an Excel workbook to FILE: inputs with sources and status, results,
                     ICER table, net benefit, PSA summary and traces
  --json             print one JSON document instead of the summary
  -q, --quiet        no progress bar and no warnings on stderr
${LIMIT_HELP}
  -h, --help         show this help

With --draws, nothing else is run or printed: every shard samples all the PSA's draws (cheap) and
evaluates its range; \`qaly merge\` joins the shards into the results of one run (docs/scale-out.md).

Before any work starts, the run's size is checked against the limits (cycles × states ×
strategies × draws, DSA points) and --out and --report are checked to be writable.`;

/** The choices of a `qaly run` that shape its results, as given on the command line (a shard records them for `qaly merge`). */
export interface RunChoices {
  readonly seed?: string | number;
  readonly wtp?: WtpRange;
  readonly thresholds?: readonly number[];
  readonly scenario?: string;
  readonly dsa: boolean;
  readonly tornadoBars?: number | "all";
  readonly scenarioPsa?: number;
  readonly limits?: Partial<ResourceLimits>;
}

/** Where a run's results go: the terminal (summary or JSON), a results folder, a report. */
export interface RunOutputs {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly outFolder?: string | undefined;
  readonly outPath?: string | undefined;
  readonly reportFile?: string | undefined;
  readonly reportPath?: string | undefined;
  readonly xlsxFile?: string | undefined;
  readonly xlsxPath?: string | undefined;
}

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
  const scenarioPsa = parseCount("scenario-psa", stringOption(values, "scenario-psa"), 1);
  const workers = parseWorkers(stringOption(values, "workers"));
  const wtp = parseWtp(stringOption(values, "wtp"));
  const thresholds = parseThresholds(stringOption(values, "thresholds"));
  const scenario = stringOption(values, "scenario");
  const quiet = values.quiet === true;
  const json = values.json === true;
  const reportFile = stringOption(values, "report");
  const outFolder = stringOption(values, "out");
  const drawsOption = stringOption(values, "draws");
  const limits = parseLimits(values);
  if (drawsOption !== undefined && outFolder === undefined) throw new UsageError("--draws writes a shard: give the folder with --out DIR");
  if (drawsOption !== undefined && (json || reportFile !== undefined || values.xlsx !== undefined)) throw new UsageError("--draws writes only a shard; --json, --report and --xlsx belong to qaly merge");
  if (drawsOption !== undefined && typeof workers === "number" && workers > 1) throw new UsageError("--draws evaluates its range in one thread: split the PSA into more shards (one per core) instead of --workers");
  // Outputs are checked before the work, so a run never ends in a half-written result.
  const outPath = outFolder === undefined ? undefined : checkOutputFolder(outFolder, ["out"]);
  const reportPath = reportFile === undefined ? undefined : checkOutputFile(reportFile, ["report"]);
  const xlsxFile = stringOption(values, "xlsx");
  const xlsxPath = xlsxFile === undefined ? undefined : checkOutputFile(xlsxFile, ["xlsx"]);
  const choices: RunChoices = {
    ...(seed === undefined ? {} : { seed }),
    ...(wtp === undefined ? {} : { wtp }),
    ...(thresholds === undefined ? {} : { thresholds }),
    ...(scenario === undefined ? {} : { scenario }),
    dsa: values["no-dsa"] !== true,
    ...(tornadoBars === undefined ? {} : { tornadoBars }),
    ...(scenarioPsa === undefined ? {} : { scenarioPsa }),
    ...(limits === undefined ? {} : { limits }),
  };

  const loaded = await loadModel(positionals[0]!, limits === undefined ? {} : { limits });
  const chosen = withScenario(loaded, scenario);
  const samples = psaOption ?? chosen.project.psa.samples;
  if (drawsOption !== undefined) {
    const { runShard } = await import("./run-shard.js");
    return runShard(loaded, chosen, { choices, samples, draws: drawsOption, outFolder: outFolder!, outPath: outPath!, quiet }, io);
  }
  const { run, checks } = await runChosen(loaded, chosen, choices, samples, io, { quiet, workers });
  return reportRun(run, checks, io, { json, quiet, outFolder, outPath, reportFile, reportPath, xlsxFile, xlsxPath });
}

/**
 * Runs a loaded model as `qaly run` does (its PSA on `psaRunner` when given, else on workers as
 * `workers` says), with Ctrl-C cancelling the PSA, and adds the model checks. `qaly merge` calls it
 * with a runner that reads the shards.
 */
export async function runChosen(loaded: LoadedModel, chosen: ScenarioProject, choices: RunChoices, samples: number, io: CliIo, how: { readonly quiet: boolean; readonly workers?: Workers; readonly psaRunner?: PsaRunner }): Promise<{ run: ProjectRun; checks: ModelCheck[] }> {
  const { project } = chosen;
  const bar = progressBar(io, "PSA", !how.quiet);
  const psaRunner = how.psaRunner ?? parallelRunner(loaded, how.workers ?? "auto", choices.scenario, choices.limits);
  // Ctrl-C stops the PSA at the next chunk of draws with a `cancelled` error (exit code 1).
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once("SIGINT", cancel);
  let ran: ProjectRun;
  try {
    ran = await runProject(project, {
      psa: samples,
      ...(choices.seed === undefined ? {} : { seed: choices.seed }),
      ...(choices.wtp === undefined ? {} : { wtp: choices.wtp }),
      ...(choices.thresholds === undefined ? {} : { thresholds: choices.thresholds }),
      ...(chosen.scenario === undefined ? {} : { scenario: chosen.scenario }),
      ...(choices.limits === undefined ? {} : { limits: choices.limits }),
      dsa: choices.dsa,
      ...(choices.tornadoBars === undefined ? {} : { tornadoBars: choices.tornadoBars }),
      ...(choices.scenarioPsa === undefined ? {} : { scenarioPsa: choices.scenarioPsa }),
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
  return { run: { ...ran, checks }, checks };
}

/** Prints a run's summary (or JSON) and writes its result files and report. */
export async function reportRun(run: ProjectRun, checks: readonly ModelCheck[], io: CliIo, outputs: RunOutputs): Promise<number> {
  const { json, quiet, outFolder, outPath, reportFile, reportPath } = outputs;
  if (json) {
    io.stdout(jsonText(runJson(run)));
    if (!quiet && run.warnings.length > 0) io.stderr(`${formatWarnings(run.warnings)}\n`);
  } else {
    io.stdout(formatRun(run));
  }
  const notes: string[] = [];
  notes.push(`${modelChecksLine(checks)}${checks.every((check) => check.passed) ? "" : " (qaly check for details)"}`);
  if (outPath !== undefined) {
    const written = await writeResultFiles(outPath, runResultFileParts(run));
    notes.push(`results: ${written.length} files in ${outFolder}`);
  }
  if (reportPath !== undefined) {
    // Imported here: the report's charts are loaded only by runs that write one (start-up, issue 20).
    const { htmlReport } = await import("../../report/html/html-report.js");
    await writeFile(reportPath, htmlReport(run), "utf8");
    notes.push(`report: ${reportFile}`);
  }
  if (outputs.xlsxPath !== undefined) {
    // Imported here: ExcelJS is loaded only by runs that write a workbook.
    const { writeWorkbook } = await import("../../node/write-workbook.js");
    await writeWorkbook(run, outputs.xlsxPath);
    notes.push(`workbook: ${outputs.xlsxFile}`);
  }
  const text = notes.map((note) => `${note}\n`).join("");
  if (!json) io.stdout(text);
  else if (!quiet) io.stderr(text);
  return 0;
}

/** `--workers`: a whole number ≥ 1, or `auto` (the default). */
type Workers = number | "auto";

function parseWorkers(text: string | undefined): Workers {
  return text === undefined || text.trim() === "auto" ? "auto" : parseCount("workers", text, 1)!;
}

/**
 * The worker-pool PSA runner: every worker loads the model file again and builds the same setup
 * (see `checkedPsaTask`: a model file that still holds the text this thread validated is built
 * from that validation, not parsed and validated again). With `auto` the PSA goes to workers only
 * when it is long enough to gain.
 */
function parallelRunner(loaded: LoadedModel, workers: Workers, scenario: string | undefined, limits: Partial<ResourceLimits> | undefined): PsaRunner | undefined {
  if (workers === 1) return undefined;
  // A TypeScript project (project.ts, run under tsx) is imported by the workers too: they need tsx's loader.
  const task = { module: modelFileTaskModule(), export: "checkedPsaTask", args: [loaded.file, scenario ?? null, limits ?? null, checkedModelText(loaded)], typescript: /\.[cm]?tsx?$/.test(loaded.file) };
  return async (model, sampler, options) => {
    const count = workers === "auto" ? autoWorkers(model, sampler, options) : workers;
    if (count <= 1) return runPsa(model, sampler, options);
    // The model and sampler this thread built are the task's (psaTask builds the same project under
    // the same scenario): the workers build their own, this thread does not build it again.
    const { runPsaParallelWith } = await import("../../node/run-psa-parallel.js");
    return runPsaParallelWith(task, { model, parameters: sampler }, { ...options, workers: count });
  };
}

// A pool starts in about 0.2–0.5 s and 2 workers halve the rest, so below about a second of
// single-thread work the pool costs more than it gains (measured: test/bench/workers.ts).
const AUTO_WORKERS_FROM_MS = 1500;
const PROBE_DRAWS = 64;

/** Workers for `--workers auto`: every core when the PSA, estimated from a few draws, takes long enough; else 1. */
function autoWorkers(model: Model<ParameterValues>, sampler: ProjectSampler, options: { readonly samples: number; readonly seed: string | number; readonly method?: "random" | "lhs" }): number {
  const cores = availableParallelism();
  if (cores < 2 || options.samples < 2 * PROBE_DRAWS) return 1;
  const started = performance.now();
  const probe = sampler.sample(PROBE_DRAWS, { seed: options.seed, ...(options.method === undefined ? {} : { method: options.method }) });
  evaluateDrawRange(model, probe, 0, PROBE_DRAWS, new Float64Array(model.strategies.length * model.outcomes.length * PROBE_DRAWS));
  const perDraw = (performance.now() - started) / PROBE_DRAWS;
  return perDraw * options.samples >= AUTO_WORKERS_FROM_MS ? cores : 1;
}
