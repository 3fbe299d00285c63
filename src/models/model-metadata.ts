/** Who, where and what a model is about: printed at the top of every result and report. */
export interface ModelMetadata {
  /** Title, e.g. `"Gene-panel testing in advanced non-squamous NSCLC (Sweden)"`. */
  readonly title: string;
  /** The decision question in one sentence. */
  readonly question?: string;
  /** Currency code of all costs, e.g. `"SEK"`. */
  readonly currency: string;
  /** Price year of the costs. */
  readonly priceYear?: number;
  /** Country or setting, e.g. `"Sweden"`. */
  readonly country?: string;
  /** Perspective, e.g. `"healthcare payer"`. */
  readonly perspective?: string;
  /** Author(s). */
  readonly author?: string;
  /** Version of the model. */
  readonly version?: string;
  /** Longer description (Markdown). */
  readonly description?: string;
}
