import { fail, type IssueCode, type PathSegment } from "../../core/errors.js";
import { CELL_ROW, type CompiledMicrosim } from "./compile-microsimulation.js";
import type { MicrosimWorkspace } from "./microsim-workspace.js";
import { READ_PERSON, READ_TIME } from "./person.js";

/** Cell classes: evaluated once per draw, once per cycle, or per individual and cycle. */
export const CONSTANT = 0;
/** See {@link CONSTANT}. */
export const PER_CYCLE = 1;
/** See {@link CONSTANT}. */
export const PER_INDIVIDUAL = 2;

/** Where the engine is when it finds a problem. */
export interface MicrosimSite {
  readonly strategy: string;
  readonly draw: number | undefined;
  readonly cycle: number;
  /** Index of the individual, when the problem is one individual's. */
  readonly individual?: number;
}

/** Throws a QalyError whose path names draw, strategy, cycle, individual and the cell. */
export function failAtSite(site: MicrosimSite, code: IssueCode, tail: readonly PathSegment[], message: string, received?: unknown): never {
  const path: PathSegment[] = [...(site.draw === undefined ? [] : ["draw", site.draw]), "strategies", site.strategy, "cycle", site.cycle, ...(site.individual === undefined ? [] : ["individual", site.individual]), ...tail];
  const where = ` (strategy "${site.strategy}", cycle ${site.cycle}${site.individual === undefined ? "" : `, individual ${site.individual}`}${site.draw === undefined ? "" : `, PSA draw ${site.draw}`})`;
  return fail(code, path, message + where, received === undefined ? undefined : { received });
}

/**
 * Classifies every cell for one strategy and draw by what it reads (nothing, the time, the
 * individual), tabulates the constant and per-cycle ones, and builds the cumulative transition
 * rows that do not depend on the individual. Exact: a cell's reads depend only on the parameters,
 * the strategy and (for per-cycle cells, all tabulated) the time, so a cell that reads the
 * individual at any cycle is found.
 */
export function prepareStrategy(model: CompiledMicrosim, work: MicrosimWorkspace, s: number, params: unknown, draw: number | undefined): void {
  const { cells, cellKind, rows, valueCell, hasMove } = model;
  const C = cells.length;
  const N = model.schedule.cycles;
  const S = model.states.length;
  const O = model.outcomeLayout.outcomes.length;
  const dt = model.schedule.cycleLength;
  const strategy = model.strategies[s]!;
  const person = work.probe;
  for (let c = 0; c < C; c++) {
    const cell = cells[c]!;
    const at = s * C + c;
    if (typeof cell === "number") {
      work.cellClass[at] = CONSTANT;
      work.cellConst[at] = cell;
      continue;
    }
    const first = cellKind[c] === CELL_ROW ? 0 : 1;
    const time = (t: number): number => (cellKind[c] === CELL_ROW ? t : t - 1) * dt;
    person.at(first, time(first));
    let value: number;
    try {
      value = cell(params, person, strategy);
    } catch (error) {
      // Probed with the attributes' medians: a failure after reading the individual is left to the real evaluation.
      if ((person.reads & READ_PERSON) !== 0) {
        work.cellClass[at] = PER_INDIVIDUAL;
        continue;
      }
      throw error;
    }
    if ((person.reads & READ_PERSON) !== 0) {
      work.cellClass[at] = PER_INDIVIDUAL;
      continue;
    }
    const site = { strategy, draw, cycle: first };
    if ((person.reads & READ_TIME) === 0) {
      if (!Number.isFinite(value)) failAtSite(site, "non_finite_value", model.cellPath[c]!, `the value is ${value}`, value);
      work.cellClass[at] = CONSTANT;
      work.cellConst[at] = value;
      continue;
    }
    work.cellClass[at] = PER_CYCLE;
    const table = at * (N + 1);
    for (let t = first; t <= N; t++) {
      person.at(t, time(t));
      const v = cell(params, person, strategy);
      if ((person.reads & READ_PERSON) !== 0) {
        work.cellClass[at] = PER_INDIVIDUAL;
        break;
      }
      if (!Number.isFinite(v)) failAtSite({ strategy, draw, cycle: t }, "non_finite_value", model.cellPath[c]!, `the value is ${v}`, v);
      work.cellTable[table + t] = v;
    }
  }

  for (let f = 0; f < S; f++) {
    const row = rows[f]!;
    let rowClass = CONSTANT;
    for (let j = 0; j < row.cell.length; j++) if (row.cell[j]! >= 0) rowClass = Math.max(rowClass, work.cellClass[s * C + row.cell[j]!]!);
    work.rowClass[s * S + f] = rowClass;
    if (rowClass === CONSTANT) fillRow(model, work, s, f, 0, work.rowCum, (s * S + f) * S, { strategy, draw, cycle: 1 });
    else if (rowClass === PER_CYCLE) for (let k = 1; k <= N; k++) fillRow(model, work, s, f, k, work.rowCumTable, ((s * (N + 1) + k) * S + f) * S, { strategy, draw, cycle: k });
    let constant = 1;
    for (let o = 0; o < O; o++) {
      const c = valueCell[f * O + o]!;
      if (c >= 0 && work.cellClass[s * C + c] !== CONSTANT) constant = 0;
      work.stateValue[(s * S + f) * O + o] = c >= 0 && work.cellClass[s * C + c] === CONSTANT ? work.cellConst[s * C + c]! : 0;
    }
    work.constantValues[s * S + f] = constant;
    // An individual who enters a state it can never leave, whose values are constant, is finished:
    // the rest of its horizon is added at once.
    let absorbing = rowClass === CONSTANT && hasMove[f * S + f] === 0;
    for (let j = 0; j < row.to.length && absorbing; j++) absorbing = row.to[j] === f ? work.probabilities[j]! >= 1 - model.tolerance : !(work.probabilities[j]! > 0);
    for (let o = 0; o < O && absorbing; o++) {
      const c = valueCell[f * O + o]!;
      if (c >= 0 && work.cellClass[s * C + c] !== CONSTANT) absorbing = false;
      work.absorbValue[(s * S + f) * O + o] = c >= 0 ? work.cellConst[s * C + c]! : 0;
    }
    work.absorbing[s * S + f] = absorbing ? 1 : 0;
  }
}

/**
 * Fills the cumulative probabilities of row `f` at `into[at …]` from its cells at cycle k (for
 * cells that do not read the individual), validating bounds, the complement and the row sum.
 */
export function fillRow(model: CompiledMicrosim, work: MicrosimWorkspace, s: number, f: number, k: number, into: Float64Array, at: number, site: MicrosimSite): void {
  const row = model.rows[f]!;
  const C = model.cells.length;
  const N = model.schedule.cycles;
  const p = work.probabilities;
  for (let j = 0; j < row.cell.length; j++) {
    const c = row.cell[j]!;
    if (c < 0) continue;
    const cls = work.cellClass[s * C + c]!;
    p[j] = cls === CONSTANT ? work.cellConst[s * C + c]! : work.cellTable[(s * C + c) * (N + 1) + k]!;
  }
  cumulate(model, work, f, into, at, site.strategy, site.draw, site.cycle, site.individual);
}

/** A site for an error message, built only on failure (rows are validated per individual and cycle). */
function siteOf(strategy: string, draw: number | undefined, cycle: number, individual: number | undefined): MicrosimSite {
  return individual === undefined ? { strategy, draw, cycle } : { strategy, draw, cycle, individual };
}

/** Validates the row in `work.probabilities` (complement filled in) and writes its cumulative sums. */
export function cumulate(model: CompiledMicrosim, work: MicrosimWorkspace, f: number, into: Float64Array, at: number, strategy: string, draw: number | undefined, cycle: number, individual: number | undefined): void {
  const row = model.rows[f]!;
  const p = work.probabilities;
  const tol = model.tolerance;
  const from = model.states[f]!;
  let sum = 0;
  let complementAt = -1;
  for (let j = 0; j < row.cell.length; j++) {
    if (row.cell[j]! < 0) {
      complementAt = j;
      continue;
    }
    const v = p[j]!;
    const to = model.states[row.to[j]!]!;
    if (!Number.isFinite(v)) failAtSite(siteOf(strategy, draw, cycle, individual), "non_finite_value", ["transitions", from, to], `the probability is ${v}`, v);
    if (v < -tol || v > 1 + tol) failAtSite(siteOf(strategy, draw, cycle, individual), "probability_out_of_range", ["transitions", from, to], `a probability is in [0, 1] (received ${v})`, v);
    sum += v;
  }
  if (complementAt >= 0) {
    const rest = 1 - sum;
    if (rest < -tol) failAtSite(siteOf(strategy, draw, cycle, individual), "negative_complement", ["transitions", from, model.states[row.to[complementAt]!]!], `the other probabilities of the row sum to ${sum} > 1, so the complement is negative`, rest);
    p[complementAt] = rest;
  } else if (Math.abs(sum - 1) > tol) failAtSite(siteOf(strategy, draw, cycle, individual), "row_sum_not_one", ["transitions", from], `the row sums to ${sum}, not 1`, sum);
  let running = 0;
  let last = -1;
  for (let j = 0; j < row.cell.length; j++) {
    const v = p[j]! > 0 ? p[j]! : 0;
    running += v;
    into[at + j] = running;
    if (v > 0) last = j;
  }
  // The last possible destination takes whatever rounding leaves, so no impossible one is drawn.
  for (let j = Math.max(last, 0); j < row.cell.length; j++) into[at + j] = 2;
}
