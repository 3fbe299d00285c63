import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { QalyError, type Issue } from "../../src/core/errors.js";
import { dataTable, type DataTableSpec } from "../../src/files/data-table.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { compileExpression, type ExpressionFunction } from "../../src/files/expression.js";
import { evaluateModel } from "../../src/models/model.js";

const path = ["tables", "mortality"];

function build(spec: DataTableSpec, csv = ""): { lookup: ExpressionFunction | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const lookup = dataTable("mortality", spec, () => csv, path, issues);
  return { lookup, issues };
}

function thrown(run: () => unknown): Issue {
  try {
    run();
  } catch (error) {
    if (error instanceof QalyError) return error.issues[0]!;
    throw error;
  }
  throw new Error("expected a QalyError");
}

// A two-state model whose mortality is read from an age-band table and whose drug price is read
// from a table keyed by names. By hand (start age 63, annual cycles, transitions of cycle k at age
// 63 + k − 1 = 63, 64, 65, 66 → q = 0.1, 0.1, 0.2, 0.2): alive at the end of cycles 1–4 is 0.9,
// 0.81, 0.648, 0.5184; with end-of-cycle counting and no discounting the life-years are their sum,
// 2.8764, and the cost is 2.8764 × 1 200 = 3 451.68.
const MODEL = (mortality: string, cost = 'price("Drug A")') => `metadata: { title: Bands, currency: SEK }
strategies: [Only]
tables:
  mortality: { ${mortality}, value: qx, lookup: band }
  price: { data: { drug: [Drug A, Drug B], perYear: [1200, 800] }, key: drug, value: perYear, lookup: string }
model:
  type: markov
  states: [Alive, Dead]
  outcomes: { cost: cost, lifeYears: effect }
  start: { Alive: 1 }
  cycles: 4
  startAge: 63
  cycleCorrection: none-end
  discountRate: { cost: 0, effect: 0 }
  transitions:
    Alive: { Dead: mortality(age), Alive: complement }
    Dead: { Dead: 1 }
  values:
    cost: { Alive: '${cost}' }
    lifeYears: { Alive: 1 }
`;

describe("data tables keyed by bands and by names", () => {
  it("lookup: band reads AGE60-64, [65,70) and 70+ keys; a Markov model over them gives the hand-computed 2.8764 life-years and SEK 3 451.68", () => {
    for (const keys of ["[AGE60-64, AGE65-69, AGE70+]", '["[60,65)", "[65,70)", "[70,inf)"]', "[Y_GE70, 60-64, 65-69]"]) {
      const values = keys.startsWith("[Y_GE70") ? "[0.3, 0.1, 0.2]" : "[0.1, 0.2, 0.3]";
      const project = compileModelFile(MODEL(`data: { age: ${keys}, qx: ${values} }, key: age`), { fileName: "bands.yaml" });
      const result = evaluateModel(project.model, project.baseCase ?? {})["Only"]!;
      expect(result.lifeYears).toBeCloseTo(2.8764, 12);
      expect(result.cost).toBeCloseTo(3451.68, 9);
    }
  });

  it("lookup: band gives the same values as a step lookup on the bands' lower bounds (heemod look_up(bin = TRUE), TreeAge truncate) inside every band", () => {
    const band = build({ data: { age: ["0", "1-4", "5-14", "15+"], qx: [0.004, 0.0002, 0.0001, 0.01] }, key: "age", value: "qx", lookup: "band" }).lookup!;
    const step = build({ data: { age: [0, 1, 5, 15], qx: [0.004, 0.0002, 0.0001, 0.01] }, key: "age", value: "qx" }).lookup!;
    for (const age of [0, 0.5, 1, 4.99, 5, 14.5, 15, 100]) expect(band(age)).toBe(step(age));
  });

  it("lookup: band honours open and closed bounds: [0,5] then (5,10] puts 5 in the first band", () => {
    const { lookup } = build({ data: { t: ["[0,5]", "(5,10]"], v: [1, 2] }, key: "t", value: "v", lookup: "band" });
    expect([lookup!(0), lookup!(5), lookup!(5.0001), lookup!(10)]).toEqual([1, 1, 2, 2]);
    expect(thrown(() => lookup!(10.5))).toMatchObject({ code: "invalid_argument", path: ["tables", "mortality"] });
    expect(thrown(() => lookup!(-1)).message).toContain("outside the bands");
    expect(thrown(() => lookup!(Number.NaN)).code).toBe("invalid_argument");
  });

  it("lookup: band reports overlapping and gapped bands, and keys that are not bands, at the key's row", () => {
    const overlap = build({ data: { age: ["60-64", "64-69"], qx: [0.1, 0.2] }, key: "age", value: "qx", lookup: "band" });
    expect(overlap.lookup).toBeUndefined();
    expect(overlap.issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "mortality", "data", "age", 1] });
    expect(overlap.issues[0]!.message).toContain("band '64-69' (row 2) overlaps band '60-64' (row 1)");
    const gap = build({ data: { age: ["[60,65)", "(65,70)"], qx: [0.1, 0.2] }, key: "age", value: "qx", lookup: "band" });
    expect(gap.issues[0]!.message).toContain("leaves a gap after");
    const bad = build({ data: { age: ["60-64", "sixty-five"], qx: [0.1, 0.2] }, key: "age", value: "qx", lookup: "band" });
    expect(bad.issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "mortality", "data", "age", 1] });
    expect(bad.issues[0]!.message).toContain("is not a band");
  });

  it("lookup: band in a CSV file names the file and line of a gap (rows filtered by where keep their lines)", () => {
    const csv = "sex,age,qx\nfemale,AGE60-64,0.1\nmale,AGE60-64,0.2\nfemale,AGE70-74,0.3\n";
    const { issues } = build({ file: "bands.csv", key: "age", value: "qx", where: { sex: "female" }, lookup: "band" }, csv);
    expect(issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "mortality", "bands.csv", "line", 4, "column", "age"] });
    expect(issues[0]!.message).toContain("band 'AGE70-74' (line 4) leaves a gap after band 'AGE60-64' (line 2)");
  });

  it("lookup: string resolves price(\"Drug B\") when compiling, and reports an unknown key with the closest one at the expression's path", () => {
    const { lookup } = build({ data: { drug: ["Drug A", "Drug B"], perYear: [1200, 800] }, key: "drug", value: "perYear", lookup: "string" });
    expect(compileExpression('2 * price("Drug B") + price(\'Drug A\')', { names: [], functions: { price: lookup! } }).evaluate([])).toBe(2800);
    const unknown = thrown(() => compileExpression('price("Drug C")', { names: [], functions: { price: lookup! } }, ["model", "values", "cost", "Alive"]));
    expect(unknown).toMatchObject({ code: "invalid_argument", path: ["model", "values", "cost", "Alive"] });
    expect(unknown.message).toContain('has no key "Drug C" (did you mean "Drug A"?)');
    expect(thrown(() => compileExpression("price(1)", { names: [], functions: { price: lookup! } })).message).toContain('write price("key")');
  });

  it("lookup: string in a model file: an unknown key is an issue at the value's path; duplicate keys are reported at their row", () => {
    const result = checkModelFile(MODEL("data: { age: [60+], qx: [0.1] }, key: age", 'price("Drug Z")'), { fileName: "bands.yaml" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => [issue.code, issue.path.join(".")])).toContainEqual(["invalid_argument", "model.values.cost.Alive"]);
    const twice = build({ data: { drug: ["A", "A"], v: [1, 2] }, key: "drug", value: "v", lookup: "string" });
    expect(twice.issues[0]).toMatchObject({ code: "invalid_model", path: ["tables", "mortality", "data", "drug", 1] });
  });

  it("the default lookup is unchanged: step on numbers, an open age 110+ read as 110, a band key refused as before", () => {
    const step = build({ data: { age: [60, "110+"], qx: [0.01, 0.5] }, key: "age", value: "qx" });
    expect([step.lookup!(60), step.lookup!(120)]).toEqual([0.01, 0.5]);
    expect(build({ data: { age: ["60-64"], qx: [0.01] }, key: "age", value: "qx" }).issues[0]!.code).toBe("invalid_model");
  });
});

describe("data tables keyed by bands: properties", () => {
  it("for any cut points, [c_i, c_{i+1}) bands in any row order return row i's value for x in the band, and dropping a middle band is a gap", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 12 }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.nat(), (raw, share, seed) => {
        const cuts = [...raw].sort((a, b) => a - b);
        const bands = cuts.slice(0, -1).map((c, i) => `[${c},${cuts[i + 1]})`);
        const order = bands.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        const { lookup } = build({ data: { x: order.map((i) => bands[i]!), v: order.map((i) => i) }, key: "x", value: "v", lookup: "band" });
        const i = seed % bands.length;
        const x = cuts[i]! + share * (cuts[i + 1]! - cuts[i]!);
        expect(lookup!(x)).toBe(i);
        if (bands.length >= 3) {
          const gapped = build({ data: { x: bands.filter((_, j) => j !== 1), v: bands.slice(1).map(() => 0) }, key: "x", value: "v", lookup: "band" });
          expect(gapped.issues[0]!.message).toContain("leaves a gap");
        }
      }),
    );
  });
});
