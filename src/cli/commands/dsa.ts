import { runProject } from "../../project/run-project.js";
import { runJson } from "../../project/results-json.js";
import { loadModel, withScenario } from "../../node/load-model.js";
import { runResultFiles, writeResultFiles } from "../../node/write-results.js";
import type { CliIo } from "../terminal/cli-io.js";
import { formatRun } from "../terminal/format-run.js";
import { LIMIT_HELP, LIMIT_OPTIONS, parseCommand, parseLimits, parseThresholds, parseTornadoBars, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { checkOutputFolder } from "../../node/check-output-path.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = {
  name: "qaly dsa",
  positionals: ["model"],
  options: { thresholds: { type: "string" }, scenario: { type: "string" }, out: { type: "string", short: "o" }, json: { type: "boolean" }, quiet: { type: "boolean", short: "q" }, "tornado-bars": { type: "string" }, ...LIMIT_OPTIONS },
};

export const DSA_HELP = `Usage: qaly dsa <model> [options]

Deterministic sensitivity analysis: the base case, a one-way analysis of every parameter over its
range (the model's DSA ranges, else its distribution's 95% interval), a tornado of the ten most
influential, the model's threshold analyses and its scenarios side by side. No PSA.

Options:
  --thresholds X,Y   WTP thresholds (default: the model's; the first one drives the tornado)
  --scenario NAME    analyse around a named scenario instead of the base case
  -o, --out DIR      write CSV and JSON results into DIR
  --json             print one JSON document instead of the summary
  --tornado-bars N   tornado bars shown (default: the model's, else 10; "all" for every parameter)
  -q, --quiet        no warnings in the summary (as qaly run)
${LIMIT_HELP}
  -h, --help         show this help`;

/** `qaly dsa`: one-way, tornado, threshold and scenario analyses. */
export async function dsaCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${DSA_HELP}\n`);
    return 0;
  }
  const thresholds = parseThresholds(stringOption(values, "thresholds"));
  const scenario = stringOption(values, "scenario");
  const limits = parseLimits(values);
  const outFolder = stringOption(values, "out");
  const tornadoBars = parseTornadoBars(stringOption(values, "tornado-bars"));
  const outPath = outFolder === undefined ? undefined : checkOutputFolder(outFolder, ["out"]);
  const chosen = withScenario(await loadModel(positionals[0]!, limits === undefined ? {} : { limits }), scenario);
  const run = await runProject(chosen.project, { psa: 0, dsa: true, ...(thresholds === undefined ? {} : { thresholds }), ...(chosen.scenario === undefined ? {} : { scenario: chosen.scenario }), ...(limits === undefined ? {} : { limits }), ...(tornadoBars === undefined ? {} : { tornadoBars }) });
  if (values.json === true) io.stdout(jsonText({ ...runJson(run), oneWay: run.oneWay ?? null }));
  else io.stdout(formatRun(run, { warnings: values.quiet !== true }));
  if (outPath !== undefined) await writeResultFiles(outPath, runResultFiles(run));
  return 0;
}
