import { fail, type PathSegment } from "../core/errors.js";
import { formatSignificant } from "../core/format-significant.js";
import { requireFinite, requireFitted, requireObject, requirePositive } from "./validate.js";

/** Beta shapes (α, β) from a mean and SE by the method of moments; see `beta.fromMeanSe`. */
export function betaFromMeanSe(mean: number, se: number, path: readonly PathSegment[]): { alpha: number; beta: number } {
  const m = requireFinite(mean, [...path, "mean"]);
  const s = requirePositive(se, [...path, "se"]);
  if (!(m > 0 && m < 1)) {
    fail("invalid_argument", [...path, "mean"], `the mean of a beta distribution must lie strictly between 0 and 1 (received ${m}); for a value outside [0, 1] use gamma() or normal()`, { received: m, expected: "0 < mean < 1" });
  }
  const limit = m * (1 - m);
  const variance = s * s;
  if (!(variance < limit)) {
    const largest = Math.sqrt(limit);
    fail(
      "impossible_fit",
      [...path, "se"],
      `no beta distribution has mean ${formatSignificant(m)} and SE ${formatSignificant(s)}: its variance must be below mean·(1 − mean) = ${formatSignificant(limit)}, so the SE must be below √(mean·(1 − mean)) = ${formatSignificant(largest)} (the largest admissible SE, exclusive)`,
      { received: s, expected: `se < ${formatSignificant(largest)}` },
    );
  }
  const total = limit / variance - 1;
  const shapes = { alpha: m * total, beta: (1 - m) * total };
  requireFitted({ ...shapes, "alpha + beta": total }, [...path, "se"], `mean ${m} and SE ${s}`);
  return shapes;
}

/** Beta shapes (events, total − events) from counts; see `beta.fromCounts`. */
export function betaFromCounts(counts: { readonly events: number; readonly total: number }, path: readonly PathSegment[]): { alpha: number; beta: number } {
  const raw = requireObject(counts, path, "{ events, total }");
  const events = requireFinite(raw.events, [...path, "events"]);
  const total = requireFinite(raw.total, [...path, "total"]);
  if (events < 0) fail("invalid_argument", [...path, "events"], `a count of events cannot be negative (received ${events})`, { received: events, expected: "≥ 0" });
  if (!(total > 0)) fail("invalid_argument", [...path, "total"], `the number at risk must be positive (received ${total})`, { received: total, expected: "> 0" });
  if (events > total) fail("invalid_argument", [...path, "events"], `events (${events}) cannot exceed the total at risk (${total})`, { received: events, expected: `≤ ${total}` });
  if (events === 0 || events === total) {
    const which = events === 0 ? "no events" : "only events";
    fail(
      "impossible_fit",
      [...path, "events"],
      `${which} (${events} of ${total}): Beta(${events}, ${total - events}) has a zero shape and is not a distribution; add a prior to both counts, e.g. Jeffreys' half an event each: beta({ alpha: ${events + 0.5}, beta: ${total - events + 0.5} })`,
      { received: events, expected: `0 < events < ${total}` },
    );
  }
  return { alpha: events, beta: total - events };
}
