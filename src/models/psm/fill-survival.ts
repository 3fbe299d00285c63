import type { EvaluationContext } from "../model.js";
import { capByBackgroundMortality } from "../../survival/cap-by-background-mortality.js";
import { ExponentialRate, exponentialRate, exponentialRateOf } from "../../survival/exponential-survival.js";
import type { SurvivalCurve, SurvivalCurveDef } from "../../survival/survival-curve.js";
import { survivalCurveFromDef } from "../../survival/survival-curve-from-def.js";
import type { CompiledPsm, CompiledPsmStrategy } from "./compile-psm.js";
import { type PsmSite, failPsm } from "./psm-errors.js";
import type { PsmWorkspace } from "./psm-workspace.js";
import type { PopulationFloor } from "./population-floor.js";
import { closedFormPair, closedFormSums } from "./closed-form-pair.js";
import { powerLawOf, powerTable } from "../../survival/define-curve.js";

/**
 * What the engine holds per endpoint: a survival curve, or the rate of an exponential one whose
 * curve is built only if something asks for it (a model file's exponential curves and a curves
 * function's exponential definitions, see ExponentialRate).
 */
export type EngineCurve = SurvivalCurve | ExponentialRate;

/** The survival curve of an {@link EngineCurve} (built now for an ExponentialRate). */
export function publicCurve(curve: EngineCurve): SurvivalCurve {
  return curve instanceof ExponentialRate ? curve.curve() : curve;
}

/**
 * The engine's curve for a curve definition a curves function returned: an exponential one as its
 * checked rate (the same check and error as exponentialSurvival's; no curve built unless asked for),
 * any other built by survivalCurveFromDef (its constructor's checks and errors).
 */
function engineCurveOfDef(def: SurvivalCurveDef): EngineCurve {
  return def.kind === "exponential" ? exponentialRate(def.rate) : survivalCurveFromDef(def);
}

/**
 * Calls the strategy's curves function and checks that every endpoint has a survival curve or a
 * curve definition (an object with a string `kind` and no `cumulativeHazard` method).
 */
export function strategyCurves(model: CompiledPsm, strategy: CompiledPsmStrategy, params: unknown, startTime: number, site: PsmSite, into: EngineCurve[]): EngineCurve[] {
  const record = (strategy.curves as (params: unknown, strategy: string) => unknown)(params, strategy.name);
  if (record === null || typeof record !== "object") failPsm(site, "invalid_model", ["curves"], `the curves function must return endpoint → survival curve, e.g. { ${model.endpoints.map((e) => `${e}: …`).join(", ")} }`, record);
  for (let k = 0; k < model.endpoints.length; k++) {
    const endpoint = model.endpoints[k]!;
    const given = (record as Record<string, EngineCurve | SurvivalCurveDef | undefined>)[endpoint];
    let curve: EngineCurve;
    if (given instanceof ExponentialRate || (given !== undefined && given !== null && typeof (given as SurvivalCurve).cumulativeHazard === "function")) curve = given as EngineCurve;
    else if (typeof given === "object" && given !== null && typeof (given as { kind?: unknown }).kind === "string") curve = engineCurveOfDef(given as SurvivalCurveDef);
    else failPsm(site, "invalid_model", ["curves", endpoint], `no survival curve for endpoint ${endpoint} (expected an object such as weibullSurvival({ shape, scale }) or { kind: "exponential", rate })`, given);
    if (model.background?.method === "exact") {
      curve = capByBackgroundMortality(publicCurve(curve), model.background.lifeTable, { startAge: model.startAge! + startTime, sexMix: model.background.sexMix, timeUnit: model.timeUnit });
    }
    into[k] = curve;
  }
  for (const key in record as object) {
    if (!model.endpoints.includes(key)) failPsm(site, "invalid_model", ["curves", key], `unknown endpoint "${key}" (the model's endpoints are ${model.endpoints.join(", ")})`, key);
  }
  return into;
}

/**
 * Evaluates every endpoint's survival at trace rows 0 … N, checks it (finite, in [0, 1], never
 * increasing), clamps each endpoint to the later ones (S_k ← min(S_k, S_{k+1}), so that PF never
 * exceeds OS), counts the rows where a clamp changed anything into `work.clamped`, and accumulates
 * the coefficient-weighted sums Σ_t c_t S_k(t) per class. One H evaluation per cycle boundary and no
 * allocation: H is written into `work.raw[k]` and turned into S in place (an exponential curve is
 * written as S directly, see `exponentialPass`). With the `"floor"` policy
 * S_k stays as fitted and only the lower bound of the next state, `work.lower`, is min(S_k, S_{k+1}).
 */
export function fillSurvival(model: CompiledPsm, work: PsmWorkspace, curves: readonly EngineCurve[], site: PsmSite, floor?: PopulationFloor): void {
  const cycles = model.schedule.cycles;
  const endpoints = model.endpoints.length;
  const step = model.curveStep;
  const tolerance = model.tolerance;
  const weights = work.weights;
  const sums = work.sums;
  work.clamped = 0;
  // Rows crossed in this evaluation are marked with a fresh epoch, so the marks need no clearing.
  if (work.epoch === 0xffffffff) {
    work.crossed.fill(0);
    work.epoch = 0;
  }
  work.epoch++;
  // Two endpoints (PFS, OS), both exponential or both stepped parametric curves, in one loop: the
  // same operations per curve as the endpoint-by-endpoint passes, interleaved, so the two curves'
  // chains overlap and each row's weights (and floor) are read once.
  const pairable = endpoints === 2 && model.crossing !== "floor";
  const rateOs = endpoints === 2 ? exponentialRateOf(curves[1]!) : undefined;
  const ratePfs = rateOs === undefined ? undefined : exponentialRateOf(curves[0]!);
  let paired = false;
  work.pending = undefined;
  work.rowsWritten = false;
  const plan = rateOs !== undefined && ratePfs !== undefined ? closedFormPair(model, ratePfs, rateOs, floor, work.closedForm) : undefined;
  if (plan !== undefined) {
    // Totals in closed form; the rows are written only if something reads them (materialiseRows).
    closedFormSums(work, plan);
    // The workspace's own record, every field rewritten (its plan is work.closedForm, just filled).
    const pending = work.pendingRows;
    pending.step = step;
    pending.floor = floor;
    pending.tolerance = tolerance;
    pending.stop = model.crossing === "error";
    work.pending = pending;
    paired = true;
  } else if (pairable && rateOs !== undefined && ratePfs !== undefined) {
    const crossed = exponentialPairPass(work, ratePfs, rateOs, step, floor, tolerance, model.crossing === "error");
    if (crossed < 0) failCrossing(model, 0, -crossed - 1, work.rawRows[0]![-crossed - 1]!, work.survivalRows[1]![-crossed - 1]!, site);
    paired = true;
  } else if (pairable && rateOs === undefined && exponentialRateOf(curves[0]!) === undefined && publicCurve(curves[1]!).cumulativeHazardGrid !== undefined && publicCurve(curves[0]!).cumulativeHazardGrid !== undefined) {
    // Neither endpoint is an ExponentialRate here: both have no exponential rate.
    paired = steppedPair(work, curves as readonly SurvivalCurve[], step, floor, tolerance, model.crossing === "error");
  }
  // Endpoints from the last (OS) backwards, so each is clamped to the already clamped later one.
  for (let k = paired ? -1 : endpoints - 1; k >= 0; k--) {
    const raw = work.rawRows[k]!;
    const clamped = work.survivalRows[k]!;
    const later = k + 1 < endpoints ? work.survivalRows[k + 1]! : undefined;
    const floorStates = model.crossing === "floor";
    const stop = model.crossing === "error";
    const rate = exponentialRateOf(curves[k]!);
    if (rate !== undefined) {
      // S in one pass, valid by construction (no row checks), clamped and summed as it is written.
      const crossed = exponentialPass(raw, rate, step, floor, clamped, floorStates ? undefined : later, work, tolerance, stop, weights, sums, k);
      if (crossed < 0) failCrossing(model, k, -crossed - 1, raw[-crossed - 1]!, later![-crossed - 1]!, site);
      if (floorStates) floorBelow(clamped, later, work, k, tolerance);
      continue;
    }
    const curve = publicCurve(curves[k]!);
    const start = curve.cumulativeHazard(0);
    raw[0] = start;
    if (curve.cumulativeHazardGrid !== undefined) curve.cumulativeHazardGrid(0, step, work.rawTail[k]!);
    else for (let t = 1; t <= cycles; t++) raw[t] = curve.cumulativeHazard(t * step);
    if (floor !== undefined) raiseToFloor(work.rawTail[k]!, floor.increments, start);
    const first = Math.exp(-start);
    if (!(first >= -tolerance && first <= 1 + tolerance)) checkSurvival(model, curves, k, 0, first, site);
    // Stepping (see survivalStep) for the parametric families with a grid; a table's or a curve's
    // own S values come back as e^{−H} exactly.
    const stepping = curve.cumulativeHazardGrid !== undefined;
    const bad = later !== undefined && !floorStates ? clampBelow(raw, stepping, clamped, later, work, tolerance, stop, weights, sums, k) : clampToOne(raw, stepping, clamped, tolerance, weights, sums, k);
    if (bad > 0) badRow(model, curves, k, bad, raw, site);
    if (bad < 0) failCrossing(model, k, -bad - 1, raw[-bad - 1]!, later![-bad - 1]!, site);
    if (floorStates) floorBelow(clamped, later, work, k, tolerance);
  }
  const states = endpoints + 1;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < states; i++) {
      const upper = i < endpoints ? sums[c * endpoints + i]! : model.coefficientSums[c]!;
      const lower = i > 0 ? work.lowerSums[c * endpoints + i - 1]! : 0;
      work.occupancy[c * states + i] = upper - lower;
    }
  }
}

/**
 * Writes the rows of an evaluation whose totals are formed in closed form (`work.pending`): the
 * row loop of two exponential endpoints, as it would have run, keeping the closed-form sums (the
 * occupancies already hold them; later totals still use the closed form, so a total does not depend
 * on whether some output read the rows). Does nothing when the rows are written.
 */
export function materialiseRows(work: PsmWorkspace): void {
  const pending = work.pending;
  if (pending === undefined || work.rowsWritten) return;
  work.rowsWritten = true;
  const saved = work.sums.slice();
  const savedLower = work.lowerSums.slice();
  if (work.lower === work.survival) exponentialPairPass(work, pending.plan.ratePfs, pending.plan.rateOs, pending.step, pending.floor, pending.tolerance, pending.stop);
  else {
    // The "floor" policy's rows as fillSurvival's endpoint-by-endpoint loop writes them.
    const { rawRows, survivalRows, weights, sums } = work;
    exponentialPass(rawRows[1]!, pending.plan.rateOs, pending.step, pending.floor, survivalRows[1]!, undefined, work, pending.tolerance, false, weights, sums, 1);
    floorBelow(survivalRows[1]!, undefined, work, 1, pending.tolerance);
    exponentialPass(rawRows[0]!, pending.plan.ratePfs, pending.step, pending.floor, survivalRows[0]!, undefined, work, pending.tolerance, false, weights, sums, 0);
    floorBelow(survivalRows[0]!, survivalRows[1]!, work, 0, pending.tolerance);
  }
  work.sums.set(saved);
  work.lowerSums.set(savedLower);
  // x_PFS ≥ x_OS: no row is crossed beyond the tolerance (see closedFormPair), whatever the roundings.
  work.clamped = 0;
}

/** e^{−m/256} for m = 0 … 2047: the whole 256ths of a row's hazard increment in {@link survivalStep} (16 KiB). */
const STEPS = Float64Array.from({ length: 2048 }, (_, m) => Math.exp(-m / 256));

/**
 * e^{−d} for 0 ≤ d < 8 as {@link survivalStep} forms it between anchors: e^{−m/256}·e^{−r}, with m/256
 * the whole 256ths of d (tabulated), r = d − m/256 (exact) and e^{−r} by a polynomial (several times
 * cheaper than `Math.exp`). Both factors lie in (0, 1], so their product never exceeds 1.
 */
function stepFactor(d: number): number {
  const m = (d * 256) | 0;
  const r = d - m * 0.00390625;
  // Taylor series of e^{−r} to degree 5: for r < 1/256 the rest is below r⁶/720 < 5e-18, under
  // a rounding of the result; the finer table (was eighths with degree 10) halves the work per row.
  const r2 = r * r;
  const tail = 1 - r + r2 * (0.5 - r * 0.16666666666666666 + r2 * (0.041666666666666664 - r * 0.008333333333333333));
  // The table entry times the tail first, so the chain from row to row is one product.
  return STEPS[m]! * tail;
}

/** Whether row t of a stepped curve is a step (see {@link survivalStep}) rather than an anchor. */
function isStep(d: number, t: number): boolean {
  return (t & 15) !== 0 && d >= 0 && d < 8;
}

/**
 * S at row t from H at row t, its increase d over the previous row and the previous row's S:
 * S_{t−1}·{@link stepFactor}(d) for 0 ≤ d < 8, re-anchored at e^{−H} every 16 rows and wherever d
 * is larger, negative or NaN (so that an increasing or non-finite curve reaches the row checks as
 * e^{−H} would). d is exact where H at most doubles over a row (Sterbenz), so S stays within ~3
 * roundings per row, ~48 in all, of e^{−H}; an anchor is never placed above the previous row when
 * H did not decrease. A step is never above the previous row nor below 0 (its factor is in (0, 1]),
 * so only anchors can fail the row checks.
 */
function survivalStep(h: number, d: number, before: number, t: number): number {
  if (isStep(d, t)) return before * stepFactor(d);
  const s = Math.exp(-h);
  return d >= 0 && s > before ? before : s;
}

/**
 * Turns the last endpoint's H into S in place (raw[t] ← e^{−H}, by {@link survivalStep} when
 * `stepping`) and writes min(S, 1) into `clamped`.
 * Returns the first row that is NaN, negative or increasing, or 0 when all are fine; the tests
 * stop there, so raw holds S up to that row and H beyond it.
 */
function clampToOne(raw: Float64Array, stepping: boolean, clamped: Float64Array, tolerance: number, weights: Float64Array, sums: Float64Array, k: number): number {
  let before = 2;
  let sumCost = 0;
  let sumEffect = 0;
  let sumPlain = 0;
  let previous = 0;
  for (let t = 0; t < raw.length; t++) {
    const h = raw[t]!;
    const s = stepping ? survivalStep(h, h - previous, before, t) : Math.exp(-h);
    previous = h;
    // One test per row: NaN, negative or increasing (S(0) ≤ 1 was checked by the caller).
    if (!(s >= -tolerance && s <= before + tolerance)) return t;
    raw[t] = s;
    before = s;
    const e = s > 1 ? 1 : s;
    clamped[t] = e;
    sumCost += weights[3 * t]! * e;
    sumEffect += weights[3 * t + 1]! * e;
    sumPlain += weights[3 * t + 2]! * e;
  }
  storeSums(sums, k, sumCost, sumEffect, sumPlain);
  return 0;
}

/**
 * As {@link clampToOne}, but clamps to the later endpoint's clamped survival and counts crossed rows
 * (once per row, whichever endpoints cross there) into `work.clamped`;
 * with `stop` (the "error" crossing policy) returns −(t + 1) at the first crossed row t.
 */
function clampBelow(raw: Float64Array, stepping: boolean, clamped: Float64Array, later: Float64Array, work: PsmWorkspace, tolerance: number, stop: boolean, weights: Float64Array, sums: Float64Array, k: number): number {
  let before = 2;
  let sumCost = 0;
  let sumEffect = 0;
  let sumPlain = 0;
  let previous = 0;
  for (let t = 0; t < raw.length; t++) {
    const h = raw[t]!;
    const s = stepping ? survivalStep(h, h - previous, before, t) : Math.exp(-h);
    previous = h;
    if (!(s >= -tolerance && s <= before + tolerance)) return t;
    raw[t] = s;
    before = s;
    const bound = later[t]!;
    let e = s;
    if (s > bound) {
      if (s > bound + tolerance) {
        if (stop) return -(t + 1);
        countCrossed(work, t);
      }
      e = bound;
    }
    clamped[t] = e;
    sumCost += weights[3 * t]! * e;
    sumEffect += weights[3 * t + 1]! * e;
    sumPlain += weights[3 * t + 2]! * e;
  }
  storeSums(sums, k, sumCost, sumEffect, sumPlain);
  return 0;
}

/**
 * The "floor" crossing policy: the lower bound of the state after endpoint k is min(S_k, S_{k+1})
 * (S_k itself for the last endpoint), so that state holds max(S_{k+1} − S_k, 0) while S_k is kept as
 * fitted; counts crossed rows into `work.clamped` as {@link clampBelow} does, and sums the bound.
 */
function floorBelow(upper: Float64Array, later: Float64Array | undefined, work: PsmWorkspace, k: number, tolerance: number): void {
  const lower = work.lowerRows[k]!;
  const weights = work.weights;
  let sumCost = 0;
  let sumEffect = 0;
  let sumPlain = 0;
  for (let t = 0; t < upper.length; t++) {
    const s = upper[t]!;
    let e = s;
    if (later !== undefined && s > later[t]!) {
      if (s > later[t]! + tolerance) countCrossed(work, t);
      e = later[t]!;
    }
    lower[t] = e;
    sumCost += weights[3 * t]! * e;
    sumEffect += weights[3 * t + 1]! * e;
    sumPlain += weights[3 * t + 2]! * e;
  }
  storeSums(work.lowerSums, k, sumCost, sumEffect, sumPlain);
}

/**
 * An exponential curve with hazard `rate`, floored per cycle when `floor` is given, in one pass:
 * S at rows 0 … N into `raw`, S clamped to `later` (when given) into `clamped`, crossed rows
 * counted as {@link clampBelow} does, and the coefficient-weighted sums. Each row is the previous
 * one times e^{−rate·step} (computed once) or, where the population's increment exceeds the
 * curve's, times the population's tabulated e^{−ΔH}: a product instead of an exp. Every 32nd row is
 * re-anchored at e^{−H_t}, H accumulated as `raiseToFloor` does (unless that lies above the previous
 * row, so S never increases), which keeps S within 31 rounded products of a rounded factor (≤ 64
 * roundings, 7e-15) of e^{−H}. S is in [0, 1] and never increases by construction, so the rows need
 * no checks. Returns 0, or −(t + 1) at the first crossed row t when `stop`.
 */
function exponentialPass(raw: Float64Array, rate: number, step: number, floor: PopulationFloor | undefined, clamped: Float64Array, later: Float64Array | undefined, work: PsmWorkspace, tolerance: number, stop: boolean, weights: Float64Array, sums: Float64Array, k: number): number {
  const q = Math.exp(-rate * step);
  const increments = floor?.increments;
  const factors = floor?.factors;
  let h = 0;
  let previous = 0;
  let s = 1;
  let sumCost = 0;
  let sumEffect = 0;
  let sumPlain = 0;
  for (let t = 0; t < raw.length; t++) {
    if (t > 0) {
      let factor = q;
      // H exactly as the generic path forms it (exponentialSurvival's cumulativeHazard(t · step),
      // raised per cycle as raiseToFloor does), so that the anchors are e^{−H} of the same H.
      const curveH = rate * (t * step);
      if (increments === undefined) h = curveH;
      else {
        const increment = curveH - previous;
        const f = increments[t - 1]!;
        if (increment >= f) h += increment;
        else {
          h += f;
          factor = factors![t - 1]!;
        }
      }
      previous = curveH;
      if ((t & 31) === 0) {
        const anchor = Math.exp(-h);
        // Never above the previous row: S must not increase, even by a rounding.
        if (anchor <= s) s = anchor;
      } else s *= factor;
    }
    raw[t] = s;
    let e = s;
    if (later !== undefined && s > later[t]!) {
      const bound = later[t]!;
      if (s > bound + tolerance) {
        if (stop) return -(t + 1);
        countCrossed(work, t);
      }
      e = bound;
    }
    clamped[t] = e;
    sumCost += weights[3 * t]! * e;
    sumEffect += weights[3 * t + 1]! * e;
    sumPlain += weights[3 * t + 2]! * e;
  }
  storeSums(sums, k, sumCost, sumEffect, sumPlain);
  return 0;
}

/**
 * {@link exponentialPass} for endpoint 1 (OS: rate `rateOs`, no later endpoint) and endpoint 0
 * (PFS: rate `ratePfs`, clamped to OS's row) in one loop, row by row: every value is formed by the
 * same operations in the same order as the two separate passes (bit-identical), OS's row before
 * PFS's so PFS is clamped to it. Returns 0, or −(t + 1) at the first crossed row t when `stop`.
 */
function exponentialPairPass(work: PsmWorkspace, ratePfs: number, rateOs: number, step: number, floor: PopulationFloor | undefined, tolerance: number, stop: boolean): number {
  const rawP = work.rawRows[0]!;
  const rawO = work.rawRows[1]!;
  const clampedP = work.survivalRows[0]!;
  const clampedO = work.survivalRows[1]!;
  const shared = work.sharedWeights;
  const weights = shared ?? work.weights;
  const stride = shared === undefined ? 3 : 2;
  const plainAt = stride - 1;
  let crossed = 0;
  const qP = Math.exp(-ratePfs * step);
  const qO = Math.exp(-rateOs * step);
  const increments = floor?.increments;
  const factors = floor?.factors;
  let hP = 0;
  let hO = 0;
  let previousP = 0;
  let previousO = 0;
  let sP = 1;
  let sO = 1;
  let costP = 0;
  let effectP = 0;
  let plainP = 0;
  let costO = 0;
  let effectO = 0;
  let plainO = 0;
  for (let t = 0; t < rawO.length; t++) {
    if (t > 0) {
      let factorP = qP;
      let factorO = qO;
      const curveP = ratePfs * (t * step);
      const curveO = rateOs * (t * step);
      if (increments === undefined) {
        hP = curveP;
        hO = curveO;
      } else {
        const f = increments[t - 1]!;
        const incrementO = curveO - previousO;
        if (incrementO >= f) hO += incrementO;
        else {
          hO += f;
          factorO = factors![t - 1]!;
        }
        const incrementP = curveP - previousP;
        if (incrementP >= f) hP += incrementP;
        else {
          hP += f;
          factorP = factors![t - 1]!;
        }
      }
      previousP = curveP;
      previousO = curveO;
      if ((t & 31) === 0) {
        const anchorO = Math.exp(-hO);
        if (anchorO <= sO) sO = anchorO;
        const anchorP = Math.exp(-hP);
        if (anchorP <= sP) sP = anchorP;
      } else {
        sO *= factorO;
        sP *= factorP;
      }
    }
    rawO[t] = sO;
    clampedO[t] = sO;
    rawP[t] = sP;
    let e = sP;
    if (sP > sO) {
      if (sP > sO + tolerance) {
        if (stop) return -(t + 1);
        crossed++;
      }
      e = sO;
    }
    clampedP[t] = e;
    const wCost = weights[stride * t]!;
    const wPlain = weights[stride * t + plainAt]!;
    costO += wCost * sO;
    plainO += wPlain * sO;
    costP += wCost * e;
    plainP += wPlain * e;
    if (shared === undefined) {
      const wEffect = weights[3 * t + 1]!;
      effectO += wEffect * sO;
      effectP += wEffect * e;
    }
  }
  // As in steppedPairPass: crossed rows counted in the loop, sums stored inline, one sum for cost
  // and effect at equal discount rates (the same products in the same order).
  work.clamped += crossed;
  const sums = work.sums;
  sums[1] = costO;
  sums[3] = shared === undefined ? effectO : costO;
  sums[5] = plainO;
  sums[0] = costP;
  sums[2] = shared === undefined ? effectP : costP;
  sums[4] = plainP;
  return 0;
}

/**
 * Two stepped parametric endpoints (OS = 1, PFS = 0) in one loop: H grids as the endpoint-by-endpoint
 * path forms them, then per row OS's S, checks, min(S, 1) and sums, and PFS's S, checks, clamp to
 * OS and sums: every value by the same operations in the same order as clampToOne and clampBelow
 * (bit-identical). On any failure (a bad first row, a bad row, a crossing under "error", a curve
 * that throws) it forgets the rows crossed so far and returns false, and the caller's
 * endpoint-by-endpoint pass runs from scratch and reports what it always reported first.
 * A Weibull curve without a floor leaves its grid unscaled (j^shape, see powerTable) and the row
 * loop multiplies each row by coefficient·step^shape as it reads it: the grid's own product, one
 * pass fewer over memory (`work.gridScales`, 1 for a scaled grid). The unscaled table depends on
 * the shape alone, so it is kept in one of two slots (`work.powerTables`) and read from there: a
 * later strategy of the same draw with a curve of the same shape (a hazard ratio on the scale, a
 * shared OS) reuses it instead of forming it again.
 */
function steppedPair(work: PsmWorkspace, curves: readonly SurvivalCurve[], step: number, floor: PopulationFloor | undefined, tolerance: number, stop: boolean): boolean {
  try {
    for (let k = 1; k >= 0; k--) {
      const curve = curves[k]!;
      const start = curve.cumulativeHazard(0);
      work.rawRows[k]![0] = start;
      const law = floor === undefined && start === 0 && step > 0 ? powerLawOf(curve) : undefined;
      const scale = law === undefined ? Number.NaN : law.coefficient * Math.pow(step, law.power);
      // Row 0 is H(0) = 0 either way (scale · 0 = 0 for a finite scale).
      if (Number.isFinite(scale)) {
        work.gridInputs[k] = powerTableSlot(work, law!.power, k === 0 ? work.gridInputs[1] : undefined);
        work.gridScales[k] = scale;
        continue;
      }
      work.gridInputs[k] = work.rawRows[k]!;
      work.gridScales[k] = 1;
      curve.cumulativeHazardGrid!(0, step, work.rawTail[k]!);
      if (floor !== undefined) raiseToFloor(work.rawTail[k]!, floor.increments, start);
      const first = Math.exp(-start);
      if (!(first >= -tolerance && first <= 1 + tolerance)) return false;
    }
  } catch {
    return false;
  }
  if (steppedPairPass(work, tolerance, stop)) return true;
  work.clamped = 0;
  if (work.epoch === 0xffffffff) {
    work.crossed.fill(0);
    work.epoch = 0;
  }
  work.epoch++;
  return false;
}

/**
 * The slot of `work.powerTables` holding j^power (row 0 = 0, rows j = 1 … N, see powerTable): one
 * that holds it already, else the one not `inUse` by the other endpoint of this evaluation and
 * least recently filled, filled now.
 */
function powerTableSlot(work: PsmWorkspace, power: number, inUse: Float64Array | undefined): Float64Array {
  const tables = work.powerTables;
  const powers = work.powerTablePowers;
  for (let i = 0; i < 2; i++) if (Object.is(powers[i], power)) return tables[i]!;
  let victim = work.powerTableNext;
  if (tables[victim] === inUse) victim = 1 - victim;
  work.powerTableNext = 1 - victim;
  const table = tables[victim]!;
  // Marked empty first: if powerTable threw, the slot would not claim a power it does not hold.
  powers[victim] = Number.NaN;
  powerTable(power, work.powerTableTails[victim]!);
  powers[victim] = power;
  return table;
}

/**
 * The row loop of {@link steppedPair}; false at the first failure, and at any row between anchors
 * whose increment is not a step (negative, NaN, or 8 or more: {@link survivalStep} would take e^{−H}
 * there), which the endpoint-by-endpoint pass then forms as it always did. The anchors' exps come
 * first, in their own loop, so the row loop calls nothing (a call in it made V8 keep the running
 * values in memory). Only anchors are checked: a step passes the row checks by construction (see
 * {@link survivalStep}). When the cost and effect coefficients are the same (`work.sharedWeights`,
 * equal discount rates) each curve keeps two sums instead of three and the effect sum is the cost
 * sum: the same products added in the same order.
 */
function steppedPairPass(work: PsmWorkspace, tolerance: number, stop: boolean): boolean {
  const rawP = work.rawRows[0]!;
  const rawO = work.rawRows[1]!;
  const clampedP = work.survivalRows[0]!;
  const clampedO = work.survivalRows[1]!;
  const rows = rawO.length;
  const anchors = work.anchors;
  const scaleO = work.gridScales[1]!;
  const scaleP = work.gridScales[0]!;
  // H (or its unscaled table) is read from `inO`/`inP`, S written to the raw rows (the same arrays
  // for a curve's own grid: row t is read before it is written).
  const inO = work.gridInputs[1]!;
  const inP = work.gridInputs[0]!;
  for (let t = 0; t < rows; t += 16) {
    anchors[t >> 3] = Math.exp(-(scaleO * inO[t]!));
    anchors[(t >> 3) + 1] = Math.exp(-(scaleP * inP[t]!));
  }
  const shared = work.sharedWeights;
  const weights = shared ?? work.weights;
  const stride = shared === undefined ? 3 : 2;
  const plainAt = stride - 1;
  let beforeP = 2;
  let beforeO = 2;
  let previousP = 0;
  let previousO = 0;
  let costP = 0;
  let effectP = 0;
  let plainP = 0;
  let costO = 0;
  let effectO = 0;
  let plainO = 0;
  let crossed = 0;
  for (let t = 0; t < rows; t++) {
    const hO = scaleO * inO[t]!;
    const dO = hO - previousO;
    previousO = hO;
    const hP = scaleP * inP[t]!;
    const dP = hP - previousP;
    previousP = hP;
    let sO: number;
    let sP: number;
    if ((t & 15) !== 0) {
      if (!(dO >= 0 && dO < 8 && dP >= 0 && dP < 8)) return false;
      sO = beforeO * stepFactor(dO);
      sP = beforeP * stepFactor(dP);
    } else {
      // survivalStep's anchor: e^{−H}, never above the previous row when H did not decrease.
      sO = anchors[t >> 3]!;
      if (dO >= 0 && sO > beforeO) sO = beforeO;
      if (!(sO >= -tolerance && sO <= beforeO + tolerance)) return false;
      sP = anchors[(t >> 3) + 1]!;
      if (dP >= 0 && sP > beforeP) sP = beforeP;
      if (!(sP >= -tolerance && sP <= beforeP + tolerance)) return false;
    }
    rawO[t] = sO;
    beforeO = sO;
    const eO = sO > 1 ? 1 : sO;
    clampedO[t] = eO;
    rawP[t] = sP;
    beforeP = sP;
    let e = sP;
    if (sP > eO) {
      if (sP > eO + tolerance) {
        if (stop) return false;
        crossed++;
      }
      e = eO;
    }
    clampedP[t] = e;
    const wCost = weights[stride * t]!;
    const wPlain = weights[stride * t + plainAt]!;
    costO += wCost * eO;
    plainO += wPlain * eO;
    costP += wCost * e;
    plainP += wPlain * e;
    if (shared === undefined) {
      const wEffect = weights[3 * t + 1]!;
      effectO += wEffect * eO;
      effectP += wEffect * e;
    }
  }
  // The crossed rows are counted in the loop, with no marks (countCrossed's): a pair pass is the only
  // one of its evaluation and covers both endpoints, so each row is counted once anyway (marks keep
  // rows crossed by two endpoints from counting twice). The count was a second loop over the rows
  // with a mark per crossed row: a quarter of the pass's time when PFS lies above OS throughout.
  work.clamped += crossed;
  // Stored here rather than through storeSums: doubles passed to a call that is not inlined are boxed.
  const sums = work.sums;
  sums[1] = costO;
  sums[3] = shared === undefined ? effectO : costO;
  sums[5] = plainO;
  sums[0] = costP;
  sums[2] = shared === undefined ? effectP : costP;
  sums[4] = plainP;
  return true;
}

/**
 * The "cycle" background-mortality floor: each cycle's cumulative-hazard increment becomes
 * max(curve's, population's), in place. An infinite H (S = 0) stays infinite.
 */
function raiseToFloor(grid: Float64Array, floor: Float64Array, start: number): void {
  let previous = start;
  let floored = start;
  for (let t = 0; t < grid.length; t++) {
    const h = grid[t]!;
    const increment = h - previous;
    previous = h;
    // NaN (∞ − ∞, or a bad curve) passes through so that the row checks report it.
    floored = h === Infinity ? Infinity : increment >= floor[t]! ? floored + increment : Number.isNaN(increment) ? Number.NaN : floored + floor[t]!;
    grid[t] = floored;
  }
}

function checkSurvival(model: CompiledPsm, curves: readonly EngineCurve[], k: number, t: number, s: number, site: PsmSite): never {
  const endpoint = model.endpoints[k]!;
  const code = Number.isNaN(s) ? "non_finite_value" : "probability_out_of_range";
  return failPsm(site, code, ["curves", endpoint, "cycle", t], `survival of ${endpoint} (${publicCurve(curves[k]!).toString()}) at cycle ${t} (time ${t * model.curveStep} ${model.timeUnit}) is ${s}, expected a proportion in [0, 1]`, s);
}

function badRow(model: CompiledPsm, curves: readonly EngineCurve[], k: number, t: number, raw: Float64Array, site: PsmSite): never {
  const s = Math.exp(-raw[t]!);
  if (!(s >= -model.tolerance)) checkSurvival(model, curves, k, t, s, site);
  return increasing(model, curves, k, t, s, raw[t - 1]!, site);
}

function increasing(model: CompiledPsm, curves: readonly EngineCurve[], k: number, t: number, s: number, before: number, site: PsmSite): never {
  const endpoint = model.endpoints[k]!;
  return failPsm(site, "survival_increasing", ["curves", endpoint, "cycle", t], `survival of ${endpoint} (${publicCurve(curves[k]!).toString()}) increases from ${before} at cycle ${t - 1} to ${s} at cycle ${t}; a survival curve never increases`, s);
}

function failCrossing(model: CompiledPsm, k: number, t: number, s: number, later: number, site: PsmSite): never {
  const endpoint = model.endpoints[k]!;
  const next = model.endpoints[k + 1]!;
  return failPsm(site, "curves_cross", ["curves", endpoint, "cycle", t], `${endpoint} (${s}) exceeds ${next} (${later}) at cycle ${t}; the crossing policy is "error" (use "clamp" to cap ${endpoint} at ${next})`, s);
}

/** Checks an evaluation context: a partitioned survival model always starts with everyone in the first state. */
export function checkStart(model: CompiledPsm, context: EvaluationContext | undefined, site: PsmSite): void {
  const start = context?.start;
  if (start === undefined) return;
  const first = model.states[0]!;
  for (const name in start) {
    const value = start[name]!;
    if (!model.stateIndex.has(name)) failPsm(site, "unknown_state", ["start", name], `unknown state "${name}" (the model's states are ${model.states.join(", ")})`, name);
    const expected = name === first ? 1 : 0;
    if (!(Math.abs(value - expected) <= 1e-9)) {
      failPsm(site, "invalid_argument", ["start", name], `a partitioned survival model starts with the whole cohort in ${first}: its curves are measured from entry, so a start of ${JSON.stringify(start)} cannot be represented (give no start, or { ${first}: 1 }; for a cohort entering ${name}, define a model whose curves start there)`, value);
    }
  }
  if (!(first in start)) failPsm(site, "invalid_argument", ["start", first], `a partitioned survival model starts with the whole cohort in ${first}; the start gives it no mass`, start);
}

/** Counts row t into `work.clamped` once per evaluation (`epoch`), whichever endpoints cross there. */
function countCrossed(work: PsmWorkspace, t: number): void {
  if (work.crossed[t] !== work.epoch) {
    work.crossed[t] = work.epoch;
    work.clamped++;
  }
}

/** Stores endpoint k's coefficient-weighted sums: `sums` holds the cost, effect and undiscounted classes one after another. */
function storeSums(sums: Float64Array, k: number, cost: number, effect: number, plain: number): void {
  const endpoints = sums.length / 3;
  sums[k] = cost;
  sums[endpoints + k] = effect;
  sums[2 * endpoints + k] = plain;
}
