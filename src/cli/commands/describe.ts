import type { MarkovTransitionMatrix } from "../../models/markov/transition-matrix.js";
import type { ModelProject } from "../../files/model-project.js";
import { loadModel } from "../../node/load-model.js";
import { UsageError, type CliIo } from "../terminal/cli-io.js";
import { formatWarnings } from "../terminal/format-run.js";
import { parseCommand, parseCount, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { textTable } from "../terminal/text-table.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = { name: "qaly describe", positionals: ["model"], options: { json: { type: "boolean" }, matrix: { type: "boolean" }, strategy: { type: "string" }, cycle: { type: "string" } } };

export const DESCRIBE_HELP = `Usage: qaly describe <model> [--json] [--matrix [--strategy <name>] [--cycle <k>]]

Prints what a model is: metadata, strategies and outcomes, the parameter table (distribution, mean,
95% interval, source, status), every assumption and placeholder, scenarios and threshold analyses.

Options:
  --json              print one JSON document
  --matrix            also print the transition matrix of a Markov model (base case), per strategy
  --strategy <name>   only this strategy's matrix (default: every strategy)
  --cycle <k>         the matrix of cycle k, 1 … N (default 1)
  -h, --help          show this help`;

type MatrixModel = { transitionMatrix(params: unknown, strategy: string, cycle: number): MarkovTransitionMatrix };

/** The base-case transition matrices asked for by --matrix, --strategy and --cycle. */
function transitionMatrices(project: ModelProject, strategy: string | undefined, cycle: number): MarkovTransitionMatrix[] {
  const model = project.model as unknown as Partial<MatrixModel>;
  if (typeof model.transitionMatrix !== "function") throw new UsageError("--matrix: the model is not a Markov cohort model, so it has no transition matrix");
  if (strategy !== undefined && !project.model.strategies.includes(strategy)) throw new UsageError(`--strategy: unknown strategy "${strategy}" (the model's strategies are ${project.model.strategies.join(", ")})`);
  const params = project.baseCase ?? project.parameters.base();
  return (strategy === undefined ? project.model.strategies : [strategy]).map((name) => (model as MatrixModel).transitionMatrix(params, name, cycle));
}

/** A transition matrix as a text table, rows from and columns to. */
function formatMatrix(m: MarkovTransitionMatrix): string {
  const cell = (v: number): string => (v === 0 ? "0" : Number(v.toPrecision(6)).toString());
  const table = textTable(["from \\ to", ...m.states], m.matrix.map((row, i) => [m.states[i]!, ...row.map(cell)]), [false, ...m.states.map(() => true)]);
  return `Transition matrix: ${m.strategy}, cycle ${m.cycle} (base case)\n${table}`;
}

const significant = (value: number | null): string => (value === null ? "" : Number(value.toPrecision(4)).toString());

/** `qaly describe`: the parameter table and the model's assumptions and placeholders. */
export async function describeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${DESCRIBE_HELP}\n`);
    return 0;
  }
  const { project, file } = await loadModel(positionals[0]!);
  const cycle = parseCount("cycle", stringOption(values, "cycle"), 1) ?? 1;
  if (values.matrix !== true && (values.strategy !== undefined || values.cycle !== undefined)) throw new UsageError("--strategy and --cycle choose the matrix printed by --matrix");
  const matrices = values.matrix === true ? transitionMatrices(project, stringOption(values, "strategy"), cycle) : [];
  const rows = project.parameters.describe();
  const placeholders = rows.filter((row) => row.status === "placeholder");
  const assumptions = rows.filter((row) => row.status === "assumption");
  if (values.json === true) {
    const json = {
      model: project.name,
      file,
      metadata: project.metadata,
      strategies: project.model.strategies,
      outcomes: project.model.outcomes,
      decision: project.outcomes,
      parameters: rows,
      placeholders: placeholders.map((row) => row.name),
      assumptions: assumptions.map((row) => row.name),
      scenarios: Object.keys(project.scenarios),
      thresholds: project.thresholds ?? [],
      wtp: project.wtp,
      psa: project.psa,
      warnings: project.warnings,
      ...(values.matrix === true ? { transitionMatrices: matrices } : {}),
    };
    io.stdout(jsonText(json));
    return 0;
  }
  const m = project.metadata;
  const facts = [
    ["currency", `${m.currency}${m.priceYear === undefined ? "" : ` (${m.priceYear} prices)`}`],
    ["country", m.country],
    ["perspective", m.perspective],
    ["author", m.author],
    ["version", m.version],
  ].filter((fact): fact is [string, string] => fact[1] !== undefined);
  const out: string[] = [`${m.title} (${project.name})`, ...(m.question === undefined ? [] : [m.question]), ...facts.map(([k, v]) => `  ${k}: ${v}`)];
  out.push(`  strategies: ${project.model.strategies.join(", ")}`, `  outcomes: ${project.model.outcomes.join(", ")} (decision: ${project.outcomes.cost} vs ${project.outcomes.effect})`);
  out.push(`  PSA default: ${project.psa.samples} draws, seed ${JSON.stringify(project.psa.seed)}`);
  if (project.warnings.length > 0) out.push("", formatWarnings(project.warnings));
  out.push("", `Parameters (${rows.length})`);
  out.push(
    textTable(
      ["name", "label", "distribution", "mean", "95% interval", "unit", "status", "source"],
      rows.map((r) => [r.name, r.label, r.distribution, significant(r.mean), r.lower === null ? "" : `${significant(r.lower)} to ${significant(r.upper)}`, r.unit, r.status ?? "", r.source]),
      [false, false, false, true, true, false, false, false],
    ),
  );
  const list = (title: string, items: typeof rows): void => {
    out.push("", `${title} (${items.length})`);
    for (const r of items) out.push(`  - ${r.name} = ${significant(r.mean)}${r.unit === "" ? "" : ` ${r.unit}`}: ${r.label}${r.note === "" ? "" : `. ${r.note}`}${r.source === "" ? "" : ` [${r.source}]`}`);
  };
  list("Placeholders", placeholders);
  list("Assumptions", assumptions);
  const scenarios = Object.entries(project.scenarios);
  out.push("", `Scenarios (${scenarios.length})`);
  for (const [name, s] of scenarios) {
    const overrides = Object.entries(s.parameters ?? {}).map(([k, v]) => `${k} = ${String(v)}`);
    out.push(`  - ${name}${overrides.length > 0 ? `: ${overrides.join(", ")}` : ""}${s.model === undefined ? "" : " (own model structure)"}`);
  }
  for (const t of project.thresholds ?? []) out.push(`  threshold analysis: ${t.parameter} in [${t.range.join(", ")}], ${t.strategies.join(" vs ")}`);
  for (const m of matrices) out.push("", formatMatrix(m));
  io.stdout(`${out.join("\n")}\n`);
  return 0;
}
