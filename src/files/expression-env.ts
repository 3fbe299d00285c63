import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { generatedFunction } from "../core/generated-function.js";
import { compileContextExpression, compileLazyExpression, expressionSymbols, type ExpressionFunction } from "./expression.js";
import { applyHazardRatio } from "../math/apply-hazard-ratio.js";
import { applyOddsRatio } from "../math/apply-odds-ratio.js";
import { applyRelativeRisk } from "../math/apply-relative-risk.js";
import { discountFactor } from "../math/discount-factor.js";
import { oddsToProbability } from "../math/odds-to-probability.js";
import { probabilityToOdds } from "../math/probability-to-odds.js";
import { probabilityToRate } from "../math/probability-to-rate.js";
import { rateToProbability } from "../math/rate-to-probability.js";
import { rescaleProbability } from "../math/rescale-probability.js";
import { rateFromMedian } from "../math/rate-from-median.js";
import { probabilityFromMedian } from "../math/probability-from-median.js";
import { probabilityFromCumulativeIncidence } from "../math/probability-from-cumulative-incidence.js";

/** Reads one value for the current evaluation from the parameter values (and whatever it closes over). */
export type Getter = (params: Readonly<Record<string, number>>) => number;

/**
 * The named conversion functions a model file may call (src/math), so rates, odds, relative risks
 * and hazard ratios are converted by name, never by inline arithmetic.
 */
export const MODEL_FILE_FUNCTIONS: Readonly<Record<string, ExpressionFunction>> = Object.freeze({
  rateToProbability: rateToProbability as ExpressionFunction,
  probabilityToRate: probabilityToRate as ExpressionFunction,
  probabilityToOdds,
  oddsToProbability,
  applyRelativeRisk,
  applyHazardRatio,
  applyOddsRatio,
  rescaleProbability,
  rateFromMedian,
  probabilityFromMedian: probabilityFromMedian as ExpressionFunction,
  probabilityFromCumulativeIncidence: probabilityFromCumulativeIncidence as ExpressionFunction,
  discountFactor,
});

/** What an expression at some place of a model file may refer to. */
export interface Env {
  /** Every visible name: parameters first, then names with their own getter. */
  readonly names: readonly string[];
  /** Getters of the names that are not parameters (strategy variables, time, bindings, variables). */
  readonly getters: ReadonlyMap<string, Getter>;
  /** Functions: the conversions and the data tables. */
  readonly functions: Readonly<Record<string, ExpressionFunction>>;
}

/**
 * What generated code reads for each of `names` in `env` (compileContextExpression's and
 * compileContextAssignments' `readers`): the name's getter when it has one, else the name itself,
 * read as a property of the draw's parameter values.
 */
export function contextReaders(env: Env, names: readonly string[] = env.names): (string | Getter)[] {
  return names.map((name) => env.getters.get(name) ?? name);
}

/** Adds names with getters to an environment (inner names shadow nothing: duplicates are reported by the caller). */
export function extendEnv(env: Env, getters: ReadonlyMap<string, Getter>): Env {
  const merged = new Map(env.getters);
  for (const [name, getter] of getters) merged.set(name, getter);
  return { names: [...env.names, ...getters.keys()], getters: merged, functions: env.functions };
}

/**
 * Compiles a number or an expression of a model file into a number (constants) or a getter.
 * Problems are pushed onto `issues` (the caller throws them all at once) and 0 is returned.
 */
export function compileValue(source: number | string, env: Env, path: readonly PathSegment[], issues: Issue[]): number | Getter {
  if (typeof source === "number") return source;
  let symbols: readonly string[];
  try {
    symbols = expressionSymbols(source, { names: env.names, functions: env.functions }, path);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return 0;
  }
  const scope = { names: symbols, functions: env.functions };
  if (symbols.length === 0) return compileLazyExpression(source, scope, path).evaluate([], {});
  // Compiled over its own symbols only; variables are read when evaluation reaches them, so
  // `cond ? a : b` and `and`/`or` short-circuit (time is read only where it matters). Parameters are
  // read straight from the draw's values, names with a getter (variables, time) through it.
  const readers = contextReaders(env, symbols);
  // An expression over parameters only is one function per text and function table: the same
  // text at several places (a pathway repeats `sensNgs` at each stage that runs the test) is then one
  // value to a tree, evaluated once per draw, and one function for V8 to compile.
  const key = readers.every((reader) => typeof reader === "string") ? source : undefined;
  let shared = key === undefined ? undefined : parameterExpressions.get(env.functions);
  const known = key === undefined ? undefined : shared?.get(key);
  if (known !== undefined) return known;
  const direct = compileContextExpression<Readonly<Record<string, number>>>(source, scope, readers, path);
  if (direct !== undefined) {
    if (key !== undefined) {
      if (shared === undefined) parameterExpressions.set(env.functions, (shared = new Map()));
      if (shared.size >= 4096) shared.clear();
      shared.set(key, direct);
    }
    return direct;
  }
  // Code generation refused: the lazy form over one getter per name.
  const compiled = compileLazyExpression<Readonly<Record<string, number>>>(source, scope, path);
  const getters = symbols.map((name): Getter => env.getters.get(name) ?? parameterGetter(name));
  // A bare name (most inputs: `cost: cNgs`) is its getter with the compiled code's `+`, one call instead of three.
  if (symbols.length === 1 && source.trim() === symbols[0]) {
    const get = getters[0]!;
    return (params) => +get(params);
  }
  return (params) => compiled.evaluate(getters, params);
}

/** Generated expressions over parameters only, by function table then text (see {@link compileValue}). */
const parameterExpressions = new WeakMap<Env["functions"], Map<string, Getter>>();

/** Generated parameter getters by name, shared by every expression that reads the name. */
const parameterGetters = new Map<string, Getter>();

/**
 * `(p) => p.name` for one parameter, generated with the name as a constant (a JSON string literal),
 * so each getter's property load sees one name and stays a fast, monomorphic load; one closure
 * reading `p[name]` for every name made that load megamorphic (a hash probe per read).
 */
function parameterGetter(name: string): Getter {
  let getter = parameterGetters.get(name);
  if (getter === undefined) {
    // Code generation refused: a plain closure (its load sees every name, so it is slower, not wrong).
    getter = generatedFunction<Getter>(["p"], `"use strict"; return p[${JSON.stringify(name)}];`) ?? ((p) => p[name]!);
    if (parameterGetters.size >= 4096) parameterGetters.clear();
    parameterGetters.set(name, getter);
  }
  return getter;
}

/** Turns a compiled value into a getter. */
export function asGetter(value: number | Getter): Getter {
  return typeof value === "number" ? () => value : value;
}
