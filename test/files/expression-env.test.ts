// compileValue: a bare parameter name reads the parameter (coerced to a number as the compiled
// expression would), names that need quoting are read correctly by the generated getters, and a
// name with its own getter (a strategy variable) takes that getter. The generated reader of an
// expression (parameters read as properties) gives the lazy form's numbers bit for bit, and is shared
// by every place with the same text over parameters only.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withCodeGenerationRefused } from "../helpers/code-generation-refused.js";
import fc from "fast-check";
import { compileLazyExpression, type VariableGetter } from "../../src/files/expression.js";
import { compileValue, MODEL_FILE_FUNCTIONS, type Env, type Getter } from "../../src/files/expression-env.js";
import type { Issue } from "../../src/core/errors.js";

function env(names: string[], getters: [string, Getter][] = []): Env {
  return { names: [...names, ...getters.map(([n]) => n)], getters: new Map(getters), functions: MODEL_FILE_FUNCTIONS };
}

function compile(source: string, e: Env): Getter {
  const issues: Issue[] = [];
  const value = compileValue(source, e, ["x"], issues);
  expect(issues).toEqual([]);
  if (typeof value === "number") throw new Error("expected a getter");
  return value;
}

describe("compileValue", () => {
  it("reads a bare parameter name, with or without spaces around it, and gives the same numbers as the full expression path", () => {
    const e = env(["cNgs", "pTreat"]);
    const params = { cNgs: 12000, pTreat: 0.8 };
    expect(compile("cNgs", e)(params)).toBe(12000);
    expect(compile(" pTreat ", e)(params)).toBe(0.8);
    expect(compile("(cNgs)", e)(params)).toBe(12000);
    expect(compile("cNgs * pTreat", e)(params)).toBe(12000 * 0.8);
  });

  it("coerces as the compiled expression does: a missing value reads as NaN, a boolean as 0 or 1", () => {
    const e = env(["a"]);
    expect(compile("a", e)({} as Record<string, number>)).toBeNaN();
    expect(compile("a", e)({ a: true } as unknown as Record<string, number>)).toBe(1);
  });

  it("takes a name's own getter (a strategy variable) before the parameter of that name", () => {
    const e = env([], [["mPfs", () => 7]]);
    expect(compile("mPfs", e)({ mPfs: 3 })).toBe(7);
    expect(compile("log(2) / mPfs", e)({})).toBe(Math.log(2) / 7);
  });
});

describe("compileValue's generated reader (parameters read as properties of the draw's values)", () => {
  const names = ["a", "b", "c"];
  const sources = ["a", "a * b + c", "(1 - a) * rateToProbability(b)", "a > b ? c : a / b", "a <= 0.5 and b > 0.5 ? applyHazardRatio(a, c) : 1 - a", "max(a, b) ^ 2 - min(b, c) % 3", "-a + +b - log(c + 1)"];

  it("gives, bit for bit, the numbers of the lazy form with one getter per name", () => {
    const e = env(["a", "b"], [["c", (p) => 2 * p["a"]! + 1]]);
    const lazy = sources.map((source) => {
      const compiled = compileLazyExpression<Readonly<Record<string, number>>>(source, { names, functions: MODEL_FILE_FUNCTIONS });
      const getters: VariableGetter<Readonly<Record<string, number>>>[] = [(p) => p["a"]!, (p) => p["b"]!, (p) => 2 * p["a"]! + 1];
      return (p: Readonly<Record<string, number>>) => compiled.evaluate(compiled.symbols.map((name) => getters[names.indexOf(name)]!), p);
    });
    const direct = sources.map((source) => compile(source, e));
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.double({ min: 0, max: 1 }), (a, b) => {
        const params = { a, b };
        sources.forEach((_, i) => expect(Object.is(direct[i]!(params), lazy[i]!(params))).toBe(true));
      }),
    );
  });

  it("is one function per text over parameters only (a tree evaluates a repeated input once), and a new one where a name has a getter or the function table differs", () => {
    const e = env(["a", "b"], [["c", () => 3]]);
    expect(compile("a * b", e)).toBe(compile("a * b", env(["b", "a", "z"])));
    expect(compile("a * b", e)({ a: 2, b: 5 })).toBe(10);
    expect(compile("a * c", e)).not.toBe(compile("a * c", e));
    expect(compile("a * b", e)).not.toBe(compile("a * b", { ...e, functions: { ...MODEL_FILE_FUNCTIONS } }));
  });

  it("calls a name's getter only when evaluation reaches it", () => {
    let calls = 0;
    const e = env(["a"], [["late", () => (calls++, 5)]]);
    const read = compile("a > 0 ? a : late", e);
    expect(read({ a: 2 })).toBe(2);
    expect(calls).toBe(0);
    expect(read({ a: -1 })).toBe(5);
    expect(calls).toBe(1);
  });

  it("reads names that need quoting and coerces as before (a missing parameter is NaN, a boolean 0 or 1)", () => {
    const e = env(["pé", "x"]);
    expect(compile("pé * 2", e)({ pé: 0.25 })).toBe(0.5);
    expect(compile("x + 1", e)({} as Record<string, number>)).toBeNaN();
    expect(compile("x * 1", e)({ x: true } as unknown as Record<string, number>)).toBe(1);
  });
});

describe("a model file compiled when code generation is refused (a content security policy)", () => {
  it("compiles and evaluates Sick-Sicker's base case to the same numbers as with generated code", async () => {
    const text = readFileSync(new URL("../../models/sick-sicker/model.yaml", import.meta.url), "utf8");
    const { compileModelFile } = await import("../../src/files/compile-model-file.js");
    const { runBaseCase } = await import("../../src/analysis/run/run-base-case.js");
    const normal = compileModelFile(text, { fileName: "model.yaml" });
    const expected = runBaseCase(normal.model, normal.parameters, normal.outcomes).values;
    await withCodeGenerationRefused(
      async () => ({ fresh: await import("../../src/files/compile-model-file.js"), base: await import("../../src/analysis/run/run-base-case.js") }),
      async ({ fresh, base }) => {
        const project = fresh.compileModelFile(text, { fileName: "model.yaml" });
        expect(base.runBaseCase(project.model, project.parameters, project.outcomes).values).toEqual(expected);
        expect((await import("../../src/core/generated-function.js")).codeGenerationRefused()).toBe(true);
      },
    );
  });
});
