import type { PathSegment } from "../core/errors.js";
import type { DistributionDef } from "../distributions/distribution.js";
import { distributionFromDef } from "../distributions/distribution-from-def.js";
import { evaluateModel, type Model, type ParameterValues } from "../models/model.js";
import { runPsaSync } from "../analysis/run/run-psa.js";
import type { ModelProject } from "../files/model-project.js";
import type { PsaResult } from "../analysis/psa/psa-result.js";
import { baseCaseDetail } from "./run-project-detail.js";

/** How much a failed check matters: an `error` makes `qaly check` fail, a `warning` is reported. */
export type CheckSeverity = "error" | "warning";

/** One model check (TECH-VER style) and what it found. */
export interface ModelCheck {
  /** Stable identifier, e.g. `qaly_exceeds_life_years`. */
  readonly code: string;
  /** How much a failure matters. */
  readonly severity: CheckSeverity;
  /** Whether the model passed it. */
  readonly passed: boolean;
  /** What was checked and, on failure, what was found. */
  readonly message: string;
  /** Where the problem is, in model vocabulary. */
  readonly path: readonly PathSegment[];
  /** The model's reason for accepting a failure (`checks.acknowledge` in a model file). */
  readonly acknowledged?: string;
}

/** Options of {@link modelChecks}. */
export interface ModelCheckOptions {
  /** PSA draws for the convergence check (default the project's `psa.samples`; 0 skips it). */
  readonly psa?: number;
  /** Reasons for accepting failed checks, by code. */
  readonly acknowledge?: Readonly<Record<string, string>>;
  /** A PSA already run for the project (e.g. by `runProject`): the convergence check reads it instead of sampling. */
  readonly psaResult?: PsaResult;
  /**
   * Parameter values at which the strategies differ in nothing that affects health (e.g. `{ hrTreated: 1 }`,
   * or a test's miss rates at 0): the extreme-value check `zero_effect_difference` then expects every
   * strategy's effect outcome to be equal. Not run without it.
   */
  readonly nullEffect?: Readonly<Record<string, number>>;
}

// Names follow the DARTH / Briggs convention: uWell is a utility, cDrug a cost.
const UTILITY = /^u[A-Z0-9_]/;
const COST = /^c[A-Z0-9_]/;
const TOLERANCE = 1e-9;
/** A lifetime horizon leaves at most 1 % of the cohort alive. */
const ALIVE_AT_HORIZON = 0.01;
const DEAD = /^d$|dead|death|died/i;

/**
 * The checks reviewers run by hand on a health-economic model (TECH-VER, Büyükkaramikli et al.
 * 2019, PharmacoEconomics 37:1391–1408): base-case values inside their distribution's support;
 * utilities ≤ 1 and costs ≥ 0 (parameters named `u…` and `c…`); every parameter with a source and
 * a status; QALYs ≤ life years per strategy; at most 1 % of each cohort alive at the horizon (traces
 * with states named dead/death, overall survival curves named OS); extreme values (all costs 0 ⇒ total costs 0; all
 * utilities 1 ⇒ undiscounted QALYs = undiscounted life years; with the model's declared null effect,
 * equal effects in every strategy); and PSA convergence (Monte Carlo
 * standard error of each strategy's mean cost and effect, and of the incremental net benefit).
 * Checks read the model and its results; they never change them.
 *
 * @param project - the project to check
 * @param options - PSA draws for the convergence check (or a PSA already run), and acknowledged failures
 * @returns every check run, passed or not
 * @example
 * // modelChecks(project).filter((check) => !check.passed && check.acknowledged === undefined)
 */
export function modelChecks(project: ModelProject, options: ModelCheckOptions = {}): ModelCheck[] {
  const checks: ModelCheck[] = [];
  const add = (code: string, severity: CheckSeverity, passed: boolean, message: string, path: readonly PathSegment[]): void => {
    const reason = passed ? undefined : options.acknowledge?.[code];
    checks.push({ code, severity, passed, message, path, ...(reason === undefined ? {} : { acknowledged: reason }) });
  };
  const base = { ...(project.baseCase ?? project.parameters.base()) } as Record<string, number>;
  const json = project.parameters.toJSON() as { parameters: Record<string, { distribution?: DistributionDef }>; meta?: Record<string, { source?: string; status?: string }> };

  for (const [name, entry] of Object.entries(json.parameters)) {
    const value = base[name];
    if (entry.distribution === undefined || value === undefined) continue;
    let low: number;
    let high: number;
    try {
      const distribution = distributionFromDef(entry.distribution as never);
      [low, high] = [distribution.quantile(0), distribution.quantile(1)];
    } catch {
      continue;
    }
    const inside = value >= low - TOLERANCE && value <= high + TOLERANCE;
    if (!inside) add("value_outside_support", "error", false, `the base-case value ${value} of '${name}' lies outside [${low}, ${high}], the support of its ${entry.distribution.kind} distribution`, ["parameters", name]);
  }
  if (!checks.some((check) => check.code === "value_outside_support")) add("value_outside_support", "error", true, "every base-case value lies inside its distribution's support", ["parameters"]);

  const utilities = Object.keys(base).filter((name) => UTILITY.test(name));
  const costs = Object.keys(base).filter((name) => COST.test(name));
  const highUtilities = utilities.filter((name) => base[name]! > 1 + TOLERANCE);
  add("utility_above_one", "error", highUtilities.length === 0, highUtilities.length === 0 ? `every utility (${utilities.length} parameters named u…) is at most 1` : `utilities above 1 (full health): ${highUtilities.map((n) => `${n} = ${base[n]}`).join(", ")}`, ["parameters", ...(highUtilities.length === 1 ? [highUtilities[0]!] : [])]);
  const negativeCosts = costs.filter((name) => base[name]! < 0);
  add("negative_cost_parameter", "warning", negativeCosts.length === 0, negativeCosts.length === 0 ? `every cost (${costs.length} parameters named c…) is at least 0` : `negative costs: ${negativeCosts.map((n) => `${n} = ${base[n]}`).join(", ")}`, ["parameters", ...(negativeCosts.length === 1 ? [negativeCosts[0]!] : [])]);
  const unsourced = Object.keys(json.parameters).filter((name) => (json.meta?.[name]?.source ?? "") === "" || json.meta?.[name]?.status === undefined);
  add("parameter_without_source", "warning", unsourced.length === 0, unsourced.length === 0 ? "every parameter has a source and a status" : `${unsourced.length} parameters lack a source or a status: ${unsourced.slice(0, 12).join(", ")}${unsourced.length > 12 ? ", …" : ""}`, ["parameters"]);

  const model = project.model as Model<ParameterValues>;
  const outcomes = model.outcomes;
  const cost = project.outcomes.cost;
  const result = evaluateModel(model, base);
  for (const [qaly, lifeYears] of [["qaly", "lifeYears"], ["qalyUndiscounted", "lifeYearsUndiscounted"]] as const) {
    if (!outcomes.includes(qaly) || !outcomes.includes(lifeYears)) continue;
    const over = model.strategies.filter((s) => result[s]![qaly]! > result[s]![lifeYears]! * (1 + 1e-12) + TOLERANCE);
    add("qaly_exceeds_life_years", "error", over.length === 0, over.length === 0 ? `${qaly} ≤ ${lifeYears} in every strategy` : `${qaly} exceeds ${lifeYears} in ${over.map((s) => `'${s}' (${result[s]![qaly]} > ${result[s]![lifeYears]})`).join(", ")}`, ["strategies", ...(over.length > 0 ? [over[0]!] : [])]);
  }
  const negativeTotals = model.strategies.filter((s) => result[s]![cost]! < 0);
  add("negative_total_cost", "warning", negativeTotals.length === 0, negativeTotals.length === 0 ? `the ${cost} outcome is at least 0 in every strategy` : `negative ${cost} in ${negativeTotals.map((s) => `'${s}'`).join(", ")}`, ["outcomes", "cost"]);

  const alive = aliveAtHorizon(model, base);
  if (alive.length > 0) {
    const high = alive.filter((entry) => entry.alive > ALIVE_AT_HORIZON);
    add("survival_at_horizon", "warning", high.length === 0, high.length === 0 ? `at most ${ALIVE_AT_HORIZON * 100}% of every cohort is alive at the horizon (a lifetime horizon)` : `still alive at the horizon: ${high.slice(0, 6).map((entry) => `${(entry.alive * 100).toPrecision(3)}% in '${entry.name}'`).join(", ")}${high.length > 6 ? ", …" : ""}; a lifetime horizon leaves under ${ALIVE_AT_HORIZON * 100}%`, ["model", "horizon"]);
  }

  // Extreme values: inputs set to 0 or 1 must show in the outcomes exactly as the maths says.
  if (costs.length > 0) {
    const zero = evaluateModel(model, { ...base, ...Object.fromEntries(costs.map((n) => [n, 0])) });
    const left = model.strategies.filter((s) => Math.abs(zero[s]![cost]!) > TOLERANCE);
    const which = `every cost parameter (the ${costs.length} named like cDrug)`;
    add("zero_costs_give_zero_cost", "warning", left.length === 0, left.length === 0 ? `with ${which} at 0, ${cost} is 0 in every strategy` : `with ${which} at 0, ${cost} is still ${left.map((s) => `${zero[s]![cost]} in '${s}'`).join(", ")} (costs that are not parameters, or a cost parameter named otherwise)`, ["outcomes", "cost"]);
  }
  if (utilities.length > 0 && outcomes.includes("qalyUndiscounted") && outcomes.includes("lifeYearsUndiscounted")) {
    const ones = evaluateModel(model, { ...base, ...Object.fromEntries(utilities.map((n) => [n, 1])) });
    const differ = model.strategies.filter((s) => Math.abs(ones[s]!["qalyUndiscounted"]! - ones[s]!["lifeYearsUndiscounted"]!) > 1e-9 * Math.max(1, ones[s]!["lifeYearsUndiscounted"]!));
    const which = `every utility parameter (the ${utilities.length} named like uWell)`;
    add("unit_utilities_give_life_years", "warning", differ.length === 0, differ.length === 0 ? `with ${which} at 1, undiscounted QALYs equal undiscounted life years` : `with ${which} at 1, undiscounted QALYs differ from life years in ${differ.map((s) => `'${s}'`).join(", ")} (disutilities or utilities that are not parameters)`, ["outcomes", "qalyUndiscounted"]);
  }

  if (options.nullEffect !== undefined) {
    const effect = project.outcomes.effect;
    const unknown = Object.keys(options.nullEffect).filter((name) => !(name in base));
    if (unknown.length > 0) add("zero_effect_difference", "error", false, `the null effect names unknown parameters: ${unknown.join(", ")}`, ["checks", "nullEffect", unknown[0]!]);
    else {
      const nulled = evaluateModel(model, { ...base, ...options.nullEffect });
      const values = model.strategies.map((s) => nulled[s]![effect]!);
      const spread = Math.max(...values) - Math.min(...values);
      const setting = Object.entries(options.nullEffect).map(([name, value]) => `${name} = ${value}`).join(", ");
      const equal = spread <= 1e-9 * Math.max(1, ...values.map(Math.abs));
      add("zero_effect_difference", "warning", equal, equal ? `with ${setting} (no difference in effect), ${effect} is equal in every strategy` : `with ${setting} (no difference in effect), ${effect} still differs between strategies by ${spread.toPrecision(3)}: ${model.strategies.map((s, i) => `'${s}' ${values[i]!.toPrecision(6)}`).join(", ")}`, ["checks", "nullEffect"]);
    }
  }

  const draws = options.psaResult?.size ?? options.psa ?? project.psa.samples;
  if (draws >= 2) add(...psaConvergence(project, options.psaResult ?? runPsaSync(model, project.parameters.sample(draws, { seed: project.psa.seed }))));
  return checks;
}

/** The PSA convergence check: Monte Carlo standard errors of the means and of incremental NMB. */
function psaConvergence(project: ModelProject, psa: PsaResult): [string, CheckSeverity, boolean, string, readonly PathSegment[]] {
  const draws = psa.size;
  const { cost, effect } = project.outcomes;
  const wtp = project.wtp.thresholds[0] ?? 0;
  // Plain loops: Float64Array.from with a mapping function calls it through the iterator protocol
  // (about 2 µs per draw of a 4-strategy run, where the loops cost a tenth of it).
  const nmb = psa.strategies.map((s) => {
    const c = psa.values(cost, s);
    const e = psa.values(effect, s);
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = wtp * e[i]! - c[i]!;
    return out;
  });
  const means = nmb.map(mean);
  const best = means.indexOf(Math.max(...means));
  const order = means.map((_, k) => k).filter((k) => k !== best).sort((a, b) => means[b]! - means[a]!);
  const parts = psa.strategies.map((s) => `${s}: ${cost} ${formatSe(psa.values(cost, s))}, ${effect} ${formatSe(psa.values(effect, s))}`);
  if (order.length === 0) return ["psa_convergence", "warning", true, `${draws} draws; mean ± Monte Carlo SE: ${parts.join("; ")}`, ["psa"]];
  const second = order[0]!;
  const top = nmb[best]!;
  const next = nmb[second]!;
  const difference = new Float64Array(draws);
  for (let i = 0; i < draws; i++) difference[i] = top[i]! - next[i]!;
  const inmb = mean(difference);
  const se = standardError(difference);
  // Converged enough when the incremental NMB is at least 2 Monte Carlo SEs from 0 (the ranking
  // would not flip with more draws) or its SE is under 1 % of the mean net benefit.
  const passed = Math.abs(inmb) >= 2 * se || se <= 0.01 * Math.abs(means[best]!);
  const message = `${draws} draws at ${wtp} per unit effect: incremental NMB of '${psa.strategies[best]}' over '${psa.strategies[second]}' ${inmb.toPrecision(4)} ± ${se.toPrecision(2)} (Monte Carlo SE)${passed ? "" : ": not distinguishable from 0, run more draws"}; mean ± SE: ${parts.join("; ")}`;
  return ["psa_convergence", "warning", passed, message, ["psa"]];
}

/**
 * The share alive at the end of every cohort trace (states named dead/death) and every overall
 * survival curve (named OS) of the base case, from the models' detailed runs.
 */
function aliveAtHorizon(model: Model<ParameterValues>, base: ParameterValues): { name: string; alive: number }[] {
  let detail: ReturnType<typeof baseCaseDetail>;
  try {
    detail = baseCaseDetail(model, base);
  } catch {
    return [];
  }
  const out: { name: string; alive: number }[] = [];
  for (const trace of detail.traces ?? []) {
    const dead = trace.states.flatMap((state, k) => (DEAD.test(state) ? [k] : []));
    if (dead.length === 0) continue;
    const last = trace.proportions[0]!.length - 1;
    out.push({ name: trace.strategy, alive: 1 - dead.reduce((sum, k) => sum + trace.proportions[k]![last]!, 0) });
  }
  for (const series of detail.survival ?? []) {
    const os = series.curves.find((curve) => /^os$|overall/i.test(curve.name));
    if (os !== undefined && os.values.length > 0) out.push({ name: series.arm, alive: os.values[os.values.length - 1]! });
  }
  return out;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

function standardError(values: Float64Array): number {
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - m) ** 2;
  return Math.sqrt(squares / (values.length - 1) / values.length);
}

function formatSe(values: Float64Array): string {
  return `${mean(values).toPrecision(5)} ± ${standardError(values).toPrecision(2)}`;
}

/**
 * One line summing up model checks, for the end of a run: how many passed, and the codes of
 * failures (errors, warnings, acknowledged).
 *
 * @param checks - {@link modelChecks} results
 * @returns e.g. `model checks: 9 passed; warnings: parameter_without_source`
 * @example
 * modelChecksLine([{ code: "a", severity: "error", passed: true, message: "", path: [] }]) // => "model checks: 1 passed"
 */
export function modelChecksLine(checks: readonly ModelCheck[]): string {
  const codes = (keep: (check: ModelCheck) => boolean): string => [...new Set(checks.filter(keep).map((check) => check.code))].join(", ");
  const errors = codes((c) => !c.passed && c.acknowledged === undefined && c.severity === "error");
  const warnings = codes((c) => !c.passed && c.acknowledged === undefined && c.severity === "warning");
  const acknowledged = codes((c) => !c.passed && c.acknowledged !== undefined);
  const parts = [`${checks.filter((c) => c.passed).length} passed`, ...(errors === "" ? [] : [`errors: ${errors}`]), ...(warnings === "" ? [] : [`warnings: ${warnings}`]), ...(acknowledged === "" ? [] : [`acknowledged: ${acknowledged}`])];
  return `model checks: ${parts.join("; ")}`;
}
