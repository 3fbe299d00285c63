import { vi } from "vitest";

/**
 * Runs `body` on fresh copies of the modules `load` imports, with code generation refused as under a
 * content security policy without 'unsafe-eval' (`Function` throws an EvalError), and returns what it
 * returns. The copies are imported before `Function` is refused (errors.ts keeps Function.prototype's
 * instanceof at import); the generated paths they reach afterwards find code generation refused and
 * stay interpreted. Afterwards `Function` is restored and the module registry reset: test files share
 * modules (isolate: false), so later files must not import the refused copies.
 */
export async function withCodeGenerationRefused<M, T>(load: () => Promise<M>, body: (fresh: M) => T | Promise<T>): Promise<T> {
  vi.resetModules();
  const fresh = await load();
  vi.stubGlobal("Function", function refused(): never {
    throw new EvalError("Code generation from strings disallowed for this context");
  });
  try {
    return await body(fresh);
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
}

/**
 * A fresh copy of the whole library (`src/index.ts`) whose code generation was refused: it stays
 * refused, so every generated path of the copy runs interpreted, for comparing with the live library.
 */
export async function refusedLibraryCopy(): Promise<typeof import("../../src/index.js")> {
  return withCodeGenerationRefused(
    async () => ({ fresh: await import("../../src/index.js"), generation: await import("../../src/core/generated-function.js") }),
    ({ fresh, generation }) => {
      generation.generatedFunction(["x"], "return x;");
      if (!generation.codeGenerationRefused()) throw new Error("code generation was not refused");
      return fresh;
    },
  );
}
