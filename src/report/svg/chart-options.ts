// The options every chart takes, apart from the frame code so that the public types do not reach d3-scale.

/** Size and title options every chart takes. */
export interface ChartOptions {
  /** Width in px (default 720: a report column). */
  readonly width?: number;
  /** Height of the plot area in px, without title, axes and legend (default 320). */
  readonly height?: number;
  /** Chart title (each chart has a sensible default). */
  readonly title?: string;
  /** Currency code of costs, e.g. `"SEK"`, shown in axis labels. */
  readonly currency?: string;
  /** Unit of effect, e.g. `"QALY"` (default `"QALY"`). */
  readonly effectUnit?: string;
}
