import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splineEvppi, splineResponses, splineWorkspace } from "../../../src/analysis/voi/spline-evppi.js";
import { coefficientDraws } from "../../../src/analysis/voi/evppi-regression.js";
import { penalisedSmoother } from "../../../src/analysis/voi/penalised-regression.js";

/**
 * The same estimator draw by draw, as qaly computed it before the single-parameter path: the spline
 * basis of every draw (the tensor-product smoother with one covariate), fitted values per draw, and
 * each standard-error replicate's fitted values per draw from the same standard normal numbers.
 */
function drawByDraw(column: Float64Array, increments: { effect: Float64Array; cost: Float64Array | null }[], grid: Float64Array, knots: number, samples: number) {
  const smoother = penalisedSmoother([column], knots);
  const fits = increments.map((inc) => ({ effect: smoother.fit(inc.effect), cost: inc.cost === null ? null : smoother.fit(inc.cost) }));
  const n = column.length;
  const evppiOf = (values: { effect: Float64Array; cost: Float64Array | null }[]) =>
    Array.from(grid, (w) => {
      let sumMax = 0;
      for (let i = 0; i < n; i++) sumMax += Math.max(0, ...values.map((v) => w * v.effect[i]! - (v.cost?.[i] ?? 0)));
      const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / n;
      const bestMean = Math.max(0, ...values.map((v) => w * mean(v.effect) - (v.cost === null ? 0 : mean(v.cost))));
      return sumMax / n - bestMean;
    });
  const perPerson = evppiOf(fits.map((f) => ({ effect: f.effect.fitted, cost: f.cost?.fitted ?? null })));
  const draws = coefficientDraws({ samples }, [])!;
  const z = new Float64Array(smoother.width);
  const replicates = Array.from({ length: samples }, () =>
    evppiOf(
      fits.map((f) => {
        draws.fill(z);
        const effect = Float64Array.from(f.effect.replicate(z));
        if (f.cost === null) return { effect, cost: null };
        draws.fill(z);
        return { effect, cost: Float64Array.from(f.cost.replicate(z)) };
      }),
    ),
  );
  const standardError = grid.map((_, g) => {
    const values = replicates.map((r) => r[g]!);
    const mean = values.reduce((a, b) => a + b, 0) / samples;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1));
  });
  return { perPerson, standardError };
}

describe("splineEvppi", () => {
  it("equals the draw-by-draw EVPPI and its coefficient-draw standard error to 10⁻⁸ of the net benefit's scale, for 1–3 increments with and without costs", () => {
    // Tolerance: the two sum XᵀX in different orders and REML stops at a log λ within its 10⁻² step
    // tolerance of the same point either way, so the fits agree to rounding (observed ≤ 3·10⁻¹¹
    // relative on voi's chemotherapy PSA); 10⁻⁸ of max |ΔNB| leaves room for ill-conditioned draws.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 3, max: 20 }),
        fc.boolean(),
        (seed, strategies, knots, costs) => {
          const n = 400;
          const noise = (i: number, k: number) => (Math.sin((i + 1) * (seed + 17 * k) * 12.9898) * 43758.5453) % 1;
          const column = Float64Array.from({ length: n }, (_, i) => Math.round(50 * (noise(i, 0) + 1)) / 7);
          const increments = Array.from({ length: strategies }, (_, s) => ({
            effect: Float64Array.from(column, (x, i) => Math.sin((s + 1) * x / 4) + 0.5 * noise(i, s + 1)),
            cost: costs ? Float64Array.from(column, (x, i) => (s - 1) * 0.3 * x + noise(i, s + 11)) : null,
          }));
          const grid = Float64Array.of(0, 0.5, 2);
          const fast = splineEvppi(column, splineResponses(increments), grid, knots, coefficientDraws({ samples: 12 }, []));
          const slow = drawByDraw(column, increments, grid, knots, 12);
          let scale = 0;
          for (const inc of increments) for (let i = 0; i < n; i++) scale = Math.max(scale, 2 * Math.abs(inc.effect[i]!) + Math.abs(inc.cost?.[i] ?? 0));
          grid.forEach((_, g) => {
            // The draw-by-draw reference has no rounding floor: a value within 10⁻⁹ of its means is 0 in qaly.
            expect(Math.abs(fast.perPerson[g]! - slow.perPerson[g]!)).toBeLessThanOrEqual(1e-8 * scale);
            expect(Math.abs(fast.standardError![g]! - slow.standardError[g]!)).toBeLessThanOrEqual(1e-8 * scale);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it("gives the same numbers in a reused workspace as in its own arrays, whichever parameter used the workspace before", () => {
    const n = 3000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 2);
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.37) + 3);
    const responses = splineResponses([{ effect: Float64Array.from(x, (v, i) => Math.sin(v) + 0.1 * y[i]!), cost: Float64Array.from(y, (v) => v * v) }]);
    const grid = Float64Array.of(0.5, 4);
    const workspace = splineWorkspace(n);
    const own = [x, y].map((column) => splineEvppi(column, responses, grid, 20, coefficientDraws({ samples: 10 }, [])));
    const reused = [x, y, x].map((column) => splineEvppi(column, responses, grid, 20, coefficientDraws({ samples: 10 }, []), workspace));
    for (const [a, b] of [[own[0]!, reused[0]!], [own[1]!, reused[1]!], [own[0]!, reused[2]!]] as const) {
      expect(Array.from(b.perPerson)).toEqual(Array.from(a.perPerson));
      expect(Array.from(b.standardError!)).toEqual(Array.from(a.standardError!));
    }
    // A workspace for another number of draws is not used.
    expect(Array.from(splineEvppi(x, responses, grid, 20, undefined, splineWorkspace(10)).perPerson)).toEqual(Array.from(own[0]!.perPerson));
  });

  it("gives 0 and a standard error of 0 for a parameter with one value, and for a single strategy", () => {
    const column = new Float64Array(50).fill(3);
    const effect = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const constant = splineEvppi(column, splineResponses([{ effect, cost: null }]), Float64Array.of(1, 2), 20, coefficientDraws({ samples: 10 }, []));
    expect(Array.from(constant.perPerson)).toEqual([0, 0]);
    expect(Array.from(constant.standardError!)).toEqual([0, 0]);
    const none = splineEvppi(effect, splineResponses([]), Float64Array.of(1), 20, undefined);
    expect(Array.from(none.perPerson)).toEqual([0]);
    expect(none.standardError).toBeNull();
  });
});
