import { COMPILED } from "../../files/compile-model-file.js";
import { modelChecks, type ModelCheck } from "../../project/model-checks.js";
import { checkRunBudget } from "../../project/run-budget.js";
import { loadModel } from "../../node/load-model.js";
import type { CliIo } from "../terminal/cli-io.js";
import { LIMIT_HELP, LIMIT_OPTIONS, parseCommand, parseCount, parseLimits, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = { name: "qaly check", positionals: ["model"], options: { psa: { type: "string" }, json: { type: "boolean" }, ...LIMIT_OPTIONS } };

export const CHECK_HELP = `Usage: qaly check <model> [options]

Runs the checks reviewers run by hand (TECH-VER): base-case values inside their distribution's
support, utilities ≤ 1 and costs ≥ 0 (parameters named u… and c…), a source and a status for every
parameter, QALYs ≤ life years, extreme values (zero costs give zero cost; unit utilities give
QALYs = life years, undiscounted) and PSA convergence (Monte Carlo standard errors). A model file
accepts a failed check with a reason under \`checks: { acknowledge: { <code>: <reason> } }\`.
Exit code 1 when an error-level check fails without an acknowledgement.

Options:
  --psa N            draws for the convergence check (default: the model's; 0 skips it)
  --json             print the checks as JSON
${LIMIT_HELP}
  -h, --help         show this help`;

/** `qaly check`: model checks, printed one per line; exit code 1 on an unacknowledged error. */
export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${CHECK_HELP}\n`);
    return 0;
  }
  const draws = parseCount("psa", stringOption(values, "psa"), 0);
  const limits = parseLimits(values);
  const { project } = await loadModel(positionals[0]!, limits === undefined ? {} : { limits });
  const psa = draws ?? project.psa.samples;
  checkRunBudget(project, { psa, dsa: false, ...(limits === undefined ? {} : { limits }) });
  const acknowledge = COMPILED.get(project)?.file.checks?.acknowledge;
  const nullEffect = COMPILED.get(project)?.file.checks?.nullEffect;
  const checks = modelChecks(project, { psa, ...(acknowledge === undefined ? {} : { acknowledge }), ...(nullEffect === undefined ? {} : { nullEffect }) });
  const failed = checks.some((check) => !check.passed && check.severity === "error" && check.acknowledged === undefined);
  if (values.json === true) io.stdout(jsonText({ model: project.name, passed: !failed, checks }));
  else io.stdout(`${project.name}: ${project.metadata.title}\n${checks.map(line).join("\n")}\n${failed ? "model checks failed" : "model checks passed"}\n`);
  return failed ? 1 : 0;
}

function line(check: ModelCheck): string {
  const mark = check.passed ? "✓" : check.acknowledged !== undefined ? "~" : check.severity === "error" ? "✖" : "!";
  const tail = check.acknowledged === undefined ? "" : `\n    acknowledged: ${check.acknowledged}`;
  return `  ${mark} ${check.code}: ${check.message}${tail}`;
}
