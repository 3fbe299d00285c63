import type { Issue, PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import type { Model } from "../models/model.js";
import type { Payoffs, TerminalNode, Value } from "../models/tree/tree-types.js";
import { compileValue, type Env } from "./expression-env.js";
import type { StrategyVariables } from "./model-scope.js";

// Shared pieces of the tree compiler (build-tree.ts): what a node sees, and how values are read.

/** Parameter values. */
export type Params = Readonly<Record<string, number>>;
/** A node as written in the file. */
export type Raw = Readonly<Record<string, unknown>>;

/** A reusable subtree of a model file: the names it is bound with, and its node. */
export interface SubtreeFile {
  /** Names the subtree's expressions use, bound at each use with `with:`. */
  readonly parameters?: readonly string[] | undefined;
  /** The subtree's top node. */
  readonly node: Raw;
}

/** What a tree of a model file may refer to. */
export interface TreeContext {
  /** Parameters and functions. */
  readonly base: Env;
  /** Strategy variables per strategy. */
  readonly variables: StrategyVariables;
  /** Named models (Markov models under `models:`) a terminal node may enter. */
  readonly models: ReadonlyMap<string, Model<Params, string>>;
  /** Reusable subtrees. */
  readonly subtrees: Readonly<Record<string, SubtreeFile>>;
  /** Where problems go. */
  readonly issues: Issue[];
  /** The names of the subtrees used so far (filled as they are compiled), when the caller checks for unused ones. */
  readonly used?: Set<string>;
}

/** Whether a value is a plain object (a node, a branch, named values). */
export const isObject = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

/** Stands in for a node that could not be built (its problem is already reported). */
export const placeholder: TerminalNode<Params> = { kind: "terminal", payoffs: {}, counts: {} };

/** Where a node sits: what its expressions see and which strategy it belongs to. */
export interface Scope {
  /** Parameters, the strategy's variables and any subtree bindings. */
  readonly env: Env;
  /** The root option (strategy) this node lies under. */
  readonly strategy: string;
  /** Subtrees being expanded, to catch a subtree that contains itself. */
  readonly stack: readonly string[];
}

/** ` (did you mean 'x'?)` when a close known name exists, else nothing. */
export function hint(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close === undefined ? "" : ` (did you mean '${close}'?)`;
}

/** Compiles one number or expression of a node. */
export function value(source: unknown, scope: Scope, context: TreeContext, path: readonly PathSegment[]): Value<Params> {
  if (typeof source !== "number" && typeof source !== "string") {
    const name = `'${String(path.at(-1))}'`;
    const message = source === undefined ? `${name} is missing (expected a number or an expression)` : source === null ? `${name} is empty (expected a number or an expression)` : `expected a number or an expression (received ${JSON.stringify(source)})`;
    context.issues.push({ code: "invalid_model", path, message, received: source });
    return 0;
  }
  return compileValue(source, scope.env, path, context.issues);
}

/** Compiles named values (payoffs, counts, a start distribution). */
export function values(source: unknown, scope: Scope, context: TreeContext, path: readonly PathSegment[]): Payoffs<Params> {
  if (source === undefined) return {};
  if (!isObject(source)) {
    context.issues.push({ code: "invalid_model", path, message: "expected named values, e.g. { cost: cTest }" });
    return {};
  }
  return Object.fromEntries(Object.entries(source).map(([name, v]) => [name, value(v, scope, context, [...path, name])]));
}

/** The payoffs, counts and time written on a branch. */
export function branchValues(raw: Raw, scope: Scope, context: TreeContext, path: readonly PathSegment[]) {
  return {
    ...(raw["payoffs"] === undefined ? {} : { payoffs: values(raw["payoffs"], scope, context, [...path, "payoffs"]) }),
    ...(raw["counts"] === undefined ? {} : { counts: values(raw["counts"], scope, context, [...path, "counts"]) }),
    ...(raw["time"] === undefined ? {} : { time: value(raw["time"], scope, context, [...path, "time"]) }),
  };
}

/** Reports keys a node or branch does not know, with the closest known key. */
export function checkKeys(raw: Raw, allowed: readonly string[], what: string, context: TreeContext, path: readonly PathSegment[]): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) context.issues.push({ code: "invalid_model", path: [...path, key], message: `unknown key '${key}' in ${what}${hint(key, allowed)}; known keys: ${allowed.join(", ")}`, received: key });
  }
}

