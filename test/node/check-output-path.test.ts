import { afterAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkOutputFile, checkOutputFolder } from "../../src/node/check-output-path.js";
import { qaly } from "../cli/run-in-process.js";

const root = mkdtempSync(join(tmpdir(), "qaly-out-"));
const aFile = join(root, "a-file");
writeFileSync(aFile, "x");
afterAll(() => rmSync(root, { recursive: true, force: true }));
const model = fileURLToPath(new URL("../fixtures/trust/budget/valid-markov.yaml", import.meta.url));

describe("output paths are checked before any work", () => {
  it("checkOutputFolder creates missing folders and refuses a file or a path through a file", () => {
    expect(checkOutputFolder(join(root, "new", "deeper"), ["out"])).toBe(join(root, "new", "deeper"));
    expect(existsSync(join(root, "new", "deeper"))).toBe(true);
    expect(() => checkOutputFolder(aFile, ["out"])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["out"] }));
    expect(() => checkOutputFolder(join(aFile, "sub"), ["out"])).toThrow(/a part of the path is a file/);
  });

  it("checkOutputFile refuses a folder and a path through a file, and never hangs under /proc", () => {
    expect(() => checkOutputFile(root, ["report"])).toThrow(/it is a folder/);
    expect(() => checkOutputFile(join(aFile, "r.html"), ["report"])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["report"] }));
    expect(() => checkOutputFolder("/proc/qaly-out-test", ["out"])).toThrow(expect.objectContaining({ code: "invalid_argument" }));
    expect(checkOutputFile(join(root, "r", "report.html"), ["report"])).toBe(join(root, "r", "report.html"));
  });

  it("qaly run --out <a file> and --report <a folder> fail with exit code 1 and print no summary", async () => {
    const out = await qaly("run", model, "--out", aFile);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/invalid_argument: cannot write results into .*a-file: it is a file, not a folder/);
    const report = await qaly("run", model, "--report", root);
    expect(report.code).toBe(1);
    expect(report.stdout).toBe("");
    expect(report.stderr).not.toMatch(/unexpected error|    at /);
  });

  it("qaly run --psa 1e12 fails with resource_limit; --max-memory and --max-work are decimal numbers > 0", async () => {
    const big = await qaly("run", model, "--psa", "1e12");
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/resource_limit: a PSA of 1\.0e12 draws/);
    expect((await qaly("run", model, "--psa", "5", "--max-memory", "0x10")).code).toBe(2);
    expect((await qaly("run", model, "--psa", "5", "--max-work", "-1")).code).toBe(2);
    expect((await qaly("validate", model, "--psa", "2000", "--max-memory", "0.01")).stderr).toMatch(/resource_limit/);
  });
  it("a folder that another process creates after it was found missing (shards of a job array started together) is taken as it is; a file there is still refused", async () => {
    // Last in this file: it resets the module registry, and a later test here would mix fresh and old copies
    // (the CLI imports its commands lazily). node:fs's mkdirSync made to lose that race every time: the "other process" makes the level first (a folder, or a file).
    const fs = await vi.importActual<typeof import("node:fs")>("node:fs");
    const racing = async (other: (level: string) => void) => {
      vi.resetModules();
      vi.doMock("node:fs", () => ({ ...fs, mkdirSync: (level: string) => (other(level), fs.mkdirSync(level)) }));
      return (await import("../../src/node/check-output-path.js")).checkOutputFolder;
    };
    try {
      const lost = await racing((level) => fs.mkdirSync(level));
      expect(lost(join(root, "raced", "shards"), ["out"])).toBe(join(root, "raced", "shards"));
      const file = await racing((level) => fs.writeFileSync(level, "x"));
      expect(() => file(join(root, "raced-file"), ["out"])).toThrow(expect.objectContaining({ code: "invalid_argument", message: expect.stringContaining("EEXIST") }));
    } finally {
      vi.doUnmock("node:fs");
      vi.resetModules();
    }
  });

});
