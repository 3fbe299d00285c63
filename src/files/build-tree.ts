import { QalyError, type PathSegment } from "../core/errors.js";
import { complement, type Complement } from "../models/complement.js";
import { decisionTree, type DecisionTree } from "../models/tree/decision-tree.js";
import type { ChanceBranch, DecisionNode, DecisionOption, TreeNode, Value } from "../models/tree/tree-types.js";
import { extendEnv, type Getter } from "./expression-env.js";
import { branchValues, checkKeys, hint, isObject, placeholder, value, values, type Params, type Raw, type Scope, type TreeContext } from "./tree-file-values.js";

export type { SubtreeFile, TreeContext } from "./tree-file-values.js";

const NODE_KEYS = ["decision", "chance", "terminal", "subtree"] as const;

/**
 * Compiles the decision tree of a model file (`model: { type: decision-tree, root }`) into
 * {@link decisionTree}. The root decision's options are the file's strategies; expressions below an
 * option see the parameters, that strategy's variables and, inside a subtree, its bindings.
 */
export function buildTree(title: string, root: Raw, strategies: readonly string[], context: TreeContext, path: readonly PathSegment[]): DecisionTree<Params, string> | undefined {
  const { issues } = context;
  const before = issues.length;
  const at = [...path, "root"];
  const options = root["decision"];
  if (!isObject(options)) {
    issues.push({ code: "invalid_model", path: at, message: "the root of a decision tree is a decision whose options are the strategies: { decision: { <strategy>: … } }" });
    return undefined;
  }
  const labels = Object.keys(options);
  for (const label of labels) {
    if (!strategies.includes(label)) issues.push({ code: "unknown_strategy", path: [...at, "decision", label], message: `root option '${label}' is not a strategy${hint(label, strategies)}; strategies: ${strategies.join(", ")}`, received: label });
  }
  for (const strategy of strategies) if (!labels.includes(strategy)) issues.push({ code: "unknown_strategy", path: [...at, "decision"], message: `strategy '${strategy}' has no option at the root of the tree` });
  // An option that is not a strategy is reported once, not again for every leaf below it.
  const branches: DecisionOption<Params>[] = labels.filter((label) => strategies.includes(label)).map((label) => {
    const own = context.variables.get(label);
    const env = own === undefined ? context.base : extendEnv(context.base, own);
    return { label, ...decisionBranch(options[label], { env, strategy: label, stack: [] }, context, [...at, "decision", label]) };
  });
  if (issues.length > before) return undefined;
  const rootNode: DecisionNode<Params> = { kind: "decision", ...(typeof root["name"] === "string" ? { name: root["name"] } : {}), branches };
  try {
    return decisionTree<Params, string>({ title, root: rootNode }) as DecisionTree<Params, string>;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
    return undefined;
  }
}

function decisionBranch(raw: unknown, scope: Scope, context: TreeContext, path: readonly PathSegment[]) {
  if (isObject(raw) && NODE_KEYS.some((key) => key in raw)) return { next: node(raw, scope, context, path) };
  if (!isObject(raw) || raw["next"] === undefined) {
    context.issues.push({ code: "invalid_model", path, message: "a decision option is a node ({ chance: … }, { decision: … }, { terminal: … }, { subtree: … }) or { next, payoffs?, counts?, time? }" });
    return { next: placeholder };
  }
  checkKeys(raw, ["next", "payoffs", "counts", "time"], "a decision option", context, path);
  return { ...branchValues(raw, scope, context, path), next: node(raw["next"], scope, context, [...path, "next"]) };
}


/** Compiles one node of a model file (decision, chance, terminal or subtree use). */
export function node(raw: unknown, scope: Scope, context: TreeContext, path: readonly PathSegment[]): TreeNode<Params> {
  const kind = isObject(raw) ? NODE_KEYS.find((key) => key in raw) : undefined;
  if (!isObject(raw) || kind === undefined) {
    context.issues.push({ code: "invalid_model", path, message: `a tree node has one of the keys ${NODE_KEYS.join(", ")}` });
    return placeholder;
  }
  const name = typeof raw["name"] === "string" ? { name: raw["name"] } : {};
  const body = raw[kind];
  if (kind === "decision") {
    checkKeys(raw, ["decision", "name"], "a decision node", context, path);
    if (!isObject(body)) return (context.issues.push({ code: "invalid_model", path: [...path, "decision"], message: "a decision lists its options: { decision: { <option>: node } }" }), placeholder);
    return { kind: "decision", ...name, branches: Object.entries(body).map(([label, b]) => ({ label, ...decisionBranch(b, scope, context, [...path, "decision", label]) })) };
  }
  if (kind === "chance") {
    checkKeys(raw, ["chance", "name"], "a chance node", context, path);
    if (!Array.isArray(body)) return (context.issues.push({ code: "invalid_model", path: [...path, "chance"], message: "a chance node lists its branches: { chance: [ { label, probability, next } ] }" }), placeholder);
    const branches = body.map((b: unknown, i): ChanceBranch<Params> => {
      const where = [...path, "chance", i];
      if (!isObject(b)) return (context.issues.push({ code: "invalid_model", path: where, message: "a branch is { label, probability, next, payoffs?, counts?, time? }" }), { label: String(i), probability: 0, next: placeholder });
      checkKeys(b, ["label", "probability", "next", "payoffs", "counts", "time"], "a chance branch", context, where);
      const probability: Value<Params> | Complement = b["probability"] === "complement" ? complement : value(b["probability"], scope, context, [...where, "probability"]);
      if (b["next"] === undefined) context.issues.push({ code: "invalid_model", path: where, message: `branch '${String(b["label"])}' needs a 'next' node` });
      return { label: String(b["label"] ?? ""), probability, ...branchValues(b, scope, context, where), next: b["next"] === undefined ? placeholder : node(b["next"], scope, context, [...where, "next"]) };
    });
    return { kind: "chance", ...name, branches };
  }
  if (kind === "terminal") return terminalNode(raw, body, scope, context, path);
  return subtreeNode(raw, scope, context, path);
}

function terminalNode(raw: Raw, body: unknown, scope: Scope, context: TreeContext, path: readonly PathSegment[]): TreeNode<Params> {
  checkKeys(raw, ["terminal"], "a terminal node", context, path);
  const spec: Raw = body === null || body === undefined ? {} : isObject(body) ? body : {};
  const where = [...path, "terminal"];
  checkKeys(spec, ["name", "payoffs", "counts", "model", "strategy", "start", "startTime"], "a terminal node", context, where);
  const name = typeof spec["name"] === "string" ? { name: spec["name"] } : {};
  const payoffs = values(spec["payoffs"], scope, context, [...where, "payoffs"]);
  const counts = values(spec["counts"], scope, context, [...where, "counts"]);
  if (spec["model"] === undefined) return { kind: "terminal", ...name, payoffs, counts };
  const modelName = String(spec["model"]);
  const model = context.models.get(modelName);
  if (model === undefined) {
    context.issues.push({ code: "invalid_model", path: [...where, "model"], message: `no model '${modelName}' under models${hint(modelName, [...context.models.keys()])}`, received: modelName });
    return placeholder;
  }
  const strategy = typeof spec["strategy"] === "string" ? spec["strategy"] : model.strategies.includes(scope.strategy) ? scope.strategy : model.strategies.length === 1 ? model.strategies[0]! : undefined;
  if (strategy === undefined || !model.strategies.includes(strategy)) {
    context.issues.push({ code: "unknown_strategy", path: [...where, "strategy"], message: `say which strategy of model '${modelName}' this leaf takes (${model.strategies.join(", ")})${strategy === undefined ? "" : `; '${strategy}' is not one${hint(strategy, model.strategies)}`}` });
    return placeholder;
  }
  const start = spec["start"] === undefined ? undefined : values(spec["start"], scope, context, [...where, "start"]);
  const startTime = spec["startTime"] === undefined ? undefined : value(spec["startTime"], scope, context, [...where, "startTime"]);
  return { kind: "terminal", ...name, payoffs, counts, model: { model, strategy, ...(start === undefined ? {} : { start }), ...(startTime === undefined ? {} : { startTime }) } };
}

function subtreeNode(raw: Raw, scope: Scope, context: TreeContext, path: readonly PathSegment[]): TreeNode<Params> {
  checkKeys(raw, ["subtree", "with"], "a subtree use", context, path);
  const name = String(raw["subtree"]);
  const def = context.subtrees[name];
  if (def === undefined) {
    context.issues.push({ code: "invalid_model", path: [...path, "subtree"], message: `no subtree '${name}' under subtrees${hint(name, Object.keys(context.subtrees))}`, received: name });
    return placeholder;
  }
  context.used?.add(name);
  if (scope.stack.includes(name)) {
    context.issues.push({ code: "circular_dependency", path: [...path, "subtree"], message: `subtree '${name}' contains itself (${[...scope.stack, name].join(" → ")})` });
    return placeholder;
  }
  const declared = def.parameters ?? [];
  const given = isObject(raw["with"]) ? raw["with"] : {};
  const bindings = new Map<string, Getter>();
  for (const binding of declared) {
    if (given[binding] === undefined) {
      context.issues.push({ code: "invalid_model", path: [...path, "with"], message: `subtree '${name}' needs a value for '${binding}'` });
      // Still declared, so the subtree's own expressions are not reported as unknown names too.
      bindings.set(binding, () => Number.NaN);
      continue;
    }
    const v = value(given[binding], scope, context, [...path, "with", binding]);
    bindings.set(binding, typeof v === "number" ? () => v : v);
  }
  for (const binding of Object.keys(given)) {
    if (!declared.includes(binding)) context.issues.push({ code: "invalid_model", path: [...path, "with", binding], message: `subtree '${name}' has no parameter '${binding}'${hint(binding, declared)}; it takes ${declared.join(", ") || "none"}` });
  }
  for (const binding of declared) if (scope.env.names.includes(binding)) context.issues.push({ code: "invalid_model", path: ["subtrees", name, "parameters"], message: `subtree parameter '${binding}' has the name of a model parameter or strategy variable` });
  // Lexical scope: the subtree sees the model's parameters, the strategy's variables and its own bindings.
  const own = context.variables.get(scope.strategy);
  const env = extendEnv(own === undefined ? context.base : extendEnv(context.base, own), bindings);
  const built = node(def.node, { env, strategy: scope.strategy, stack: [...scope.stack, name] }, context, ["subtrees", name, "node"]);
  return Object.freeze({ ...built, clone: name }) as TreeNode<Params>;
}
