// Structural checks of SVG/HTML text for the report tests (no DOM in Node): a small tag tokenizer
// that checks nesting and counts elements by tag and class.
import { expect } from "vitest";

const VOID = new Set(["meta", "br", "hr", "img", "input", "link"]);

/** Asserts that the markup's tags nest properly and no text contains a raw `<` or `&` that is not a reference. */
export function expectWellFormed(markup: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>|<!DOCTYPE html>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (const match of markup.matchAll(tag)) {
    const text = markup.slice(last, match.index);
    if (stack.at(-1) !== "style") {
      expect(text, `raw < in text before ${match[0].slice(0, 40)}`).not.toMatch(/</);
      expect(text, "bare & in text").not.toMatch(/&(?![a-zA-Z]+;|#\d+;)/);
    }
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (name === undefined) continue;
    if (closing === "/") {
      expect(stack.pop(), `closing </${name}>`).toBe(name);
    } else if (selfClosing !== "/" && !VOID.has(name.toLowerCase())) {
      stack.push(name);
    }
  }
  expect(markup.slice(last)).not.toMatch(/</);
  expect(stack).toEqual([]);
}

/** Number of elements `<tag …>` whose class attribute contains `className` (any class when omitted). */
export function countElements(markup: string, tag: string, className?: string): number {
  const re = new RegExp(`<${tag}(?=[\\s>/])[^>]*>`, "g");
  return [...markup.matchAll(re)].filter((m) => className === undefined || new RegExp(`class="(?:[^"]*\\s)?${className}(?:\\s[^"]*)?"`).test(m[0])).length;
}

/** Texts of every `<text>` element, unescaped. */
export function texts(markup: string): string[] {
  return [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"),
  );
}

/** Asserts the usual structure of a chart: one root svg of the kind, title, both axes, tick labels. */
export function expectChart(svg: string, kind: string): void {
  expectWellFormed(svg);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain(`data-chart="${kind}"`);
  expect(countElements(svg, "title")).toBeGreaterThanOrEqual(1);
  // Every coordinate is rounded to 0.1 px.
  expect(svg).not.toMatch(/\s(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="-?\d+\.\d{2,}"/);
  expect(svg).not.toMatch(/\sd="[^"]*\d\.\d{2,}/);
}
