// Fitting survival models to patient data: all eight parametric families to 1 000 patients (goal
// ≤ 1 s, issue 18), with and without a treatment-arm covariate, and spline models.
//   npm run bench survival-fit
import { createRng } from "../../src/random/rng.js";
import { fitSurvivalModels, fitSurvivalSpline } from "../../src/survival/index.js";

function trial(n: number): { time: number[]; event: number[]; arm: number[] } {
  const rng = createRng("bench-survival-fit");
  const time: number[] = [];
  const event: number[] = [];
  const arm: number[] = [];
  for (let i = 0; i < n; i++) {
    const treated = i % 2;
    const t = 20 * Math.pow(-Math.log(rng.uniform()), 1 / 1.3) * (treated === 1 ? 1.4 : 1); // Weibull months, time ratio 1.4
    const censor = 6 + 40 * rng.uniform();
    time.push(Math.min(t, censor));
    event.push(t <= censor ? 1 : 0);
    arm.push(treated);
  }
  return { time, event, arm };
}

function time(label: string, run: () => unknown, goalMs?: number): void {
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  process.stdout.write(`${label.padEnd(64)} ${ms.toFixed(0).padStart(6)} ms${goalMs === undefined ? "" : `  (goal ≤ ${goalMs} ms)`}\n`);
}

export async function bench(): Promise<void> {
  const { time: t, event, arm } = trial(1000);
  time("all 8 families, 1 000 patients (first run, cold)", () => fitSurvivalModels({ time: t, event }), 1000);
  time("all 8 families, 1 000 patients (warm)", () => fitSurvivalModels({ time: t, event }), 1000);
  time("all 8 families, 1 000 patients, covariate arm", () => fitSurvivalModels({ time: t, event, covariates: { arm } }), 1000);
  for (const scale of ["hazard", "odds", "normal"] as const) time(`spline, 2 internal knots, ${scale} scale, covariate arm`, () => fitSurvivalSpline({ time: t, event, covariates: { arm } }, { internalKnots: 2, scale }));
}
