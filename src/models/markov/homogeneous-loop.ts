import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { moveCohort } from "./move-cohort.js";

/**
 * The PSA hot path for time-homogeneous models: transitions, values and coefficients are fixed, so
 * the loop only moves the cohort (sparse, zero rows skipped, buffers swapped) and accumulates the
 * coefficient-weighted trace; values are applied once at the end.
 */
export function homogeneousLoop(model: CompiledMarkov, work: MarkovWorkspace, strategyIndex: number): void {
  const valued = work.valued;
  for (let e = 0; e < model.expanded; e++) {
    let any = 0;
    for (let o = 0; o < model.outcomes.length; o++) if (work.values[o * model.expanded + e] !== 0) any = 1;
    valued[e] = any;
  }
  const kernel = work.kernels.kernelFor(strategyIndex, work.rowStart, work.rowEnd, work.col, valued);
  if (kernel !== undefined) {
    kernel(work.val, work.current, model.coefficients[0], model.coefficients[1], model.undiscounted, work.weighted[0], work.weighted[1], work.weighted[2], model.cycles);
    addWeightedTotals(model, work);
    return;
  }
  const expanded = model.expanded;
  const cycles = model.cycles;
  const rowStart = work.rowStart;
  const rowEnd = work.rowEnd;
  const col = work.col;
  const val = work.val;
  const costCoefficients = model.coefficients[0];
  const effectCoefficients = model.coefficients[1];
  const undiscountedCoefficients = model.undiscounted;
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  let current = work.current;
  let next = work.next;
  for (let row = 0; row <= cycles; row++) {
    if (row > 0) {
      moveCohort(current, next, rowStart, rowEnd, col, val, expanded);
      const swap = current;
      current = next;
      next = swap;
    }
    const costCoefficient = costCoefficients[row]!;
    const effectCoefficient = effectCoefficients[row]!;
    const undiscountedCoefficient = undiscountedCoefficients[row]!;
    for (let e = 0; e < expanded; e++) {
      const mass = current[e]!;
      costWeighted[e]! += costCoefficient * mass;
      effectWeighted[e]! += effectCoefficient * mass;
      undiscounted[e]! += undiscountedCoefficient * mass;
    }
  }
  work.current = current;
  work.next = next;
  addWeightedTotals(model, work);
}

/** Applies the per-year values to the coefficient-weighted trace. */
export function addWeightedTotals(model: CompiledMarkov, work: MarkovWorkspace): void {
  const expanded = model.expanded;
  const values = work.values;
  const costWeighted = work.weighted[0];
  const effectWeighted = work.weighted[1];
  const undiscounted = work.weighted[2];
  for (let o = 0; o < model.outcomes.length; o++) {
    const weighted = model.outcomeClass[o] === 0 ? costWeighted : effectWeighted;
    let sum = 0;
    let sumUndiscounted = 0;
    const first = o * expanded;
    for (let e = 0; e < expanded; e++) {
      const value = values[first + e]!;
      sum += weighted[e]! * value;
      sumUndiscounted += undiscounted[e]! * value;
    }
    work.total[o]! += sum;
    work.totalUndiscounted[o]! += sumUndiscounted;
  }
}
