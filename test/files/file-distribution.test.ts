import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors.js";
import { fileDistribution } from "../../src/files/file-distribution.js";

const PATH = ["parameters", "p", "distribution"];

function issuesOf(spec: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  expect(fileDistribution(spec as never, PATH, issues)).toBeUndefined();
  return issues;
}

describe("fileDistribution", () => {
  it("builds a distribution from natural parameters or a fitting form", () => {
    const issues: Issue[] = [];
    expect(fileDistribution({ kind: "gamma", mean: 100, se: 10 }, PATH, issues)!.mean()).toBeCloseTo(100, 12);
    expect(fileDistribution({ kind: "beta", alpha: 2, beta: 8 }, PATH, issues)!.mean()).toBeCloseTo(0.2, 15);
    expect(issues).toEqual([]);
  });

  it("names the forms a kind takes when the keys match none", () => {
    expect(issuesOf({ kind: "gamma", mean: 100 })).toEqual([expect.objectContaining({ code: "invalid_parameter", path: PATH, message: "a gamma distribution is given by shape + scale, or shape + rate, or mean + se, or mean + sd (received mean)" })]);
  });

  it("an unknown kind is an issue with the closest known kind", () => {
    expect(issuesOf({ kind: "gama", mean: 100, se: 10 })).toEqual([expect.objectContaining({ code: "invalid_parameter", path: [...PATH, "kind"], message: expect.stringMatching(/^unknown distribution kind 'gama' \(did you mean 'gamma'\?\)/) })]);
  });

  // Found by mutating the bundled model files: `kind: __proto__` looked its fitting forms up on
  // Object.prototype and crashed with a TypeError ("forms.find is not a function").
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("kind '%s' (an object-internal name) is an unknown kind, not a crash", (kind) => {
    expect(issuesOf({ kind, mean: 100, se: 10 })).toEqual([expect.objectContaining({ code: "invalid_parameter", path: [...PATH, "kind"], message: expect.stringMatching(new RegExp(`^unknown distribution kind '${kind}'`)) })]);
  });
});
