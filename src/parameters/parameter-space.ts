import type { MultivariateDistribution } from "../distributions/distribution.js";
import { fail } from "../core/errors.js";
import { createRng, type Rng, type Seed } from "../random/rng.js";
import type { ParameterMeta } from "./param.js";
import type { ParameterTable, SamplingMethod } from "./parameter-table.js";
import { baseValues } from "./base-values.js";
import { describeParameters, type ParameterRow } from "./describe-parameters.js";
import { columnSampling, sampleParameters, type ColumnSampling } from "./sample-parameters.js";
import { namesOf, type SpaceState } from "./space-state.js";
import { addCorrelation, addDerivation, addGroup } from "./space-builders.js";
import { spaceToJson, type ParameterSpaceJson } from "./parameter-space-json.js";
import { addFixed } from "./fix-values.js";

/** Values of every parameter of a space for one evaluation: `{ name: number }`. */
export type ParameterRecord<N extends string> = { [K in N]: number };

/**
 * Forbids, at compile time, a derived name that is already a parameter (when names are known).
 *
 * @typeParam N - existing parameter names
 */
export type NoRedefinition<N extends string> = string extends N ? unknown : { readonly [K in N]?: never };

/** Options of {@link ParameterSpace.sample}. */
export interface SampleOptions {
  /** Seed of the run (give this or `rng`). */
  readonly seed?: Seed;
  /** A generator to draw from instead of a seed (its substreams are used, never its own sequence). */
  readonly rng?: Rng;
  /** `"random"` (default): independent draws; `"lhs"`: Latin hypercube sampling. */
  readonly method?: SamplingMethod;
}

/**
 * The parameters of a model: fixed values, distributions, jointly distributed groups, rank
 * correlations and derived parameters, with metadata. Immutable: `derive`, `correlate`, `group`
 * and `fix` return new spaces. Create one with {@link defineParameters}.
 *
 * @typeParam N - parameter names (inferred, so a misspelt name in a callback is a compile error)
 */
export class ParameterSpace<N extends string = string> {
  /** Parameter names: declared order, group components next, derived parameters last. */
  readonly names: readonly N[];
  private readonly state: SpaceState;
  private cachedBase: Readonly<ParameterRecord<N>> | undefined;

  /** @internal Use {@link defineParameters}. */
  constructor(state: SpaceState) {
    this.state = state;
    this.names = Object.freeze(namesOf(state) as N[]);
  }

  /**
   * Adds derived parameters, computed from the others for the base case and for every draw.
   * Chained derivations see earlier ones. The function is called once here with the base values to
   * learn the names it returns.
   *
   * @param fn - pure function of the parameter values returning `{ newName: value }`
   * @returns a new space with the derived parameters last
   * @example
   * const space = defineParameters({ uWell: 0.8, uSick: 0.85 }).derive((p) => ({ uSickCapped: Math.min(p.uSick, p.uWell) }));
   * space.base().uSickCapped // => 0.8
   */
  derive<D extends Readonly<Record<string, number>> & NoRedefinition<N>>(fn: (p: Readonly<ParameterRecord<N>>) => D): ParameterSpace<N | Extract<keyof D, string>> {
    return new ParameterSpace(addDerivation(this.state, fn as (p: Readonly<Record<string, number>>) => D, this.base()));
  }

  /**
   * Requests a Spearman rank correlation between two sampled parameters with any marginals, induced
   * by the Iman–Conover method (1982). The marginal draws are unchanged, only paired differently;
   * `sample()` reports the achieved correlation.
   *
   * @param a - a parameter with a distribution
   * @param b - another one
   * @param rho - target rank correlation in [-1, 1]
   * @returns a new space
   * @example
   * const space = defineParameters({ uWell: beta({ alpha: 80, beta: 20 }), uSick: beta({ alpha: 55, beta: 45 }) }).correlate("uWell", "uSick", 0.6);
   * space.toJSON().correlations // => [{ a: "uWell", b: "uSick", rho: 0.6 }]
   */
  correlate(a: N, b: N, rho: number): ParameterSpace<N> {
    return new ParameterSpace(addCorrelation(this.state, a, b, rho));
  }

  /**
   * Binds the components of a multivariate distribution (Dirichlet for probabilities that sum to
   * one; multivariate normal for correlated regression coefficients) to new named parameters,
   * sampled jointly (Briggs, Claxton & Sculpher 2006, ch. 4).
   *
   * @param name - name of the group (names its random substream)
   * @param distribution - a Dirichlet or multivariate normal distribution
   * @param components - one new parameter name per component, in order
   * @param meta - label, unit, source, status and note shared by the components
   * @returns a new space with the components after the declared parameters
   * @example
   * const space = defineParameters({ cVisit: 50 }).group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"]);
   * space.base().pPartial // => 0.3
   */
  group<const G extends string>(name: string, distribution: MultivariateDistribution, components: readonly G[], meta: ParameterMeta = {}): ParameterSpace<N | G> {
    return new ParameterSpace(addGroup(this.state, name, distribution, components, meta));
  }

  /**
   * Holds parameters at given values in the base case and in every PSA draw: a scenario. Declared
   * parameters and components of a group (Dirichlet, multivariate normal) may be fixed; derived
   * parameters are recomputed from the fixed values. Every parameter is still drawn from its own
   * substream and fixed columns are overwritten afterwards, so the other columns (and the other
   * components of a group) keep exactly their draws; a group's free components are not
   * renormalised. Rank correlations involving a fixed parameter report `achieved: NaN`.
   *
   * @param values - `{ name: value }` for declared parameters or group components (finite numbers)
   * @returns a new space; a later `fix()` of the same name replaces the value
   * @throws QalyError `unknown_parameter` (closest name), `invalid_parameter` for a derived parameter
   *   (naming its inputs), `non_finite_value`
   * @example
   * const space = defineParameters({ cDrug: gamma({ shape: 100, scale: 24 }), pRespond: beta({ alpha: 45, beta: 55 }) }).derive((p) => ({ cPerResponse: p.cDrug / p.pRespond }));
   * const cheap = space.fix({ cDrug: 1200 });
   * cheap.base().cPerResponse // => 2666.6666666666665
   * Array.from(cheap.sample(3, { seed: 1 }).column("cDrug")) // => [1200, 1200, 1200]
   * defineParameters({ cVisit: 50 }).group("response", dirichlet({ alpha: [20, 30, 50] }), ["pComplete", "pPartial", "pNone"]).fix({ pNone: 0.4 }).base().pNone // => 0.4
   */
  fix(values: Partial<Readonly<ParameterRecord<N>>>): ParameterSpace<N> {
    return new ParameterSpace(addFixed(this.state, values as Readonly<Record<string, number>>, () => this.base()));
  }

  /**
   * Deterministic (base-case) values: each declared value, else the distribution mean; group
   * components take the group's mean; fixed values (`fix()`) replace those; derived parameters are
   * computed from the result.
   *
   * @param overrides - values replacing declared or fixed ones before derivation (one-way sensitivity analysis)
   * @returns `{ name: value }` for every parameter
   * @example
   * const space = defineParameters({ cDrug: 2400, pRespond: beta({ alpha: 45, beta: 55 }) });
   * space.base() // => { cDrug: 2400, pRespond: 0.45 }
   * space.base({ cDrug: 1200 }).cDrug // => 1200
   */
  base(overrides?: Partial<Readonly<ParameterRecord<N>>>): Readonly<ParameterRecord<N>> {
    if (overrides !== undefined) return Object.freeze(baseValues(this.state, overrides as Record<string, number>)) as ParameterRecord<N>;
    this.cachedBase ??= Object.freeze(baseValues(this.state)) as ParameterRecord<N>;
    return this.cachedBase;
  }

  /**
   * Draws `n` samples of every parameter for a probabilistic sensitivity analysis, columnar. Each
   * parameter draws from its own named substream of the seed, so the same seed gives bit-identical
   * columns and adding or removing a parameter leaves the others unchanged.
   *
   * @param n - number of draws (a positive integer)
   * @param options - `seed` (or `rng`) and `method` (`"random"` or `"lhs"`)
   * @returns a {@link ParameterTable}
   * @example
   * const draws = defineParameters({ pRespond: beta({ alpha: 45, beta: 55 }) }).sample(1000, { seed: 1, method: "lhs" });
   * draws.size // => 1000
   */
  sample(n: number, options: SampleOptions): ParameterTable<N> {
    return sampleParameters(this.columnSampling(n, options)) as ParameterTable<N>;
  }

  /**
   * The steps of {@link ParameterSpace.sample} (column tasks, correlation blocks, rows), so that
   * several threads can sample one PSA into a shared buffer: the worker pool of `qaly/node` samples
   * in its workers this way. Running every step, in any order and split, gives the table `sample`
   * gives, bit for bit.
   *
   * @param n - number of draws (a positive integer)
   * @param options - `seed` (or `rng`) and `method`, as for {@link ParameterSpace.sample}
   * @returns the steps; nothing is drawn until they run
   * @example
   * const space = defineParameters({ c: gamma({ shape: 4, rate: 1 }) });
   * const plan = space.columnSampling(5, { seed: 1 });
   * const buffer = new Float64Array(plan.names.length * plan.size);
   * for (let k = 0; k < plan.columnTasks; k++) plan.sampleColumns(k, buffer);
   * plan.completeRows(0, plan.size, buffer);
   * Array.from(plan.table(buffer, []).column("c")).join() === Array.from(space.sample(5, { seed: 1 }).column("c")).join() // => true
   */
  columnSampling(n: number, options: SampleOptions): ColumnSampling {
    if (!Number.isInteger(n) || n < 1) fail("invalid_argument", ["n"], `the number of draws must be a positive integer (received ${n})`, { received: n });
    const method = options?.method ?? "random";
    if (method !== "random" && method !== "lhs") fail("invalid_argument", ["method"], `sampling method must be "random" or "lhs" (received ${JSON.stringify(method)})`, { received: method });
    if ((options?.seed === undefined) === (options?.rng === undefined)) fail("invalid_argument", ["seed"], "give exactly one of seed or rng, so that every draw is reproducible");
    return columnSampling(this.state, n, options.rng ?? createRng(options.seed!), method);
  }

  /**
   * The parameter table of a report: label, unit, distribution, mean, 95% interval (2.5% and
   * 97.5% quantiles), source and status of every parameter.
   *
   * @returns one row per parameter, in table order
   * @example
   * const rows = defineParameters({ pRespond: param(beta({ alpha: 45, beta: 55 }), { label: "Response", source: "Trial X" }) }).describe();
   * rows[0].distribution // => "Beta(α=45, β=55)"
   */
  describe(): ParameterRow[] {
    return describeParameters(this.state, this.base());
  }

  /**
   * The definition as plain JSON data (for reports and run provenance); derived parameters are
   * listed by name only, as functions are not data.
   *
   * @returns the serialisable definition
   * @example
   * defineParameters({ cDrug: 2400 }).derive((p) => ({ cYear: 12 * p.cDrug })).toJSON().derived // => ["cYear"]
   */
  toJSON(): ParameterSpaceJson {
    return spaceToJson(this.state);
  }
}

/**
 * The values type of a parameter space: `ParameterValues<typeof space>` is `{ name: number }` for
 * every parameter, derived ones included. Without an argument it is any record of numbers.
 *
 * @typeParam S - a {@link ParameterSpace} (usually `typeof space`)
 */
export type ParameterValues<S = unknown> = S extends ParameterSpace<infer N> ? ParameterRecord<N> : Readonly<Record<string, number>>;

/** The parameter names of a space, as a union of string literals. */
export type ParameterNames<S> = S extends ParameterSpace<infer N> ? N : never;
