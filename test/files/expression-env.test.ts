// compileValue: a bare parameter name reads the parameter (coerced to a number as the compiled
// expression would), names that need quoting are read correctly by the generated getters, and a
// name with its own getter (a strategy variable) takes that getter.
import { describe, expect, it } from "vitest";
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
