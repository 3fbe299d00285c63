import { describe, expect, it } from "vitest";
import { psaResultFromCsv, withParameterDrawsCsv } from "../../../src/analysis/psa/index.js";
import { evppi } from "../../../src/analysis/voi/index.js";
import { readFileSync } from "node:fs";
import { chemoPsa } from "./chemo.js";
import { chemoWithParameters } from "../voi/chemo-draws.js";

describe("withParameterDrawsCsv", () => {
  const psa = psaResultFromCsv("draw,cost_A,effect_A,cost_B,effect_B\n1,0,0,0,1\n2,0,0,0,-1\n3,0,0,0,2\n4,0,0,0,-2");

  it("joins the rows of a second CSV to the draws, by file order or by a draw column, and keeps the PSA's values", () => {
    const byOrder = withParameterDrawsCsv(psa, "pX,pY\n1,0.1\n-1,0.2\n2,NA\n-2,0.4");
    expect(Array.from(byOrder.parameters!.column("pX"))).toEqual([1, -1, 2, -2]);
    expect(byOrder.parameters!.column("pY")[2]).toBeNaN();
    expect(Array.from(byOrder.values("effect", "B"))).toEqual([1, -1, 2, -2]);
    const byDraw = withParameterDrawsCsv(psa, '"",draw,pX\n"a",3,2\n"b",1,1\n"c",4,-2\n"d",2,-1');
    expect(byDraw.parameters!.names).toEqual(["pX"]);
    expect(Array.from(byDraw.parameters!.column("pX"))).toEqual([1, -1, 2, -2]);
    expect(evppi(byDraw, "pX", [1]).perPerson[0]).toBeCloseTo(0.75, 12);
  });

  it("gives voi's chemotherapy example, outputs and inputs in two files, the same EVPPI as one table", () => {
    const joined = withParameterDrawsCsv(chemoPsa(), readFileSync(new URL("../../fixtures/voi-chemo/voi_chemo_pars.csv", import.meta.url), "utf8"));
    const a = evppi(joined, "p_side_effects_t2", [20_000]).perPerson[0];
    expect(a).toBe(evppi(chemoWithParameters(), "p_side_effects_t2", [20_000]).perPerson[0]);
  });

  it("reports a row count that differs, draws that are not 1…n, a non-number and a name the PSA already has", () => {
    expect(() => withParameterDrawsCsv(psa, "pX\n1\n2")).toThrow(expect.objectContaining({ code: "dimension_mismatch", path: ["parameters.csv"] }));
    expect(() => withParameterDrawsCsv(psa, "draw,pX\n1,1\n2,1\n2,1\n5,1", { file: "p.csv" })).toThrow(expect.objectContaining({ code: "parse_error", path: ["p.csv", "line", 5, "column", "draw"] }));
    expect(() => withParameterDrawsCsv(psa, "draw,pX\n1,1\n2,1\n2,1\n4,1")).toThrow(expect.objectContaining({ code: "parse_error" }));
    expect(() => withParameterDrawsCsv(psa, "pX\n1\nx\n2\n3")).toThrow(expect.objectContaining({ code: "parse_error" }));
    const once = withParameterDrawsCsv(psa, "pX\n1\n2\n3\n4");
    expect(() => withParameterDrawsCsv(once, "pX\n1\n2\n3\n4")).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["parameters.csv", "header", "pX"] }));
  });
});
