import type { Model } from "../model.js";
import type { LeafModel, Payoffs, TerminalNode, Value } from "./tree-types.js";

/** Options of a terminal node with plain payoffs. */
export interface TerminalOptions<P> {
  /** Name of this end of the path (e.g. `"A"`), shown in the path table and rendering. */
  readonly name?: string;
  /** Named counts of reaching this end (e.g. `{ driverDetected: 1 }`). */
  readonly counts?: Payoffs<P>;
}

/** How a terminal node enters a model, plus optional payoffs of its own. */
export interface ModelEntry<P, S extends string = string> extends TerminalOptions<P> {
  /** The strategy of the model whose outcomes this leaf takes; optional when the model has one strategy. */
  readonly strategy?: S;
  /** Starting state distribution (state → proportion, summing to 1); the model's own start when absent. */
  readonly start?: Readonly<Record<string, Value<P>>>;
  /** Years from the start of the tree to entry into the model (e.g. the time to a test result). */
  readonly startTime?: Value<P>;
  /** Payoffs added to the model's outcomes at this leaf (undiscounted, at the time of the tree). */
  readonly payoffs?: Payoffs<P>;
}

/**
 * A terminal node: the end of a path. Its payoff is either plain values (`{ cost, qaly, … }`) or
 * the outcomes of any {@link Model} (a Markov cohort, a partitioned-survival model) entered with a
 * strategy, a starting state distribution and a start-time offset. A model entered from several
 * leaves with identical inputs is evaluated once per draw.
 *
 * @param payoffs - plain payoffs (outcome → value)
 * @param options - the node's name and counts
 * @returns the node (plain, frozen data)
 * @example
 * const cured = terminal({ cost: (p) => p.cFollowUp, qaly: 9.5 }, { name: "Cured", counts: { cured: 1 } });
 * cured.counts.cured // => 1
 */
export function terminal<P>(payoffs?: Payoffs<P>, options?: TerminalOptions<P>): TerminalNode<P>;
/**
 * A terminal node whose payoff is the outcomes of a model entered here (see the overload above).
 *
 * @param model - the model entered at this leaf
 * @param entry - `strategy`, `start`, `startTime`, extra `payoffs`, `name` and `counts`
 * @returns the node (plain, frozen data)
 */
export function terminal<P, S extends string>(model: Model<P, S>, entry: ModelEntry<P, NoInfer<S>>): TerminalNode<P>;
export function terminal<P>(payoffsOrModel?: Payoffs<P> | Model<P, string>, options?: ModelEntry<P>): TerminalNode<P> {
  const counts = Object.freeze({ ...(options?.counts ?? {}) });
  const name = options?.name === undefined ? {} : { name: options.name };
  if (isModel(payoffsOrModel)) {
    const leaf: LeafModel<P> = {
      model: payoffsOrModel,
      ...(options?.strategy === undefined ? {} : { strategy: options.strategy }),
      ...(options?.start === undefined ? {} : { start: Object.freeze({ ...options.start }) }),
      ...(options?.startTime === undefined ? {} : { startTime: options.startTime }),
    };
    return Object.freeze({ kind: "terminal", ...name, payoffs: Object.freeze({ ...(options?.payoffs ?? {}) }), counts, model: Object.freeze(leaf) });
  }
  return Object.freeze({ kind: "terminal", ...name, payoffs: Object.freeze({ ...(payoffsOrModel ?? {}) }), counts });
}

function isModel(value: unknown): value is Model<never, string> {
  return typeof value === "object" && value !== null && typeof (value as { evaluateInto?: unknown }).evaluateInto === "function" && Array.isArray((value as { strategies?: unknown }).strategies);
}
