import { afterEach, describe, expect, it, vi } from "vitest";

type Module = typeof import("../../src/core/generated-function.js");
const fresh = async (): Promise<Module> => {
  vi.resetModules();
  return import("../../src/core/generated-function.js");
};

afterEach(() => {
  vi.unstubAllGlobals();
  // Test files share modules (isolate: false): a later file must not import this refused copy.
  vi.resetModules();
});

describe("generatedFunction", () => {
  it("compiles the parameters and body given", async () => {
    const { generatedFunction, codeGenerationRefused } = await fresh();
    const add = generatedFunction<(a: number, b: number) => number>(["a", "b"], '"use strict"; return a + b;');
    expect(add?.(2, 3)).toBe(5);
    expect(codeGenerationRefused()).toBe(false);
  });

  it("returns undefined, and from then on, once code generation is refused (a CSP without 'unsafe-eval')", async () => {
    const { generatedFunction, codeGenerationRefused } = await fresh();
    vi.stubGlobal("Function", function refused(): never {
      throw new EvalError("Code generation from strings disallowed for this context");
    });
    expect(generatedFunction(["a"], "return a;")).toBeUndefined();
    expect(codeGenerationRefused()).toBe(true);
    vi.unstubAllGlobals();
    // Refused for good: no second attempt for every later model or draw.
    expect(generatedFunction(["a"], "return a;")).toBeUndefined();
  });
});
