import { fail } from "../../core/errors.js";
import type { Distribution } from "../../distributions/distribution.js";
import { discountFactor } from "../../math/discount-factor.js";
import type { EvaluationContext } from "../model.js";
import { writeCohortOutputs } from "../cohort/cohort-outcomes.js";
import type { CompiledMicrosim } from "./compile-microsimulation.js";
import { nextUniform, seedIndividual, streamKey } from "./individual-streams.js";
import type { MicrosimWorkspace } from "./microsim-workspace.js";
import { CONSTANT, PER_CYCLE, cumulate, failAtSite, prepareStrategy } from "./prepare-strategy.js";

// Module-local copies of imported bindings used in the hot loop: some loaders (tsx, bundlers that
// emit CommonJS) turn every use of an imported binding into a getter call.
const IS_CONSTANT = CONSTANT;
const IS_PER_CYCLE = PER_CYCLE;
const uniform = nextUniform;
const cumulateRow = cumulate;

/**
 * Simulates every individual under every strategy for one parameter set, leaving the sums, moments
 * and trace in the workspace. Individuals are taken in chunks of `chunkSize`; within a chunk all
 * strategies are run from the same per-individual streams (common random numbers), and the
 * individuals' totals are folded into the moments in index order, so the result does not depend on
 * the chunk size.
 */
export function simulateDraw(model: CompiledMicrosim, work: MicrosimWorkspace, params: unknown, context: EvaluationContext | undefined): void {
  const draw = context?.draw;
  const startTime = context?.startTime ?? 0;
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail("invalid_argument", ["context", "startTime"], `startTime must be a finite number of years ≥ 0 (received ${startTime})`, { received: startTime });
  const start = startDistribution(model, context?.start);
  const distributions = model.attributes.map((spec, a) => {
    const distribution = typeof spec === "function" ? (spec as (p: unknown) => Distribution)(params) : spec;
    if (typeof distribution?.quantile !== "function") fail("invalid_model", ["attributes", model.attributeNames[a]!], "the attribute's function did not return a distribution", { received: distribution });
    const median = distribution.quantile(0.5);
    if (!Number.isFinite(median)) fail("invalid_model", ["attributes", model.attributeNames[a]!], `the attribute's distribution has no finite median (received ${median})`, { received: median });
    work.probe.attributes[a] = median;
    return distribution;
  });
  work.reset();
  work.person.startTime = startTime;
  work.probe.startTime = startTime;
  const G = model.strategies.length;
  for (let s = 0; s < G; s++) prepareStrategy(model, work, s, params, draw);
  streamKey(model.seed, draw, work.key);
  const A = model.attributeNames.length;
  const S = model.states.length;
  const factors = [discountFactor(model.schedule.discountRates[0], startTime), discountFactor(model.schedule.discountRates[1], startTime)];
  for (let first = 0; first < model.individuals; first += model.chunkSize) {
    const count = Math.min(model.chunkSize, model.individuals - first);
    for (let j = 0; j < count; j++) {
      // Attributes first, then the starting state: a fixed number of uniforms, so every
      // strategy continues the individual's stream from the same point.
      seedIndividual(work.key, first + j, work.rngStart, 4 * j);
      for (let a = 0; a < A; a++) {
        const value = distributions[a]!.quantile(nextUniform(work.rngStart, 4 * j));
        if (!Number.isFinite(value)) fail("invalid_model", ["attributes", model.attributeNames[a]!], `the attribute's distribution gave ${value} for individual ${first + j}`, { received: value });
        work.attributes[j * A + a] = value;
      }
      const u = nextUniform(work.rngStart, 4 * j);
      let state = 0;
      for (let cumulative = start[0]!; state < S - 1 && !(u < cumulative); ) cumulative += start[++state]!;
      while (start[state] === 0 && state > 0) state--;
      work.startState[j] = state;
    }
    for (let s = 0; s < G; s++) simulateChunk(model, work, s, count, first, params, draw);
    fold(model, work, count, factors);
  }
  const N = model.schedule.cycles;
  for (let s = 0; s < G; s++) {
    for (let d = 0; d < S; d++) {
      let absorbed = 0;
      for (let t = 1; t <= N; t++) {
        absorbed += work.absorbedAfter[(s * (N + 1) + t) * S + d]!;
        work.trace[(s * (N + 1) + t) * S + d]! += absorbed;
      }
    }
  }
}

function startDistribution(model: CompiledMicrosim, given: Readonly<Record<string, number>> | undefined): Float64Array {
  if (given === undefined) return model.start;
  const start = new Float64Array(model.states.length);
  let sum = 0;
  for (const [name, share] of Object.entries(given)) {
    const s = model.states.indexOf(name);
    if (s < 0) fail("unknown_state", ["context", "start", name], `unknown state '${name}'; states: ${model.states.join(", ")}`, { received: name });
    if (!(share >= 0 && share <= 1)) fail("probability_out_of_range", ["context", "start", name], `a starting proportion is in [0, 1] (received ${share})`, { received: share });
    start[s] = share;
    sum += share;
  }
  if (Math.abs(sum - 1) > 1e-9) fail("row_sum_not_one", ["context", "start"], `starting proportions must sum to 1 (they sum to ${sum})`, { received: sum });
  return start;
}

/** Runs one strategy for the individuals of the chunk from their saved streams. */
function simulateChunk(model: CompiledMicrosim, work: MicrosimWorkspace, s: number, count: number, first: number, params: unknown, draw: number | undefined): void {
  const { rows, cells, valueCell, hasMove, moveCell, historyMembers, historyCount } = model;
  const S = model.states.length;
  const C = cells.length;
  const N = model.schedule.cycles;
  const O = model.outcomeLayout.outcomes.length;
  const H = model.historyNames.length;
  const m = model.chunkSize;
  const dt = model.schedule.cycleLength;
  const outcomeClass = model.outcomeLayout.outcomeClass;
  const coefficients = model.coefficients.coefficients;
  const undiscountedCoefficient = model.coefficients.undiscounted;
  const eventDiscount = model.coefficients.eventDiscount;
  const strategy = model.strategies[s]!;
  const { state, stateTime, alive, history, rng, rngStart, totals, undiscounted, trace, person, cellClass, cellConst, cellTable, rowClass, rowCum, rowCumTable, absorbing, absorbValue, absorbedAfter, constantValues, stateValue } = work;
  const base = s * m * O;
  const traceBase = s * (N + 1) * S;

  const cellValue = (c: number, j: number, cycle: number, time: number, site: "row" | "cycle"): number => {
    const at = s * C + c;
    const cls = cellClass[at]!;
    if (cls === IS_CONSTANT) return cellConst[at]!;
    if (cls === IS_PER_CYCLE) return cellTable[at * (N + 1) + cycle]!;
    person.slot = j;
    person.at(cycle, time);
    const v = (cells[c] as (p: unknown, who: unknown, g: string) => number)(params, person, strategy);
    if (!Number.isFinite(v)) failAtSite({ strategy, draw, cycle, individual: first + j }, "non_finite_value", model.cellPath[c]!, `the ${site === "row" ? "value" : "probability or value"} is ${v}`, v);
    return v;
  };
  const addValues = (j: number, st: number, t: number): void => {
    const at = base + j * O;
    if (constantValues[s * S + st] === 1) {
      // Values that read nothing of the individual: tabulated per draw, no cell calls.
      const v0 = (s * S + st) * O;
      for (let o = 0; o < O; o++) {
        const v = stateValue[v0 + o]!;
        totals[at + o]! += coefficients[outcomeClass[o]!]![t]! * v;
        undiscounted[at + o]! += undiscountedCoefficient[t]! * v;
      }
      return;
    }
    for (let o = 0; o < O; o++) {
      const c = valueCell[st * O + o]!;
      if (c < 0) continue;
      const v = cellValue(c, j, t, t * dt, "row");
      totals[at + o]! += coefficients[outcomeClass[o]!]![t]! * v;
      undiscounted[at + o]! += undiscountedCoefficient[t]! * v;
    }
  };
  const absorb = (j: number, d: number, t: number): void => {
    const at = base + j * O;
    for (let o = 0; o < O; o++) {
      const v = absorbValue[(s * S + d) * O + o]!;
      if (v === 0) continue;
      totals[at + o]! += v * model.suffix[outcomeClass[o]!]![t + 1]!;
      undiscounted[at + o]! += v * model.suffixUndiscounted[t + 1]!;
    }
    alive[j] = 0;
    if (t < N) absorbedAfter[traceBase + (t + 1) * S + d]! += 1;
  };

  for (let j = 0; j < count; j++) {
    const st = work.startState[j]!;
    state[j] = st;
    stateTime[j] = 0;
    alive[j] = 1;
    for (let w = 0; w < 4; w++) rng[4 * j + w] = rngStart[4 * j + w]!;
    for (let h = 0; h < H; h++) history[j * H + h] = historyCount[h] === 2 ? historyMembers[h]![st]! : 0;
    totals.fill(0, base + j * O, base + (j + 1) * O);
    undiscounted.fill(0, base + j * O, base + (j + 1) * O);
    addValues(j, st, 0);
    trace[traceBase + st]! += 1;
    if (absorbing[s * S + st] === 1) absorb(j, st, 0);
  }
  for (let k = 1; k <= N; k++) {
    const transitionTime = (k - 1) * dt;
    for (let j = 0; j < count; j++) {
      if (alive[j] === 0) continue;
      const from = state[j]!;
      const row = rows[from]!;
      const u = uniform(rng, 4 * j);
      const cls = rowClass[s * S + from]!;
      let cum: Float64Array;
      let at: number;
      if (cls === IS_CONSTANT) {
        cum = rowCum;
        at = (s * S + from) * S;
      } else if (cls === IS_PER_CYCLE) {
        cum = rowCumTable;
        at = ((s * (N + 1) + k) * S + from) * S;
      } else {
        for (let d = 0; d < row.cell.length; d++) if (row.cell[d]! >= 0) work.probabilities[d] = cellValue(row.cell[d]!, j, k, transitionTime, "cycle");
        cumulateRow(model, work, from, work.cumulative, 0, strategy, draw, k, first + j);
        cum = work.cumulative;
        at = 0;
      }
      let d = 0;
      while (d < row.to.length - 1 && !(u < cum[at + d]!)) d++;
      const to = row.to[d]!;
      if (hasMove[from * S + to] === 1) {
        const tot = base + j * O;
        for (let o = 0; o < O; o++) {
          const c = moveCell[(from * S + to) * O + o]!;
          if (c < 0) continue;
          const v = cellValue(c, j, k, transitionTime, "cycle");
          totals[tot + o]! += eventDiscount[outcomeClass[o]!]![k]! * v;
          undiscounted[tot + o]! += v;
        }
      }
      for (let h = 0; h < H; h++) {
        const members = historyMembers[h]!;
        const hAt = j * H + h;
        const kind = historyCount[h]!;
        if (kind === 0) history[hAt] = members[to] === 1 && members[from] === 1 ? history[hAt]! + 1 : 0;
        else if (kind === 1) history[hAt] = history[hAt]! + members[from]!;
        else if (members[to] === 1) history[hAt] = 1;
      }
      stateTime[j] = to === from ? stateTime[j]! + 1 : 0;
      state[j] = to;
      addValues(j, to, k);
      trace[traceBase + k * S + to]! += 1;
      if (absorbing[s * S + to] === 1) absorb(j, to, k);
    }
  }
}

/** Folds the chunk's individuals into the sums and (co-)moments, in index order. */
function fold(model: CompiledMicrosim, work: MicrosimWorkspace, count: number, factors: readonly number[]): void {
  const G = model.strategies.length;
  const O = model.outcomeLayout.outcomes.length;
  const W = model.outcomeLayout.outputs.length;
  const m = model.chunkSize;
  const { totals, undiscounted, scratchTotal, scratchUndiscounted, individualOut, sum, mean, m2, co, before, after } = work;
  const outcomeClass = model.outcomeLayout.outcomeClass;
  for (let j = 0; j < count; j++) {
    const n = ++work.count;
    for (let s = 0; s < G; s++) {
      const at = (s * m + j) * O;
      for (let o = 0; o < O; o++) {
        scratchTotal[o] = totals[at + o]! * factors[outcomeClass[o]!]!;
        scratchUndiscounted[o] = undiscounted[at + o]!;
      }
      writeCohortOutputs(model.outcomeLayout, scratchTotal, scratchUndiscounted, individualOut, s * W);
    }
    // Welford's update, with co-moments of every pair of strategies (for the SE of differences).
    for (let i = 0; i < G * W; i++) {
      const x = individualOut[i]!;
      sum[i]! += x;
      before[i] = x - mean[i]!;
      mean[i]! += before[i]! / n;
      after[i] = x - mean[i]!;
      m2[i]! += before[i]! * after[i]!;
    }
    for (let s = 0; s < G; s++) for (let r = s + 1; r < G; r++) for (let w = 0; w < W; w++) co[(s * G + r) * W + w]! += before[s * W + w]! * after[r * W + w]!;
  }
}
