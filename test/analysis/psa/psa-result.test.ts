import { describe, expect, it } from "vitest";
import { psaResult, psaResultFromCsv, psaResultFromJson, psaResultToCsv } from "../../../src/analysis/psa/index.js";
import { thrown } from "../../helpers/thrown.js";

const values = { cost: { SoC: [100, 200, 300], New: [400, 500, 600.5] }, qaly: { SoC: [1, 1.1, 0.9], New: [1.5, 1.25, 1.4] } };

describe("psaResult", () => {
  it("psaResult(input) lays values out [outcome][strategy][draw] with views into one buffer", () => {
    const psa = psaResult({ strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], values });
    expect(psa.size).toBe(3);
    expect(Array.from(psa.buffer)).toEqual([100, 200, 300, 400, 500, 600.5, 1, 1.1, 0.9, 1.5, 1.25, 1.4]);
    expect(psa.values("qaly", "New").buffer).toBe(psa.buffer.buffer);
    expect(psa.mean("cost", "SoC")).toBe(200);
    expect(Object.isFrozen(psa)).toBe(true);
    expect(psa.parameters).toBeUndefined();
  });

  it("psaResult(input) reports unknown names with the closest known one", () => {
    const psa = psaResult({ strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], values });
    const error = thrown(() => psa.values("qaly", "new" as "New"));
    expect([error.code, error.path]).toEqual(["unknown_strategy", ["strategy"]]);
    expect(error.message).toMatch(/did you mean .New/);
    expect(thrown(() => psa.values("qalys" as "qaly", "New")).code).toBe("unknown_outcome");
  });

  it("psaResult(input) reports every non-finite value, ragged series and duplicate names", () => {
    const bad = thrown(() => psaResult({ strategies: ["A"], outcomes: ["cost"], values: { cost: { A: [1, Number.NaN, Infinity] } } }));
    expect(bad.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["non_finite_value", ["values", "cost", "A", 1]],
      ["non_finite_value", ["values", "cost", "A", 2]],
    ]);
    const ragged = thrown(() => psaResult({ strategies: ["A", "B"], outcomes: ["cost"], values: { cost: { A: [1, 2], B: [1] } } }));
    expect([ragged.code, ragged.path]).toEqual(["dimension_mismatch", ["values", "cost", "B"]]);
    const duplicate = thrown(() => psaResult({ strategies: ["A", "A"], outcomes: ["cost"], values: { cost: { A: [1] } } }));
    expect([duplicate.code, duplicate.path]).toEqual(["invalid_argument", ["strategies", 1]]);
    const empty = thrown(() => psaResult({ strategies: ["A"], outcomes: ["cost"], values: { cost: { A: [] } } }));
    expect(empty.code).toBe("dimension_mismatch");
  });

  it("psaResult(input) takes over a laid-out buffer and checks its length", () => {
    const buffer = new Float64Array([1, 2, 3, 4]);
    expect(psaResult({ strategies: ["A", "B"], outcomes: ["cost"], buffer }).buffer).toBe(buffer);
    expect(thrown(() => psaResult({ strategies: ["A", "B", "C"], outcomes: ["cost"], buffer })).code).toBe("dimension_mismatch");
  });

  it("psaResultFromJson(JSON.stringify(psa)) restores values, parameters and provenance exactly", () => {
    const withParameters = psaResultFromCsv("draw,cost_A,effect_A,pRespond\n1,0.1,0.7,0.30000000000000004\n2,1e-300,2.5,0.2\n");
    const psa = psaResult({
      strategies: ["A"],
      outcomes: ["cost", "effect"],
      buffer: Float64Array.from(withParameters.buffer),
      parameters: withParameters.parameters!,
      provenance: { seed: "s", generator: "alea", version: "0.1.0", modelHash: "0123456789abcdef", method: "lhs" },
    });
    const back = psaResultFromJson(JSON.stringify(psa));
    expect(Array.from(back.buffer)).toEqual(Array.from(psa.buffer));
    expect(Array.from(back.parameters!.column("pRespond"))).toEqual([0.30000000000000004, 0.2]);
    expect(back.provenance).toEqual(psa.provenance);
    expect(thrown(() => psaResultFromJson("{")).code).toBe("parse_error");
    expect(thrown(() => psaResultFromJson({ format: "other" })).path).toEqual(["json", "format"]);
  });
});

describe("psaResultFromCsv / psaResultToCsv", () => {
  it("psaResultToCsv(psa) then psaResultFromCsv(text, { outcomes }) round-trips wide and long CSV bit for bit", () => {
    const source = psaResultFromCsv('draw,cost_SoC,effect_SoC,"cost_New, 2",effect_New, 2,pRespond\n1,0.1,1,0.30000000000000004,1.5,0.4\n2,200,1.2,1e21,1.4,0.5\n'.replace('effect_New, 2', '"effect_New, 2"'));
    expect(source.strategies).toEqual(["SoC", "New, 2"]);
    for (const format of ["wide", "long"] as const) {
      const text = psaResultToCsv(source, { format });
      const back = psaResultFromCsv(text, { outcomes: source.outcomes });
      expect(back.strategies).toEqual(source.strategies);
      expect(Array.from(back.buffer)).toEqual(Array.from(source.buffer));
      expect(Array.from(back.parameters!.column("pRespond"))).toEqual([0.4, 0.5]);
    }
  });

  it("psaResultFromCsv(text) orders rows by the draw column and reads voi-style prefixes", () => {
    const psa = psaResultFromCsv("e_SoC,e_Novel,c_SoC,c_Novel,c_home_care,draw\n 8.1, 8.2,1502.9,3331.4,827.2,2\n14.3,14.4,1556.0,3398.9,817.2,1\n", { outcomes: { cost: "c_", qaly: "e_" } });
    expect(psa.strategies).toEqual(["SoC", "Novel"]);
    expect(psa.outcomes).toEqual(["cost", "qaly"]);
    expect(Array.from(psa.values("qaly", "SoC"))).toEqual([14.3, 8.1]);
    expect(psa.parameters!.names).toEqual(["c_home_care"]);
  });

  it("psaResultFromCsv(text) reads the long format (draw, strategy, cost, effect) in any row order", () => {
    const psa = psaResultFromCsv("draw,strategy,cost,effect,pX\n2,B,5,0.5,9\n1,A,1,0.1,8\n2,A,2,0.2,9\n1,B,4,0.4,8\n");
    expect(psa.strategies).toEqual(["B", "A"]);
    expect(Array.from(psa.values("cost", "A"))).toEqual([1, 2]);
    expect(Array.from(psa.parameters!.column("pX"))).toEqual([8, 9]);
  });

  it("psaResultFromCsv(text) names line and column of every malformed field", () => {
    const cases: [string, unknown[]][] = [
      ["draw,cost_A,effect_A\n1,12,NA\n", ["csv", "line", 2, "column", "effect_A"]],
      ["draw,cost_A,effect_A\n1,12,\n", ["csv", "line", 2, "column", "effect_A"]],
      ["draw,cost_A,effect_A\n1,0x10,1\n", ["csv", "line", 2, "column", "cost_A"]],
      ["draw,cost_A,effect_A\n1,2\n", ["csv", "line", 2]],
      ['draw,cost_A,effect_A\n1,"2,1\n', ["csv", "line", 2]],
      ['draw,cost_A,effect_A\n1,2"x,1\n', ["csv", "line", 2]],
      ["draw,cost_A,effect_A\n1,2,1\n1,3,1\n", ["csv", "line", 3, "column", "draw"]],
      ["draw,cost_A,qaly_A\n1,2,1\n", ["csv", "header"]],
      ["draw,strategy,cost,effect\n1,A,1,1\n1,B,1,1\n2,A,1,1\n", ["csv", "strategy", "B"]],
      ["", ["csv"]],
    ];
    for (const [text, path] of cases) {
      const error = thrown(() => psaResultFromCsv(text));
      expect([error.code, error.path], text).toEqual(["parse_error", path]);
    }
    expect(thrown(() => psaResultFromCsv("draw,cost_A,effect_A\n1,12,NA\n")).message).toMatchInlineSnapshot(`"csv.line[2].column.effect_A: line 2, column "effect_A": "NA" is not a number (expected a finite decimal number)"`);
  });

  it("psaResultFromCsv(text) accepts CRLF, a byte-order mark, quoted line breaks and blank lines", () => {
    const psa = psaResultFromCsv('\uFEFFdraw,cost_A,effect_A,"note\r\nx"\r\n1,1,2,3\r\n\r\n2,4,5,6\r\n');
    expect(Array.from(psa.values("effect", "A"))).toEqual([2, 5]);
    expect(psa.parameters!.names).toEqual(["note\r\nx"]);
  });
});
