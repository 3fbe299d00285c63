import type { Complement } from "../complement.js";
import type { CycleGrid } from "./cycle-grid.js";

/**
 * A time-varying entry of the vector form (`transitionArrays` / `valueArrays`): numbers indexed by
 * cycle, by time in state, or by both. Made by {@link byCycle}, {@link byStateTime} and
 * {@link byCycleAndStateTime}; the engine keeps a reference to `values` (no copy) and reads it
 * before the user function is called again, so the function may reuse one buffer from call to call.
 *
 * @example
 * const entry: TimeArray = byCycle([0.1, 0.2]);
 * entry.by // => "cycle"
 */
export interface TimeArray {
  /** What indexes `values`: the cycle (or trace row), the time in state, or both (cycle-major). */
  readonly by: "cycle" | "stateTime" | "cycleAndStateTime";
  /** The numbers, read by the engine as given (kept by reference). */
  readonly values: ArrayLike<number>;
}

/**
 * An entry that is the product of a by-cycle factor and a by-state-time factor: at cycle c and
 * state time k it is `cycle[c − 1] · stateTime[k]` for transitions (`cycle[row]` for state values).
 * Made by {@link byCycleTimesStateTime}; both arrays are kept by reference, not copied.
 *
 * @example
 * const entry: TimeProduct = byCycleTimesStateTime([0.9, 0.8], [0.1, 0.2, 0.3]);
 * entry.by // => "cycleTimesStateTime"
 */
export interface TimeProduct {
  /** Always `"cycleTimesStateTime"`. */
  readonly by: "cycleTimesStateTime";
  /** One number per cycle (transitions, length N) or per trace row (state values, length N + 1). */
  readonly cycle: ArrayLike<number>;
  /** One number per tunnel position of the state (length its tunnel). */
  readonly stateTime: ArrayLike<number>;
}

/**
 * One entry of the vector form: a number (the same in every cycle and tunnel position), a
 * {@link TimeArray} or a {@link TimeProduct}.
 *
 * @example
 * const entries: ArrayEntry[] = [0.05, byCycle([0.05, 0.06, 0.07])];
 * typeof entries[0] // => "number"
 */
export type ArrayEntry = number | TimeArray | TimeProduct;

/**
 * An entry that varies by cycle. For transitions `values[cycle − 1]` is the probability of cycle
 * 1 … N (length N); for state values `values[row]` is the value of trace row 0 … N (length N + 1).
 * The array is kept by reference, not copied.
 *
 * @param values - One number per cycle (transitions) or per trace row (values).
 * @returns The tagged entry.
 * @example
 * byCycle(new Float64Array([0.01, 0.02])).values[1] // => 0.02
 */
export function byCycle(values: ArrayLike<number>): TimeArray {
  return { by: "cycle", values };
}

/**
 * An entry that varies with the time already spent in a tunnel state (its state time k = 0 …
 * tunnel − 1): `values[k]`, length the tunnel length of the from-state (of the state, for values).
 * The array is kept by reference, not copied.
 *
 * @param values - One number per tunnel position.
 * @returns The tagged entry.
 * @example
 * byStateTime([0.3, 0.2, 0.1]).by // => "stateTime"
 */
export function byStateTime(values: ArrayLike<number>): TimeArray {
  return { by: "stateTime", values };
}

/**
 * An entry that varies with both the cycle and the time in state, cycle-major: for transitions
 * `values[(cycle − 1) · tunnel + k]` (length N × tunnel), for state values
 * `values[row · tunnel + k]` (length (N + 1) × tunnel). The array is kept by reference, not copied.
 *
 * @param values - N × tunnel numbers (transitions) or (N + 1) × tunnel (values).
 * @returns The tagged entry.
 * @example
 * // 2 cycles, a tunnel of 2: cycle 1 (k = 0, 1), then cycle 2 (k = 0, 1).
 * byCycleAndStateTime([0.1, 0.2, 0.3, 0.4]).values[2] // => 0.3
 */
export function byCycleAndStateTime(values: ArrayLike<number>): TimeArray {
  return { by: "cycleAndStateTime", values };
}

/**
 * An entry that varies with the cycle and the time in state as the product of one factor of each:
 * at cycle c and state time k, `cycle[c − 1] · stateTime[k]` (transitions: `cycle` has length N;
 * state values: `cycle[row]`, length N + 1; `stateTime` has the tunnel's length). The common case
 * of a probability that is "survive background mortality this cycle, then progress at this state
 * time" takes N + tunnel numbers instead of the N × tunnel of {@link byCycleAndStateTime}; the engine
 * multiplies as it reads, so the results are those of the filled-in product array bit for bit.
 * Each product is checked as it is read, as any entry. Both arrays are kept by reference, not copied.
 *
 * @param cycle - One number per cycle (transitions) or per trace row (values).
 * @param stateTime - One number per tunnel position.
 * @returns The tagged entry.
 * @example
 * // Cycle 2, state time 1: 0.8 × 0.2.
 * const entry = byCycleTimesStateTime([0.9, 0.8], [0.1, 0.2, 0.3]);
 * entry.cycle[1] * entry.stateTime[1] // => 0.16000000000000003
 */
export function byCycleTimesStateTime(cycle: ArrayLike<number>, stateTime: ArrayLike<number>): TimeProduct {
  return { by: "cycleTimesStateTime", cycle, stateTime };
}

/**
 * Every state's transition row for every cycle and tunnel position at once: from → to →
 * {@link ArrayEntry} or `complement` (missing = 0). The type admits any symbol because TypeScript
 * widens `complement` to `symbol` inside object literals; any symbol other than `complement` is
 * rejected at run time.
 *
 * @example
 * const rows: TransitionArrayRows<"Well" | "Dead"> = {
 *   Well: { Well: complement, Dead: byCycle([0.01, 0.02]) },
 *   Dead: { Dead: 1 },
 * };
 * typeof rows.Dead.Dead // => "number"
 */
export type TransitionArrayRows<S extends string> = { readonly [From in S]: { readonly [To in S]?: ArrayEntry | Complement | symbol } };

/**
 * Per-year state values of every trace row at once: outcome → state → {@link ArrayEntry}
 * (missing = 0).
 *
 * @example
 * const values: StateValueArrays<"Well" | "Dead", "qaly"> = { qaly: { Well: byCycle([1, 0.9, 0.8]) } };
 * values.qaly?.Well !== undefined // => true
 */
export type StateValueArrays<S extends string, O extends string> = { readonly [Outcome in O]?: { readonly [State in S]?: ArrayEntry } };

/**
 * Transition probabilities of every cycle and tunnel position, as a function of the parameters,
 * the model's {@link CycleGrid} and the strategy: called once per draw and strategy.
 *
 * @example
 * const arrays: TransitionArraysFunction<{ pDie: number }, "Well" | "Dead", "SoC"> = (p) => ({ Well: { Well: complement, Dead: p.pDie }, Dead: { Dead: 1 } });
 * typeof arrays // => "function"
 */
export type TransitionArraysFunction<P, S extends string, G extends string> = (params: P, grid: CycleGrid, strategy: G) => TransitionArrayRows<S>;

/**
 * Per-year state values of every trace row, as a function of the parameters, the model's
 * {@link CycleGrid} and the strategy: called once per draw and strategy.
 *
 * @example
 * const values: StateValueArraysFunction<{ uWell: number }, "Well" | "Dead", "qaly", "SoC"> = (p) => ({ qaly: { Well: p.uWell } });
 * typeof values // => "function"
 */
export type StateValueArraysFunction<P, S extends string, O extends string, G extends string> = (params: P, grid: CycleGrid, strategy: G) => StateValueArrays<S, O>;
