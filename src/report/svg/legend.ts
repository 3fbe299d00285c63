import { escapeXml } from "../format/escape-xml.js";
import { FONT_SIZE, px, svgText, textWidth, truncate } from "./svg-text.js";

/** One legend entry. @internal */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  /** How the swatch looks: a line, a dot or a filled box. */
  readonly mark: "line" | "dot" | "box" | "dash";
}

const ROW_HEIGHT = 18;

/** Rows of legend items that fit in `width`. @internal */
export function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let used = 0;
  for (const item of items) {
    const w = itemWidth(item);
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(item);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Height in px of a legend laid out in `width`. @internal */
export function legendHeight(items: readonly LegendItem[], width: number): number {
  return items.length === 0 ? 0 : legendRows(items, width).length * ROW_HEIGHT + 6;
}

/** The legend as SVG, left-aligned at (x, y) and wrapped to `width`. @internal */
export function legendSvg(items: readonly LegendItem[], x: number, y: number, width: number): string {
  if (items.length === 0) return "";
  let out = `<g class="legend">`;
  legendRows(items, width).forEach((row, r) => {
    let cx = x;
    const cy = y + r * ROW_HEIGHT + ROW_HEIGHT / 2;
    for (const item of row) {
      const colour = escapeXml(item.colour);
      if (item.mark === "line" || item.mark === "dash") out += `<line class="swatch" x1="${px(cx)}" y1="${px(cy)}" x2="${px(cx + 18)}" y2="${px(cy)}" stroke="${colour}" stroke-width="${item.mark === "line" ? 2.5 : 1.5}"${item.mark === "dash" ? ' stroke-dasharray="5 3"' : ""}/>`;
      else if (item.mark === "dot") out += `<circle class="swatch" cx="${px(cx + 9)}" cy="${px(cy)}" r="4" fill="${colour}"/>`;
      else out += `<rect class="swatch" x="${px(cx + 2)}" y="${px(cy - 6)}" width="14" height="12" fill="${colour}"/>`;
      out += svgText(cx + 23, cy + FONT_SIZE / 3, truncate(item.label, 40));
      cx += itemWidth(item);
    }
  });
  return out + "</g>";
}

function itemWidth(item: LegendItem): number {
  return 23 + textWidth(truncate(item.label, 40)) + 16;
}
