import type { SurvivalData } from "./survival-data.js";
import { checkSurvivalData } from "./survival-data.js";

/**
 * A Kaplan–Meier estimate: one entry per distinct follow-up time (event or censoring), as R's
 * `survfit(Surv(time, event) ~ 1)` lists them.
 */
export interface KaplanMeier {
  /** The distinct times, increasing. */
  readonly time: Float64Array;
  /** Number at risk just before each time. */
  readonly atRisk: Float64Array;
  /** Number of events at each time. */
  readonly events: Float64Array;
  /** Number censored at each time. */
  readonly censored: Float64Array;
  /** S(t) just after each time. */
  readonly survival: Float64Array;
  /** Greenwood standard error of S(t). */
  readonly standardError: Float64Array;
  /** Lower end of the 95% interval, S·exp(−1.96·se(log S)) (survfit's default `conf.type = "log"`). */
  readonly lower: Float64Array;
  /** Upper end of the 95% interval, capped at 1. */
  readonly upper: Float64Array;
  /** The smallest time with S(t) ≤ ½ (`Infinity` if S never falls to ½). */
  readonly median: number;
  /** S at any time t ≥ 0 (a right-continuous step function). */
  survivalAt(t: number): number;
}

const Z95 = 1.959963984540054;

/**
 * The Kaplan–Meier (product-limit) estimate of a survival curve from right-censored data, with
 * Greenwood's standard errors and log-scale 95% intervals.
 *
 * S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ), with dᵢ events among nᵢ at risk at time tᵢ (censorings at tᵢ
 * count as at risk at tᵢ, as in R's survival package); Var(log S) = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) (Greenwood
 * 1926). The estimate that fitted parametric curves are compared with by eye (NICE DSU TSD 14).
 *
 * @param data - times (> 0) and events (0/1); covariates are ignored
 * @returns the estimate
 * @throws QalyError for invalid data (see {@link fitSurvival})
 * @example
 * const km = kaplanMeier({ time: [1, 2, 2, 3, 4], event: [1, 1, 0, 1, 0] });
 * Array.from(km.survival) // => [0.8, 0.6, 0.3, 0.3]
 * km.median // => 3
 * km.survivalAt(2.5) // => 0.6
 */
export function kaplanMeier(data: SurvivalData): KaplanMeier {
  const { time, event } = checkSurvivalData({ time: data?.time, event: data?.event }, "Kaplan–Meier data", false);
  const order = Array.from(time.keys()).sort((a, b) => time[a]! - time[b]!);
  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  for (const i of order) {
    if (times.length === 0 || times[times.length - 1] !== time[i]) {
      times.push(time[i]!);
      events.push(0);
      censored.push(0);
    }
    if (event[i] === 1) events[events.length - 1]!++;
    else censored[censored.length - 1]!++;
  }
  const m = times.length;
  const atRisk = new Float64Array(m);
  const survival = new Float64Array(m);
  const standardError = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  let n = time.length;
  let s = 1;
  let greenwood = 0;
  let median = Infinity;
  for (let j = 0; j < m; j++) {
    const d = events[j]!;
    atRisk[j] = n;
    s *= 1 - d / n;
    // Once everyone left has died (d = n), S = 0 and the variance of log S is undefined.
    greenwood += d < n ? d / (n * (n - d)) : Infinity;
    survival[j] = s;
    const seLog = Math.sqrt(greenwood);
    standardError[j] = Number.isFinite(seLog) ? s * seLog : NaN;
    lower[j] = Number.isFinite(seLog) ? s * Math.exp(-Z95 * seLog) : NaN;
    upper[j] = Number.isFinite(seLog) ? Math.min(1, s * Math.exp(Z95 * seLog)) : NaN;
    if (median === Infinity && s <= 0.5) median = times[j]!;
    n -= d + censored[j]!;
  }
  const timeArray = Float64Array.from(times);
  return Object.freeze({
    time: timeArray,
    atRisk,
    events: Float64Array.from(events),
    censored: Float64Array.from(censored),
    survival,
    standardError,
    lower,
    upper,
    median,
    survivalAt(t: number): number {
      if (!(t >= 0)) return t < 0 ? 1 : NaN;
      // The last index with time ≤ t, by bisection.
      let lo = -1;
      let hi = m;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (timeArray[mid]! <= t) lo = mid;
        else hi = mid;
      }
      return lo < 0 ? 1 : survival[lo]!;
    },
  });
}
