import { describe, expect, it } from "vitest";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { applyScenario } from "../../src/files/apply-scenario.js";
import type { ModelFileIssue } from "../../src/files/parse-model-text.js";
import { evaluateModel } from "../../src/models/model.js";
import { markovCohort } from "../../src/models/markov/markov-cohort.js";
import { complement } from "../../src/models/complement.js";
import { rateToProbability } from "../../src/math/rate-to-probability.js";
import { thrown as errorOf } from "../helpers/thrown.js";

const MARKOV = `metadata: { title: Test model, currency: SEK }
parameters:
  pDeath: { value: 0.1, distribution: { kind: beta, mean: 0.1, se: 0.02 } }
  rSick: 0.2
  cSick: { value: 1000, status: placeholder }
  uWell: 0.9
  pSick: rateToProbability(rSick)
strategies:
  Usual care: { variables: { hr: 1 } }
  New drug: { variables: { hr: 0.5 } }
model:
  type: markov
  states: [Well, Sick, Dead]
  outcomes: { cost: cost, qaly: effect }
  start: { Well: 1 }
  cycles: 10
  transitions:
    Well: { Well: complement, Sick: "applyHazardRatio(pSick, hr)", Dead: pDeath }
    Sick: { Sick: complement, Dead: pDeath }
    Dead: { Dead: 1 }
  values:
    cost: { Sick: cSick }
    qaly: { Well: uWell, Sick: 0.5 }
scenarios:
  Cheap: { parameters: { cSick: 500 } }
`;

function issuesOf(text: string, options: Partial<Parameters<typeof checkModelFile>[1]> = {}): readonly ModelFileIssue[] {
  const result = checkModelFile(text, { fileName: "test.yaml", ...options });
  if (result.ok) throw new Error("expected issues");
  return result.issues as readonly ModelFileIssue[];
}


describe("compileModelFile", () => {
  it("compileModelFile(text, options) compiles a Markov model with strategy variables, derived parameters and placeholders", () => {
    const project = compileModelFile(MARKOV, { fileName: "models/demo/model.yaml" });
    expect(project.name).toBe("demo");
    expect(project.warnings).toEqual(["placeholder values in use: cSick"]);
    const warned = compileModelFile(`${MARKOV}\nwarnings: ["Replace cSick with a regional price."]\n`, { fileName: "models/demo/model.yaml" });
    // Each warning once: a file warning that names every placeholder replaces the generic list.
    expect(warned.warnings).toEqual(["Replace cSick with a regional price."]);
    const vague = compileModelFile(`${MARKOV}\nwarnings: ["Check the prices before use."]\n`, { fileName: "models/demo/model.yaml" });
    expect(vague.warnings).toEqual(["Check the prices before use.", "placeholder values in use: cSick"]);
    expect(project.baseCase!.pDeath).toBe(0.1);
    expect(project.baseCase!.pSick).toBe(rateToProbability(0.2));
    const result = evaluateModel(project.model, project.baseCase!);
    expect(result["New drug"]!.qaly!).toBeGreaterThan(result["Usual care"]!.qaly!);
  });

  it("checkModelFile reports every problem of a file at once, each with code, YAML path, line and closest name", () => {
    const broken = MARKOV.replace("Dead: pDeath }\n    Sick", "Dead: pDaeth }\n    Sick").replace("    Sick: { Sick: complement", "    Sik: { Sick: complement").replace("  cycles: 10", "  cycles: 10\n  discountRat: { cost: 0 }");
    const issues = issuesOf(broken);
    const summary = issues.map((issue) => [issue.code, issue.path.join("."), issue.line]);
    // A structural problem of the main model stops there: nothing below it can be trusted.
    expect(summary).toEqual([["invalid_model", "model.discountRat", 17]]);
    expect(issues[0]!.message).toContain("'discountRat' (did you mean 'discountRate'?)");
    const semantic = issuesOf(broken.replace("\n  discountRat: { cost: 0 }", ""));
    expect(semantic.map((issue) => [issue.code, issue.path.join("."), issue.line])).toEqual([
      ["unknown_parameter", "model.transitions.Well.Dead", 18],
      ["unknown_state", "model.transitions.Sik", 19],
    ]);
    // Structural problems elsewhere (metadata, a parameter) are reported with the model's problems.
    const both = issuesOf(broken.replace("\n  discountRat: { cost: 0 }", "").replace("currency: SEK", "curency: SEK").replace("rSick: 0.2", "rSick: { valeu: 0.2 }"));
    // (metadata.currency is optional since economic settings: a file without one is in "currency units".)
    expect(both.map((issue) => [issue.code, issue.path.join(".")])).toEqual([
      ["invalid_model", "metadata.curency"],
      ["invalid_model", "parameters.rSick.valeu"],
      ["unknown_parameter", "model.transitions.Well.Dead"],
      ["unknown_state", "model.transitions.Sik"],
    ]);
    expect(semantic[0]!.message).toContain("did you mean 'pDeath'?");
    expect(semantic[0]!.message).toContain("test.yaml:18:");
    expect(semantic[1]!.message).toContain("did you mean 'Sick'?");
  });

  it("compileModelFile reads YAML anchors and merge keys (<<) so strategies can share variables", () => {
    const text = MARKOV.replace("  Usual care: { variables: { hr: 1 } }\n  New drug: { variables: { hr: 0.5 } }", "  Usual care: { variables: &usual { hr: 1 } }\n  New drug: { variables: { <<: *usual, hr: 0.5 } }");
    const project = compileModelFile(text, { fileName: "t.yaml" });
    expect(evaluateModel(project.model, project.baseCase!)).toEqual(evaluateModel(compileModelFile(MARKOV, { fileName: "t.yaml" }).model, project.baseCase!));
  });

  it("compileModelFile throws one QalyError naming the file, and yields no partial model", () => {
    const error = errorOf(() => compileModelFile(MARKOV.replace("uWell: 0.9", "uWell: 0.9\n  uSick: uWel * 2"), { fileName: "models/demo/model.yaml" }));
    expect(error.code).toBe("unknown_parameter");
    expect(error.path).toEqual(["parameters", "uSick"]);
    expect(error.message).toContain("models/demo/model.yaml");
  });

  it("checkModelFile reports parameter, table and model problems together (a bad fit does not hide a typo)", () => {
    const text = MARKOV.replace("mean: 0.1, se: 0.02", "mean: 0.1, se: 0.5").replace("Dead: pDeath }\n    Dead", "Dead: pDeath * lifeTable(1) }\n    Dead").replace("    qaly: { Well: uWell", "    qaly: { Well: uWel") + "tables: { lifeTable: { file: missing.csv, key: age, value: qx } }\n";
    expect(issuesOf(text).map((issue) => [issue.code, issue.path.join(".")])).toEqual([
      ["file_not_found", "tables.lifeTable.file"],
      ["impossible_fit", "parameters.pDeath.distribution.se"],
      ["unknown_parameter", "model.values.qaly.Well"],
    ]);
  });

  it("checkModelFile names a missing entry and what it should hold, in a model file's words", () => {
    const issues = issuesOf("metadata: { title: t }\nparameters: { a: 1 }\nstrategies: [A]\nmodel: { type: markov, states: [H, D], start: { H: 1 }, cycles: 3 }\n");
    expect(issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["model.outcomes", "'outcomes' is missing (expected a mapping) (test.yaml:4:8)"],
      ["model.transitions", "'transitions' is missing (expected a mapping) (test.yaml:4:8)"],
    ]);
  });

  it("checkModelFile says a tree branch's probability is missing or empty, with its path", () => {
    const tree = (branch: string): string =>
      `metadata: { title: T }\nparameters: { p: 0.3, c: 10 }\nstrategies: [A]\nmodel:\n  type: decision-tree\n  root:\n    decision:\n      A:\n        chance:\n          - { label: yes, probability: p, next: { terminal: { payoffs: { cost: c, qaly: 1 } } } }\n          - { label: no, ${branch}next: { terminal: { payoffs: { cost: 0, qaly: 1 } } } }\n`;
    const at = ["model", "root", "decision", "A", "chance", 1, "probability"];
    expect(issuesOf(tree("")).map((issue) => [issue.path, issue.message.replace(/ \(test\.yaml:.*$/, "")])).toEqual([[at, "'probability' is missing (expected a number or an expression)"]]);
    expect(issuesOf(tree("probability: , ")).map((issue) => [issue.path, issue.message.replace(/ \(test\.yaml:.*$/, "")])).toEqual([[at, "'probability' is empty (expected a number or an expression)"]]);
  });

  it("checkModelFile reports YAML syntax errors with their line", () => {
    const issues = issuesOf("metadata: { title: T, currency: SEK\nstrategies: [A]\n");
    expect(issues[0]!.code).toBe("parse_error");
    expect(issues[0]!.line).toBeGreaterThan(0);
    const comma = issuesOf(MARKOV.replace('Sick: "applyHazardRatio(pSick, hr)"', "Sick: applyHazardRatio(pSick, hr)"));
    expect(comma[0]!.code).toBe("invalid_model");
    expect(comma[0]!.message).toContain("quote expressions that contain commas");
  });

  it("checkModelFile refuses a key that is a list or mapping and an alias without anchor, with their lines, and the yaml package writes no warning to the process", () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on("warning", onWarning);
    const emit = process.emitWarning;
    process.emitWarning = ((warning: string | Error) => void warnings.push(String(warning))) as typeof process.emitWarning;
    try {
      const listKey = issuesOf(MARKOV.replace("  uWell: 0.9\n", "  uWell: 0.9\n  ? [b, c]\n  : 2\n"));
      expect(listKey).toEqual([expect.objectContaining({ code: "parse_error", line: 7, column: 5, message: "cannot read the YAML of test.yaml at line 7, column 5: a key is a list or mapping; keys are names or numbers (test.yaml:7:5)" })]);
      // An alias of a mapping used as a key, and a mapping key inside a strategy's variables.
      const aliasKey = issuesOf(MARKOV.replace("metadata: { title: Test model, currency: SEK }", "metadata: &m { title: Test model, currency: SEK }").replace("  uWell: 0.9\n", "  uWell: 0.9\n  ? *m\n  : 2\n"));
      expect(aliasKey.map((issue) => [issue.code, issue.line])).toEqual([["parse_error", 7]]);
      const nested = issuesOf(MARKOV.replace("New drug: { variables: { hr: 0.5 } }", "New drug: { variables: { ? { hr: 1 } : 0.5 } }"));
      expect(nested.map((issue) => [issue.code, issue.line])).toEqual([["parse_error", 10]]);
      // An alias without an anchor before it: a parse error where it stands, not the alias-expansion limit.
      const unanchored = issuesOf(MARKOV.replace("  uWell: 0.9\n", "  uWell: *u\n"));
      expect(unanchored).toEqual([expect.objectContaining({ code: "parse_error", line: 6, message: "cannot read the YAML of test.yaml at line 6, column 10: the alias *u has no anchor &u before it (test.yaml:6:10)" })]);
    } finally {
      process.emitWarning = emit;
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it("compileModelFile reads JSON files with line numbers, and rejects invalid JSON", () => {
    const json = JSON.stringify({ metadata: { title: "J", currency: "EUR" }, parameters: { c: 5 }, strategies: ["A"], model: { type: "decision-tree", root: { decision: { A: { terminal: { payoffs: { cost: "c * 2", qaly: 1 } } } } } } }, null, 2);
    const project = compileModelFile(json, { fileName: "model.json" });
    expect(evaluateModel(project.model, project.parameters.base())["A"]!.cost).toBe(10);
    expect(issuesOf(json.replace('"c * 2"', '"c * 2",'), { fileName: "model.json" })[0]!.code).toBe("parse_error");
    const unknown = issuesOf(json.replace('"c * 2"', '"d * 2"'), { fileName: "model.json" });
    const line = json.split("\n").findIndex((text) => text.includes('"c * 2"')) + 1;
    expect([unknown[0]!.code, unknown[0]!.line]).toEqual(["unknown_parameter", line]);
  });

  it("compileModelFile rejects expressions that try to run code (import, evaluate, property access, assignment, function definition)", () => {
    const attempts = ["import('fs')", "evaluate('1+1')", "uWell.constructor", "uWell['constructor']", "x = 1", "f(x) = x", "createUnit('x')", "process.exit(1)", "\"text\"", "[1, 2]", "{a: 1}"];
    for (const attempt of attempts) {
      const issues = issuesOf(MARKOV.replace("Sick: 0.5 }", `Sick: ${JSON.stringify(attempt)} }`));
      expect(issues.length).toBeGreaterThan(0);
      expect(["parse_error", "unknown_parameter"]).toContain(issues[0]!.code);
      expect(issues[0]!.path).toEqual(["model", "values", "qaly", "Sick"]);
    }
  });

  it("compileModelFile rejects names that reach JavaScript object internals (__proto__, constructor, prototype)", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const issues = issuesOf(MARKOV.replace("    Dead: { Dead: 1 }", `    Dead: { Dead: 1 }\n    ${name}: { Dead: 1 }`));
      expect([issues[0]!.code, issues[0]!.path]).toEqual(["invalid_model", ["model", "transitions", name]]);
    }
    expect(({} as Record<string, unknown>)["Dead"]).toBeUndefined();
  });

  it("compileModelFile fits distributions by moments, counts and intervals, and reports impossible fits", () => {
    const text = MARKOV.replace("  uWell: 0.9\n", "  uWell: { distribution: { kind: beta, events: 9, total: 10 } }\n  hrX: { distribution: { kind: lognormal, estimate: 0.7, lower: 0.5, upper: 0.98 } }\n  cX: { distribution: { kind: gamma, mean: 100, sd: 10 } }\n");
    const project = compileModelFile(text, { fileName: "t.yaml" });
    const rows = Object.fromEntries(project.parameters.describe().map((row) => [row.name, row.distribution]));
    expect(rows["uWell"]).toBe("Beta(α=9, β=1)");
    expect(rows["cX"]).toBe("Gamma(shape=100, scale=1)");
    const impossible = issuesOf(MARKOV.replace("mean: 0.1, se: 0.02", "mean: 0.1, se: 0.5"));
    expect([impossible[0]!.code, impossible[0]!.path]).toEqual(["impossible_fit", ["parameters", "pDeath", "distribution", "se"]]);
    const kind = issuesOf(MARKOV.replace("kind: beta", "kind: betta"));
    expect(kind[0]!.message).toContain("did you mean 'beta'?");
    const form = issuesOf(MARKOV.replace("mean: 0.1, se: 0.02", "mean: 0.1, n: 5"));
    expect(form[0]!.code).toBe("invalid_parameter");
  });

  it("compileModelFile evaluates constant expressions in values, distributions and settings, and reports bad ones", () => {
    const text = MARKOV.replace("rSick: 0.2", "rSick: { value: 1/5, distribution: { kind: lognormal, meanlog: log(0.2), sdlog: 0.1 } }").replace("  cycles: 10", "  cycleLength: 1/12\n  horizon: 10/12");
    const project = compileModelFile(text, { fileName: "t.yaml" });
    expect(project.baseCase!.rSick).toBe(1 / 5);
    expect(project.parameters.describe().find((row) => row.name === "rSick")?.distribution).toBe(`Lognormal(meanlog=${String(Math.log(0.2).toPrecision(6)).replace(/0+$/, "")}, sdlog=0.1)`);
    const bad = issuesOf(MARKOV.replace("  cycles: 10", "  cycles: 10\n  startAge: 60 + x"));
    expect([bad[0]!.code, bad[0]!.path]).toEqual(["invalid_model", ["model", "startAge"]]);
    expect(bad[0]!.message).toContain("unknown name 'x'");
  });

  it("compileModelFile reports derived parameters that depend on each other in a circle", () => {
    const issues = issuesOf(MARKOV.replace("  uWell: 0.9\n", "  uWell: uA\n  uA: uWell * 1\n"));
    expect(issues[0]!.code).toBe("circular_dependency");
  });

  it("compileModelFile checks strategy variables, outcomes, scenarios, DSA and thresholds against the model", () => {
    const issues = issuesOf(
      MARKOV.replace("New drug: { variables: { hr: 0.5 } }", "New drug: { variables: { hz: 0.5 } }")
        .replace("Cheap: { parameters: { cSick: 500 } }", "Cheap: { parameters: { cSik: 500 } }\ndsa: { pSick: { low: 0, high: 1 } }\nthresholds: [{ parameter: cSick, range: [0, 1], strategies: [Usual care, New drugs] }]\noutcomes: { effect: qualy }"),
    );
    const codes = issues.map((issue) => [issue.code, issue.path.join(".")]);
    expect(codes).toContainEqual(["invalid_model", "strategies.Usual care.variables"]);
    // The analyses' names are checked even though the model could not be built.
    expect(codes).toContainEqual(["unknown_parameter", "scenarios.Cheap.parameters.cSik"]);
    const fixed = MARKOV.replace("Cheap: { parameters: { cSick: 500 } }", "Cheap: { parameters: { cSik: 500 } }\ndsa: { pSick: { low: 0, high: 1 } }\nthresholds: [{ parameter: cSick, range: [0, 1], strategies: [Usual care, New drugs] }]\noutcomes: { effect: qualy }");
    const later = issuesOf(fixed).map((issue) => [issue.code, issue.path.join(".")]);
    expect(later).toEqual([
      ["unknown_outcome", "outcomes.effect"],
      ["unknown_parameter", "scenarios.Cheap.parameters.cSik"],
      ["invalid_parameter", "dsa.pSick"],
      ["unknown_strategy", "thresholds.0.strategies.1"],
    ]);
  });

  it("applyScenario(project, name) rejects an unknown scenario with the closest name", () => {
    const project = compileModelFile(MARKOV, { fileName: "t.yaml" });
    const error = errorOf(() => applyScenario(project, "Cheep"));
    expect([error.code, error.path]).toEqual(["unknown_scenario", ["scenarios", "Cheep"]]);
    expect(error.message).toContain("did you mean 'Cheap'?");
    expect(applyScenario(project, "Cheap").baseCase!.cSick).toBe(500);
    expect(applyScenario(project, "Cheap").warnings).toEqual(["placeholder values in use: cSick"]);
  });

  it("applyScenario(project, name) holds group components and inputs of derived parameters fixed in base case and PSA, derived ones recomputed", () => {
    const text = `${MARKOV.replace("  pSick: rateToProbability(rSick)\n", "  rSick2: { distribution: { kind: gamma, mean: 0.2, se: 0.05 } }\n  pSick: rateToProbability(rSick2)\n")}  Mix: { parameters: { pA: 0.5, rSick2: 0.3, pDeath: 0.2 } }
groups:
  mix: { distribution: { kind: dirichlet, alpha: [20, 30, 50] }, components: [pA, pB, pC] }
`;
    const project = compileModelFile(text, { fileName: "t.yaml" });
    const mix = applyScenario(project, "Mix");
    expect(mix.baseCase).toMatchObject({ pA: 0.5, pB: 0.3, pC: 0.5, rSick2: 0.3, pDeath: 0.2, pSick: rateToProbability(0.3) });
    const draws = mix.parameters.sample(30, { seed: "mix" });
    const free = project.parameters.sample(30, { seed: "mix" });
    for (let i = 0; i < 30; i++) {
      expect([draws.row(i).pA, draws.row(i).rSick2, draws.row(i).pDeath, draws.row(i).pSick]).toEqual([0.5, 0.3, 0.2, rateToProbability(0.3)]);
      expect([draws.row(i).pB, draws.row(i).pC]).toEqual([free.row(i).pB, free.row(i).pC]);
    }
    expect(mix.parameters.describe().find((row) => row.name === "pA")).toMatchObject({ kind: "fixed", mean: 0.5 });
  });

  it("compileModelFile(text) refuses a scenario that holds a derived parameter fixed", () => {
    const issues = issuesOf(`${MARKOV}  Bad: { parameters: { pSick: 0.3 } }\n`);
    expect(issues.map((i) => [i.code, i.path.join(".")])).toEqual([["invalid_parameter", "scenarios.Bad.parameters.pSick"]]);
  });
});

describe("compileModelFile: data tables, time, tunnels and one-off values", () => {
  const csv = "year,sex,age,qx\n2019,female,60,0.01\n2019,female,61,0.02\n2019,female,62,0.04\n2019,male,60,0.5\n";
  const text = `metadata: { title: Tunnel, currency: SEK }
parameters: { pSickDeath: 0.2, cAcute: 100, cChronic: 10, cDeath: 50, cTest: 7 }
strategies: [Only]
tables:
  mortality: { file: life-table.csv, where: { sex: female, year: 2019 }, key: age, value: qx }
model:
  type: markov
  states: [Well, { name: Sick, tunnel: 2 }, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  start: { Well: 1 }
  cycles: 4
  startAge: 60
  discountRate: { cost: 0.03, effect: 0.03 }
  transitions:
    Well: { Well: complement, Sick: 0.3, Dead: mortality(age) }
    Sick: { Sick: complement, Dead: "state_time == 0 ? pSickDeath : mortality(age)" }
    Dead: { Dead: 1 }
  values:
    cost: { Sick: "state_time == 0 ? cAcute : cChronic" }
    lifeYears: { Well: 1, Sick: 1 }
  transitionValues: { cost: { Sick: { Dead: cDeath } } }
  startingValues: { cost: cTest }
`;
  const readFile = (path: string): string => {
    if (path === "life-table.csv") return csv;
    throw new Error(`ENOENT: ${path}`);
  };

  it("compileModelFile(tables, age, state_time, transitionValues, startingValues) equals the same markovCohort written in TypeScript", () => {
    const project = compileModelFile(text, { fileName: "t.yaml", readFile });
    const q = (age: number): number => (age >= 62 ? 0.04 : age >= 61 ? 0.02 : 0.01);
    const ts = markovCohort({
      states: ["Well", { name: "Sick", tunnel: 2 }, "Dead"],
      strategies: ["Only"],
      outcomes: { cost: "cost", lifeYears: "effect" },
      start: { Well: 1 },
      cycles: 4,
      startAge: 60,
      discountRate: { cost: 0.03, effect: 0.03 },
      transitions: (p: Readonly<Record<string, number>>, time) => ({
        Well: { Well: complement, Sick: 0.3, Dead: q(time.age) },
        Sick: { Sick: complement, Dead: time.stateTime === 0 ? p["pSickDeath"]! : q(time.age) },
        Dead: { Dead: 1 },
      }),
      values: (p, time) => ({ cost: { Sick: time.stateTime === 0 ? p["cAcute"]! : p["cChronic"]! }, lifeYears: { Well: 1, Sick: 1 } }),
      transitionValues: (p) => ({ cost: { Sick: { Dead: p["cDeath"]! } } }),
      startingValues: (p) => ({ cost: p["cTest"]! }),
    });
    const params = project.parameters.base();
    expect(evaluateModel(project.model, params)).toEqual(evaluateModel(ts, params));
  });

  it("compileModelFile reports a missing data file, a missing column and a key below the table", () => {
    const missing = issuesOf(text, { readFile: () => { throw new Error("ENOENT"); } });
    expect([missing[0]!.code, missing[0]!.path]).toEqual(["file_not_found", ["tables", "mortality", "file"]]);
    expect(issuesOf(text)[0]!.code).toBe("file_not_found");
    const column = issuesOf(text.replace("value: qx", "value: qxx"), { readFile });
    expect(column[0]!.message).toContain("did you mean 'qx'?");
    const young = compileModelFile(text.replace("startAge: 60", "startAge: 50"), { fileName: "t.yaml", readFile });
    expect(errorOf(() => evaluateModel(young.model, young.parameters.base())).message).toContain("below the first row");
  });

  it("compileModelFile reports a time variable used where time does not exist (starting values)", () => {
    const issues = issuesOf(text.replace("startingValues: { cost: cTest }", "startingValues: { cost: cTest * cycle }"), { readFile });
    // Said to be a name of the cycles, not an unknown parameter (model-scope.ts, compileBeforeCycles).
    expect([issues[0]!.code, issues[0]!.path]).toEqual(["invalid_model", ["model", "startingValues", "cost"]]);
    expect(issues[0]!.message).toContain("a starting value is evaluated once, before any cycle, so it cannot read 'cycle'");
  });
});

describe("compileModelFile: parameter groups and correlations", () => {
  const text = `metadata: { title: Groups, currency: SEK }
parameters:
  uWell: { distribution: { kind: beta, mean: 0.8, se: 0.05 } }
  uSick: { distribution: { kind: beta, mean: 0.6, se: 0.05 } }
  pStayTotal: pStay + pMove
groups:
  fromWell: { distribution: { kind: dirichlet, counts: [80, 15, 5] }, components: [pStay, pMove, pDie], source: Cohort study }
correlations:
  - { between: [uWell, uSick], rho: 0.6 }
strategies: [Only]
model:
  type: markov
  states: [Well, Sick, Dead]
  outcomes: { cost: cost, qaly: effect }
  start: { Well: 1 }
  cycles: 5
  transitions:
    Well: { Well: pStay, Sick: pMove, Dead: pDie }
    Sick: { Sick: complement, Dead: 0.2 }
    Dead: { Dead: 1 }
  values: { qaly: { Well: uWell, Sick: uSick } }
`;

  it("compileModelFile(groups, correlations) builds Dirichlet components that sum to 1 in every draw, and rank-correlated utilities", () => {
    const project = compileModelFile(text, { fileName: "g.yaml" });
    expect(project.parameters.base().pStay).toBeCloseTo(0.8, 15);
    const draws = project.parameters.sample(400, { seed: 3 });
    for (let i = 0; i < 400; i++) expect(draws.column("pStayTotal")[i]! + draws.column("pDie")[i]!).toBeCloseTo(1, 12);
    // Achieved Spearman correlation within 4 × its RMS (0.4·(1 − ρ²)/√n, docs/parameters.md).
    expect(Math.abs(draws.correlation[0]!.achieved - 0.6)).toBeLessThanOrEqual((4 * 0.4 * (1 - 0.36)) / Math.sqrt(400));
  });

  it("compileModelFile reports a group component that is already a parameter and an impossible correlation", () => {
    const issues = issuesOf(text.replace("components: [pStay, pMove, pDie]", "components: [pStay, pMove, uWell]"));
    expect([issues[0]!.code, issues[0]!.path]).toEqual(["invalid_parameter", ["groups", "fromWell", "components"]]);
    const correlation = issuesOf(text.replace("- { between: [uWell, uSick], rho: 0.6 }", "- { between: [uWell, uSick], rho: 1.6 }"));
    expect(correlation[0]!.path).toEqual(["correlations", 0]);
  });
});
