// Tests must be silent: a stray console call is usually a forgotten debug print or a
// library warning that deserves an assertion of its own (zod's convention).
import fc from "fast-check";
import { beforeEach, vi } from "vitest";

beforeEach(() => {
  for (const method of ["log", "warn", "error", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`unexpected console.${method} in a test: ${args.map(String).join(" ")}`);
    });
  }
});

// Property tests run from a fixed seed so that CI is deterministic; set QALY_FC_SEED to explore
// other seeds locally (a failure prints its seed and counterexample).
fc.configureGlobal({ seed: Number(process.env.QALY_FC_SEED ?? 20261125) });
