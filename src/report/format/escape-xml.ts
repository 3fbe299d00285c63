/**
 * Escapes text for use in HTML or SVG content and attribute values: `&`, `<`, `>`, `"` and `'`
 * become character references, so a strategy or parameter name can never inject markup.
 *
 * @param text - any text (other values are converted with `String`)
 * @returns the escaped text
 * @example escapeXml('<b>"A" & B</b>') // => "&lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;"
 */
export function escapeXml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
