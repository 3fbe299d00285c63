import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { QALY_VERSION } from "../../analysis/run/version.js";
import { QalyError } from "../../core/errors.js";
import type { FlexsurvDistribution } from "../../survival/survival-from-coefficients.js";
import { fitSurvivalModels } from "../../survival/fit/fit-survival-models.js";
import { fitSurvivalSpline } from "../../survival/fit/fit-survival-spline.js";
import { kaplanMeier } from "../../survival/fit/kaplan-meier.js";
import type { SurvivalFit } from "../../survival/fit/survival-fit.js";
import { survivalDataFromCsv } from "../../survival/fit/survival-data-from-csv.js";
import { survivalFitChart } from "../../report/svg/survival-fit-chart.js";
import { survivalFitFragment } from "../../files/survival-fit-fragment.js";
import { UsageError, type CliIo } from "../terminal/cli-io.js";
import { parseCommand, parseCount, stringOption, type CommandSpec } from "../terminal/parse-command.js";
import { textTable } from "../terminal/text-table.js";
import { jsonText } from "../../core/json-text.js";

const SPEC: CommandSpec = {
  name: "qaly fit",
  positionals: ["data.csv"],
  options: {
    time: { type: "string" },
    event: { type: "string" },
    by: { type: "string" },
    families: { type: "string" },
    splines: { type: "string" },
    horizon: { type: "string" },
    out: { type: "string", short: "o" },
    svg: { type: "string" },
    name: { type: "string" },
    json: { type: "boolean" },
  },
};

const FAMILIES: readonly FlexsurvDistribution[] = ["exp", "weibull", "weibullPH", "gompertz", "llogis", "lnorm", "gamma", "gengamma"];

export const FIT_HELP = `Usage: qaly fit <data.csv> --time COLUMN --event COLUMN [options]

Fits parametric survival models to patient-level data by maximum likelihood (flexsurv's families
and parameterisations) and prints the comparison NICE DSU TSD 14 asks for: log-likelihood, AIC,
BIC, median and restricted mean of each fitted curve, best AIC first.

Options:
  --time COLUMN       follow-up times (> 0), in the unit the curves will use
  --event COLUMN      1 for an event, 0 for a censored time
  --by COLUMN         fit each group of this column (e.g. the treatment arm) separately
  --families LIST     comma-separated, from ${FAMILIES.join(",")} (default: all)
  --splines K         also fit Royston–Parmar splines (hazard scale) with 1 to K internal knots
  --horizon T         horizon of the restricted mean and of the plot (default: the last time)
  --out FILE          write the fits as JSON: curve definitions, coefficients and covariance
                      matrices, and for each a model-file fragment (a multivariate-normal group of
                      the coefficients and a curve over them) that carries the fit into PSA draws
  --name NAME         prefix of the fragments' parameter names (default "fit")
  --svg FILE          write the Kaplan–Meier curve with the fitted curves (one file per group)
  --json              print the JSON instead of the tables
  -h, --help          show this help`;

interface Row {
  readonly model: string;
  readonly fit: SurvivalFit;
  readonly median: number;
  readonly restrictedMean: number;
}

const number = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : value > 0 ? "∞" : "—");

/** `qaly fit`: survival models fitted to a CSV of patient data. */
export async function fitCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand(SPEC, argv);
  if (help) {
    io.stdout(`${FIT_HELP}\n`);
    return 0;
  }
  const time = stringOption(values, "time");
  const event = stringOption(values, "event");
  if (time === undefined || event === undefined) throw new UsageError("qaly fit: --time and --event name the columns of times and events");
  const families = stringOption(values, "families")?.split(",").map((f) => f.trim()) ?? FAMILIES;
  for (const family of families) if (!FAMILIES.includes(family as FlexsurvDistribution)) throw new UsageError(`--families: unknown family "${family}" (known: ${FAMILIES.join(", ")})`);
  const splines = parseCount("splines", stringOption(values, "splines"), 1) ?? 0;
  const horizonText = stringOption(values, "horizon");
  const horizonOption = horizonText === undefined ? undefined : Number(horizonText);
  if (horizonOption !== undefined && !(horizonOption > 0 && Number.isFinite(horizonOption))) throw new UsageError(`--horizon must be a number > 0 (received "${horizonText}")`);
  const file = positionals[0]!;
  const by = stringOption(values, "by");
  const name = stringOption(values, "name") ?? "fit";
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--name must be an identifier (a letter, then letters, digits or _); received "${name}"`);
  const fragmentName = (group: string, model: string): string => {
    const words = `${groups.length > 1 ? `_${group}` : ""}_${model}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
    return name + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  };
  const groups = survivalDataFromCsv(await readFile(file, "utf8"), { time, event, ...(by !== undefined ? { by } : {}), source: basename(file) });

  const results = groups.map(({ group, data }) => {
    const horizon = horizonOption ?? Math.max(...Array.from(data.time));
    const comparison = fitSurvivalModels(data, { distributions: families as FlexsurvDistribution[], horizon });
    const rows: Row[] = comparison.fits.map((fit, i) => ({ model: fit.distribution, fit, median: comparison.table[i]!.median, restrictedMean: comparison.table[i]!.restrictedMean! }));
    const failures = comparison.failures.map((f) => ({ model: f.distribution as string, message: f.message }));
    for (let knots = 1; knots <= splines; knots++) {
      const model = `spline(${knots} knot${knots === 1 ? "" : "s"})`;
      try {
        const fit = fitSurvivalSpline(data, { internalKnots: knots });
        const curve = fit.curve();
        rows.push({ model, fit, median: curve.median(), restrictedMean: curve.restrictedMean(horizon) });
      } catch (error) {
        if (!(error instanceof QalyError)) throw error;
        failures.push({ model, message: error.issues[0]!.message });
      }
    }
    rows.sort((a, b) => a.fit.aic - b.fit.aic);
    return { group, data, horizon, rows, failures };
  });

  const json = {
    qaly: QALY_VERSION,
    data: file,
    time,
    event,
    ...(by !== undefined ? { by } : {}),
    groups: results.map(({ group, data, horizon, rows, failures }) => ({
      group,
      patients: data.time.length,
      events: rows[0]?.fit.events ?? Array.from(data.event).filter((e) => e === 1 || e === true).length,
      horizon,
      fits: rows.map(({ model, fit, median, restrictedMean }) => ({
        model,
        curve: fit.curve().def,
        modelFile: survivalFitFragment(fit, { name: fragmentName(group, model), source: `${model} fitted to ${basename(file)}${group === "all" ? "" : ` (${by} = ${group})`} by qaly fit; AIC ${fit.aic.toFixed(2)}` }),
        coefficientNames: fit.coefficientNames,
        coefficients: Array.from(fit.coefficients),
        covariance: fit.covariance,
        logLikelihood: fit.logLikelihood,
        aic: fit.aic,
        bic: fit.bic,
        median: Number.isFinite(median) ? median : null,
        restrictedMean,
      })),
      failures,
    })),
  };
  const outFile = stringOption(values, "out");
  if (outFile !== undefined) {
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, jsonText(json), "utf8");
  }
  const svgFile = stringOption(values, "svg");
  if (svgFile !== undefined) {
    await mkdir(dirname(svgFile), { recursive: true });
    for (const { group, data, horizon, rows } of results) {
      const target = results.length === 1 ? svgFile : join(dirname(svgFile), `${basename(svgFile, extname(svgFile))}-${group.replace(/[^\w.-]+/g, "_")}${extname(svgFile) || ".svg"}`);
      const curves = rows.map(({ model, fit }) => ({ name: `${model} (AIC ${fit.aic.toFixed(1)})`, curve: fit.curve() }));
      await writeFile(target, survivalFitChart(kaplanMeier(data), curves, { horizon, title: `Kaplan–Meier and fitted curves${group === "all" ? "" : `: ${group}`}` }), "utf8");
    }
  }
  if (values.json === true) {
    io.stdout(jsonText(json));
    return 0;
  }
  const out: string[] = [];
  for (const { group, horizon, rows, failures } of results) {
    const best = rows[0]?.fit.aic ?? 0;
    const n = rows[0]?.fit.observations;
    out.push(`${group === "all" ? "All patients" : `${by} = ${group}`}${n === undefined ? "" : ` (${n} patients, ${rows[0]!.fit.events} events)`}`);
    out.push(
      textTable(
        ["model", "k", "logLik", "AIC", "ΔAIC", "BIC", "median", `RMST(${horizon})`],
        rows.map(({ model, fit, median, restrictedMean }) => [model, String(fit.coefficients.length), number(fit.logLikelihood, 2), number(fit.aic, 2), number(fit.aic - best, 2), number(fit.bic, 2), number(median, 2), number(restrictedMean, 2)]),
        [false, true, true, true, true, true, true, true],
      ),
    );
    for (const failure of failures) out.push(`  not fitted: ${failure.message}`);
    out.push("");
  }
  io.stdout(out.join("\n"));
  return 0;
}
