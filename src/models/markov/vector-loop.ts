import type { CompiledMarkov } from "./compile-markov.js";
import { type MarkovRecorder, accumulateRow, bookFlows, readMilestones } from "./cycle-steps.js";
import { BY_CYCLE, BY_PRODUCT, BY_STATE_TIME, COMPLEMENT, CONSTANT, type TransitionArrayPlan, badEntry, closeRow, productAt } from "./fill-transition-arrays.js";

// Entry kinds as module constants: an imported binding read in the inner loop costs a property load per read in some loaders.
const constantKind = CONSTANT;
const byCycleKind = BY_CYCLE;
const byStateTimeKind = BY_STATE_TIME;
const productKind = BY_PRODUCT;
const complementKind = COMPLEMENT;
import { fillValueArraysRow } from "./fill-value-arrays.js";
import { fillValues } from "./fill-values.js";
import { addWeightedTotals } from "./homogeneous-loop.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { markInert } from "./weighted-step.js";
import { zero } from "./zero.js";
import type { VectorKernel } from "./vector-kernel.js";
import type { DirectRun } from "./direct-kernel.js";

/**
 * The cycle loop of a strategy whose transitions are in the vector form (`transitionArrays`): each cycle reads every
 * occupied row straight from the arrays (checking it) and moves its mass, without writing the
 * matrix first. Entries that do not depend on the time in state are read (and checked) once per
 * cycle, not once per tunnel position, and a tunnel is scanned only up to the highest position the
 * cohort can have reached (one more per cycle). The sums are those of the general loop, term by
 * term and in the same order (rows in ascending expanded order, a row's sum in its key order,
 * destinations ascending), so results are bit-identical to the callback form with the same numbers.
 * With values fixed for the run and no recorder, the trace is weighted as it goes (as
 * weightedStep); otherwise each trace row is added as it is reached (as the direct loop). Background
 * mortality and transition values (fixed for the run) need the generated `kernel`: it floors each
 * row it reads and adds the flows to be booked, as weightedStep does on the sparse matrix.
 */
export function vectorLoop(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, valuesVary: boolean, recorder: MarkovRecorder | undefined, kernel: VectorKernel | undefined): void {
  const plan = work.transitionPlan;
  const expanded = model.expanded;
  const cycles = model.cycles;
  const milestoneRows = model.milestoneRows;
  const site = work.site;
  const direct = valuesVary || recorder !== undefined;
  // Every expanded state is listed: the row sums then run over all of them (terms of unoccupied states are exact zeros).
  const active = work.active;
  for (let e = 0; e < expanded; e++) active[e] = e;
  zero(work.next);
  work.activeCount = expanded;
  const reach = plan.reach;
  // One store per state in the loop below rather than a call of TypedArray#fill (states are few: zero.ts).
  const lowest = plan.lowest;
  const live = plan.live;
  const current = work.current;
  for (let i = 0; i < model.states.length; i++) {
    lowest[i] = 0;
    const base = model.base[i]!;
    let highest = 0;
    for (let j = model.tunnel[i]! - 1; j > 0; j--) {
      if (current[base + j] === 0) continue;
      highest = j;
      break;
    }
    reach[i] = highest;
    live[i] = highest > 0 || current[base] !== 0 ? 1 : 0;
  }
  if (kernel !== undefined) markLive(model, plan);
  if (direct) addRow(model, work, 0, recorder);
  else {
    // The matrix of cycle 1 (prepareTransitionArrays) names the absorbing states without values; a row that changes with the cycle is never inert.
    markInert(model, work);
    for (let i = 0; i < model.states.length; i++) if (plan.fixedRow[i] === 0) work.inert[model.base[i]!] = 0;
  }
  if (milestoneRows[0] === 1) readMilestones(model, work, 0);
  const vectorValues = model.strategies[strategyIndex]!.valueArrays !== undefined;
  const floor = work.floor;
  const booking = work.tvCount > 0;
  // Imported functions called every cycle, read once: some loaders (tsx's) reach an import through a getter per call.
  const book = bookFlows;
  const milestones = readMilestones;
  // Values that change by trace row, read from arrays: the direct run generated for the kernel and the value plan's shape.
  const directRun: DirectRun | undefined = kernel !== undefined && valuesVary && vectorValues && recorder === undefined ? work.vectorKernels.directFor(strategyIndex, kernel, plan, work.valuePlan) : undefined;
  if (kernel !== undefined && !direct) {
    // Every cycle in one call of the generated code (no call and no argument passing per cycle).
    site.at = "cycle";
    // A run with the inputs of the last one kept (another strategy with the same transitions) takes its results.
    const memo = work.runMemo;
    if (!memo.reuse(model, work, plan, floor)) {
      memo.prepare(model, work, plan, floor);
      kernel.run(work, cycles, plan.arrays, plan.factors, plan.constant, plan.reach, plan.lowest, plan.live, work.inert, work.weighted[0], work.weighted[1], work.weighted[2], model.coefficients[0], model.coefficients[1], model.undiscounted, floor ?? noFloor, work.tvFlow, milestoneRows, work.bookAt, work.milestonesAt, memo.readRange);
      memo.keep(work);
    }
  } else if (directRun !== undefined) {
    // Every cycle, its values and its sums in one call of the generated code.
    site.at = "cycle";
    directRun(work, cycles, plan.arrays, plan.factors, plan.constant, plan.reach, plan.lowest, plan.live, work.inert, work.weighted[0], work.weighted[1], work.weighted[2], model.coefficients[0], model.coefficients[1], model.undiscounted, floor ?? noFloor, work.tvFlow, milestoneRows, work.bookAt, work.milestonesAt, work.valuePlan, work.values, work.total, work.totalUndiscounted);
  } else for (let cycle = 1; cycle <= cycles; cycle++) {
    site.at = "cycle";
    site.cycle = cycle;
    if (kernel !== undefined) generatedStep(model, work, plan, kernel, cycle, !direct, floor ?? noFloor);
    else vectorStep(model, work, plan, cycle, !direct);
    if (booking) book(model, work, cycle, recorder);
    if (milestoneRows[cycle] === 1) milestones(model, work, cycle);
    if (direct) {
      if (valuesVary) {
        site.at = "row";
        site.cycle = cycle;
        if (vectorValues) fillValueArraysRow(model, work, work.valuePlan, cycle, site);
        else fillValues(model, work, strategyIndex, params, site);
      }
      addRow(model, work, cycle, recorder);
    }
  }
  if (!direct) {
    // The generated kernel leaves the effect-weighted trace to this copy when it equals the cost-weighted one.
    if (kernel !== undefined && work.vectorKernels.sameCoefficients) work.weighted[1].set(work.weighted[0]);
    accumulateRow(model, work, cycles, false, undefined);
    addWeightedTotals(model, work);
  }
}

/**
 * Adds trace row `row` to the totals (the direct loop): accumulateRow's sums over every expanded
 * state in ascending order (all are listed), without a recorder in a loop of its own.
 */
function addRow(model: CompiledMarkov, work: MarkovWorkspace, row: number, recorder: MarkovRecorder | undefined): void {
  if (recorder !== undefined) {
    accumulateRow(model, work, row, true, recorder);
    return;
  }
  const { current, values, total, totalUndiscounted } = work;
  const expanded = model.expanded;
  const outcomeClass = model.outcomeClass;
  const costCoefficient = model.coefficients[0][row]!;
  const effectCoefficient = model.coefficients[1][row]!;
  const undiscountedCoefficient = model.undiscounted[row]!;
  for (let o = 0; o < outcomeClass.length; o++) {
    let occupancyValue = 0;
    const first = o * expanded;
    for (let e = 0; e < expanded; e++) occupancyValue += current[e]! * values[first + e]!;
    total[o]! += (outcomeClass[o] === 0 ? costCoefficient : effectCoefficient) * occupancyValue;
    totalUndiscounted[o]! += undiscountedCoefficient * occupancyValue;
  }
}

const noFloor = new Float64Array(0);

/**
 * Extends `plan.live` (the states holding mass at the start) to the states that may hold mass during
 * the run: every destination of a marked state's row (listed entries and the death slot, whatever
 * their probability in a cycle: a superset). The AML back end entered in R/R never reaches its two
 * tunnels, entered after alloSCT never reaches the chemotherapy tunnel.
 */
function markLive(model: CompiledMarkov, plan: TransitionArrayPlan): void {
  const { live, destStart, dest } = plan;
  const states = model.states.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < states; i++) {
      if (live[i] === 0) continue;
      for (let d = destStart[i]!; d < destStart[i + 1]!; d++) {
        if (live[dest[d]!] === 1) continue;
        live[dest[d]!] = 1;
        changed = true;
      }
    }
  }
}

/** {@link vectorStep} through the kernel generated for the plan's shape (vector-kernel.ts): the same arithmetic in the same order. */
function generatedStep(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, kernel: VectorKernel, cycle: number, weighted: boolean, floor: Float64Array): void {
  const current = work.current;
  const next = work.next;
  kernel.step(cycle - 1, current, next, plan.arrays, plan.factors, plan.constant, plan.reach, plan.lowest, plan.live, work.inert, work.weighted[0], work.weighted[1], work.weighted[2], model.coefficients[0], model.coefficients[1], model.undiscounted, floor, work.tvFlow, weighted);
  work.current = next;
  work.next = current;
}

/** Moves the cohort through cycle `cycle`, reading each occupied row from the plan; `weighted`: also adds trace row cycle − 1 to the weighted trace. No floor, no transition values. */
function vectorStep(model: CompiledMarkov, work: MarkovWorkspace, plan: TransitionArrayPlan, cycle: number, weighted: boolean): void {
  const current = work.current;
  const next = work.next;
  const scratch = work.rowScratch;
  const inert = work.inert;
  const tolerance = model.tolerance;
  const site = work.site;
  const { kind, to: toOf, constant, arrays, factors, hoisted, entryStart, destStart, dest, reach } = plan;
  const row = cycle - 1;
  const costCoefficient = model.coefficients[0][row]!;
  const effectCoefficient = model.coefficients[1][row]!;
  const undiscountedCoefficient = model.undiscounted[row]!;
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  const states = model.states.length;
  for (let from = 0; from < states; from++) {
    const first = entryStart[from]!;
    const end = entryStart[from + 1]!;
    const tunnel = model.tunnel[from]!;
    const base = model.base[from]!;
    // Entries the same at every state time: read and checked once for the cycle.
    for (let n = first; n < end; n++) {
      const k = kind[n]!;
      if (k === constantKind) hoisted[n] = constant[n]!;
      else if (k === byCycleKind) {
        const value = arrays[n]![row]!;
        if (typeof value !== "number" || !(value >= -tolerance && value <= 1 + tolerance)) badEntry(model, from, toOf[n]!, 0, value, site);
        hoisted[n] = value;
      }
    }
    const highest = reach[from]!;
    const rowOffset = row * tunnel;
    const last = tunnel - 1;
    const destEnd = destStart[from + 1]!;
    for (let position = 0; position <= highest; position++) {
      const e = base + position;
      const mass = current[e]!;
      if (mass === 0) continue;
      if (weighted) {
        if (inert[e] === 1) {
          current[e] = 0;
          continue;
        }
        costWeighted[e]! += costCoefficient * mass;
        effectWeighted[e]! += effectCoefficient * mass;
        undiscounted[e]! += undiscountedCoefficient * mass;
      }
      let sum = 0;
      let complementTo = -1;
      for (let n = first; n < end; n++) {
        const k = kind[n]!;
        if (k === complementKind) {
          complementTo = toOf[n]!;
          continue;
        }
        let value: number;
        if (k <= byCycleKind) value = hoisted[n]!;
        else {
          value = k === productKind ? productAt(arrays[n]!, factors[n]!, row, position) : arrays[n]![k === byStateTimeKind ? position : rowOffset + position]!;
          if (typeof value !== "number" || !(value >= -tolerance && value <= 1 + tolerance)) badEntry(model, from, toOf[n]!, position, value, site);
        }
        scratch[toOf[n]!] = value > 0 ? value : 0;
        sum += value;
      }
      closeRow(model, scratch, sum, complementTo, from, position, site);
      current[e] = 0;
      const stay = base + (position < last ? position + 1 : last);
      for (let d = destStart[from]!; d < destEnd; d++) {
        const to = dest[d]!;
        const probability = scratch[to]!;
        if (probability === 0) continue;
        next[to === from ? stay : model.base[to]!]! += mass * probability;
      }
    }
    // Mass moves at most one position along a tunnel per cycle.
    if (highest < last) reach[from] = highest + 1;
  }
  work.current = next;
  work.next = current;
}
