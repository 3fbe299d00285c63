import { escapeXml } from "../format/escape-xml.js";
import { textWidth as measure } from "../format/text-width.js";

/** Font size of chart text, px (readable when the chart is printed at report width). @internal */
export const FONT_SIZE = 12;

/** Approximate width of a text in px at {@link FONT_SIZE} (see the format folder's textWidth); `bold` for bold text. @internal */
export function textWidth(text: string, size = FONT_SIZE, bold = false): number {
  return measure(text, size, bold);
}

/** Rounds a coordinate to 0.1 px: enough for the eye, and it keeps large charts small. @internal */
export function px(value: number): string {
  const r = Math.round(value * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** The longest prefix of `text` (with an ellipsis when cut) whose {@link textWidth} is at most `max` px. @internal */
export function fitText(text: string, max: number, size = FONT_SIZE): string {
  if (textWidth(text, size) <= max) return text;
  const chars = [...text];
  let n = chars.length - 1;
  while (n > 1 && textWidth(`${chars.slice(0, n).join("")}…`, size) > max) n--;
  return `${chars.slice(0, n).join("").trimEnd()}…`;
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
