import normalCdf from "@stdlib/stats-base-dists-normal-cdf/lib/main.js";
import { IssueCollector } from "../core/errors.js";
import { formatList } from "../core/format-significant.js";
import { defineCurve } from "./define-curve.js";
import { logNormalUpper } from "./log-tails.js";
import type { SurvivalCurve, SurvivalCurveDef } from "./survival-curve.js";

/** The definition of a Royston–Parmar spline curve (a member of {@link SurvivalCurveDef}). */
export type RoystonParmarSurvivalDef = Extract<SurvivalCurveDef, { readonly kind: "royston-parmar" }>;

/** The scale on which a Royston–Parmar spline is linear in log time beyond its boundary knots. */
export type SplineScale = "hazard" | "odds" | "normal";

const SCALES: readonly SplineScale[] = ["hazard", "odds", "normal"];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The spline s(x) and its derivative s'(x) at x = log t: γ₀ + γ₁x + Σ γ_{j+1}·v_j(x) with the
 * natural cubic basis v_j(x) = (x − k_j)³₊ − λ_j·(x − k_min)³₊ − (1 − λ_j)·(x − k_max)³₊,
 * λ_j = (k_max − k_j)/(k_max − k_min) (Royston & Parmar 2002).
 * @internal
 */
export function splineBasis(gamma: readonly number[], knots: readonly number[]): (x: number, out: Float64Array) => void {
  const m = knots.length - 2;
  const kMin = knots[0]!;
  const kMax = knots[knots.length - 1]!;
  const lambda = knots.slice(1, -1).map((k) => (kMax - k) / (kMax - kMin));
  return (x, out) => {
    let s = gamma[0]! + gamma[1]! * x;
    let ds = gamma[1]!;
    const uMin = x - kMin;
    const uMax = x - kMax;
    const cMin = uMin > 0 ? uMin * uMin : 0;
    const cMax = uMax > 0 ? uMax * uMax : 0;
    for (let j = 0; j < m; j++) {
      const u = x - knots[j + 1]!;
      const c = u > 0 ? u * u : 0;
      const l = lambda[j]!;
      const g = gamma[j + 2]!;
      s += g * (c * u - l * cMin * uMin - (1 - l) * cMax * uMax);
      ds += 3 * g * (c - l * cMin - (1 - l) * cMax);
    }
    out[0] = s;
    out[1] = ds;
  };
}

/** The smallest s'(x) over the real line: γ₁ on the left, a constant slope on the right, a quadratic between knots. */
function smallestSlope(gamma: readonly number[], knots: readonly number[]): number {
  const basis = splineBasis(gamma, knots);
  const out = new Float64Array(2);
  const slope = (x: number): number => (basis(x, out), out[1]!);
  let smallest = Math.min(slope(knots[0]! - 1), slope(knots[knots.length - 1]! + 1));
  for (let i = 0; i + 1 < knots.length; i++) {
    const a = knots[i]!;
    const b = knots[i + 1]!;
    // s' is quadratic on [a, b]: its values at a, the midpoint and b fix the vertex.
    const fa = slope(a);
    const fm = slope(0.5 * (a + b));
    const fb = slope(b);
    smallest = Math.min(smallest, fa, fb);
    const curvature = fa - 2 * fm + fb;
    if (curvature > 0) {
      const u = 0.5 * (fa - fb) / (2 * curvature) + 0.5; // vertex in units of (b − a), from a
      if (u > 0 && u < 1) smallest = Math.min(smallest, slope(a + u * (b - a)));
    }
  }
  return smallest;
}

/**
 * Royston–Parmar flexible parametric survival: a natural cubic spline in log time on the log
 * cumulative hazard, log cumulative odds or probit scale (Royston & Parmar 2002, Stat Med 21:2175).
 *
 * With x = log t and s(x) = γ₀ + γ₁x + Σ γ_{j+1}·v_j(x) (natural cubic basis with boundary knots
 * k_min, k_max and internal knots k₁…k_m, all on the log-time scale): `"hazard"` is
 * S = exp(−e^{s}) (no internal knots: the Weibull), `"odds"` is S = 1/(1 + e^{s}) (the log-logistic),
 * `"normal"` is S = Φ(−s) (the lognormal). Beyond the boundary knots s is linear in log t, so
 * extrapolation follows the Weibull, log-logistic or lognormal of the tail. The recommended model
 * when standard families fit badly (NICE DSU TSD 14 and 21). Same parameterisation as R's
 * `flexsurvspline` (`gamma`, `knots` = `fit$knots`, `scale`) and `psurvspline`. Restricted mean and
 * quantiles are numerical.
 *
 * @param params - `gamma` (one more than the number of internal knots, plus one: γ₀, γ₁, …),
 *   `knots` (log time, strictly increasing, boundary knots first and last), `scale`
 * @returns a survival curve
 * @throws QalyError `invalid_parameter` / `dimension_mismatch` at `["royston-parmar", …]`;
 *   `survival_increasing` when s is not non-decreasing in log t (S would rise somewhere)
 * @example
 * // No internal knots on the hazard scale: Weibull with shape γ₁ = 1.5 and scale e^{−γ₀/γ₁} = 20.
 * const os = roystonParmarSurvival({ gamma: [-1.5 * Math.log(20), 1.5], knots: [0, 4], scale: "hazard" });
 * os.survival(20) // => 0.367879
 * roystonParmarSurvival({ gamma: [-3, 1.2, 0.05], knots: [0, 1.5, 3.5], scale: "odds" }).median() // => 20.1559
 */
export function roystonParmarSurvival(params: { readonly gamma: readonly number[]; readonly knots: readonly number[]; readonly scale: SplineScale }): SurvivalCurve<Extract<SurvivalCurveDef, { readonly kind: "royston-parmar" }>> {
  const issues = new IssueCollector();
  const { gamma, knots, scale } = params ?? ({} as typeof params);
  if (!SCALES.includes(scale)) issues.add({ code: "invalid_parameter", path: ["royston-parmar", "scale"], message: `scale must be "hazard", "odds" or "normal" (received ${JSON.stringify(scale)})`, received: scale });
  if (!Array.isArray(knots) || knots.length < 2) issues.add({ code: "invalid_parameter", path: ["royston-parmar", "knots"], message: "knots must list at least the two boundary knots (log time)", received: knots });
  else knots.forEach((k, i) => {
    if (!Number.isFinite(k) || (i > 0 && !(k > knots[i - 1]!))) issues.add({ code: "invalid_parameter", path: ["royston-parmar", "knots", i], message: `knots must be finite and strictly increasing (received ${k}${i > 0 ? ` after ${knots[i - 1]}` : ""})`, received: k });
  });
  if (!Array.isArray(gamma) || gamma.some((g) => !Number.isFinite(g))) issues.add({ code: "invalid_parameter", path: ["royston-parmar", "gamma"], message: "gamma must be an array of finite numbers", received: gamma });
  else if (Array.isArray(knots) && gamma.length !== knots.length) issues.add({ code: "dimension_mismatch", path: ["royston-parmar", "gamma"], message: `${knots.length} knots need ${knots.length} coefficients γ₀…γ${knots.length - 1} (received ${gamma.length})`, received: gamma.length, expected: String(knots.length) });
  issues.throwIfAny("Royston–Parmar survival curve");
  if (!(gamma[1]! > 0) || smallestSlope(gamma, knots) < 0) {
    issues.add({ code: "survival_increasing", path: ["royston-parmar", "gamma"], message: `the spline must increase with log time (γ₁ > 0 and s' ≥ 0 everywhere), or survival would rise; received gamma ${formatList(gamma)}`, received: gamma });
    issues.throwIfAny("Royston–Parmar survival curve");
  }
  return roystonParmarCurve(gamma, knots, scale);
}

/**
 * The curve without the monotonicity check, for the likelihood (which only needs h at event times
 * and H at follow-up times; a non-monotone spline there gives h < 0 and a −∞ log-likelihood).
 * @internal
 */
export function roystonParmarCurve(gamma: readonly number[], knots: readonly number[], scale: SplineScale): SurvivalCurve<RoystonParmarSurvivalDef> {
  const def: RoystonParmarSurvivalDef = Object.freeze({ kind: "royston-parmar", gamma: Object.freeze([...gamma]), knots: Object.freeze([...knots]), scale });
  const basis = splineBasis(gamma, knots);
  const sd = new Float64Array(2);
  // H and h as functions of s, and ds/dt = s'(x)/t.
  const cumulativeOf = scale === "hazard" ? (s: number) => Math.exp(s) : scale === "odds" ? (s: number) => (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) : (s: number) => -logNormalUpper(s);
  const hazardFactor = scale === "hazard" ? (s: number) => Math.exp(s) : scale === "odds" ? (s: number) => 1 / (1 + Math.exp(-s)) : (s: number) => Math.exp(-0.5 * s * s - LOG_SQRT_2PI - logNormalUpper(s));
  const cumulativeHazard = (t: number): number => {
    if (!(t > 0)) return t <= 0 ? 0 : NaN;
    basis(Math.log(t), sd);
    return cumulativeOf(sd[0]!);
  };
  return defineCurve(
    {
      def,
      label: () => `RoystonParmar(scale=${scale}, gamma=${formatList(gamma)}, knots=${formatList(knots)})`,
      survival: (t) => {
        if (!(t > 0)) return t <= 0 ? 1 : NaN;
        basis(Math.log(t), sd);
        const s = sd[0]!;
        return scale === "hazard" ? Math.exp(-Math.exp(s)) : scale === "odds" ? 1 / (1 + Math.exp(s)) : normalCdf(-s, 0, 1);
      },
      hazard: (t) => {
        if (!(t > 0)) {
          if (t !== 0) return t < 0 ? 0 : NaN;
          // Near 0, s = γ₀ + γ₁·log t: h ≈ γ₁·e^{γ₀}·t^{γ₁−1} on the hazard and odds scales, → 0 on the normal one.
          if (scale === "normal") return 0;
          return gamma[1]! > 1 ? 0 : gamma[1] === 1 ? Math.exp(gamma[0]!) : Infinity;
        }
        basis(Math.log(t), sd);
        return (sd[1]! / t) * hazardFactor(sd[0]!);
      },
      cumulativeHazard,
    },
    knots.map(Math.exp),
  );
}
