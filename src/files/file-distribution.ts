import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import type { Distribution } from "../distributions/distribution.js";
import { beta } from "../distributions/beta.js";
import { gamma } from "../distributions/gamma.js";
import { lognormal } from "../distributions/lognormal.js";
import { normal } from "../distributions/normal.js";
import { distributionFromDef, isMultivariate, DISTRIBUTION_KINDS, type UnivariateDistributionDef } from "../distributions/distribution-from-def.js";
import { closestName } from "../core/closest-name.js";
import { compileExpression } from "./expression.js";
import { MODEL_FILE_FUNCTIONS } from "./expression-env.js";
import { ownEntry } from "../core/own-entry.js";

type Spec = Readonly<Record<string, unknown>> & { readonly kind: string };

const has = (spec: Spec, ...keys: string[]): boolean => keys.every((key) => spec[key] !== undefined);
const num = (spec: Spec, key: string): number => spec[key] as number;
/** The SE of a fit, given as `se` or `sd` (the SD of a parameter's uncertainty is its SE). */
const spread = (spec: Spec): number => (spec["se"] ?? spec["sd"]) as number;

/** Which keys each fitting form takes, so that a stray key is reported rather than ignored. */
const FORMS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  beta: [["alpha", "beta"], ["mean", "se"], ["mean", "sd"], ["events", "total"]],
  gamma: [["shape", "scale"], ["shape", "rate"], ["mean", "se"], ["mean", "sd"]],
  lognormal: [["meanlog", "sdlog"], ["mean", "se"], ["mean", "sd"], ["estimate", "lower", "upper", "level"]],
  normal: [["mean", "sd"], ["mean", "se"], ["lower", "upper", "level"]],
};

/**
 * Builds a parameter's distribution from a model file's `distribution:` entry, by natural
 * parameters (`{ kind: beta, alpha, beta }`) or by the fitting helpers of src/distributions:
 * moments (`{ kind: gamma, mean, se }`), a confidence interval (`{ kind: lognormal, estimate, lower,
 * upper }`) or counts (`{ kind: beta, events, total }`). Problems are pushed onto `issues`.
 */
export function fileDistribution(raw: Spec, path: readonly PathSegment[], issues: Issue[]): Distribution | undefined {
  const spec = constants(raw, path, issues);
  if (spec === undefined) return undefined;
  const { kind } = spec;
  try {
    const forms = ownEntry(FORMS, kind);
    if (forms !== undefined) {
      const keys = Object.keys(spec).filter((key) => key !== "kind");
      const form = forms.find((f) => keys.every((key) => f.includes(key)) && f.filter((key) => key !== "level").every((key) => keys.includes(key)));
      if (form === undefined) {
        issues.push({ code: "invalid_parameter", path, message: `a ${kind} distribution is given by ${forms.map((f) => f.filter((k) => k !== "level").join(" + ")).join(", or ")} (received ${keys.join(", ") || "nothing"})`, received: keys });
        return undefined;
      }
      for (const key of form) {
        if (spec[key] !== undefined && (typeof spec[key] !== "number" || !Number.isFinite(spec[key]))) {
          issues.push({ code: "invalid_parameter", path: [...path, key], message: `${key} must be a finite number (received ${JSON.stringify(spec[key])})`, received: spec[key] });
          return undefined;
        }
      }
      if (kind === "beta" && has(spec, "events")) return beta.fromCounts({ events: num(spec, "events"), total: num(spec, "total") });
      if (kind === "beta" && has(spec, "mean")) return beta.fromMeanSe(num(spec, "mean"), spread(spec));
      if (kind === "gamma" && has(spec, "mean")) return gamma.fromMeanSe(num(spec, "mean"), spread(spec));
      if (kind === "lognormal" && has(spec, "mean")) return lognormal.fromMeanSe(num(spec, "mean"), spread(spec));
      if (kind === "lognormal" && has(spec, "estimate")) {
        return lognormal.fromCi({ estimate: num(spec, "estimate"), lower: num(spec, "lower"), upper: num(spec, "upper"), ...(has(spec, "level") ? { level: num(spec, "level") } : {}) });
      }
      if (kind === "normal" && has(spec, "lower")) return normal.fromCi({ lower: num(spec, "lower"), upper: num(spec, "upper"), ...(has(spec, "level") ? { level: num(spec, "level") } : {}) });
      if (kind === "normal" && has(spec, "se")) return normal({ mean: num(spec, "mean"), sd: num(spec, "se") });
      if (kind === "gamma") return gamma(has(spec, "rate") ? { shape: num(spec, "shape"), rate: num(spec, "rate") } : { shape: num(spec, "shape"), scale: num(spec, "scale") });
    }
    if (!(DISTRIBUTION_KINDS as readonly string[]).includes(kind)) {
      const close = closestName(kind, DISTRIBUTION_KINDS);
      issues.push({ code: "invalid_parameter", path: [...path, "kind"], message: `unknown distribution kind '${kind}'${close === undefined ? "" : ` (did you mean '${close}'?)`}; known: ${DISTRIBUTION_KINDS.join(", ")}`, received: kind });
      return undefined;
    }
    const distribution = distributionFromDef(spec as unknown as UnivariateDistributionDef);
    if (isMultivariate(distribution as never)) {
      issues.push({ code: "invalid_parameter", path: [...path, "kind"], message: `a parameter needs a univariate distribution (${kind} is multivariate)`, received: kind });
      return undefined;
    }
    return distribution as Distribution;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    // The factory names its own argument (["beta", "fromMeanSe", "se"]): keep the last segment.
    for (const issue of error.issues) issues.push({ ...issue, path: [...path, ...issue.path.slice(-1).filter((segment) => segment !== kind)] });
    return undefined;
  }
}

/** Evaluates constant expressions among a distribution's numbers (`meanlog: log(3)`). */
function constants(spec: Spec, path: readonly PathSegment[], issues: Issue[]): Spec | undefined {
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const [key, value] of Object.entries(spec)) {
    if (key === "kind" || typeof value !== "string") {
      out[key] = value;
      continue;
    }
    try {
      out[key] = compileExpression(value, { names: [], functions: MODEL_FILE_FUNCTIONS }, [...path, key]).evaluate([]);
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      issues.push(...error.issues);
      ok = false;
    }
  }
  return ok ? (out as Spec) : undefined;
}
