import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { QalyError } from "../../src/core/errors.js";
import { dataReader, loadModel } from "../../src/node/load-model.js";
import { readRegularFile } from "../../src/node/read-regular-file.js";

// Issue 19, file-access policy: a model file reads only regular files inside its own folder (after
// symbolic links are resolved) or bundled data. The hostile references are fixtures in
// test/fixtures/trust/file-access/; links and FIFOs cannot be committed portably, so they are made
// here in a copy of the folder. Every refusal is checked not to show the file's content.

const fixtures = fileURLToPath(new URL("../fixtures/trust/file-access/", import.meta.url));
const SECRET = "TOP-SECRET-LINE-4711";
let folder: string;
let outside: string;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), "qaly-access-"));
  folder = join(root, "model");
  outside = join(root, "outside.csv");
  cpSync(fixtures, folder, { recursive: true });
  writeFileSync(outside, `response,cost\n${SECRET},1\n`);
  symlinkSync(outside, join(folder, "link-out.csv"));
  symlinkSync(join(folder, "care-costs.csv"), join(folder, "link-in.csv"));
  symlinkSync(root, join(folder, "up"));
  execFileSync("mkfifo", [join(folder, "pipe.csv")]);
});
afterAll(() => rmSync(join(folder, ".."), { recursive: true, force: true }));

async function loadError(file: string): Promise<QalyError> {
  const error = await loadModel(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(QalyError);
  expect((error as QalyError).message).not.toContain(SECRET);
  expect((error as QalyError).message).not.toContain("root:");
  return error as QalyError;
}

function readError(read: () => unknown): QalyError {
  let caught: unknown;
  try {
    read();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(QalyError);
  expect((caught as QalyError).message).not.toContain(SECRET);
  return caught as QalyError;
}

describe("model-folder policy of loadModel and dataReader", () => {
  it.each(["absolute-path", "parent-folder", "backslash", "url", "proc-file"])("loadModel(%s.yaml) fails with file_not_allowed at tables.careCost.file before reading", async (name) => {
    const error = await loadError(join(fixtures, `${name}.yaml`));
    expect(error.issues[0]).toMatchObject({ code: "file_not_allowed", path: ["tables", "careCost", "file"] });
  });

  it("dataReader(folder) refuses a symbolic link that leads outside the folder, and a path through a linked folder", () => {
    const read = dataReader(folder);
    expect(readError(() => read("link-out.csv"))).toMatchObject({ code: "file_not_allowed", path: ["file", "link-out.csv"] });
    expect(readError(() => read("up/outside.csv")).code).toBe("file_not_allowed");
    expect(read("link-in.csv")).toContain("response");
  });

  it("dataReader(folder) refuses a FIFO without blocking, and absolute and '..' paths even when called directly", () => {
    const read = dataReader(folder);
    expect(readError(() => read("pipe.csv")).code).toBe("file_not_allowed");
    expect(readError(() => read("/etc/passwd")).code).toBe("file_not_allowed");
    expect(readError(() => read("../outside.csv")).code).toBe("file_not_allowed");
    expect(readError(() => read("missing.csv")).code).toBe("file_not_found");
  });

  it("dataReader(folder, maxBytes) refuses a larger file with resource_limit", () => {
    expect(readError(() => dataReader(folder, 10)("care-costs.csv"))).toMatchObject({ code: "resource_limit", path: ["file", "care-costs.csv"] });
  });

  it("loadModel(model whose table is a link out of the folder) reports file_not_allowed at the table, without its content", async () => {
    const text = (await import("node:fs")).readFileSync(join(fixtures, "absolute-path.yaml"), "utf8").replace("file: /etc/passwd", "file: link-out.csv");
    writeFileSync(join(folder, "linked.yaml"), text);
    const error = await loadError(join(folder, "linked.yaml"));
    expect(error.issues[0]).toMatchObject({ code: "file_not_allowed", path: ["tables", "careCost", "file"] });
  });
});

describe("readRegularFile", () => {
  it("readRegularFile refuses /dev/zero, a folder and a /proc file with file_not_allowed", () => {
    expect(readError(() => readRegularFile("/dev/zero", 1e6, ["file"])).code).toBe("file_not_allowed");
    expect(readError(() => readRegularFile(folder, 1e6, ["file"])).code).toBe("file_not_allowed");
    expect(readError(() => readRegularFile("/proc/self/environ", 1e6, ["file"])).code).toBe("file_not_allowed");
  });

  it("loadModel(a FIFO, /dev/zero) fails with file_not_allowed instead of hanging", async () => {
    expect((await loadError(join(folder, "pipe.csv"))).code).toBe("invalid_argument");
    const fifo = join(folder, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    expect((await loadError(fifo)).code).toBe("file_not_allowed");
  });
});
