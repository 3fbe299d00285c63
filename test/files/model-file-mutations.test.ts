import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { QalyError } from "../../src/core/errors.js";
import { checkModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { runPsaSync } from "../../src/analysis/run/run-psa.js";
import { checkRunBudget } from "../../src/project/run-budget.js";

// Issue 19: a model file is untrusted input, so random byte-level damage to a valid file must end
// in a typed error or a model whose results are finite: never another exception (a crash), never
// NaN, never a hang. Bounded (fixed seed, 4 × 100 files, small limits so that a mutated `cycles: 40`
// into `cycles: 4099999` is refused rather than run) and timed per file.
const fixture = (path: string): Uint8Array => readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)));
const TABLE = readFileSync(fileURLToPath(new URL("../fixtures/trust/file-access/care-costs.csv", import.meta.url)), "utf8");
const LIMITS = { work: 1e7, memory: 1e8 };
const PER_FILE_MS = 5_000;

type Mutation = { readonly at: number; readonly kind: "replace" | "insert" | "delete"; readonly byte: number };
const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom("replace", "insert", "delete"), byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Array.from(":-[]{}#&*!|>'\"\n 0123456789.e,", (c) => c.charCodeAt(0)))) }) as fc.Arbitrary<Mutation>;

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): string {
  const out = Array.from(bytes);
  for (const { at, kind, byte } of mutations) {
    const i = at % (out.length + 1);
    if (kind === "insert") out.splice(i, 0, byte);
    else if (i < out.length) {
      if (kind === "replace") out[i] = byte;
      else out.splice(i, 1);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(out));
}

/** Compiles and, when valid, evaluates the base case and a few draws: returns what happened. */
function exercise(text: string): "refused" | "ran" {
  const result = checkModelFile(text, { fileName: "mutated.yaml", readFile: (name) => (name === "care-costs.csv" ? TABLE : (() => { throw new Error(`no such file ${name}`); })()), limits: LIMITS });
  if (!result.ok) {
    for (const issue of result.issues) expect(typeof issue.code).toBe("string");
    return "refused";
  }
  const project = result.value;
  try {
    checkRunBudget(project, { psa: 5, limits: LIMITS });
    const base = evaluateModel(project.model, project.baseCase ?? project.parameters.base());
    for (const strategy of project.model.strategies) for (const outcome of project.model.outcomes) expect(Number.isFinite(base[strategy]![outcome]), `${strategy} ${outcome}`).toBe(true);
    const psa = runPsaSync(project.model, project.parameters.sample(5, { seed: 1 }));
    for (const outcome of psa.outcomes) for (const strategy of psa.strategies) expect(psa.values(outcome, strategy).every(Number.isFinite)).toBe(true);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    return "refused";
  }
  return "ran";
}

describe("random byte-level mutations of a valid model file (property)", () => {
  it.each(["trust/budget/valid-markov.yaml", "trust/outputs/formula-names.yaml", "../cli/fixtures/toy-tree/model.yaml", "../../models/sick-sicker/model.yaml"])("mutations of %s end in a typed error or finite results, each within 5 s", (path) => {
    const bytes = fixture(path);
    expect(exercise(new TextDecoder().decode(bytes))).toBe("ran");
    const outcomes = { refused: 0, ran: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const started = performance.now();
        outcomes[exercise(mutate(bytes, mutations))]++;
        expect(performance.now() - started).toBeLessThan(PER_FILE_MS);
      }),
      { seed: 19, numRuns: 100, endOnFailure: true },
    );
    // Both paths were taken: some damage is harmless (a comment), most is caught.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.ran).toBeGreaterThan(0);
  });
});

// Session 17's campaign (every word of each bundled model replaced by an object-internal name, 33 000
// files) found lookups that reached Object.prototype's members: `kind: constructor` in a distribution
// and `preset: __proto__` in the economic settings crashed with TypeErrors. Kept here on one file that
// has both: each distinct word, at its first place, replaced by each name.
describe("every word of a model file replaced by an object-internal name", () => {
  it.each(["__proto__", "constructor", "toString"])("%s in any place ends in a typed error or finite results", (name) => {
    const text = `${new TextDecoder().decode(fixture("../../models/sick-sicker/model.yaml"))}economics: { preset: neutral, currency: USD }\n`;
    expect(exercise(text)).toBe("ran");
    const firstPlaces = new Map<string, number>();
    for (const match of text.matchAll(/\b[A-Za-z_][A-Za-z0-9_]*\b/g)) if (!firstPlaces.has(match[0])) firstPlaces.set(match[0], match.index);
    expect(firstPlaces.size).toBeGreaterThan(150);
    for (const [word, at] of firstPlaces) {
      const mutated = text.slice(0, at) + name + text.slice(at + word.length);
      expect(() => exercise(mutated), `${word} → ${name}`).not.toThrow();
    }
  });
});
