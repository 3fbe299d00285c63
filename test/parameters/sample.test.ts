import { describe, expect, it } from "vitest";
import { defineParameters, spearman } from "../../src/parameters/index.js";
import { createRng } from "../../src/random/rng.js";
import { beta } from "../../src/distributions/beta.js";
import { dirichlet } from "../../src/distributions/dirichlet.js";
import { gamma } from "../../src/distributions/gamma.js";
import { normal } from "../../src/distributions/normal.js";
import { multivariateNormal } from "../../src/distributions/multivariate-normal.js";
import { pearson } from "../../src/parameters/spearman.js";
import { catchQalyError } from "./catch-error.js";

const space = defineParameters({
  pRespond: beta({ alpha: 45, beta: 55 }),
  cSick: gamma({ shape: 25, scale: 74 }),
  cDrug: 2400,
  uWell: beta({ alpha: 80, beta: 20 }),
  uSick: beta({ alpha: 55, beta: 45 }),
});

function bits(column: Float64Array): number[] {
  return Array.from(new Uint32Array(column.slice().buffer));
}

describe("space.sample", () => {
  it("sample(n, { seed }) gives bit-identical columns for the same seed, different ones for another", () => {
    const a = space.sample(500, { seed: "psa-1" });
    const b = space.sample(500, { seed: "psa-1" });
    const c = space.sample(500, { seed: "psa-2" });
    for (const name of space.names) expect(bits(b.column(name))).toEqual(bits(a.column(name)));
    expect(Array.from(c.column("pRespond"))).not.toEqual(Array.from(a.column("pRespond")));
  });

  it("sample(n, { seed }) leaves other columns unchanged when a parameter is added, removed or reordered", () => {
    const reference = space.sample(300, { seed: 11 });
    const grown = defineParameters({
      hrNew: normal({ mean: 0.7, sd: 0.1 }),
      uSick: beta({ alpha: 55, beta: 45 }),
      uWell: beta({ alpha: 80, beta: 20 }),
      pRespond: beta({ alpha: 45, beta: 55 }),
      cSick: gamma({ shape: 25, scale: 74 }),
    }).sample(300, { seed: 11 });
    for (const name of ["pRespond", "cSick", "uWell", "uSick"] as const) expect(bits(grown.column(name))).toEqual(bits(reference.column(name)));
  });

  it("sample(n, { seed }) fills fixed parameters with their value and draws from each parameter's own substream", () => {
    const draws = space.sample(100, { seed: 5 });
    expect(draws.column("cDrug").every((x) => x === 2400)).toBe(true);
    const stream = createRng(5).stream("parameter:pRespond");
    const expected = Array.from({ length: 100 }, () => beta({ alpha: 45, beta: 55 }).sample(stream));
    expect(Array.from(draws.column("pRespond"))).toEqual(expected);
  });

  it("sample(n, { rng }) uses the generator's substreams like a seed does", () => {
    const bySeed = space.sample(50, { seed: "x" });
    const byRng = space.sample(50, { rng: createRng("x") });
    expect(Array.from(byRng.column("uWell"))).toEqual(Array.from(bySeed.column("uWell")));
  });

  it("sample(n, { method: 'lhs' }) has exactly one draw per stratum in every column (cdf of the draw)", () => {
    const n = 400;
    const draws = space.sample(n, { seed: "lhs", method: "lhs" });
    expect(draws.method).toBe("lhs");
    const marginals = { pRespond: beta({ alpha: 45, beta: 55 }), cSick: gamma({ shape: 25, scale: 74 }), uWell: beta({ alpha: 80, beta: 20 }), uSick: beta({ alpha: 55, beta: 45 }) };
    for (const [name, dist] of Object.entries(marginals)) {
      const counts = new Array<number>(n).fill(0);
      // cdf(quantile(u)) recovers u to ~1e-12; strata are 1/400 wide, so the stratum index is exact
      for (const x of draws.column(name as keyof typeof marginals)) counts[Math.floor(dist.cdf(x) * n)]!++;
      expect(counts.every((c) => c === 1), name).toBe(true);
    }
  });

  it("sample(n) computes derived parameters per draw, in order, consistent with row(i)", () => {
    const s = space.derive((p) => ({ uSickCapped: Math.min(p.uSick, p.uWell) })).derive((p) => ({ gap: p.uWell - p.uSickCapped }));
    const draws = s.sample(200, { seed: 3 });
    const capped = draws.column("uSickCapped");
    const gap = draws.column("gap");
    for (let i = 0; i < draws.size; i++) {
      const row = draws.row(i);
      expect(capped[i]).toBe(Math.min(row.uSick, row.uWell));
      expect(gap[i]).toBe(row.uWell - row.uSickCapped);
    }
    expect(draws.names.slice(-2)).toEqual(["uSickCapped", "gap"]);
  });

  it("sample(n) throws non_finite_value naming the derived parameter and the draw", () => {
    const s = defineParameters({ x: normal({ mean: 1, sd: 1 }) }).derive((p) => ({ logX: Math.log(p.x) }));
    const error = catchQalyError(() => s.sample(1000, { seed: 1 }));
    expect(error.code).toBe("non_finite_value");
    const draws = defineParameters({ x: normal({ mean: 1, sd: 1 }) }).sample(1000, { seed: 1 }).column("x");
    const first = draws.findIndex((x) => !(x > 0));
    expect(error.path).toEqual(["parameters", "logX", "draw", first]);
    expect(error.message).toContain(`in draw ${first}`);
  });

  it("sample(n) draws group components jointly from the group's substream", () => {
    const s = space.group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"]);
    const draws = s.sample(300, { seed: 9 });
    for (let i = 0; i < draws.size; i++) {
      const r = draws.row(i);
      expect(Math.abs(r.pComplete + r.pPartial + r.pNone - 1)).toBeLessThan(1e-12);
    }
    const stream = createRng(9).stream("group:response");
    const first = dirichlet({ alpha: [20, 30, 50] }).sample(stream);
    expect([draws.column("pComplete")[0], draws.column("pPartial")[0], draws.column("pNone")[0]]).toEqual(Array.from(first));
    // the group does not disturb the other columns
    expect(bits(draws.column("uWell"))).toEqual(bits(space.sample(300, { seed: 9 }).column("uWell")));
  });

  it("sample(n) draws multivariate normal group components with the group's means and correlation", () => {
    // Weibull regression coefficients with their covariance, as a survival fit reports them
    const s = defineParameters({}).group("weibull", multivariateNormal({ mean: [0.5, -3], covariance: [[0.04, -0.03], [-0.03, 0.09]] }), ["logShape", "logScale"]);
    expect(s.base()).toEqual({ logShape: 0.5, logScale: -3 });
    const n = 4000;
    const draws = s.sample(n, { seed: "mvn" });
    const x = draws.column("logShape");
    const y = draws.column("logScale");
    const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
    // |mean − μ| ≤ 4σ/√n
    expect(Math.abs(mean(x) - 0.5)).toBeLessThan((4 * 0.2) / Math.sqrt(n));
    expect(Math.abs(mean(y) + 3)).toBeLessThan((4 * 0.3) / Math.sqrt(n));
    // target correlation −0.03/(0.2·0.3) = −0.5; SE of r ≈ (1 − r²)/√n, allow 4 SE
    expect(Math.abs(pearson(x, y) + 0.5)).toBeLessThan((4 * 0.75) / Math.sqrt(n));
    const rows = s.describe();
    expect(rows[0]!.lower).toBeCloseTo(0.5 - 1.959963984540054 * 0.2, 9);
  });

  it("table.column(name) and table.row(i) reject unknown names and bad indices", () => {
    const draws = space.sample(10, { seed: 1 });
    const error = catchQalyError(() => draws.column("pRespnd" as "pRespond"));
    expect([error.code, error.path]).toEqual(["unknown_parameter", ["parameters", "pRespnd"]]);
    expect(error.message).toContain("did you mean 'pRespond'?");
    expect(catchQalyError(() => draws.row(10)).path).toEqual(["draw"]);
    expect(draws.row(0)).toEqual(Object.fromEntries(space.names.map((n) => [n, draws.column(n)[0]])));
  });

  it("sample(n, options) rejects a bad n, a missing seed and an unknown method", () => {
    expect(catchQalyError(() => space.sample(0, { seed: 1 })).path).toEqual(["n"]);
    expect(catchQalyError(() => space.sample(10, {})).path).toEqual(["seed"]);
    expect(catchQalyError(() => space.sample(10, { seed: 1, method: "sobol" as never })).path).toEqual(["method"]);
  });
});

/**
 * Tolerance on achieved − target rank correlation. Iman–Conover fixes the Pearson correlation of
 * the normal scores exactly; what remains is the gap between that and the Spearman correlation of
 * the reordered ranks. Across 30 seeds (n = 200, 1000, 5000; ρ = 0.6 and −0.4) its RMS was
 * ≈ 0.4·(1 − ρ²)/√n, i.e. 0.4 of the standard error of ρₛ in an unrearranged sample; we allow
 * 4 RMS.
 */
function icTolerance(rho: number, n: number): number {
  return (4 * 0.4 * (1 - rho * rho)) / Math.sqrt(n);
}

describe("space.correlate + sample (Iman–Conover)", () => {
  it("sample(n) achieves the requested rank correlation and reports it; marginals are unchanged as multisets", () => {
    const n = 5000;
    const correlated = space.correlate("uWell", "uSick", 0.6).correlate("pRespond", "cSick", -0.4);
    const draws = correlated.sample(n, { seed: "ic" });
    const independent = space.sample(n, { seed: "ic" });
    const sorted = (x: Float64Array) => Array.from(x).sort((a, b) => a - b);
    for (const name of space.names) expect(sorted(draws.column(name))).toEqual(sorted(independent.column(name)));
    expect(draws.correlation.map((c) => [c.a, c.b, c.target])).toEqual([["uWell", "uSick", 0.6], ["pRespond", "cSick", -0.4]]);
    for (const c of draws.correlation) {
      expect(c.achieved).toBe(spearman(draws.column(c.a as "uWell"), draws.column(c.b as "uSick")));
      expect(Math.abs(c.achieved - c.target)).toBeLessThan(icTolerance(c.target, n));
    }
    // unrelated pairs stay near independent: |ρₛ| ≤ 4/√n
    expect(Math.abs(spearman(draws.column("uWell"), draws.column("cSick")))).toBeLessThan(4 / Math.sqrt(n));
  });

  it("sample(n) induces correlation with LHS too, keeping the stratification", () => {
    const n = 1000;
    const draws = space.correlate("uWell", "uSick", -0.5).sample(n, { seed: 2, method: "lhs" });
    expect(Math.abs(draws.correlation[0]!.achieved + 0.5)).toBeLessThan(icTolerance(-0.5, n));
    const counts = new Array<number>(n).fill(0);
    for (const x of draws.column("uSick")) counts[Math.floor(beta({ alpha: 55, beta: 45 }).cdf(x) * n)]!++;
    expect(counts.every((c) => c === 1)).toBe(true);
  });

  it("sample(n) gives an empty correlation report when none was requested", () => {
    expect(space.sample(10, { seed: 1 }).correlation).toEqual([]);
  });
});
