/**
 * qaly: health-economic decision modelling in TypeScript.
 *
 * The public API, re-exported by name. Everything here runs in Node, browsers and notebooks.
 *
 * @packageDocumentation
 */

// core
export { QalyError, IssueCollector, fail, formatIssues, formatPath } from "./core/errors.js";
export type { Issue, IssueCode, PathSegment, SafeResult } from "./core/errors.js";

// random
export { createRng, restoreRng, RNG_GENERATOR } from "./random/rng.js";
export type { Rng, RngState, Seed } from "./random/rng.js";

// models
export { complement, isComplement } from "./models/complement.js";
export type { Complement } from "./models/complement.js";
export { evaluateModel } from "./models/model.js";
export type { Model, EvaluationContext, ParameterValues, StrategyOutcomes } from "./models/model.js";
export type { ParameterDraws } from "./parameters/parameter-draws.js";
export type { Distribution, DistributionDef, MultivariateDistribution } from "./distributions/distribution.js";
