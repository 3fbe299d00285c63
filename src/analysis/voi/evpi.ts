import type { PsaResult } from "../psa/psa-result.js";
import { decisionKernel, type DecisionCurveOptions, type DecisionKernel } from "../acceptability/decision-kernel.js";
import { gridIndex } from "../acceptability/ceac.js";
import type { WtpRange } from "../cea/wtp-grid.js";
import { populationSize, type DecisionPopulation } from "./population-size.js";

/** Options of {@link evpi}. */
export interface EvpiOptions extends DecisionCurveOptions {
  /** The population the decision affects; gives population EVPI. */
  readonly population?: DecisionPopulation;
}

/** EVPI across a willingness-to-pay grid. */
export interface EvpiCurve {
  /** Willingness-to-pay values. */
  readonly wtp: Float64Array;
  /** `perPerson[g]`: EVPI per person at `wtp[g]`, in currency. */
  readonly perPerson: Float64Array;
  /** `population[g]`: per-person EVPI times the discounted population (`null` without a population). */
  readonly population: Float64Array | null;
  /** The discounted population used (`null` without one). */
  readonly populationSize: number | null;
  /** Per-person and population EVPI at one WTP of the grid (`invalid_argument` if it is not on the grid). */
  at(wtp: number): {
    /** EVPI per person. */
    readonly perPerson: number;
    /** Population EVPI, `null` without a population. */
    readonly population: number | null;
  };
}

/**
 * Expected value of perfect information: how much a decision-maker should be willing to pay to
 * remove all parameter uncertainty, E[max_s NMB_s] − max_s E[NMB_s] (Claxton 1999; Briggs, Claxton
 * & Sculpher 2006, ch. 7). Computed as the mean over draws of the NMB forgone by the strategy
 * that is optimal on expectation, so it is never negative and is exactly 0 when one strategy has
 * the highest NMB in every draw. With a population, also population EVPI (see {@link populationSize}).
 *
 * @param psa - a PSA result
 * @param wtp - willingness-to-pay grid, values ≥ 0 or a range (default {@link SWEDISH_WTP_GRID})
 * @param options - cost/effect outcomes and the decision population
 * @returns EVPI per person (and for the population) at each WTP
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * const voi = evpi(psa, [0, 50_000], { population: { annual: 100, years: 1 } });
 * Array.from(voi.perPerson) // => [0, 2500]
 * voi.at(50_000) // => { perPerson: 2500, population: 250000 }
 */
export function evpi(psa: PsaResult, wtp?: ArrayLike<number> | WtpRange, options: EvpiOptions = {}): EvpiCurve {
  return evpiFromKernel(decisionKernel(psa, wtp, options), options.population);
}

/** Builds the EVPI curve from a computed kernel. @internal */
export function evpiFromKernel(kernel: DecisionKernel, population: DecisionPopulation | undefined): EvpiCurve {
  const size = population === undefined ? null : populationSize(population);
  const perPerson = kernel.evpi;
  const total = size === null ? null : perPerson.map((v) => v * size);
  return Object.freeze({
    wtp: kernel.wtp,
    perPerson,
    population: total,
    populationSize: size,
    at(w: number) {
      const g = gridIndex(kernel.wtp, w);
      return { perPerson: perPerson[g]!, population: total === null ? null : total[g]! };
    },
  });
}
