// QalyError is recognised by `instanceof` whichever copy of src/core/errors.ts made it: the bundled
// command line carries its own copy while a project module throws the library's (issue 20, item 5).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QalyError, type Issue } from "../../src/core/errors.js";

const ISSUE: Issue = { code: "invalid_parameter", path: ["parameters", "x"], message: "x must be positive" };
const BRAND = Symbol.for("qaly.QalyError");

type ErrorsModule = typeof import("../../src/core/errors.js");
let work: string;
let foreign: ErrorsModule;

beforeAll(async () => {
  // A second copy of the module, as a bundle or another installed qaly would hold: same source, its own class.
  work = mkdtempSync(join(tmpdir(), "qaly-errors-copy-"));
  const file = join(work, "errors.mjs");
  writeFileSync(file, transformSync(readFileSync(new URL("../../src/core/errors.ts", import.meta.url), "utf8"), { loader: "ts", format: "esm" }).code);
  foreign = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ErrorsModule;
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("QalyError across copies of the module", () => {
  it("the second copy is a different class", () => {
    expect(foreign.QalyError).not.toBe(QalyError);
  });

  it("recognises an error of the other copy, both ways, with its name, code, path and issues", () => {
    const theirs = new foreign.QalyError([ISSUE]);
    expect(theirs instanceof QalyError).toBe(true);
    expect(new QalyError([ISSUE]) instanceof foreign.QalyError).toBe(true);
    // What the command line reads from it.
    const seen = theirs as unknown as QalyError;
    expect([seen.name, seen.code, seen.path, seen.issues, seen.message]).toEqual(["QalyError", "invalid_parameter", ["parameters", "x"], [ISSUE], "parameters.x: x must be positive"]);
  });

  it("recognises the errors thrown by the other copy's fail()", () => {
    let caught: unknown;
    try {
      foreign.fail("non_finite_value", ["wtp"], "must be finite");
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof QalyError).toBe(true);
    expect((caught as QalyError).code).toBe("non_finite_value");
  });

  it("recognises a plain Error carrying the brand and issues, and nothing without both", () => {
    expect(Object.assign(new Error("x"), { [BRAND]: true, issues: [ISSUE] }) instanceof QalyError).toBe(true);
    expect(Object.assign(new Error("x"), { [BRAND]: true }) instanceof QalyError).toBe(false);
    expect(Object.assign(new Error("x"), { issues: [ISSUE] }) instanceof QalyError).toBe(false);
    expect(Object.assign(new Error("x"), { [BRAND]: "yes", issues: [ISSUE] }) instanceof QalyError).toBe(false);
    expect(new Error("x") instanceof QalyError).toBe(false);
    expect(new TypeError("x") instanceof QalyError).toBe(false);
  });

  it("never throws and is false for any value that is not an error of some copy", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(value instanceof QalyError).toBe(false);
      }),
    );
  });

  it("keeps instanceof of a subclass to that subclass and its instances to QalyError and Error", () => {
    class Special extends QalyError {}
    const special = new Special([ISSUE]);
    expect(special instanceof Special).toBe(true);
    expect(special instanceof QalyError).toBe(true);
    expect(special instanceof Error).toBe(true);
    expect(new QalyError([ISSUE]) instanceof Special).toBe(false);
    expect(new foreign.QalyError([ISSUE]) instanceof Special).toBe(false);
  });

  it("adds no own property: an error compares and serialises as before", () => {
    const error = new QalyError([ISSUE]);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(Object.keys(error).sort()).toEqual(["issues", "name"]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "QalyError", issues: [ISSUE] });
  });
});
