import { describe, expect, it } from "vitest";
import { withCodeGenerationRefused } from "../helpers/code-generation-refused.js";
import fc from "fast-check";
import { compileContextAssignments, compileContextExpression, compileExpression, compileLazyExpression, compileStoringExpression, expressionSymbols } from "../../src/files/expression.js";
import { thrown as errorOf } from "../helpers/thrown.js";
import { MODEL_FILE_FUNCTIONS } from "../../src/files/expression-env.js";


describe("compileExpression", () => {
  const scope = { names: ["pDeath", "rProgress", "cDrug", "cycle"] };

  it("compileExpression(text, scope).evaluate(values) computes arithmetic with precedence", () => {
    const expression = compileExpression("(1 - pDeath) * cDrug + 2^3 - -cycle / 2", scope);
    expect(expression.evaluate([0.1, 0, 1000, 4])).toBe(0.9 * 1000 + 8 + 2);
    expect(expression.symbols).toEqual(["pDeath", "cDrug", "cycle"]);
  });

  it("compileExpression supports conditionals, chained comparisons, logic and built-in functions", () => {
    const names = ["a", "b", "c"];
    expect(compileExpression("a < b ? exp(0) : log(100, 10)", { names }).evaluate([1, 2, 0])).toBe(1);
    expect(compileExpression("1 < a <= 3", { names }).evaluate([3, 0, 0])).toBe(1);
    expect(compileExpression("1 < a <= 3", { names }).evaluate([4, 0, 0])).toBe(0);
    expect(compileExpression("a and not b", { names }).evaluate([1, 0, 0])).toBe(1);
    expect(compileExpression("max(a, b, c) + min(a, b) + abs(-c) + sqrt(4)", { names }).evaluate([1, 5, -2])).toBe(5 + 1 + 2 + 2);
    // mathjs reads `x + 50%` as x + x·50% (percentage addition), and so do compiled expressions.
    expect(compileExpression("a mod b + 50%", { names }).evaluate([7, 4, 0])).toBe(3 + 3 * 0.5);
    expect(compileExpression("b * 3%", { names }).evaluate([0, 200, 0])).toBeCloseTo(6, 12);
  });

  it("compileExpression calls functions supplied in the scope", () => {
    const rateToProbability = (rate: number, cycleLength = 1) => 1 - Math.exp(-rate * cycleLength);
    const expression = compileExpression("rateToProbability(rProgress, 1/12)", { ...scope, functions: { rateToProbability } });
    expect(expression.evaluate([0, 0.12, 0, 0])).toBeCloseTo(1 - Math.exp(-0.01), 15);
  });

  it("compileExpression reports an unknown name with the closest known name and the path", () => {
    const error = errorOf(() => compileExpression("pDaeth * 2", scope, ["strategies", "panel", "transitions", "PFS", "Dead"]));
    expect(error.code).toBe("unknown_parameter");
    expect(error.path).toEqual(["strategies", "panel", "transitions", "PFS", "Dead"]);
    expect(error.message).toContain("did you mean 'pDeath'?");
  });

  it("compileExpression reports every problem of an expression at once", () => {
    const error = errorOf(() => compileExpression("foo + bar(1)", scope));
    expect(error.issues.map((issue) => issue.code)).toEqual(["unknown_parameter", "unknown_parameter"]);
  });

  it("compileExpression rejects anything that is not numeric arithmetic (no code can run from a file)", () => {
    for (const text of ["x = 3", "f(x) = x", "'text'", "[1, 2]", "cDrug.constructor", "cDrug[1]", "import({})", "evaluate('1')", "{a: 1}", "1:3", "x!"]) {
      const error = errorOf(() => compileExpression(text, scope));
      expect(["parse_error", "unknown_parameter"]).toContain(error.code);
    }
  });

  it("compileExpression says what a constant it refuses is: an empty expression, NaN, Infinity, text", () => {
    // JSON.stringify used to write NaN and Infinity as "null", and "" as "undefined".
    const messages = ["", "NaN", "1e999", "'text'"].map((text) => errorOf(() => compileExpression(text, scope)));
    expect(messages.map((error) => [error.code, error.message])).toEqual([
      ["parse_error", 'the expression is empty in ""'],
      ["parse_error", 'only finite numbers are allowed as constants (found NaN) in "NaN"'],
      ["parse_error", 'only finite numbers are allowed as constants (found Infinity) in "1e999"'],
      ["parse_error", `only finite numbers are allowed as constants (found "text") in "'text'"`],
    ]);
  });

  it("compileExpression reports a syntax error as parse_error", () => {
    expect(errorOf(() => compileExpression("(1 +", scope)).code).toBe("parse_error");
  });

  it("property: compiled arithmetic equals the same arithmetic in JavaScript", () => {
    const expression = compileExpression("a * b - c / (1 + abs(a)) + exp(-abs(b))", { names: ["a", "b", "c"] });
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b, c) => {
        const expected = a * b - c / (1 + Math.abs(a)) + Math.exp(-Math.abs(b));
        return Object.is(expression.evaluate([a, b, c]), expected);
      }),
    );
  });
});

describe("compileLazyExpression", () => {
  it("compileLazyExpression(text, scope).evaluate(getters, context) reads a variable only when evaluation reaches it", () => {
    const reads: string[] = [];
    const getter = (name: string, value: number) => () => (reads.push(name), value);
    const expression = compileLazyExpression("treated and cycle <= 2 ? rr : 1", { names: ["treated", "cycle", "rr"] });
    expect(expression.symbols).toEqual(["treated", "cycle", "rr"]);
    expect(expression.evaluate([getter("treated", 0), getter("cycle", 1), getter("rr", 0.5)], undefined)).toBe(1);
    expect(reads).toEqual(["treated"]);
    reads.length = 0;
    expect(expression.evaluate([getter("treated", 1), getter("cycle", 1), getter("rr", 0.5)], undefined)).toBe(0.5);
    expect(reads).toEqual(["treated", "cycle", "rr"]);
  });

  it("compileLazyExpression gives the same numbers as compileExpression", () => {
    const names = ["a", "b", "c"];
    const text = "a * b - c / (1 + abs(a)) + exp(-abs(b)) + (a > b ? a : b)";
    const eager = compileExpression(text, { names });
    const lazy = compileLazyExpression<readonly number[]>(text, { names });
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b, c) => {
        const values = [a, b, c];
        return Object.is(lazy.evaluate([(v) => v[0]!, (v) => v[1]!, (v) => v[2]!], values), eager.evaluate(values));
      }),
    );
  });

  it("compileLazyExpression rejects code the same way (import, evaluate, property access, assignment, function definition)", () => {
    for (const text of ["import({})", "evaluate('1')", "a.constructor", "a['constructor']", "a = 1", "f(x) = x", "parse('1')", "[a]"]) {
      const error = errorOf(() => compileLazyExpression(text, { names: ["a"] }));
      expect(["parse_error", "unknown_parameter"]).toContain(error.code);
    }
  });
});

describe("expressionSymbols and compileContextExpression", () => {
  it("expressionSymbols lists the names in order of first use and rejects what compileExpression rejects", () => {
    expect(expressionSymbols("b * a + b", { names: ["a", "b"] })).toEqual(["b", "a"]);
    expect(errorOf(() => expressionSymbols("a + cDurg", { names: ["a", "cDrug"] })).issues[0]!.code).toBe("unknown_parameter");
    expect(errorOf(() => expressionSymbols("a.constructor", { names: ["a"] })).issues[0]!.code).toBe("parse_error");
  });

  it("compileContextExpression reads strings as properties and calls getters, only when reached", () => {
    const read = compileContextExpression<Record<string, number>>("a > 0 ? a * k : b", { names: ["a", "k", "b"] }, ["a", () => 10, () => { throw new Error("not read"); }]);
    expect(read!({ a: 2 })).toBe(20);
  });

  it("compileContextExpression returns undefined once code generation is refused (a content security policy), so the caller takes the lazy form", async () => {
    await withCodeGenerationRefused(
      () => import("../../src/files/expression.js"),
      (fresh) => expect(fresh.compileContextExpression<Record<string, number>>("a + 1", { names: ["a"] }, ["a"])).toBeUndefined(),
    );
  });
});

describe("compileContextAssignments", () => {
  const SOURCES = ["a * k + b", "a > 0 ? a / k : b", "min(a, b) - k", "log(a) * b", "rateToProbability(a, k)", "-a", "a and b"];
  const scope = { names: ["a", "k", "b"], functions: MODEL_FILE_FUNCTIONS };

  it("writes each cell's number, bit for bit the value compileContextExpression gives, in the cells' order (fast-check, NaN, ±0 and ∞ included)", () => {
    let calls = 0;
    const readers = ["a", () => (calls++, 3), "b"] as const;
    const rows = [{} as Record<string, number>, {} as Record<string, number>];
    const cells = [...SOURCES.map((source, i) => ({ target: i % 2, key: `c${i}`, source })), { target: 1, key: "constant", value: -0 }];
    const write = compileContextAssignments<Record<string, number>>(cells, scope, readers, rows)!;
    const alone = SOURCES.map((source) => compileContextExpression<Record<string, number>>(source, scope, readers)!);
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, 0.5, 2, Number.NaN, Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(value, value, (a, b) => {
        write({ a, b });
        SOURCES.forEach((_, i) => expect(Object.is(rows[i % 2]![`c${i}`], alone[i]!({ a, b }))).toBe(true));
        expect(Object.is(rows[1]!["constant"], -0)).toBe(true);
      }),
    );
    // Getters are called only when evaluation reaches them, as in the per-cell functions.
    calls = 0;
    compileContextAssignments<Record<string, number>>([{ target: 0, key: "x", source: "a > 0 ? k : 0" }], scope, readers, rows)!({ a: -1, b: 0 });
    expect(calls).toBe(0);
  });

  it("gives undefined (the caller's per-cell path) for a __proto__ key, a cell that does not compile, or when code generation is refused", async () => {
    expect(compileContextAssignments([{ target: 0, key: "__proto__", source: "a" }], scope, ["a", "k", "b"], [{}])).toBeUndefined();
    expect(compileContextAssignments([{ target: 0, key: "x", source: "a + nope" }], scope, ["a", "k", "b"], [{}])).toBeUndefined();
    await withCodeGenerationRefused(
      () => import("../../src/files/expression.js"),
      (fresh) => expect(fresh.compileContextAssignments([{ target: 0, key: "x", source: "a + 1" }], scope, ["a", "k", "b"], [{}])).toBeUndefined(),
    );
  });
});

describe("expressions when code generation is refused (a content security policy)", () => {
  const names = ["a", "b", "c"];
  const sources = [
    "a * b + c",
    "(1 - a) * rateToProbability(b) / 2 ^ c",
    "a > b ? c : a / b",
    "a <= 0.5 and b > 0.5 ? applyHazardRatio(a, c) : 1 - a",
    "max(a, b) ^ 2 - min(b, c) % 3",
    "-a + +b - log(c + 1, 10) + log(abs(c) + 2)",
    "0 < a < b <= c",
    "not (a == b) or c != 2",
    "a and b",
    "a or b",
    '2 * price("NGS") + a',
  ];
  const price = Object.assign(() => Number.NaN, { stringKeys: new Map([["NGS", 12_000]]) });
  const functions = { ...MODEL_FILE_FUNCTIONS, price };

  it("compileExpression, compileLazyExpression and compileStoringExpression (one point, or a run over state times) interpret the checked tree: the generated code's numbers bit for bit, getters read only when reached", async () => {
    // A run over state times k = 0 … 3: b is k, c is k + 1 (a stays as given).
    const run = { stateTime: [1], stateTimePlusOne: [2] };
    const { fresh, refusedEager, refusedLazy, refusedStoring, refusedRuns } = await withCodeGenerationRefused(
      () => import("../../src/files/expression.js"),
      async (fresh) => {
        const refused = {
          fresh,
          refusedEager: sources.map((source) => fresh.compileExpression(source, { names, functions })),
          refusedLazy: sources.map((source) => fresh.compileLazyExpression<number[]>(source, { names, functions })),
          refusedStoring: sources.map((source) => fresh.compileStoringExpression(source, { names, functions })),
          refusedRuns: sources.map((source) => fresh.compileStoringExpression(source, { names, functions }, [], run)),
        };
        expect((await import("../../src/core/generated-function.js")).codeGenerationRefused()).toBe(true);
        return refused;
      },
    );
    const eager = sources.map((source) => compileExpression(source, { names, functions }));
    const lazy = sources.map((source) => compileLazyExpression<number[]>(source, { names, functions }));
    const storing = sources.map((source) => compileStoringExpression(source, { names, functions }));
    const runs = sources.map((source) => compileStoringExpression(source, { names, functions }, [], run));
    const out = new Float64Array(3);
    const runOut = new Float64Array(6);
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, 0.5, 2, Number.NaN, Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        const values = [a, b, c];
        sources.forEach((_, i) => {
          expect(Object.is(refusedEager[i]!.evaluate(values), eager[i]!.evaluate(values))).toBe(true);
          // The storing form sets out[at] to evaluate's number (a Float64Array keeps −0 and NaN), generated or interpreted, and nothing else.
          out.fill(7);
          storing[i]!(Float64Array.from(values), out, 1, 1);
          refusedStoring[i]!(Float64Array.from(values), out, 2, 1);
          expect(out[0]).toBe(7);
          expect(Object.is(out[1], eager[i]!.evaluate(values))).toBe(true);
          expect(Object.is(out[2], eager[i]!.evaluate(values))).toBe(true);
          // A run stores evaluate's number at each state time, with its slots set to k and k + 1, in out[at …] only.
          for (const form of [runs[i]!, refusedRuns[i]!]) {
            runOut.fill(7);
            form(Float64Array.from(values), runOut, 1, 4);
            expect([runOut[0], runOut[5]]).toEqual([7, 7]);
            for (let k = 0; k < 4; k++) expect(Object.is(runOut[1 + k], eager[i]!.evaluate([a, k, k + 1]))).toBe(true);
          }
          const getters = refusedLazy[i]!.symbols.map((name) => (v: number[]) => v[names.indexOf(name)]!);
          expect(Object.is(refusedLazy[i]!.evaluate(getters, values), lazy[i]!.evaluate(lazy[i]!.symbols.map((name) => (v: number[]) => v[names.indexOf(name)]!), values))).toBe(true);
        });
      }),
    );
    const unreached = fresh.compileLazyExpression<undefined>("a > 0 ? a : b", { names: ["a", "b"] });
    expect(unreached.evaluate([() => 1, () => { throw new Error("not read"); }], undefined)).toBe(1);
  });
});
