import type { Complement } from "../complement.js";
import type { Model } from "../model.js";

/** A number, or a function of the parameter values giving one (a probability, cost, utility…). */
export type Value<P> = number | ((params: P) => number);

/**
 * Named payoffs (outcome name → value) on a branch or a terminal node: `{ cost: (p) => p.cTest }`.
 * Names follow the outcome convention of `src/models/model.ts` (`cost`, `qaly`, `costTesting`…).
 */
export type Payoffs<P> = Readonly<Record<string, Value<P>>>;

/** What may sit on any branch, accumulating along the path: payoffs, named counts and time. */
export interface BranchValues<P> {
  /** Costs, effects or any named outcome incurred on this branch (e.g. the cost of the test done here). */
  readonly payoffs?: Payoffs<P>;
  /** Named event counts (e.g. `{ reBiopsy: 1 }`): their expectations are reported as outcomes. */
  readonly counts?: Payoffs<P>;
  /** Time spent on this branch in years (e.g. days to result / 365.25), reported as outcome `time`. */
  readonly time?: Value<P>;
}

/** A branch of a chance node: an event with its probability. */
export interface ChanceBranch<P> extends BranchValues<P> {
  /** The event, unique among its siblings (e.g. `"Sample fails"`). */
  readonly label: string;
  /** Its probability given the path so far, or `complement` (1 − the siblings). */
  readonly probability: Value<P> | Complement;
  /** What follows the event. */
  readonly next: TreeNode<P>;
}

/** A branch of a decision node: one option, with the values incurred by choosing it. */
export interface DecisionBranch<P> extends BranchValues<P> {
  /** What follows the choice. */
  readonly next: TreeNode<P>;
}

/** A decision branch as stored in a node: the option's label with its values. */
export interface DecisionOption<P, K extends string = string> extends DecisionBranch<P> {
  /** The option, e.g. a strategy name. */
  readonly label: K;
}

/** A decision node: a choice between options. At the root, the options are the strategies. */
export interface DecisionNode<P, K extends string = string> {
  /** Discriminant: a decision node. */
  readonly kind: "decision";
  /** Optional name of the decision (shown in renderings and in {@link PolicyChoice}). */
  readonly name?: string;
  /** The options, in order. */
  readonly branches: readonly DecisionOption<P, K>[];
  /** Set by {@link subtree}: the name of the reusable subtree this node is a copy of. */
  readonly clone?: string;
}

/** A chance node: mutually exclusive events whose probabilities sum to 1. */
export interface ChanceNode<P> {
  /** Discriminant: a chance node. */
  readonly kind: "chance";
  /** Optional name of the uncertainty (e.g. `"Sample adequate?"`). */
  readonly name?: string;
  /** The events, in order. */
  readonly branches: readonly ChanceBranch<P>[];
  /** Set by {@link subtree}. */
  readonly clone?: string;
}

/** How a terminal node enters a model: which strategy, from which states, at what time. */
export interface LeafModel<P> {
  /** The long-term model (a Markov cohort, a partitioned-survival model, any {@link Model}). */
  readonly model: Model<P, string>;
  /** The strategy of `model` whose outcomes this leaf takes (may be omitted when it has one strategy). */
  readonly strategy?: string;
  /** Starting state distribution (state → proportion), or the model's own start when absent. */
  readonly start?: Readonly<Record<string, Value<P>>>;
  /** Years from the start of the tree to entry into the model (discounting and age continue). */
  readonly startTime?: Value<P>;
}

/** A terminal node: the end of a path, with plain payoffs and/or a model run from here. */
export interface TerminalNode<P> {
  /** Discriminant: a terminal node. */
  readonly kind: "terminal";
  /** Optional name of the outcome (e.g. `"A"`), shown in the path table. */
  readonly name?: string;
  /** Payoffs of reaching this end of the path. */
  readonly payoffs: Payoffs<P>;
  /** Named counts of reaching this end. */
  readonly counts: Payoffs<P>;
  /** The model entered at this leaf, if any; its outcomes add to the payoffs. */
  readonly model?: LeafModel<P>;
  /** Set by {@link subtree}. */
  readonly clone?: string;
}

/** Any node of a decision tree. */
export type TreeNode<P> = DecisionNode<P> | ChanceNode<P> | TerminalNode<P>;
