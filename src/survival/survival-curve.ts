/**
 * The serialisable definition of a survival curve: a `kind` and its parameters, e.g.
 * `{ kind: "weibull", shape: 1.3, scale: 24 }`. Derived curves (a hazard ratio applied, two curves
 * joined) nest the definitions they were built from, so every curve can be written to JSON,
 * printed in a report and rebuilt with `survivalCurveFromDef`.
 */
export interface SurvivalCurveDef {
  /** The family or construction, e.g. `"weibull"` or `"hazard-ratio"`. */
  readonly kind: string;
}

/**
 * A survival curve S(t) = P(T > t) for the time T to an event (progression, death) measured from
 * the start of the model, in whatever time unit its parameters were fitted in (months or years,
 * typically). Every method is total: a negative time gives S = 1 and zero hazard, and an
 * argument outside its domain (NaN, p outside [0, 1]) gives `NaN`.
 */
export interface SurvivalCurve<D extends SurvivalCurveDef = SurvivalCurveDef> {
  /** The serialisable definition. */
  readonly def: D;
  /** S(t): the proportion still event-free at time t. */
  survival(t: number): number;
  /** h(t): the instantaneous event rate at time t among those still event-free. */
  hazard(t: number): number;
  /** H(t) = ∫₀ᵗ h = −log S(t) (may be `Infinity` where S underflows to 0). */
  cumulativeHazard(t: number): number;
  /** ∫₀^τ S(t) dt: the mean event-free time up to the horizon τ (finite, ≥ 0). */
  restrictedMean(tau: number): number;
  /** The time by which a proportion p has had the event: S(t) = 1 − p (`Infinity` beyond a cure plateau). */
  quantile(p: number): number;
  /** The median event time, `quantile(0.5)`. */
  median(): number;
  /** A readable form such as `Weibull(shape=1.3, scale=24)`. */
  toString(): string;
  /**
   * Optional fast path: writes H(start + (k + 1)·step) into `out[k]` for every k, as repeated
   * `cumulativeHazard` calls would, but faster (Weibull curves avoid a `pow` per point).
   * `transitionProbabilities` uses it when present.
   */
  cumulativeHazardGrid?(start: number, step: number, out: Float64Array): Float64Array;
}
