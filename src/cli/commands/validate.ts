import { runBaseCase } from "../../analysis/run/run-base-case.js";
import { runPsa } from "../../analysis/run/run-psa.js";
import { projectPsaSetup } from "../../project/project-psa-setup.js";
import { loadModel } from "../../node/load-model.js";
import type { CliIo } from "../terminal/cli-io.js";
import { formatWarnings } from "../terminal/format-run.js";
import { LIMIT_HELP, LIMIT_OPTIONS, parseCommand, parseCount, parseLimits, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { checkRunBudget } from "../../project/run-budget.js";

const SPEC: CommandSpec = { name: "qaly validate", positionals: ["model"], options: { psa: { type: "string" }, quiet: { type: "boolean", short: "q" }, ...LIMIT_OPTIONS } };

export const VALIDATE_HELP = `Usage: qaly validate <model> [options]

Checks a model without running its analyses: the file is read and validated (every issue is
reported at once), the base case is evaluated (probabilities in range, rows summing to 1, no NaN)
and, with --psa, that many PSA draws are evaluated too. Exit code 0 when valid, 1 otherwise.

Options:
  --psa N        also evaluate N PSA draws (default 0)
  -q, --quiet    print nothing when valid
${LIMIT_HELP}
  -h, --help     show this help`;

/** `qaly validate`: loads a model and evaluates its base case (and optionally a few draws). */
export async function validateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const draws = parseCount("psa", stringOption(values, "psa"), 0) ?? 0;
  const limits = parseLimits(values);
  const { project } = await loadModel(positionals[0]!, limits === undefined ? {} : { limits });
  checkRunBudget(project, { psa: draws, dsa: false, ...(limits === undefined ? {} : { limits }) });
  const setup = projectPsaSetup(project);
  const base = runBaseCase(setup.model, project.baseCase ?? project.parameters, project.outcomes);
  if (draws > 0) await runPsa(setup.model, setup.parameters, { samples: draws, seed: project.psa.seed });
  if (values.quiet === true) return 0;
  const rows = project.parameters.describe();
  const count = (status: string): number => rows.filter((row) => row.status === status).length;
  io.stdout(
    [
      `✓ ${project.name}: ${project.metadata.title}`,
      `  ${rows.length} parameters (${count("placeholder")} placeholder, ${count("assumption")} assumption), ${base.strategies.length} strategies, outcomes ${base.outcomes.slice(0, 8).join(", ")}${base.outcomes.length > 8 ? ` and ${base.outcomes.length - 8} more` : ""}`,
      `  base case evaluated${draws > 0 ? `; ${draws} PSA draws evaluated` : ""}; ${Object.keys(project.scenarios).length} scenarios`,
      ...(project.warnings.length > 0 ? [formatWarnings(project.warnings)] : []),
    ].join("\n") + "\n",
  );
  return 0;
}
