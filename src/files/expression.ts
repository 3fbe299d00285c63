import { parse, type MathNode } from "./mathjs-parse.js";
import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import { codeGenerationRefused, generatedFunction } from "../core/generated-function.js";

/** A numeric function that model-file expressions may call, e.g. `rateToProbability`. */
export type ExpressionFunction = (...args: number[]) => number;

/**
 * A function of a name rather than a number (a data table keyed by strings): `price("NGS")` in an
 * expression is replaced by the value of key `NGS` when the expression is compiled, so an unknown
 * key is a compile error naming the expression's path, and the emitted code stays numeric.
 *
 * @example
 * const price = Object.assign(() => Number.NaN, { stringKeys: new Map([["NGS", 12000]]) });
 * compileExpression('2 * price("NGS")', { names: [], functions: { price } }).evaluate([]) // => 24000
 */
export interface KeyedFunction extends ExpressionFunction {
  /** Key → value. */
  readonly stringKeys: ReadonlyMap<string, number>;
}

/** What an expression may refer to. */
export interface ExpressionScope {
  /**
   * Variable names in slot order: the compiled function reads variable `names[i]` from
   * `values[i]` of the array it is given.
   */
  readonly names: readonly string[];
  /** Functions beyond the built-in ones (conversions, table lookups). */
  readonly functions?: Readonly<Record<string, ExpressionFunction>>;
}

/** An expression compiled once, evaluated many times over a vector of variable values. */
export interface CompiledExpression {
  /** The text it was compiled from. */
  readonly source: string;
  /** The variables it reads (a subset of the scope's names), in order of first use. */
  readonly symbols: readonly string[];
  /** Evaluates the expression; `values[i]` is the value of the scope's `names[i]`. */
  evaluate(values: ArrayLike<number>): number;
}

/** Functions every expression may call, mapped to their JavaScript implementation. */
const BUILT_IN: Readonly<Record<string, ExpressionFunction>> = {
  exp: Math.exp,
  log: (x: number, base?: number) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  ln: Math.log,
  log10: Math.log10,
  sqrt: Math.sqrt,
  abs: Math.abs,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
};

/** Operators allowed, by mathjs function name, and the JavaScript they compile to. */
const BINARY: Readonly<Record<string, string>> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  pow: "**",
  mod: "%",
  smaller: "<",
  larger: ">",
  smallerEq: "<=",
  largerEq: ">=",
  equal: "===",
  unequal: "!==",
  and: "&&",
  or: "||",
};

const UNARY: Readonly<Record<string, string>> = { unaryMinus: "-", unaryPlus: "+", not: "!" };

const RELATIONAL: Readonly<Record<string, string>> = { smaller: "<", larger: ">", smallerEq: "<=", largerEq: ">=", equal: "===", unequal: "!==" };

/**
 * Compiles a model-file expression (mathjs syntax) into a fast numeric function.
 *
 * Expressions are parsed with mathjs and checked against a whitelist: numbers, the scope's
 * variable names, arithmetic, comparison and logical operators, `cond ? a : b`, and a fixed set
 * of functions; a quoted string only as the key of a {@link KeyedFunction}. Anything else
 * (assignments, other strings, matrices, property access, function definitions) is rejected, so a model file can never run code of its own. The JavaScript
 * emitted contains only numeric literals, operators and array indices, never text from the file.
 *
 * @param source - the expression, e.g. `"(1 - pDeath) * rateToProbability(rProgress)"`
 * @param scope - the variables it may read (in slot order) and extra functions
 * @param path - where the expression sits in the model file, for error messages
 * @throws QalyError `parse_error` for a syntax error or a forbidden construct, `unknown_parameter`
 *   for an unknown name (with the closest known name)
 * @example
 * const expression = compileExpression("cDrug * 12 + cTest", { names: ["cDrug", "cTest"] });
 * expression.evaluate([100, 50]) // => 1250
 * compileExpression("max(a, b) > 2 ? 1 : 0", { names: ["a", "b"] }).evaluate([1, 3]) // => 1
 */
export function compileExpression(source: string, scope: ExpressionScope, path: readonly PathSegment[] = []): CompiledExpression {
  const emitted = emitExpression(source, scope, path, (slot) => `v[${slot}]`);
  const { body, symbols, functions } = emitted;
  // Booleans from comparisons become 1/0 so every expression is numeric.
  const compiled = generatedFunction<(values: ArrayLike<number>, fns: readonly ExpressionFunction[]) => number>(["v", "f"], `"use strict"; return +(${body});`);
  if (compiled === undefined) {
    // Code generation refused (a content security policy): the same operations, interpreted.
    const run = interpreted(emitted);
    return { source, symbols, evaluate: (values: ArrayLike<number>) => run((slot) => values[slot]!) };
  }
  return {
    source,
    symbols,
    evaluate: (values: ArrayLike<number>) => compiled(values, functions),
  };
}

/**
 * The slots a storing expression sets itself at each point of a run over the time in state
 * k = 0 … count − 1: to k, and to k + 1 (heemod's state time). @internal
 */
export interface StateTimeRun {
  readonly stateTime: readonly number[];
  readonly stateTimePlusOne: readonly number[];
}

const NO_RUN: StateTimeRun = { stateTime: [], stateTimePlusOne: [] };

/**
 * An expression compiled to store its values rather than return them: `store(values, out, at,
 * count)` sets, for k = 0 … count − 1, the `run`'s slots of `values` to k (or k + 1) and then
 * `out[at + k]` to what {@link compileExpression}'s `evaluate(values)` returns (the same number).
 * A number returned from a call V8 does not inline is boxed on the heap; stored in the generated
 * function it is not, and one call fills a tunnel's state times (the vector form's time arrays:
 * AML's ~670 points per draw were ~60 % of its allocation as calls returning numbers, and a
 * call per point cost more than the point). @internal
 */
export function compileStoringExpression(source: string, scope: ExpressionScope, path: readonly PathSegment[] = [], run: StateTimeRun = NO_RUN): (values: Float64Array, out: Float64Array, at: number, count: number) => void {
  const emitted = emitExpression(source, scope, path, (slot) => `v[${slot}]`);
  const { body, functions } = emitted;
  // Slot indices are integers from the expression's symbol list, never text from the model file.
  const assignments = [...run.stateTime.map((slot) => `v[${slot}] = k;`), ...run.stateTimePlusOne.map((slot) => `v[${slot}] = k + 1;`)].join(" ");
  const compiled = generatedFunction<(values: Float64Array, fns: readonly ExpressionFunction[], out: Float64Array, at: number, count: number) => void>(
    ["v", "f", "out", "at", "count"],
    `"use strict"; for (let k = 0; k < count; k++) { ${assignments} out[at + k] = +(${body}); }`,
  );
  if (compiled === undefined) {
    const evaluate = interpreted(emitted);
    return (values, out, at, count) => {
      for (let k = 0; k < count; k++) {
        for (const slot of run.stateTime) values[slot] = k;
        for (const slot of run.stateTimePlusOne) values[slot] = k + 1;
        out[at + k] = evaluate((slot) => values[slot]!);
      }
    };
  }
  return (values, out, at, count) => compiled(values, functions, out, at, count);
}

/** Reads one variable of an expression for the current evaluation. */
export type VariableGetter<C> = (context: C) => number;

/** An expression whose variables are read on demand (see {@link compileLazyExpression}). */
export interface LazyExpression<C> {
  /** The text it was compiled from. */
  readonly source: string;
  /** The variables it reads, in order of first use; `getters[i]` reads `symbols[i]`. */
  readonly symbols: readonly string[];
  /** Evaluates the expression, calling `getters[i](context)` each time `symbols[i]` is reached. */
  evaluate(getters: readonly VariableGetter<C>[], context: C): number;
}

/**
 * Compiles an expression like {@link compileExpression}, but reads each variable through a getter
 * only when evaluation reaches it, so `a and b`, `c ? x : y` short-circuit as in JavaScript. A
 * Markov model's expression that reads `cycle` only for some strategies therefore leaves the other
 * strategies time-homogeneous (the engine watches which functions read the time).
 *
 * @param source - the expression, e.g. `"treated and cycle <= 2 ? rr : 1"`
 * @param scope - `names` are the expression's variables, in getter order
 * @param path - where the expression sits in the model file, for error messages
 * @throws QalyError as {@link compileExpression}
 * @example
 * const expression = compileLazyExpression("a > 0 ? b : 0", { names: ["a", "b"] });
 * expression.evaluate([() => 0, () => { throw new Error("not read"); }], undefined) // => 0
 */
export function compileLazyExpression<C>(source: string, scope: ExpressionScope, path: readonly PathSegment[] = []): LazyExpression<C> {
  const emitted = emitExpression(source, scope, path, (slot) => `g[${slot}](c)`);
  const { body, symbols, functions } = emitted;
  const compiled = generatedFunction<(getters: readonly VariableGetter<C>[], context: C, fns: readonly ExpressionFunction[]) => number>(["g", "c", "f"], `"use strict"; return +(${body});`);
  if (compiled === undefined) {
    // Code generation refused: interpreted, each getter still called only when evaluation reaches it.
    const run = interpreted(emitted);
    return { source, symbols, evaluate: (getters, context) => run((slot) => getters[slot]!(context)) };
  }
  return { source, symbols, evaluate: (getters, context) => compiled(getters, context, functions) };
}

/**
 * The variables an expression reads, in order of first use, after the same checks as
 * {@link compileExpression} (the same errors), without compiling it. @internal
 *
 * @example
 * expressionSymbols("b * a + b", { names: ["a", "b"] }) // => ["b", "a"]
 */
export function expressionSymbols(source: string, scope: ExpressionScope, path: readonly PathSegment[] = []): readonly string[] {
  return emitExpression(source, scope, path, () => "0").symbols;
}

/**
 * Compiles an expression into one function of a context (a draw's parameter values): variable
 * `scope.names[i]` is read as the context's property `readers[i]` when that is a string, else by
 * calling the getter `readers[i](context)`, in both cases only when evaluation reaches it (as in
 * {@link compileLazyExpression}, so `c ? a : b` short-circuits). One generated function per
 * expression reads a draw's parameters as properties of known names, instead of calling a getter per
 * name through the lazy form: the same values in the same operations. Returns `undefined` when code
 * generation is refused (a content security policy). @internal
 *
 * @example
 * const read = compileContextExpression<Record<string, number>>("a * b", { names: ["a", "b"] }, ["a", () => 3]);
 * read?.({ a: 2 }) // => 6
 */
export function compileContextExpression<C>(source: string, scope: ExpressionScope, readers: readonly (string | VariableGetter<C>)[], path: readonly PathSegment[] = []): ((context: C) => number) | undefined {
  if (codeGenerationRefused()) return undefined;
  const { body, functions } = emitExpression(source, scope, path, contextRead(readers));
  const factory = generatedFunction<(getters: readonly (string | VariableGetter<C>)[], fns: readonly ExpressionFunction[]) => (context: C) => number>(["g", "f"], `"use strict"; return function expression(c) { return +(${body}); };`);
  return factory?.(readers, functions);
}

/** One cell of {@link compileContextAssignments}: `targets[target][key]` is set to the expression's value, or to `value`. */
export type ContextAssignment = { readonly target: number; readonly key: string } & ({ readonly source: string } | { readonly value: number });

/**
 * Compiles cells of one scope into one function of a context that writes each cell's number into a
 * property of a target object, in the cells' order: an expression cell's value as
 * {@link compileContextExpression} computes it (the same operations on the same reads, `+(…)` and
 * short-circuits included), a constant cell its `value`. One generated function per table instead
 * of one per cell and a loop calling them: fewer functions for V8 to warm up and optimise, and
 * stores to known names. `readers` has one entry per `scope.names` slot (a property name or a
 * getter). Returns `undefined` when code generation is refused, a key is `__proto__` (a store
 * would set the prototype) or a cell does not compile (the caller's per-cell path reports it). @internal
 *
 * @example
 * const row = { a: 0, b: 0 };
 * const write = compileContextAssignments<Record<string, number>>([{ target: 0, key: "a", source: "x * 2" }, { target: 0, key: "b", value: 1 }], { names: ["x"] }, ["x"], [row]);
 * write?.({ x: 3 });
 * row // => { a: 6, b: 1 }
 */
export function compileContextAssignments<C>(cells: readonly ContextAssignment[], scope: ExpressionScope, readers: readonly (string | VariableGetter<C>)[], targets: readonly object[]): ((context: C) => void) | undefined {
  if (codeGenerationRefused() || cells.some((cell) => cell.key === "__proto__")) return undefined;
  const read = contextRead(readers);
  const constants: number[] = [];
  let functions: readonly ExpressionFunction[] = [];
  const lines: string[] = [];
  try {
    for (const cell of cells) {
      // Keys and property names reach the code only as JSON string literals, indices as integers.
      const store = `t[${cell.target}][${JSON.stringify(cell.key)}]`;
      if ("value" in cell) {
        lines.push(`${store} = k[${constants.push(cell.value) - 1}];`);
        continue;
      }
      const emitted = emitExpression(cell.source, scope, [], read);
      // Every cell has the same scope, so the same function list.
      functions = emitted.functions;
      lines.push(`${store} = +(${emitted.body});`);
    }
  } catch (error) {
    if (error instanceof QalyError) return undefined;
    throw error;
  }
  const factory = generatedFunction<(g: readonly (string | VariableGetter<C>)[], f: readonly ExpressionFunction[], t: readonly object[], k: readonly number[]) => (context: C) => void>(["g", "f", "t", "k"], `"use strict"; return function assignments(c) {\n${lines.join("\n")}\n};`);
  return factory?.(readers, functions, targets, constants);
}

/**
 * How generated code over a context `c` reads variable `slot`: the context's property `readers[slot]`
 * when that is a string (property names reach the code only as JSON string literals), else the
 * getter `g[slot](c)`.
 */
function contextRead<C>(readers: readonly (string | VariableGetter<C>)[]): (slot: number) => string {
  return (slot) => (typeof readers[slot] === "string" ? `c[${JSON.stringify(readers[slot])}]` : `g[${slot}](c)`);
}

/** Parses and checks an expression; returns JavaScript over `f[i]` (functions) and `read(slot)` (variables). */
function emitExpression(source: string, scope: ExpressionScope, path: readonly PathSegment[], read: (slot: number) => string): Emitted {
  let root: MathNode;
  try {
    root = parse(source);
  } catch (error) {
    throw new QalyError([{ code: "parse_error", path, message: `cannot read expression "${source}": ${(error as Error).message}`, received: source }]);
  }
  const slots = new Map(scope.names.map((name, index) => [name, index]));
  const functionNames = [...Object.keys(BUILT_IN), ...Object.keys(scope.functions ?? {})];
  const functions = functionNames.map((name) => scope.functions?.[name] ?? BUILT_IN[name]!);
  const symbols: string[] = [];
  const issues: Issue[] = [];

  const issue = (code: Issue["code"], message: string): string => {
    issues.push({ code, path, message: `${message} in "${source}"`, received: source });
    return "0";
  };

  const emit = (node: MathNode): string => {
    const any = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case "ConstantNode": {
        const value = any["value"];
        if (typeof value === "number" && Number.isFinite(value)) return `(${String(value)})`;
        // mathjs reads "" as a constant without a value; JSON would write NaN and Infinity as null.
        if (value === undefined) return issue("parse_error", "the expression is empty");
        return issue("parse_error", `only finite numbers are allowed as constants (found ${typeof value === "number" ? String(value) : JSON.stringify(value)})`);
      }
      case "SymbolNode": {
        const name = any["name"] as string;
        const slot = slots.get(name);
        if (slot === undefined) {
          const suggestion = closestName(name, scope.names);
          return issue("unknown_parameter", `unknown name '${name}'${suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`}`);
        }
        if (!symbols.includes(name)) symbols.push(name);
        return read(slot);
      }
      case "ParenthesisNode":
        return `(${emit(any["content"] as MathNode)})`;
      case "OperatorNode": {
        const fn = any["fn"] as string;
        const args = any["args"] as MathNode[];
        if (args.length === 1 && UNARY[fn] !== undefined) return `(${UNARY[fn]}${emit(args[0]!)})`;
        if (args.length === 2 && BINARY[fn] !== undefined) return `(${emit(args[0]!)} ${BINARY[fn]} ${emit(args[1]!)})`;
        return issue("parse_error", `operator '${String(any["op"])}' is not allowed`);
      }
      case "RelationalNode": {
        const conditionals = any["conditionals"] as string[];
        const params = (any["params"] as MathNode[]).map(emit);
        const parts = conditionals.map((op, i) => (RELATIONAL[op] === undefined ? issue("parse_error", `comparison '${op}' is not allowed`) : `(${params[i]} ${RELATIONAL[op]} ${params[i + 1]})`));
        return `(${parts.join(" && ")})`;
      }
      case "ConditionalNode":
        return `(${emit(any["condition"] as MathNode)} ? ${emit(any["trueExpr"] as MathNode)} : ${emit(any["falseExpr"] as MathNode)})`;
      case "FunctionNode": {
        const fnNode = any["fn"] as MathNode & { name?: string };
        const name = fnNode.type === "SymbolNode" ? fnNode.name! : "";
        const index = functionNames.indexOf(name);
        if (index < 0) {
          const suggestion = closestName(name, functionNames);
          return issue("unknown_parameter", `unknown function '${name}'${suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`}`);
        }
        const keys = (functions[index] as Partial<KeyedFunction>).stringKeys;
        if (keys !== undefined) return emitKey(name, keys, any["args"] as MathNode[]);
        return `f[${index}](${(any["args"] as MathNode[]).map(emit).join(", ")})`;
      }
      default:
        return issue("parse_error", `${node.type.replace(/Node$/, "").toLowerCase()} expressions are not allowed`);
    }
  };

  const emitKey = (name: string, keys: ReadonlyMap<string, number>, args: readonly MathNode[]): string => {
    const key = args.length === 1 && args[0]!.type === "ConstantNode" ? (args[0] as MathNode & { value?: unknown }).value : undefined;
    if (typeof key !== "string") return issue("invalid_argument", `data table '${name}' is keyed by names: write ${name}("key") with one quoted key`);
    const value = keys.get(key);
    if (value !== undefined) return `(${String(value)})`;
    const suggestion = closestName(key, [...keys.keys()]);
    return issue("invalid_argument", `data table '${name}' has no key "${key}"${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}; keys: ${[...keys.keys()].join(", ")}`);
  };

  const body = emit(root);
  if (issues.length > 0) throw new QalyError(issues);
  return { body, symbols, functions, root, slots, functionNames };
}

/** A checked expression: its JavaScript, the names it reads and its functions, and its parsed tree for {@link interpreted}. */
interface Emitted {
  readonly body: string;
  readonly symbols: string[];
  readonly functions: ExpressionFunction[];
  readonly root: MathNode;
  readonly slots: ReadonlyMap<string, number>;
  readonly functionNames: readonly string[];
}

/** What a node of an expression yields: a number, or a boolean from a comparison or `not` (as in the generated code). */
type Value = number | boolean;
/** A node of an interpreted expression; `read(slot)` gives variable `slot`'s value. */
type Evaluator = (read: (slot: number) => number) => Value;

/**
 * The expression {@link emitExpression} checked, as closures doing what its generated code does,
 * node by node (the same JavaScript operators on the same operands, in the same order, `&&`, `||`
 * and `? :` short-circuiting), for when code generation is refused (a content security policy).
 */
function interpreted({ root, slots, functionNames, functions }: Emitted): (read: (slot: number) => number) => number {
  const binary = (fn: string, a: Evaluator, b: Evaluator): Evaluator => {
    switch (fn) {
      case "add":
        return (r) => (a(r) as number) + (b(r) as number);
      case "subtract":
        return (r) => (a(r) as number) - (b(r) as number);
      case "multiply":
        return (r) => (a(r) as number) * (b(r) as number);
      case "divide":
        return (r) => (a(r) as number) / (b(r) as number);
      case "pow":
        return (r) => (a(r) as number) ** (b(r) as number);
      case "mod":
        return (r) => (a(r) as number) % (b(r) as number);
      case "smaller":
        return (r) => a(r) < b(r);
      case "larger":
        return (r) => a(r) > b(r);
      case "smallerEq":
        return (r) => a(r) <= b(r);
      case "largerEq":
        return (r) => a(r) >= b(r);
      case "equal":
        return (r) => a(r) === b(r);
      case "unequal":
        return (r) => a(r) !== b(r);
      case "and":
        return (r) => a(r) && b(r);
      default:
        return (r) => a(r) || b(r);
    }
  };
  const build = (node: MathNode): Evaluator => {
    const any = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case "ConstantNode": {
        const value = any["value"] as number;
        return () => value;
      }
      case "SymbolNode": {
        const slot = slots.get(any["name"] as string)!;
        return (r) => r(slot);
      }
      case "ParenthesisNode":
        return build(any["content"] as MathNode);
      case "OperatorNode": {
        const fn = any["fn"] as string;
        const args = (any["args"] as MathNode[]).map(build);
        if (args.length === 2) return binary(fn, args[0]!, args[1]!);
        const a = args[0]!;
        return fn === "unaryMinus" ? (r) => -(a(r) as number) : fn === "unaryPlus" ? (r) => +a(r) : (r) => !a(r);
      }
      case "RelationalNode": {
        const params = (any["params"] as MathNode[]).map(build);
        const parts = (any["conditionals"] as string[]).map((op, i) => binary(op, params[i]!, params[i + 1]!));
        return (r) => {
          let value: Value = true;
          for (const part of parts) if (!(value = part(r))) return value;
          return value;
        };
      }
      case "ConditionalNode": {
        const [condition, yes, no] = [any["condition"], any["trueExpr"], any["falseExpr"]].map((n) => build(n as MathNode)) as [Evaluator, Evaluator, Evaluator];
        return (r) => (condition(r) ? yes(r) : no(r));
      }
      default: {
        // A FunctionNode (the only other node a checked expression holds).
        const index = functionNames.indexOf((any["fn"] as { name: string }).name);
        const fn = functions[index]!;
        const nodes = any["args"] as MathNode[];
        const keys = (fn as Partial<KeyedFunction>).stringKeys;
        if (keys !== undefined) {
          const value = keys.get((nodes[0] as MathNode & { value: string }).value)!;
          return () => value;
        }
        const args = nodes.map(build);
        return (r) => fn(...args.map((arg) => arg(r) as number));
      }
    }
  };
  const body = build(root);
  return (read) => +body(read);
}
