import { fail } from "../../core/errors.js";
import { discountFactor } from "../../math/discount-factor.js";
import type { EvaluationContext } from "../model.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { startVector } from "./start-vector.js";
import { fillTransitions } from "./fill-transitions.js";
import { addStartingValues, fillTransitionValues, fillValues } from "./fill-values.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { type MarkovRecorder, accumulateRow, advance, chainTransitionValues, readMilestones, recordTrace, refill, startSparse } from "./cycle-steps.js";
import { markInert, weightedStep } from "./weighted-step.js";
import { addWeightedTotals, homogeneousLoop } from "./homogeneous-loop.js";
import { backgroundFloor } from "./background-floor.js";
import { markovAnnualTotals } from "./markov-annual.js";
import { prepareTransitionArrays } from "./fill-transition-arrays.js";
import { vectorLoop } from "./vector-loop.js";
import { fillValueArraysRow, prepareValueArrays } from "./fill-value-arrays.js";
import { zero } from "./zero.js";
import { fromOwnStart } from "./strategy-path.js";

export type { MarkovRecorder } from "./cycle-steps.js";

/**
 * Runs one strategy for one parameter set and leaves the totals per declared outcome in
 * `work.total` / `work.totalUndiscounted`. Time-homogeneous transitions and values (those that
 * never read the time context) are evaluated once; the cycle loop is then a sparse
 * matrix–vector product and a weighted sum over buffers allocated once per model.
 */
export function evaluateStrategy(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, context: EvaluationContext | undefined, given?: MarkovRecorder): void {
  // Annual costs need the per-row values: the caller's recorder, or the workspace's own.
  const annual = work.annual;
  const recorder = given ?? annual?.recorder;
  if (annual !== undefined) annual.events.fill(0);
  const strategy = model.strategies[strategyIndex]!;
  const name = strategy.name;
  const site = work.site;
  const cycles = model.cycles;
  const expanded = model.expanded;
  const outcomes = model.outcomes.length;
  // A run from the start at time 0 without a recorder teaches the strategy's generated path (strategy-path.ts; evaluateInto takes it).
  const pathCall = recorder === undefined && fromOwnStart(context);
  const startTime = enterStrategy(model, work, strategyIndex, context);

  if (context?.start !== undefined) {
    startVector(context.start, model.states, model.stateIndex, model.tunnel, model.tolerance, (path, message, code, received) =>
      fail(code, [...(site.draw === undefined ? [] : ["draw", site.draw]), "strategies", name, "start", ...path], message, received === undefined ? undefined : { received }), work.current);
  } else {
    const start = strategy.start!;
    for (let e = 0; e < expanded; e++) work.current[e] = start[e]!;
  }
  // Whole buffers (the workspace's are exactly outcomes and expanded long): one memset each when long (9 runs per AML draw), a loop when short (zero.ts).
  zero(work.total);
  zero(work.totalUndiscounted);
  zero(work.weighted[0]);
  zero(work.weighted[1]);
  zero(work.weighted[2]);
  work.tvCount = 0;
  const milestoneRows = model.milestoneRows;
  zero(work.milestones);
  if (recorder !== undefined) {
    recorder.discounted.fill(0);
    recorder.undiscounted.fill(0);
  }

  site.at = "row";
  site.cycle = 0;
  if (strategy.startingValues !== undefined) addStartingValues(model, work, strategy.startingValues, params, name, site, recorder);
  const filled = fillStrategy(model, work, strategyIndex, params, startTime);
  const transitionsVary = (filled & TRANSITIONS_VARY) !== 0;
  const transitionValuesVary = (filled & TRANSITION_VALUES_VARY) !== 0;
  const valuesVary = (filled & VALUES_VARY) !== 0;
  const planRead = (filled & PLAN_READ) !== 0;
  const vectorValues = strategy.valueArrays !== undefined;
  const hasValues = vectorValues || strategy.values !== undefined;
  site.at = "row";
  site.cycle = 0;
  if (hasValues) {
    // The generated kernel never exposes a trace row, so milestones take the general loop.
    if (!valuesVary && !transitionsVary && work.tvCount === 0 && !transitionValuesVary && recorder === undefined && work.floor === undefined && model.milestones.length === 0) homogeneousLoop(model, work, strategyIndex);
    // The vector form reads its rows straight from the arrays; the floor and transition values need its generated kernel.
    else if (arraysLoop(work, strategyIndex, planRead && !transitionValuesVary, transitionsVary)) vectorLoop(model, work, strategyIndex, params, valuesVary, recorder, work.arraysKernel);
    else if (!valuesVary && recorder === undefined) {
      // Values fixed for the run: one fused pass per cycle; each row is added as the cohort leaves it.
      startSparse(model, work);
      if (milestoneRows[0] === 1) readMilestones(model, work, 0);
      markInert(model, work);
      for (let cycle = 1; cycle <= cycles; cycle++) {
        refill(model, work, strategyIndex, params, cycle, transitionsVary, transitionValuesVary);
        if (cycle > 1 && (transitionsVary || transitionValuesVary)) markInert(model, work);
        weightedStep(model, work, cycle);
        if (milestoneRows[cycle] === 1) readMilestones(model, work, cycle);
      }
      accumulateRow(model, work, cycles, false, undefined);
      addWeightedTotals(model, work);
    } else {
      const direct = valuesVary || recorder !== undefined;
      startSparse(model, work);
      accumulateRow(model, work, 0, direct, recorder);
      if (milestoneRows[0] === 1) readMilestones(model, work, 0);
      for (let cycle = 1; cycle <= cycles; cycle++) {
        advance(model, work, strategyIndex, params, cycle, transitionsVary, transitionValuesVary, recorder);
        if (milestoneRows[cycle] === 1) readMilestones(model, work, cycle);
        if (valuesVary) {
          site.at = "row";
          site.cycle = cycle;
          if (vectorValues) fillValueArraysRow(model, work, work.valuePlan, cycle, site);
          else fillValues(model, work, strategyIndex, params, site);
        }
        accumulateRow(model, work, cycle, direct, recorder);
      }
      if (!direct) addWeightedTotals(model, work);
    }
  } else {
    startSparse(model, work);
    if (recorder !== undefined) recordTrace(model, work, 0, recorder);
    if (milestoneRows[0] === 1) readMilestones(model, work, 0);
    for (let cycle = 1; cycle <= cycles; cycle++) {
      advance(model, work, strategyIndex, params, cycle, transitionsVary, transitionValuesVary, recorder);
      if (milestoneRows[cycle] === 1) readMilestones(model, work, cycle);
      if (recorder !== undefined) recordTrace(model, work, cycle, recorder);
    }
  }
  // The loops a generated path reproduces: transitions and values both fixed for the run, or both by cycle.
  if (pathCall && planRead && vectorValues && transitionsVary === valuesVary) work.strategyPaths.learn(strategyIndex, work.transitionPlan, work.valuePlan);
  if (annual !== undefined) markovAnnualTotals(model, annual, recorder!, startTime);
  if (startTime > 0) {
    const factors = [discountFactor(model.discountRates[0], startTime), discountFactor(model.discountRates[1], startTime)];
    for (let o = 0; o < outcomes; o++) {
      const factor = factors[model.outcomeClass[o]!]!;
      work.total[o]! *= factor;
      if (recorder !== undefined) for (let t = 0; t <= cycles; t++) recorder.discounted[o * (cycles + 1) + t]! *= factor;
    }
  }
}

/** {@link fillStrategy}'s flags: the transitions, transition values or values read the time; the vector-form plan holds the rows. */
export const TRANSITIONS_VARY = 1;
export const TRANSITION_VALUES_VARY = 2;
export const VALUES_VARY = 4;
export const PLAN_READ = 8;

/**
 * Starts a run of strategy `strategyIndex`: names it for errors, checks the entry time and sets the
 * ages and the background-mortality floor for it. Returns the entry time.
 */
export function enterStrategy(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, context: EvaluationContext | undefined): number {
  const site = work.site;
  site.strategy = model.strategies[strategyIndex]!.name;
  site.draw = context?.draw;
  const startTime = context?.startTime ?? 0;
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail("invalid_argument", ["context", "startTime"], `startTime must be a finite number of years ≥ 0 (received ${startTime})`, { received: startTime });
  work.context.ageOffset = (model.startAge ?? Number.NaN) + startTime;
  // Tabulated once per entry time (at build for time 0), never per draw.
  work.floor = model.background === undefined ? undefined : backgroundFloor(model.background, model.startAge!, startTime, model.cycles, model.cycleLength);
  return startTime;
}

/**
 * Fills (or restores from the fill cache) the strategy's transition matrix of cycle 1, transition
 * values and state values of row 0 for these parameters, and links the transition values. Inputs
 * fixed for the run fill every tunnel position (checked), so the matrix then serves every cycle.
 * Returns the flags above.
 */
export function fillStrategy(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number, params: unknown, startTime: number): number {
  const strategy = model.strategies[strategyIndex]!;
  const site = work.site;
  let transitionsVary = false;
  let transitionValuesVary = false;
  let valuesVary = false;
  const vectorValues = strategy.valueArrays !== undefined;
  const fill = work.fills[strategyIndex]!;
  // Whether work.transitionPlan holds this strategy's rows for these parameters (a restored fill brings its plan back).
  let planRead = false;
  if (fill.matches(params)) planRead = fill.restore(model, work);
  else {
    // The vector form's grid for this entry time; a fill that read its ages is not kept (other entry times have other ages).
    const grid = strategy.transitionArrays !== undefined || vectorValues ? work.grids.at(startTime) : undefined;
    if (grid !== undefined) grid.readAge = false;
    site.at = "cycle";
    site.cycle = 1;
    planRead = grid !== undefined && strategy.transitionArrays !== undefined;
    transitionsVary = planRead ? prepareTransitionArrays(model, work, strategyIndex, params, grid!, site) : fillTransitions(model, work, strategyIndex, params, site);
    transitionValuesVary = strategy.transitionValues !== undefined && fillTransitionValues(model, work, strategy.transitionValues, params, strategy.name, site);
    site.at = "row";
    site.cycle = 0;
    if (vectorValues) valuesVary = prepareValueArrays(model, work, strategyIndex, params, grid!, site);
    else if (strategy.values !== undefined) valuesVary = fillValues(model, work, strategyIndex, params, site);
    // Inputs that depend on the time are refilled during the run: nothing to keep.
    if (transitionsVary || transitionValuesVary || valuesVary || grid?.readAge === true) fill.clear();
    else fill.store(model, work, params, planRead);
  }
  chainTransitionValues(model, work);
  return (transitionsVary ? TRANSITIONS_VARY : 0) | (transitionValuesVary ? TRANSITION_VALUES_VARY : 0) | (valuesVary ? VALUES_VARY : 0) | (planRead ? PLAN_READ : 0);
}

/**
 * Whether the strategy runs the vector loop (with the plan read for these parameters and transition
 * values fixed for the run): rows that vary by cycle always do; rows fixed for the run do when a floor
 * or transition values change the step each cycle (the sparse path's weightedStep otherwise). With a
 * floor or transition values only the generated kernel (left in `work.arraysKernel`) does them.
 */
function arraysLoop(work: MarkovWorkspace, strategyIndex: number, planReady: boolean, transitionsVary: boolean): boolean {
  if (!planReady) return false;
  const needsKernel = work.floor !== undefined || work.tvCount > 0;
  if (!transitionsVary && !needsKernel) return false;
  work.arraysKernel = work.vectorKernels.kernelFor(strategyIndex, work.transitionPlan, work.tvPairs, work.tvCount);
  return work.arraysKernel !== undefined || !needsKernel;
}
