import { fail } from "../../core/errors.js";

/**
 * The symbol the Deno Jupyter kernel looks for: an object with a method under this key is shown by
 * calling it and rendering the MIME bundle it returns (`Symbol.for("Jupyter.display")`).
 *
 * @example JUPYTER_DISPLAY === Symbol.for("Jupyter.display") // => true
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** A chart or report that displays itself in notebooks (Deno Jupyter, Observable) and prints as its markup. */
export interface NotebookView {
  /** `"image/svg+xml"` for a chart, `"text/html"` for a report or table. */
  readonly mimeType: "image/svg+xml" | "text/html";
  /** The SVG or HTML markup. */
  readonly markup: string;
  /** The MIME bundle for the Deno Jupyter kernel: the markup under its type, and under `text/html` for SVG too. */
  [JUPYTER_DISPLAY](): Record<string, string>;
  /** The markup, so `${view}` and `String(view)` give the SVG or HTML. */
  toString(): string;
  /**
   * A DOM node of the markup, for Observable and web pages (needs a `document`; the library itself
   * never touches the DOM). Observable shows a cell whose value is a node.
   */
  toElement(document?: MinimalDocument): unknown;
}

/** The part of a DOM `Document` {@link NotebookView.toElement} uses. */
export interface MinimalDocument {
  /** Creates an element (a `<template>` is used to parse the markup). */
  createElement(tag: string): unknown;
}

/**
 * Wraps SVG or HTML markup (a chart from `…Chart`, a table from `tableToHtml`, a report from
 * `htmlReportFragment`) so notebooks render it: in a Deno Jupyter notebook make it the value of a
 * cell; in Observable call `.toElement()`; anywhere else `String(view)` is the markup.
 *
 * @param markup - an `<svg>` element or an HTML fragment, as text
 * @returns the view
 * @throws QalyError `invalid_argument` from `toElement()` when there is no DOM document
 * @example
 * const view = notebookView('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
 * view.mimeType // => "image/svg+xml"
 * Object.keys(view[Symbol.for("Jupyter.display")]()) // => ["image/svg+xml", "text/html"]
 * String(notebookView("<p>hi</p>")) // => "<p>hi</p>"
 */
export function notebookView(markup: string): NotebookView {
  const mimeType = /^\s*<svg[\s>]/.test(markup) ? ("image/svg+xml" as const) : ("text/html" as const);
  return Object.freeze({
    mimeType,
    markup,
    [JUPYTER_DISPLAY]: (): Record<string, string> => (mimeType === "image/svg+xml" ? { "image/svg+xml": markup, "text/html": markup } : { "text/html": markup }),
    toString: (): string => markup,
    toElement(document?: MinimalDocument): unknown {
      const doc = document ?? (globalThis as { document?: MinimalDocument }).document;
      if (doc === undefined) fail("invalid_argument", ["document"], "toElement() needs a DOM document (in a browser or Observable); use String(view) elsewhere");
      const template = doc.createElement("template") as { innerHTML: string; content: { firstElementChild: unknown; childElementCount: number } };
      template.innerHTML = markup.trim();
      return template.content.childElementCount === 1 ? template.content.firstElementChild : template.content;
    },
  });
}
