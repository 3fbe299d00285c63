import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, markovTraceChart, notebookView } from "../../../src/report/index.js";

describe("notebookView", () => {
  const svg = markovTraceChart({ strategy: "SoC", cycleLength: 1, states: ["Well", "Dead"], proportions: [Float64Array.of(1, 0.5), Float64Array.of(0, 0.5)] });

  it("notebookView(svg) gives the Deno Jupyter kernel an image/svg+xml bundle (with text/html for front ends without SVG)", () => {
    const view = notebookView(svg);
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
    expect(view.mimeType).toBe("image/svg+xml");
    expect(view[JUPYTER_DISPLAY]()).toEqual({ "image/svg+xml": svg, "text/html": svg });
    expect(`${view}`).toBe(svg);
  });

  it("notebookView(html) gives a text/html bundle", () => {
    const view = notebookView("<table><tr><td>1</td></tr></table>");
    expect(view.mimeType).toBe("text/html");
    expect((view as unknown as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")]!()).toEqual({ "text/html": "<table><tr><td>1</td></tr></table>" });
  });

  it("notebookView(markup).toElement(document) parses the markup with the given document's <template>", () => {
    const made: { innerHTML: string }[] = [];
    const fakeDocument = {
      createElement: (tag: string) => {
        expect(tag).toBe("template");
        const template = { innerHTML: "", content: { childElementCount: 1, firstElementChild: { tag: "svg" } } };
        made.push(template);
        return template;
      },
    };
    expect(notebookView(svg).toElement(fakeDocument)).toEqual({ tag: "svg" });
    expect(made[0]!.innerHTML).toBe(svg);
  });

  it("notebookView(markup).toElement() without a DOM throws invalid_argument at document", () => {
    try {
      notebookView(svg).toElement();
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { code: string; path: unknown[] }[] }).issues[0]).toMatchObject({ code: "invalid_argument", path: ["document"] });
    }
  });
});
