// Report v2 (issue 14, item 4): labels are never clipped. Each bundled model's report (a small PSA,
// the full deterministic analyses) is opened in headless Chromium; every text of every chart must
// lie inside its SVG's viewBox and no two texts of a chart may overlap; the parameter table must split
// no word across lines and fit the page; printed, every other table must fit a portrait A4 page.
// With QALY_TEST_SCREENSHOTS=1,
// full-page screenshots of the reports go to test/artifacts/labels-<model>.png, to look at them as a
// reader would; off by default: encoding the seven tall PNGs took ~11 of this file's ~23 s of tests,
// and CI's clone (where test/artifacts is thrown away) never reads them. The reports' HTML is always
// written there.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlReport } from "../../src/report/index.js";
import { loadModel } from "../../src/node/load-model.js";
import { runProject } from "../../src/project/run-project.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = process.env["QALY_TEST_SCREENSHOTS"] === "1";
const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = resolve(here, "../artifacts");
const MODELS = resolve(here, "../../models");
const BUNDLED = ["nsclc-gene-panel", "aml-myeloid-panel", "mcrc-gene-panel", "bia-skane-nsclc", "hiv-briggs-2006", "sick-sicker", "sumatriptan-evans-1997"];

/** Half a pixel: anti-aliasing, not clipping. */
const SLACK = 0.5;

interface TextBox {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}
interface ChartBoxes {
  readonly kind: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly texts: readonly TextBox[];
}

// The few DOM members the page function uses (the test tsconfig has no DOM library).
interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

// And those of the parameter table's cells and text.
interface TextNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}
interface TableElement {
  readonly childNodes: ArrayLike<TextNode>;
  readonly parentElement: TableElement | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<TableElement>;
}
interface TextRange {
  setStart(node: TextNode, offset: number): void;
  setEnd(node: TextNode, offset: number): void;
  getClientRects(): ArrayLike<Rect>;
}

/** Where two boxes overlap by more than a pixel each way. */
function overlaps(a: TextBox, b: TextBox): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
}

/** The label problems of one chart: texts outside the SVG and overlapping pairs. */
function problemsOf(chart: ChartBoxes): string[] {
  const problems: string[] = [];
  for (const t of chart.texts) {
    if (t.left < -SLACK || t.top < -SLACK || t.right > chart.width + SLACK || t.bottom > chart.height + SLACK) {
      problems.push(`${chart.kind} "${chart.title}": "${t.text}" outside the viewBox (${t.left.toFixed(1)}, ${t.top.toFixed(1)}, ${t.right.toFixed(1)}, ${t.bottom.toFixed(1)} in ${chart.width.toFixed(0)} × ${chart.height.toFixed(0)})`);
    }
  }
  chart.texts.forEach((a, i) => {
    for (const b of chart.texts.slice(i + 1)) if (overlaps(a, b)) problems.push(`${chart.kind} "${chart.title}": "${a.text}" overlaps "${b.text}"`);
  });
  return problems;
}

describe.skipIf(!existsSync(CHROMIUM))("labels of every bundled model's report in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("the overlap rule itself: boxes sharing more than a pixel each way overlap, touching ones do not", () => {
    const box = (left: number, top: number, right: number, bottom: number): TextBox => ({ text: "", left, top, right, bottom });
    expect(overlaps(box(0, 0, 10, 10), box(5, 5, 15, 15))).toBe(true);
    expect(overlaps(box(0, 0, 10, 10), box(10, 0, 20, 10))).toBe(false);
    expect(overlaps(box(0, 0, 10, 10), box(0, 9.5, 10, 20))).toBe(false);
    expect(problemsOf({ kind: "k", title: "t", width: 100, height: 50, texts: [box(-3, 0, 20, 10)] })).toHaveLength(1);
  });

  for (const name of BUNDLED) {
    it(`${name}: no chart text is clipped by its viewBox, no two labels overlap, the parameter table splits no word and fits the page, and every table fits a printed page`, async () => {
      const { project } = await loadModel(resolve(MODELS, name));
      const run = await runProject(project, { psa: Math.min(project.psa.samples, 300) });
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = resolve(ARTIFACTS, `labels-${name}.html`);
      writeFileSync(file, htmlReport(run));
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const charts = await page.evaluate(() =>
        Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document.querySelectorAll("svg.qaly-chart"), (svg): ChartBoxes => {
          const box = svg.getBoundingClientRect();
          const texts = Array.from(svg.querySelectorAll("text"))
            .filter((t) => (t.textContent ?? "").trim() !== "")
            .map((t) => {
              const r = t.getBoundingClientRect();
              return { text: t.textContent ?? "", left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top };
            });
          return { kind: svg.getAttribute("data-chart") ?? "", title: svg.getAttribute("aria-label") ?? "", width: box.width, height: box.height, texts };
        }),
      );
      // The parameter appendix: no word (letters and digits only) split across lines, and the table as wide as the page at most.
      const table = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<TableElement>; createRange(): TextRange } }).document;
        const found = Array.from(doc.querySelectorAll("section.appendix table"))[0];
        if (found === undefined) return undefined;
        const split: string[] = [];
        for (const cell of Array.from(found.querySelectorAll("td"))) {
          for (const node of Array.from(cell.childNodes).filter((n) => n.nodeType === 3)) {
            for (const word of (node.textContent ?? "").matchAll(/[\p{L}\p{N}]+/gu)) {
              const range = doc.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
              if (tops.size > 1) split.push(word[0]);
            }
          }
        }
        return { split, width: found.getBoundingClientRect().width, room: found.parentElement!.getBoundingClientRect().width };
      });
      if (SCREENSHOTS) await page.screenshot({ path: resolve(ARTIFACTS, `labels-${name}.png`), fullPage: true });
      // Printed: every table but the (landscape) parameter appendix fits a portrait A4 page's 182 mm (688 px, less the scroll bar here).
      await page.setViewportSize({ width: 688, height: 1000 });
      await page.emulateMedia({ media: "print" });
      const tooWide = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<TableElement & { readonly caption: { readonly textContent: string | null } | null; closest(s: string): unknown }> } }).document;
        return Array.from(doc.querySelectorAll("table"))
          .filter((t) => t.closest("section.appendix") === null && t.getBoundingClientRect().width > t.parentElement!.getBoundingClientRect().width + 0.5)
          .map((t) => `${t.caption?.textContent ?? "(no caption)"}: ${t.getBoundingClientRect().width.toFixed(0)} px in ${t.parentElement!.getBoundingClientRect().width.toFixed(0)}`);
      });
      await page.close();
      expect(charts.length).toBeGreaterThan(0);
      expect(charts.flatMap(problemsOf)).toEqual([]);
      if (table !== undefined) {
        expect(table.split).toEqual([]);
        expect(table.width).toBeLessThanOrEqual(table.room + SLACK);
      }
      expect(tooWide).toEqual([]);
    });
  }
});
