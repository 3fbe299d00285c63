// Curves of kind `fitted` in partitioned-survival models: fitted to their data file when the model
// file is built, their coefficients added as parameters (a multivariate-normal group) so that PSA
// draws carry the fit's uncertainty, and the curve replaced by a definition over those parameters.
import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { fitSurvival } from "../survival/fit/fit-survival.js";
import { fitSurvivalSpline } from "../survival/fit/fit-survival-spline.js";
import { survivalDataFromCsv } from "../survival/fit/survival-data-from-csv.js";
import type { SurvivalFit } from "../survival/fit/survival-fit.js";
import type { SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import { yearsPerTimeUnit, type TimeUnit } from "../survival/time-unit.js";
import type { FlexsurvDistribution } from "../survival/survival-from-coefficients.js";
import type { CompiledFile } from "./compile-model-file.js";
import { survivalFitFragment } from "./survival-fit-fragment.js";

const DISTRIBUTIONS = ["exp", "weibull", "weibullPH", "gompertz", "llogis", "lnorm", "gamma", "gengamma", "spline"] as const;
const KEYS = new Set(["kind", "data", "time", "event", "distribution", "by", "group", "knots", "scale", "name"]);
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
// A stand-in for a curve that could not be fitted: the file has issues already and will not build.
const PLACEHOLDER = Object.freeze({ kind: "exponential", rate: 1 });

const cache = new WeakMap<CompiledFile, { readonly compiled: CompiledFile; readonly issues: readonly Issue[]; readonly evidence: readonly SurvivalEvidence[] }>();

type Spec = Readonly<Record<string, unknown>>;

/**
 * The file with every `{ kind: fitted, data, time, event, distribution, by?, group?, knots?, scale?,
 * name? }` curve fitted and replaced; issues (unreadable data, bad columns, a fit that does not
 * converge) are appended to `issues`, and each fit with its data to `evidence` (for the report's
 * Kaplan–Meier and hazard plots). Fitted once per compiled file (scenarios rebuild the project).
 */
export function withFittedCurves(compiled: CompiledFile, issues: Issue[], evidence: SurvivalEvidence[] = []): CompiledFile {
  const cached = cache.get(compiled);
  if (cached !== undefined) {
    issues.push(...cached.issues);
    evidence.push(...cached.evidence);
    return cached.compiled;
  }
  const found: Issue[] = [];
  const fits: SurvivalEvidence[] = [];
  // The partitioned-survival model whose curves are being expanded: its time unit, horizon and name.
  let current: { readonly timeUnit: string; readonly horizon?: number; readonly model?: string } = { timeUnit: "years" };
  const file = compiled.file;
  const parameters: Record<string, unknown> = { ...(file.parameters ?? {}) };
  const groups: Record<string, unknown> = { ...(file.groups ?? {}) };
  const taken = new Set<string>([...Object.keys(parameters), ...Object.keys(groups), ...Object.values(file.groups ?? {}).flatMap((g) => g.components)]);
  let changed = false;

  const fitted = (spec: Spec, path: readonly PathSegment[], endpoint: string): unknown => {
    changed = true;
    const before = found.length;
    for (const key of Object.keys(spec)) if (!KEYS.has(key)) found.push({ code: "invalid_model", path: [...path, key], message: `a fitted curve has no option '${key}' (options: ${[...KEYS].filter((k) => k !== "kind").join(", ")})` });
    for (const key of ["data", "time", "event"]) if (typeof spec[key] !== "string") found.push({ code: "invalid_model", path: [...path, key], message: `a fitted curve needs '${key}' (${key === "data" ? "a CSV file next to the model file" : `the column of ${key === "time" ? "follow-up times" : "events (1) and censorings (0)"}`})`, received: spec[key] });
    const distribution = spec["distribution"];
    if (!DISTRIBUTIONS.includes(distribution as (typeof DISTRIBUTIONS)[number])) found.push({ code: "invalid_model", path: [...path, "distribution"], message: `distribution must be one of ${DISTRIBUTIONS.join(", ")} (received ${JSON.stringify(distribution)})`, received: distribution });
    if ((spec["by"] === undefined) !== (spec["group"] === undefined)) found.push({ code: "invalid_model", path: [...path, spec["by"] === undefined ? "by" : "group"], message: "'by' (a column) and 'group' (its value) go together: the curve is fitted to the patients of that group" });
    const name = spec["name"] ?? `${endpoint.replace(/[^A-Za-z0-9]/g, "")}Fit`;
    if (typeof name !== "string" || !IDENTIFIER.test(name)) found.push({ code: "invalid_model", path: [...path, "name"], message: `name must be an identifier, the prefix of the fit's parameters (received ${JSON.stringify(name)})`, received: name });
    const reader = compiled.options.readFile;
    if (reader === undefined) found.push({ code: "file_not_found", path: [...path, "data"], message: `a fitted curve reads "${String(spec["data"])}", but no readFile was given to load files next to the model file`, received: spec["data"] });
    if (found.length > before) return PLACEHOLDER;
    const data = spec["data"] as string;
    let text: string;
    try {
      text = reader!(data);
    } catch (error) {
      const code = error instanceof QalyError ? error.code : "file_not_found";
      const reason = error instanceof QalyError ? error.issues[0]!.message : (error as Error).message;
      found.push({ code, path: [...path, "data"], message: `cannot read the data of a fitted curve from "${data}": ${reason}`, received: data });
      return PLACEHOLDER;
    }
    try {
      const by = spec["by"] as string | undefined;
      const groupsOfData = survivalDataFromCsv(text, { time: spec["time"] as string, event: spec["event"] as string, ...(by !== undefined ? { by } : {}), source: data });
      const wanted = by === undefined ? "all" : String(spec["group"]);
      const selected = groupsOfData.find((g) => g.group === wanted);
      if (selected === undefined) {
        found.push({ code: "invalid_model", path: [...path, "group"], message: `${data} has no patients with ${by} = ${wanted} (values: ${groupsOfData.map((g) => g.group).join(", ")})`, received: spec["group"] });
        return PLACEHOLDER;
      }
      const fit: SurvivalFit =
        distribution === "spline"
          ? fitSurvivalSpline(selected.data, { internalKnots: (spec["knots"] as number | undefined) ?? 1, scale: (spec["scale"] as "hazard" | "odds" | "normal" | undefined) ?? "hazard" })
          : fitSurvival(selected.data, distribution as FlexsurvDistribution);
      const label = `${String(distribution)} fitted to ${data}${by === undefined ? "" : ` (${by} = ${wanted})`}: ${fit.observations} patients, ${fit.events} events, AIC ${fit.aic.toFixed(2)}`;
      const fragment = survivalFitFragment(fit, { name: name as string, source: label });
      for (const added of [...Object.keys(fragment.parameters), ...Object.keys(fragment.groups), ...Object.values(fragment.groups).flatMap((g) => g.components)]) {
        if (taken.has(added)) {
          found.push({ code: "invalid_model", path: [...path, "name"], message: `the fit's parameter '${added}' is already a parameter or group of the file: give the fitted curve another name`, received: added });
          return PLACEHOLDER;
        }
        taken.add(added);
      }
      Object.assign(parameters, fragment.parameters);
      Object.assign(groups, fragment.groups);
      fits.push(Object.freeze({ endpoint, ...(current.model === undefined ? {} : { model: current.model }), label, data: selected.data, fit, timeUnit: current.timeUnit, ...(current.horizon === undefined ? {} : { horizon: current.horizon }) }));
      return fragment.curve;
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      found.push(...error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
      return PLACEHOLDER;
    }
  };

  const expand = (spec: unknown, path: readonly PathSegment[], endpoint: string): unknown => {
    if (Array.isArray(spec)) return spec.map((item, i) => expand(item, [...path, i], endpoint));
    if (spec === null || typeof spec !== "object") return spec;
    if ((spec as Spec)["kind"] === "fitted") return fitted(spec as Spec, path, endpoint);
    return Object.fromEntries(Object.entries(spec).map(([key, value]) => [key, expand(value, [...path, key], endpoint)]));
  };
  const expandModel = <M>(model: M, path: readonly PathSegment[]): M => {
    const psm = model as { type?: unknown; curves?: Record<string, unknown>; timeUnit?: unknown; horizon?: unknown };
    if (psm.type !== "partitioned-survival" || psm.curves === undefined) return model;
    const timeUnit = typeof psm.timeUnit === "string" ? psm.timeUnit : "years";
    let unitYears: number | undefined;
    try {
      unitYears = yearsPerTimeUnit(timeUnit as TimeUnit);
    } catch {
      unitYears = undefined; // an unknown unit is reported where the model is built
    }
    const horizon = typeof psm.horizon === "number" && unitYears !== undefined ? psm.horizon / unitYears : undefined;
    current = { timeUnit, ...(horizon === undefined ? {} : { horizon }), ...(path[0] === "models" ? { model: String(path[1]) } : {}) };
    const curves = Object.fromEntries(Object.entries(psm.curves).map(([endpoint, spec]) => [endpoint, expand(spec, [...path, "curves", endpoint], endpoint)]));
    return { ...model, curves };
  };
  const model = expandModel(file.model, ["model"]);
  const models = file.models === undefined ? undefined : Object.fromEntries(Object.entries(file.models).map(([name, m]) => [name, expandModel(m, ["models", name])]));
  const result: CompiledFile = changed ? { ...compiled, file: { ...file, model, ...(models === undefined ? {} : { models }), parameters, groups } as CompiledFile["file"] } : compiled;
  cache.set(compiled, { compiled: result, issues: found, evidence: fits });
  issues.push(...found);
  evidence.push(...fits);
  return result;
}
