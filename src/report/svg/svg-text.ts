import { escapeXml } from "../format/escape-xml.js";

/** Font size of chart text, px (readable when the chart is printed at report width). @internal */
export const FONT_SIZE = 12;

/** Rounds a coordinate to 0.1 px: enough for the eye, and it keeps large charts small. @internal */
export function px(value: number): string {
  const r = Math.round(value * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** Approximate width of a text in px at {@link FONT_SIZE} (no DOM to measure with). @internal */
export function textWidth(text: string, size = FONT_SIZE): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return em * size;
}

// Approximate advance widths (in em) of a system sans-serif, by character class: no DOM to measure
// in Node, and capitals are much wider than the average lower-case letter.
function charWidth(c: string): number {
  if ("iljtfr.,:;'|!() ".includes(c)) return 0.32;
  if ("mwMW".includes(c)) return 0.86;
  if (c >= "A" && c <= "Z") return 0.68;
  if (c >= "0" && c <= "9") return 0.56;
  return 0.55;
}

/** Shortens a label to `max` characters with an ellipsis. @internal */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A `<text>` element with escaped content. @internal */
export function svgText(x: number, y: number, text: string, attributes = ""): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes === "" ? "" : ` ${attributes}`}>${escapeXml(text)}</text>`;
}

/** The outer `<svg>` element of a chart, with a `<title>` for screen readers and tooltips. @internal */
export function svgRoot(kind: string, width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="qaly-chart" data-chart="${escapeXml(kind)}" width="${width}" height="${px(height)}" viewBox="0 0 ${width} ${px(height)}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="${FONT_SIZE}">` +
    `<title>${escapeXml(title)}</title><rect class="background" width="100%" height="100%" fill="#ffffff"/>` +
    svgText(width / 2, 20, title, 'text-anchor="middle" font-weight="600" font-size="14"') +
    body +
    "</svg>"
  );
}
