import type { PsaResult } from "../psa/psa-result.js";
import { costEffectSeries, meanOf, type CostEffectOptions } from "../psa/cost-effect.js";
import { wtpValues, type WtpRange } from "../cea/wtp-grid.js";

/**
 * Relative tolerance of the tie rule: a strategy ties with the best one in a draw when its net
 * monetary benefit is within `1e-12 · |best|` of it, and among tied strategies the one listed first
 * wins. The same rule picks the optimal strategy by expected NMB. Exact ties (identical strategies)
 * therefore always go to the first, deterministically; dampack instead breaks ties within 1e-5 at
 * random.
 *
 * @example NMB_TIE_TOLERANCE // => 1e-12
 */
export const NMB_TIE_TOLERANCE = 1e-12;

/** What CEAC, CEAF, expected loss and EVPI share: one pass over draws × WTP. @internal */
export interface DecisionKernel {
  readonly wtp: Float64Array;
  readonly size: number;
  readonly strategies: number;
  /** `wins[g * S + s]`: draws in which strategy s has the highest NMB at wtp[g]. */
  readonly wins: Float64Array;
  /** `expectedNmb[g * S + s]`: w · mean effect − mean cost. */
  readonly expectedNmb: Float64Array;
  /** `optimal[g]`: index of the strategy with the highest expected NMB (tie rule above). */
  readonly optimal: Int32Array;
  /** `evpi[g]`: mean over draws of max_s NMB − NMB of the optimal strategy. */
  readonly evpi: Float64Array;
}

/** Options shared by the curve analyses: which outcomes are cost and effect. */
export type DecisionCurveOptions = CostEffectOptions;

/** Index of the best value among `values[0..n)`: lowest index within the tie tolerance. @internal */
export function bestIndex(values: ArrayLike<number>, offset: number, n: number): number {
  let best = values[offset]!;
  let arg = 0;
  for (let s = 1; s < n; s++) {
    const v = values[offset + s]!;
    if (v > best) {
      best = v;
      arg = s;
    }
  }
  const floor = best - NMB_TIE_TOLERANCE * Math.abs(best);
  for (let s = 0; s < arg; s++) if (values[offset + s]! >= floor) return s;
  return arg;
}

/**
 * One pass over every draw: winner counts (CEAC), the optimal strategy by expected NMB (CEAF) and
 * the expected loss of that choice (EVPI). Each draw's loss is `max − NMB(optimal)`, a difference
 * of two computed NMBs, so EVPI is never negative and is exactly 0 when the optimal strategy wins
 * every draw.
 *
 * Speed: NMB lines `w · e − c` have a convex upper envelope, so the set of WTP values at which a
 * strategy wins is an interval. For each draw the winner is evaluated at the ends of the (sorted)
 * grid and by bisection only where the ends disagree; the grid points in between inherit it.
 * That is exact wherever no two strategies tie within the tie tolerance; in a near tie the
 * winner may be taken from a neighbouring grid point. Loss is summed only where the draw's winner
 * differs from the optimal strategy. @internal
 */
export function decisionKernel(psa: PsaResult, wtp: ArrayLike<number> | WtpRange | undefined, options: DecisionCurveOptions = {}): DecisionKernel {
  const grid = wtpValues(wtp);
  const { cost, effect, size } = costEffectSeries(psa, options);
  const nS = psa.strategies.length;
  const nG = grid.length;
  // Work on the grid sorted ascending; results are mapped back to the caller's order.
  const order = Int32Array.from(grid.keys()).sort((a, b) => grid[a]! - grid[b]! || a - b);
  const sorted = Float64Array.from(order, (g) => grid[g]!);
  const meanCost = cost.map(meanOf);
  const meanEffect = effect.map(meanOf);
  const expectedNmb = new Float64Array(nG * nS);
  const optimalSorted = new Int32Array(nG);
  for (let g = 0; g < nG; g++) {
    for (let s = 0; s < nS; s++) expectedNmb[g * nS + s] = sorted[g]! * meanEffect[s]! - meanCost[s]!;
    optimalSorted[g] = bestIndex(expectedNmb, g * nS, nS);
  }
  // Runs of constant optimal strategy: [runStart[k], runStart[k + 1]) has optimal runStrategy[k].
  const runStart: number[] = [];
  const runStrategy: number[] = [];
  for (let g = 0; g < nG; g++) {
    if (g === 0 || optimalSorted[g] !== optimalSorted[g - 1]) {
      runStart.push(g);
      runStrategy.push(optimalSorted[g]!);
    }
  }
  runStart.push(nG);
  const winsDiff = new Float64Array((nG + 1) * nS);
  const lossSum = new Float64Array(nG);
  const e = new Float64Array(nS);
  const c = new Float64Array(nS);
  const nmb = new Float64Array(nS);
  const winnerAt = (g: number): number => {
    const w = sorted[g]!;
    for (let s = 0; s < nS; s++) nmb[s] = w * e[s]! - c[s]!;
    return bestIndex(nmb, 0, nS);
  };
  const emit = (from: number, to: number, s: number): void => {
    winsDiff[from * nS + s]! += 1;
    winsDiff[to * nS + s]! -= 1;
    const es = e[s]!;
    const cs = c[s]!;
    for (let k = 0; k < runStrategy.length; k++) {
      const o = runStrategy[k]!;
      const lo = Math.max(from, runStart[k]!);
      const hi = Math.min(to, runStart[k + 1]!);
      if (o === s || lo >= hi) continue;
      const eo = e[o]!;
      const co = c[o]!;
      for (let g = lo; g < hi; g++) {
        const w = sorted[g]!;
        // The winner may trail the optimal strategy by up to the tie tolerance; the loss of a
        // draw is never below 0 (the true maximum is at least the optimal strategy's NMB).
        const loss = w * es - cs - (w * eo - co);
        if (loss > 0) lossSum[g]! += loss;
      }
    }
  };
  // Covers [lo, hi) given the winners at lo and hi.
  const fill = (lo: number, hi: number, winLo: number, winHi: number): void => {
    if (winLo === winHi || hi - lo === 1) {
      emit(lo, hi, winLo);
      return;
    }
    const mid = (lo + hi) >> 1;
    const winMid = winnerAt(mid);
    fill(lo, mid, winLo, winMid);
    fill(mid, hi, winMid, winHi);
  };
  for (let i = 0; i < size; i++) {
    for (let s = 0; s < nS; s++) {
      e[s] = effect[s]![i]!;
      c[s] = cost[s]![i]!;
    }
    const last = winnerAt(nG - 1);
    if (nG > 1) fill(0, nG - 1, winnerAt(0), last);
    emit(nG - 1, nG, last);
  }
  const wins = new Float64Array(nG * nS);
  const optimal = new Int32Array(nG);
  const evpi = new Float64Array(nG);
  const expectedOut = new Float64Array(nG * nS);
  const running = new Float64Array(nS);
  for (let g = 0; g < nG; g++) {
    const original = order[g]!;
    for (let s = 0; s < nS; s++) {
      running[s]! += winsDiff[g * nS + s]!;
      wins[original * nS + s] = running[s]!;
      expectedOut[original * nS + s] = expectedNmb[g * nS + s]!;
    }
    optimal[original] = optimalSorted[g]!;
    evpi[original] = lossSum[g]! / size;
  }
  return { wtp: grid, size, strategies: nS, wins, expectedNmb: expectedOut, optimal, evpi };
}
