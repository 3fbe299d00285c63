// Tests must be silent: a stray console call is usually a forgotten debug print or a
// library warning that deserves an assertion of its own (zod's convention).
import { beforeEach, vi } from "vitest";

beforeEach(() => {
  for (const method of ["log", "warn", "error", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`unexpected console.${method} in a test: ${args.map(String).join(" ")}`);
    });
  }
});
