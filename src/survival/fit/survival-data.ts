import { IssueCollector } from "../../core/errors.js";

/**
 * Right-censored time-to-event data, one entry per patient: `time` to the event or to censoring
 * (> 0, in the unit the fitted curves will use), `event` 1 (or `true`) for an observed event and
 * 0 (`false`) for a censored time, and optionally numeric covariates by name (a treatment arm coded
 * 0/1, an age), one value per patient.
 */
export interface SurvivalData {
  /** Follow-up time of each patient (> 0). */
  readonly time: ArrayLike<number>;
  /** 1 (`true`) if the patient's time is an event, 0 (`false`) if censored. */
  readonly event: ArrayLike<number | boolean>;
  /** Numeric covariates by name, one value per patient; factors are coded 0/1 by the caller. */
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Survival data after validation: typed arrays, covariate columns in the order given. */
export interface CheckedSurvivalData {
  readonly time: Float64Array;
  readonly event: Uint8Array;
  readonly covariateNames: readonly string[];
  readonly covariates: readonly Float64Array[];
  readonly events: number;
}

/** Reports at most this many bad entries per column: a wrong column has thousands. */
const MAX_REPORTED = 5;

/**
 * Validates survival data, reporting every kind of problem at once (each at a path such as
 * `time[3]`, `event[7]` or `covariates.age[2]`).
 * @internal
 */
export function checkSurvivalData(data: SurvivalData, subject = "survival data", requireEvents = true): CheckedSurvivalData {
  const issues = new IssueCollector();
  if (data === null || typeof data !== "object") {
    issues.add({ code: "invalid_argument", path: [], message: "survival data must be an object { time, event, covariates? }", received: data });
    issues.throwIfAny(subject);
  }
  const isList = (value: unknown): value is ArrayLike<unknown> => value !== null && typeof value === "object" && typeof (value as ArrayLike<unknown>).length === "number";
  if (!isList(data.time)) issues.add({ code: "invalid_argument", path: ["time"], message: "time must be an array of numbers", received: data.time });
  if (!isList(data.event)) issues.add({ code: "invalid_argument", path: ["event"], message: "event must be an array of 0/1 (or booleans)", received: data.event });
  issues.throwIfAny(subject);
  const n = data.time.length;
  if (n === 0) issues.add({ code: "invalid_argument", path: ["time"], message: "survival data needs at least one patient" });
  if (data.event.length !== n) issues.add({ code: "dimension_mismatch", path: ["event"], message: `event has ${data.event.length} entries but time has ${n}`, received: data.event.length, expected: String(n) });
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  let badTimes = 0;
  let badEvents = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = data.time[i];
    if (typeof t !== "number" || !(t > 0) || !Number.isFinite(t)) {
      if (badTimes++ < MAX_REPORTED) issues.add({ code: "invalid_argument", path: ["time", i], message: `survival times must be finite and > 0 (received ${String(t)})`, received: t, expected: "a finite number > 0" });
    } else time[i] = t;
    if (i >= data.event.length) continue;
    const e = data.event[i];
    if (e === 1 || e === true) {
      event[i] = 1;
      events++;
    } else if (e !== 0 && e !== false) {
      if (badEvents++ < MAX_REPORTED) issues.add({ code: "invalid_argument", path: ["event", i], message: `events must be 0 (censored) or 1 (event) (received ${String(e)})`, received: e, expected: "0 | 1" });
    }
  }
  if (badTimes > MAX_REPORTED) issues.add({ code: "invalid_argument", path: ["time"], message: `${badTimes - MAX_REPORTED} more invalid times not listed` });
  if (badEvents > MAX_REPORTED) issues.add({ code: "invalid_argument", path: ["event"], message: `${badEvents - MAX_REPORTED} more invalid events not listed` });
  if (requireEvents && n > 0 && badEvents === 0 && data.event.length === n && events === 0) issues.add({ code: "impossible_fit", path: ["event"], message: "no events: every time is censored, so no survival curve can be estimated" });
  const covariateNames = Object.keys(data.covariates ?? {});
  const covariates = covariateNames.map((name) => {
    const column = data.covariates![name];
    const values = new Float64Array(n);
    if (!isList(column) || column.length !== n) {
      issues.add({ code: "dimension_mismatch", path: ["covariates", name], message: `covariate ${name} needs one number per patient (${n}); received ${isList(column) ? column.length : typeof column}`, received: isList(column) ? column.length : column, expected: String(n) });
      return values;
    }
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        if (bad++ < MAX_REPORTED) issues.add({ code: "invalid_argument", path: ["covariates", name, i], message: `covariate values must be finite numbers (received ${String(v)})`, received: v });
      } else values[i] = v;
    }
    if (bad === 0 && n > 0 && values.every((v) => v === values[0])) issues.add({ code: "impossible_fit", path: ["covariates", name], message: `covariate ${name} takes one value only (${values[0]}), so its effect cannot be estimated` });
    return values;
  });
  issues.throwIfAny(subject);
  return { time, event, covariateNames, covariates, events };
}
