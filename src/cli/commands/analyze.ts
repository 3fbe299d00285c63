import { basename, dirname, extname, resolve } from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { economicSettings } from "../../analysis/cea/economic-settings.js";
import { netMonetaryBenefit } from "../../analysis/cea/net-benefit.js";
import { psaResultFromCsv } from "../../analysis/psa/psa-result-csv.js";
import { withParameterDrawsCsv } from "../../analysis/psa/parameter-draws-csv.js";
import { evppi } from "../../analysis/voi/evppi.js";
import { evppiRanking } from "../../analysis/voi/evppi-ranking.js";
import { QALY_VERSION } from "../../analysis/run/version.js";
import type { ProjectRun } from "../../project/run-project.js";
import { psaSummary } from "../../project/psa-summary.js";
import { runJson } from "../../project/results-json.js";
import { htmlReport } from "../../report/html/html-report.js";
import { runResultFiles, writeResultFiles } from "../../node/write-results.js";
import { UsageError, type CliIo } from "../terminal/cli-io.js";
import { formatRun } from "../terminal/format-run.js";
import { parseCommand, parseThresholds, parseWtp, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { readRegularFile } from "../../node/read-regular-file.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = {
  name: "qaly analyze",
  positionals: ["psa.csv"],
  options: {
    format: { type: "string" },
    cost: { type: "string" },
    effect: { type: "string" },
    currency: { type: "string" },
    preset: { type: "string" },
    severity: { type: "string" },
    "price-year": { type: "string" },
    wtp: { type: "string" },
    thresholds: { type: "string" },
    parameters: { type: "string" },
    evppi: { type: "string" },
    out: { type: "string", short: "o" },
    report: { type: "string" },
    xlsx: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
};

export const ANALYZE_HELP = `Usage: qaly analyze <psa.csv> [options]

Analyses PSA draws exported by another tool (TreeAge, Excel, R): ICER table of the means, net
monetary benefit, probability cost-effective, CEAC and EVPI; with parameter draws, EVPPI.

Accepted CSV layouts (a header line, one row per draw):
  wide   draw,cost_<strategy>,effect_<strategy>,...,[parameter columns]
  long   draw,strategy,cost,effect,[parameter columns]   (one row per draw and strategy)
The layout is detected from a "strategy" column. Effect columns named qaly_<strategy> (or "qaly")
are found automatically; other names need --cost / --effect.

Options:
  --format wide|long  force the layout
  --cost NAME         cost outcome: column prefix NAME_ (wide) or column NAME (long); default cost
  --effect NAME       effect outcome, likewise; default effect (or qaly when present)
  --preset NAME       economic settings: sweden (TLV: SEK, 500 000 and 1 000 000 per QALY),
                      england (NICE: GBP 20 000 and 30 000) or neutral (default: "currency units",
                      500 000 and 1 000 000); the summary says which was assumed
  --severity LEVEL    the condition's severity in the preset's terms: low, moderate, high,
                      "very high" (sweden) or none, 1.2x, 1.7x (england)
  --currency CODE     currency of the costs, for labels (default: the preset's)
  --price-year YEAR   price year of the costs
  --wtp A:B:STEP      willingness-to-pay grid (default: the preset's)
  --thresholds X,Y    thresholds for NMB and probability tables, each > 0 (default: the preset's)
  --parameters FILE   parameter draws in a second CSV, one row per draw in the same order (or a
                      draw column 1..n), joined to the PSA's rows; with parameter draws (here or
                      as extra columns) the summary and report rank every parameter by its EVPPI
  --evppi A,B[;C]     EVPPI of parameters learnt together: A and B as one group; ';' starts
                      another group (e.g. --evppi "pA,pB;pC")
  -o, --out DIR       write CSV and JSON results into DIR
  --report FILE       write the HTML report to FILE
  --xlsx FILE         write an Excel workbook to FILE (results, ICER table, PSA summary)
  --json              print one JSON document instead of the summary
  -q, --quiet         no warnings on stderr
  -h, --help          show this help`;

/** The largest PSA CSV read: 512 MB, about 10⁶ draws of a dozen strategies. */
const PSA_CSV_LIMIT = 512 * 1024 * 1024;

/** `qaly analyze`: CEA, CEAC and EVPI of PSA draws from a CSV file. */
export async function analyzeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${ANALYZE_HELP}\n`);
    return 0;
  }
  const format = stringOption(values, "format");
  if (format !== undefined && format !== "wide" && format !== "long") throw new UsageError(`--format must be wide or long (received "${format}")`);
  // One value for currency, thresholds and severity: a preset, overridden by the explicit options.
  const explicitThresholds = parseThresholds(stringOption(values, "thresholds"));
  const explicitGrid = parseWtp(stringOption(values, "wtp"));
  const priceYear = stringOption(values, "price-year");
  const economics = economicSettings(
    {
      ...optional("preset", stringOption(values, "preset")),
      ...optional("severity", stringOption(values, "severity")),
      ...optional("currency", stringOption(values, "currency")),
      ...optional("thresholds", explicitThresholds),
      ...optional("grid", explicitGrid),
      ...(priceYear === undefined ? {} : { priceYear: Number(priceYear) }),
    },
    [],
  );
  const grid = economics.grid;
  const thresholds = [...economics.thresholds];
  const file = positionals[0]!;
  // A regular file of bounded size: a FIFO or /dev/zero given by mistake must not hang the command.
  const text = readRegularFile(resolve(file), PSA_CSV_LIMIT, ["file", file]);
  const header = (text.split(/\r?\n/, 1)[0] ?? "").split(",").map((name) => name.trim().replace(/^"|"$/g, ""));
  const layout = format ?? (header.includes("strategy") ? "long" : "wide");
  const has = (name: string): boolean => (layout === "long" ? header.includes(name) : header.some((h) => h.startsWith(`${name}_`)));
  const cost = stringOption(values, "cost") ?? "cost";
  const effect = stringOption(values, "effect") ?? (!has("effect") && has("qaly") ? "qaly" : "effect");
  const parametersFile = stringOption(values, "parameters");
  const imported = psaResultFromCsv(text, { format: layout, outcomes: [cost, effect] });
  const psa = parametersFile === undefined ? imported : withParameterDrawsCsv(imported, readRegularFile(resolve(parametersFile), PSA_CSV_LIMIT, ["file", parametersFile]), { file: basename(parametersFile) });
  const evppiOption = stringOption(values, "evppi");
  if (evppiOption !== undefined && psa.parameters === undefined) throw new UsageError("--evppi needs parameter draws: parameter columns in the PSA file or --parameters FILE");
  const evppiGroups = (evppiOption ?? "").split(";").map((group) => group.split(",").map((p) => p.trim()).filter((p) => p !== "")).filter((group) => group.length > 0);
  const namedEvppi = evppiGroups.map((group) => Object.freeze({ name: group.join(", "), curve: evppi(psa, group, grid, { cost, effect }), atThresholds: evppi(psa, group, thresholds, { cost, effect }) }));
  // Every parameter's EVPPI at the thresholds, largest first (50 coefficient draws for the standard errors).
  const ranking = psa.parameters === undefined || thresholds.length === 0 ? undefined : evppiRanking(psa, thresholds, { cost, effect, standardError: { samples: 50 } });
  const summary = psaSummary(psa, { seed: null, grid, thresholds, cost, effect });

  const summaryRows = psa.strategies.map((strategy) => ({ strategy, cost: psa.mean(cost, strategy), effect: psa.mean(effect, strategy) }));
  const netBenefit = thresholds.flatMap((wtp) => {
    const nmb = summaryRows.map((row) => netMonetaryBenefit(row.cost, row.effect, wtp));
    const best = nmb.indexOf(Math.max(...nmb));
    return summaryRows.map((row, s) => ({ wtp, strategy: row.strategy, nmb: nmb[s]!, optimal: s === best }));
  });
  const name = basename(file, extname(file));
  const run: ProjectRun = {
    name,
    metadata: { title: `PSA results from ${basename(file)}`, currency: economics.currency, ...(economics.priceYear === undefined ? {} : { priceYear: economics.priceYear }) },
    outcomes: { cost, effect },
    warnings: [`imported PSA draws (${psa.size}): the "base case" is the mean of the draws`, ...incompleteStrategies(psa.parameters?.names ?? [], layout, [cost, effect])],
    baseCase: { strategies: psa.strategies, outcomes: [cost, effect], parameters: {}, values: summary.mean, summary: summaryRows },
    icerTable: summary.icerTable,
    wtp: { grid, thresholds },
    economics,
    psa,
    run: { version: QALY_VERSION, date: new Date().toISOString(), samples: psa.size },
    netBenefit,
    psaSummary: summary,
    ...(namedEvppi.length === 0 ? {} : { evppi: namedEvppi }),
    ...(ranking === undefined || ranking.rows.length === 0 ? {} : { evppiRanking: ranking }),
  };

  if (values.json === true) io.stdout(jsonText(runJson(run)));
  else io.stdout(formatRun(run, { baseCase: false }));
  const outFolder = stringOption(values, "out");
  if (outFolder !== undefined) {
    const files = runResultFiles(run);
    delete files["psa-draws.csv"]; // the input already holds them
    await writeResultFiles(resolve(outFolder), files);
  }
  const reportFile = stringOption(values, "report");
  if (reportFile !== undefined) {
    await mkdir(dirname(resolve(reportFile)), { recursive: true });
    await writeFile(resolve(reportFile), htmlReport(run), "utf8");
  }
  const xlsxFile = stringOption(values, "xlsx");
  if (xlsxFile !== undefined) {
    const { writeWorkbook } = await import("../../node/write-workbook.js");
    await writeWorkbook(run, resolve(xlsxFile));
  }
  return 0;
}

/**
 * Columns read as parameters although they look like an outcome of a strategy (`cost_B` without
 * `qaly_B`): the strategy is left out of the analysis, which a reader must be told.
 */
function incompleteStrategies(parameters: readonly string[], layout: string, outcomes: readonly string[]): string[] {
  if (layout !== "wide") return [];
  return parameters.flatMap((name) => {
    const outcome = outcomes.find((o) => name.startsWith(`${o}_`));
    if (outcome === undefined) return [];
    const missing = outcomes.filter((o) => o !== outcome).map((o) => `${o}_${name.slice(outcome.length + 1)}`);
    return [`column "${name}" is read as a parameter, not as a strategy: there is no ${missing.join(", ")} column`];
  });
}

/** `{ key: value }` when the value is given, else `{}` (optional properties stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
