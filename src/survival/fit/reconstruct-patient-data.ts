import { IssueCollector } from "../../core/errors.js";

/** A Kaplan–Meier curve read off a published figure, with the numbers at risk printed below it. */
export interface DigitisedKaplanMeier {
  /** x coordinates of the digitised points (≥ 0, in the figure's time unit). */
  readonly time: ArrayLike<number>;
  /** y coordinates: S(t) as a proportion in [0, 1] (divide percentages by 100). */
  readonly survival: ArrayLike<number>;
  /** Times at which the numbers at risk are published, increasing, the first 0. */
  readonly riskTimes: ArrayLike<number>;
  /** The numbers at risk at `riskTimes` (non-increasing whole numbers, the first ≥ 1). */
  readonly atRisk: ArrayLike<number>;
  /** The total number of events, when the publication reports it (pins down censoring after the last risk time). */
  readonly totalEvents?: number;
}

/** Individual patient data reconstructed by {@link reconstructPatientData}. */
export interface ReconstructedPatientData {
  /** Event or censoring time of each patient, increasing. */
  readonly time: Float64Array;
  /** 1 for an event, 0 for a censored time. */
  readonly event: Uint8Array;
  /** The number at risk the reconstruction has at each published risk time (compare with the published ones). */
  readonly atRisk: Float64Array;
}

interface Interval {
  readonly start: number;
  readonly end: number;
  /** Indices of the digitised points in [start, end). */
  readonly points: readonly number[];
}

/**
 * Reconstructs individual patient data (event and censoring times) from a digitised Kaplan–Meier
 * curve and the numbers at risk, by the algorithm of Guyot, Ades, Ouwens & Welton (2012, BMC Med
 * Res Methodol 12:9), so that survival models can be fitted to a trial that published only its
 * curves.
 *
 * Between consecutive risk times the number censored is first guessed from the drop in the curve
 * (n_i·S(t_{i+1})/S(t_i) − n_{i+1}), the censorings are spread evenly between the two risk times
 * (the authors' R code spreads them between the first digitised points after each; the counts per
 * interval, totals and medians agree, see test/validation/guyot-2012.test.ts), and at
 * each digitised point the events are those that make the reconstructed Kaplan–Meier curve follow
 * the digitised one, d = round(n·(1 − S_k/Ŝ_last)); the number censored is corrected until the
 * reconstructed number at risk at the next risk time equals the published one. After the last
 * risk time the censoring count is fixed by `totalEvents` when given, otherwise by the average
 * censoring rate of the earlier intervals; patients still at risk at the last digitised time are
 * censored there. The digitised points are first sorted by time and made non-increasing (a
 * running minimum removes digitisation noise that would make S rise), and (0, 1) is added when
 * missing.
 *
 * @param digitised - the curve's points, the risk table, optionally the total number of events
 * @returns the reconstructed patients (a {@link SurvivalData}) and the reconstructed numbers at risk
 * @throws QalyError `invalid_argument` / `dimension_mismatch` at the offending input path
 * @example
 * const ipd = reconstructPatientData({ time: [0, 1, 2, 3], survival: [1, 0.9, 0.8, 0.7], riskTimes: [0, 2], atRisk: [10, 8], totalEvents: 3 });
 * Array.from(ipd.event).filter((e) => e === 1).length // => 3
 * Array.from(ipd.atRisk) // => [10, 8]
 */
export function reconstructPatientData(digitised: DigitisedKaplanMeier): ReconstructedPatientData {
  const { time, survival, riskTimes, atRisk, totalEvents } = checkDigitised(digitised);
  const last = time[time.length - 1]!;
  const intervals: Interval[] = riskTimes.map((start, i) => {
    const end = i + 1 < riskTimes.length ? riskTimes[i + 1]! : Infinity;
    const points: number[] = [];
    for (let k = 0; k < time.length; k++) if (time[k]! >= start && time[k]! < end && time[k]! > 0) points.push(k);
    return { start, end: Math.min(end, Math.max(last, start)), points };
  });
  // S of the digitised step function at t: the last point at or before t.
  const digitisedAt = (t: number): number => {
    let s = 1;
    for (let k = 0; k < time.length && time[k]! <= t; k++) s = survival[k]!;
    return s;
  };

  const eventTimes: number[] = [];
  const censorTimes: number[] = [];
  let n = atRisk[0]!;
  let km = 1;
  const reproduced = new Float64Array(riskTimes.length);
  let censoredSoFar = 0;

  // One pass over an interval with `censored` censorings spread evenly over it.
  const simulate = (interval: Interval, censored: number, record: boolean) => {
    let atRiskNow = n;
    let kmNow = km;
    let events = 0;
    const width = interval.end - interval.start;
    let c = 0;
    let censoredHere = 0;
    const censorTime = (j: number): number => interval.start + ((j + 1) * width) / (censored + 1);
    // Only patients still at risk can be censored: a count larger than the events leave room for
    // (a last interval searched for a published total) must not create patients.
    const censorBefore = (t: number): void => {
      while (c < censored && censorTime(c) < t) {
        if (atRiskNow > 0) {
          if (record) censorTimes.push(censorTime(c));
          atRiskNow--;
          censoredHere++;
        }
        c++;
      }
    };
    for (const k of interval.points) {
      censorBefore(time[k]!);
      if (atRiskNow <= 0) break;
      const d = Math.min(atRiskNow, Math.max(0, Math.round(atRiskNow * (1 - survival[k]! / kmNow))));
      if (d > 0) {
        kmNow *= 1 - d / atRiskNow;
        atRiskNow -= d;
        events += d;
        if (record) for (let j = 0; j < d; j++) eventTimes.push(time[k]!);
      }
    }
    censorBefore(Infinity);
    return { atRisk: atRiskNow, km: kmNow, events, censored: censoredHere };
  };

  const settle = (interval: Interval, censored: number) => {
    const out = simulate(interval, censored, true);
    n = out.atRisk;
    km = out.km;
    censoredSoFar += out.censored;
  };

  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i]!;
    reproduced[i] = n;
    const maxCensored = Math.max(0, n);
    if (i + 1 < intervals.length) {
      const target = atRisk[i + 1]!;
      const drop = digitisedAt(interval.end) / Math.max(digitisedAt(interval.start), Number.MIN_VALUE);
      let censored = clamp(Math.round(n * drop - target), 0, maxCensored);
      // Correct the guess until the reconstructed number at risk at the next risk time is the published one.
      const tried = new Map<number, number>();
      for (let step = 0; step < 100; step++) {
        const after = simulate(interval, censored, false).atRisk;
        tried.set(censored, Math.abs(after - target));
        if (after === target) break;
        const next = clamp(censored + after - target, 0, maxCensored);
        if (tried.has(next)) {
          censored = [...tried.entries()].reduce((best, entry) => (entry[1] < best[1] ? entry : best))[0];
          break;
        }
        censored = next;
      }
      settle(interval, censored);
    } else {
      let censored: number;
      if (totalEvents !== undefined) {
        const before = eventTimes.length;
        const eventsWith = (c: number): number => before + simulate(interval, c, false).events;
        // Events fall as censorings rise: bisection for the count that gives the published total.
        let lo = 0;
        let hi = maxCensored;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (eventsWith(mid) > totalEvents) lo = mid + 1;
          else hi = mid;
        }
        censored = lo > 0 && Math.abs(eventsWith(lo - 1) - totalEvents) < Math.abs(eventsWith(lo) - totalEvents) ? lo - 1 : lo;
      } else {
        const elapsed = interval.start - riskTimes[0]!;
        const rate = elapsed > 0 ? censoredSoFar / elapsed : 0;
        censored = clamp(Math.round(rate * (interval.end - interval.start)), 0, maxCensored);
      }
      settle(interval, censored);
    }
  }
  for (let j = 0; j < n; j++) censorTimes.push(last);

  const total = eventTimes.length + censorTimes.length;
  const rows = [...eventTimes.map((t) => [t, 1] as const), ...censorTimes.map((t) => [t, 0] as const)].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const outTime = new Float64Array(total);
  const outEvent = new Uint8Array(total);
  rows.forEach(([t, e], j) => {
    outTime[j] = t;
    outEvent[j] = e;
  });
  return Object.freeze({ time: outTime, event: outEvent, atRisk: reproduced });
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function checkDigitised(digitised: DigitisedKaplanMeier): { time: number[]; survival: number[]; riskTimes: number[]; atRisk: number[]; totalEvents: number | undefined } {
  const issues = new IssueCollector();
  const isList = (value: unknown): boolean => value !== null && typeof value === "object" && typeof (value as ArrayLike<number>).length === "number";
  const list = (name: keyof DigitisedKaplanMeier, value: unknown, check: (v: number) => boolean, expected: string): number[] => {
    if (!isList(value)) {
      issues.add({ code: "invalid_argument", path: [name], message: `${name} must be an array of numbers`, received: value });
      return [];
    }
    const values = Array.from(value as ArrayLike<unknown>);
    values.forEach((v, i) => {
      if (typeof v !== "number" || !check(v)) issues.add({ code: "invalid_argument", path: [name, i], message: `${name} entries must be ${expected} (received ${String(v)})`, received: v, expected });
    });
    return values as number[];
  };
  if (digitised === null || typeof digitised !== "object") {
    issues.add({ code: "invalid_argument", path: [], message: "expected { time, survival, riskTimes, atRisk, totalEvents? }", received: digitised });
    issues.throwIfAny("digitised Kaplan–Meier curve");
  }
  const time = list("time", digitised.time, (v) => Number.isFinite(v) && v >= 0, "finite numbers ≥ 0");
  const survival = list("survival", digitised.survival, (v) => v >= 0 && v <= 1, "proportions in [0, 1]");
  const riskTimes = list("riskTimes", digitised.riskTimes, (v) => Number.isFinite(v) && v >= 0, "finite numbers ≥ 0");
  const atRisk = list("atRisk", digitised.atRisk, (v) => Number.isInteger(v) && v >= 0, "whole numbers ≥ 0");
  // Sizes are compared only between arrays: a field that is not one has its own issue already.
  const arrays = (...names: (keyof DigitisedKaplanMeier)[]): boolean => names.every((name) => isList(digitised[name]));
  if (arrays("time", "survival") && time.length !== survival.length) issues.add({ code: "dimension_mismatch", path: ["survival"], message: `survival has ${survival.length} points but time has ${time.length}`, received: survival.length, expected: String(time.length) });
  if (arrays("time") && time.length === 0) issues.add({ code: "invalid_argument", path: ["time"], message: "at least one digitised point is needed" });
  if (arrays("riskTimes", "atRisk") && riskTimes.length !== atRisk.length) issues.add({ code: "dimension_mismatch", path: ["atRisk"], message: `atRisk has ${atRisk.length} entries but riskTimes has ${riskTimes.length}`, received: atRisk.length, expected: String(riskTimes.length) });
  if (!arrays("riskTimes")) {
    // reported above
  } else if (riskTimes.length === 0) issues.add({ code: "invalid_argument", path: ["riskTimes"], message: "at least the number at risk at time 0 is needed" });
  else if (riskTimes[0] !== 0) issues.add({ code: "invalid_argument", path: ["riskTimes", 0], message: `the first risk time must be 0 (received ${riskTimes[0]})`, received: riskTimes[0] });
  for (let i = 1; i < riskTimes.length; i++) if (!(riskTimes[i]! > riskTimes[i - 1]!)) issues.add({ code: "invalid_argument", path: ["riskTimes", i], message: `risk times must increase (${riskTimes[i]} after ${riskTimes[i - 1]})`, received: riskTimes[i] });
  for (let i = 1; i < atRisk.length; i++) if (atRisk[i]! > atRisk[i - 1]!) issues.add({ code: "invalid_argument", path: ["atRisk", i], message: `numbers at risk cannot rise (${atRisk[i]} after ${atRisk[i - 1]})`, received: atRisk[i] });
  if (atRisk.length > 0 && !(atRisk[0]! >= 1)) issues.add({ code: "invalid_argument", path: ["atRisk", 0], message: "the number at risk at time 0 must be ≥ 1", received: atRisk[0] });
  const totalEvents = digitised.totalEvents;
  if (totalEvents !== undefined && !(Number.isInteger(totalEvents) && totalEvents >= 0 && totalEvents <= (atRisk[0] ?? 0))) issues.add({ code: "invalid_argument", path: ["totalEvents"], message: `totalEvents must be a whole number between 0 and the number at risk at time 0 (received ${String(totalEvents)})`, received: totalEvents });
  issues.throwIfAny("digitised Kaplan–Meier curve");
  // Sorted by time, S made non-increasing, (0, 1) added: digitising a printed curve adds noise.
  const order = time.map((_, k) => k).sort((a, b) => time[a]! - time[b]! || survival[b]! - survival[a]!);
  const sortedTime = order.map((k) => time[k]!);
  let floor = 1;
  const sortedSurvival = order.map((k) => (floor = Math.min(floor, survival[k]!)));
  if (sortedTime[0]! > 0) {
    sortedTime.unshift(0);
    sortedSurvival.unshift(1);
  }
  return { time: sortedTime, survival: sortedSurvival, riskTimes, atRisk, totalEvents };
}
