import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { estimateFileWork, fileBudgetIssues, RESOURCE_LIMITS } from "../../src/files/resource-budget.js";

// Issue 19, resource budget: test/fixtures/trust/budget/ holds a small valid Markov model and
// copies of it with one size made hostile. Each must be refused with resource_limit before
// anything is built. The elapsed-time bound is a hang guard, not a speed target (building any of these
// would take hours or exhaust memory): generous, so a loaded machine does not fail it.
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/trust/budget/${name}`, import.meta.url)), "utf8");

function refusal(name: string, text = fixture(name)) {
  const started = performance.now();
  const result = checkModelFile(text, { fileName: name });
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.issues[0];
}

describe("resource budget of model files", () => {
  it("estimateFileWork(valid-markov.yaml) counts 40 cycles × (3 + 2 tunnel) states² × 2 strategies", () => {
    const project = compileModelFile(fixture("valid-markov.yaml"), { fileName: "valid-markov.yaml" });
    expect(project.model.strategies).toEqual(["Old", "New"]);
    const checked = checkModelFile(fixture("valid-markov.yaml"), { fileName: "v.yaml" });
    expect(checked.ok).toBe(true);
    expect(estimateFileWork({ strategies: ["Old", "New"], model: { type: "markov", states: ["Well", { name: "Sick", tunnel: 3 }, "Dead"], cycles: 40 } } as never)).toMatchObject({ perEvaluation: 40 * 25 * 2, memory: 8 * (40 * 5 + 25) * 2 });
  });

  it.each([
    ["cycles-1e9.yaml", /1000000000 cycles × 5 states/],
    ["horizon-1e9-months.yaml", /999999996 cycles/],
    ["tunnel-1e9.yaml", /1000000002 states \(tunnels expanded\)/],
    ["scenario-cycles.yaml", /in scenario "Long"/],
  ])("checkModelFile(%s) fails with resource_limit at model, naming the inputs and the limit", (name, inputs) => {
    const issue = refusal(name);
    expect(issue).toMatchObject({ code: "resource_limit", path: ["model"] });
    expect(issue!.message).toMatch(inputs);
    expect(issue!.message).toMatch(/more than the limit of/);
  });

  it("checkModelFile(10⁵ states) is refused before the model is built", () => {
    const states = Array.from({ length: 100_000 }, (_, i) => `S${i}`);
    const text = fixture("valid-markov.yaml").replace("states: [Well, { name: Sick, tunnel: 3 }, Dead]", `states: [Well, { name: Sick, tunnel: 3 }, Dead, ${states.join(", ")}]`);
    expect(refusal("many-states.yaml", text)).toMatchObject({ code: "resource_limit" });
  });

  it("compileModelFile(cycles-1e9.yaml, { limits }) raises the limit: the budget check passes", () => {
    const file = { strategies: ["A"], model: { type: "markov", states: ["H", "D"], cycles: 1e9 } } as never;
    expect(fileBudgetIssues(file)).toHaveLength(1);
    expect(fileBudgetIssues(file, { work: 1e10, memory: 1e11 })).toEqual([]);
    expect(RESOURCE_LIMITS.memory).toBe(2 * 1024 ** 3);
  });
});

describe("YAML limits", () => {
  it("checkModelFile(alias-bomb.yaml) fails with resource_limit instead of expanding 9⁹ entries", () => {
    expect(refusal("alias-bomb.yaml")!.code).toBe("resource_limit");
  });

  it("checkModelFile(deep-nesting.yaml) fails with resource_limit without recursing 20 000 deep", () => {
    expect(refusal("deep-nesting.yaml")).toMatchObject({ code: "resource_limit" });
    const blocks = Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + `\n${" ".repeat(100)}1\n`;
    expect(refusal("deep-blocks.yaml", blocks)!.message).toMatch(/nests mappings and lists \d+ deep, more than 64/);
  });

  it("checkModelFile(100 000 aliases of one anchor) is refused with resource_limit, the anchors found in one pass", () => {
    // A hang guard: resolving each alias by searching the document (yaml's Alias.resolve) took ~10¹⁰ steps here.
    const text = `metadata: { title: x, currency: SEK }\nparameters: { a: &x 1 }\nlist: [${"*x, ".repeat(100_000)}1]\n`;
    expect(refusal("many-aliases.yaml", text)!.code).toBe("resource_limit");
  });

  it("checkModelFile(a list of a million entries, 4 MB) fails with resource_limit before the YAML parser, which took 10-15 s on it", () => {
    const text = `metadata: { title: x, currency: SEK }\nlist: [${"1, ".repeat(1_000_000)}1]\n`;
    expect(refusal("many-entries.yaml", text)!.message).toMatch(/^many-entries\.yaml: 1000003 commas and lines, more than the 200000 a model file may hold/);
  });

  it("checkModelFile(a 50 MB text) fails with resource_limit at once", () => {
    const text = `metadata: { title: x, currency: SEK }\n# ${"x".repeat(50 * 1024 * 1024)}\n`;
    expect(refusal("big.yaml", text)!.message).toMatch(/more than the limit of 8388608 for a model file/);
  });
});

describe("resource budget of a file that already has structural issues", () => {
  it("a 10⁹-cycle model with a refused data table is refused for both, without building the huge model to collect more issues", () => {
    const text = `${fixture("valid-markov.yaml").replace(/cycles: \d+/, "cycles: 1000000000")}tables:\n  t: { file: ../../etc/passwd, key: a, value: b }\n`;
    const started = performance.now();
    const result = checkModelFile(text, { fileName: "hostile.yaml" });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(result.ok).toBe(false);
    const codes = result.ok ? [] : result.issues.map((issue) => issue.code);
    expect(codes).toEqual(expect.arrayContaining(["file_not_allowed", "resource_limit"]));
  });
});
