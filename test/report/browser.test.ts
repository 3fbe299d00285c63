// End-to-end: the report of a realistic run (Sick-Sicker with a 1 000-draw PSA, DSA, traces; the
// Sumatriptan tree) opened in headless Chromium. Checks that every chart rendered with its marks,
// that nothing was logged as an error and that the page fetched nothing. With QALY_TEST_SCREENSHOTS=1
// it saves full-page screenshots to test/artifacts/report.png and report-panels.png (off by default,
// as in labels-browser.test.ts: CI never reads them).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlReport } from "../../src/report/index.js";
import { panelsInput, sickSickerInput, sumatriptanInput } from "./fixtures/sick-sicker-input.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), "../artifacts");
const SCREENSHOTS = process.env["QALY_TEST_SCREENSHOTS"] === "1";

interface Rendered {
  readonly kind: string;
  readonly width: number;
  readonly height: number;
  readonly marks: Readonly<Record<string, number>>;
}

// The few DOM members the page functions use (the test tsconfig has no DOM library).
interface PageElement {
  readonly className: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  getBBox(): { width: number; height: number };
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageWindow {
  readonly document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };
  getComputedStyle(element: PageElement): { breakBefore: string };
}

/** Every chart on the page with its rendered size and the number of each kind of mark. */
async function chartsOf(page: Page): Promise<Rendered[]> {
  return page.evaluate(() =>
    Array.from((globalThis as unknown as PageWindow).document.querySelectorAll("svg.qaly-chart"), (svg) => {
      const box = svg.getBoundingClientRect();
      const count = (selector: string): number => Array.from(svg.querySelectorAll(selector)).filter((el) => el.getBBox().width + el.getBBox().height > 0).length;
      return {
        kind: svg.getAttribute("data-chart") ?? "",
        width: box.width,
        height: box.height,
        marks: {
          draws: count("g.draws circle"),
          means: count("circle.mean"),
          ellipses: count("path.ellipse"),
          ceac: count("path.ceac"),
          ceaf: count("path.ceaf"),
          evpi: count("path.evpi"),
          bars: count("rect.bar-low, rect.bar-high"),
          lines: count("path.line"),
          cells: count("rect.cell"),
          areas: count("path.state-area"),
          curves: count("path.curve"),
          bands: count("path.state-band"),
          nodes: count(".node"),
          ticks: count("text.tick"),
        },
      };
    }),
  );
}

describe.skipIf(!existsSync(CHROMIUM))("report in headless Chromium", () => {
  let browser: Browser;
  const problems: string[] = [];
  const requests: string[] = [];

  async function open(name: string, html: string): Promise<Page> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = resolve(ARTIFACTS, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      if (request.url() !== pathToFileURL(file).href) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return page;
  }

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("htmlReport(sick-sicker input) renders every chart with its marks, logs no error, fetches nothing", async () => {
    const input = sickSickerInput(1000);
    const page = await open("report.html", htmlReport(input));
    const charts = await chartsOf(page);
    const byKind = (kind: string): Rendered[] => charts.filter((c) => c.kind === kind);
    for (const chart of charts) {
      expect(chart.width, chart.kind).toBeGreaterThan(300);
      expect(chart.height, chart.kind).toBeGreaterThan(150);
    }
    // Two CE planes beyond the main one: the optimal strategy against its frontier neighbours (report v2, issue 14).
    expect(charts.map((c) => c.kind).sort()).toEqual(["budget-impact", "ce-plane", "ce-plane", "ce-plane", "ceac", "evpi", "evpi", "markov-trace", "markov-trace", "one-way", "one-way", "one-way", "running-mean", "survival", "survival", "tornado", "two-way"]);
    const plane = byKind("ce-plane")[0]!.marks;
    expect(plane.draws).toBeGreaterThan(1000); // 3 000 draws of 3 strategies vs SoC, some sharing a pixel
    expect(plane.means).toBe(3);
    expect(plane.ellipses).toBe(3);
    const ceac = byKind("ceac")[0]!.marks;
    expect(ceac.ceac).toBe(4);
    expect(ceac.ceaf).toBe(1);
    expect(byKind("evpi")[0]!.marks.evpi).toBe(1);
    expect(byKind("tornado")[0]!.marks.bars).toBe(10);
    expect(byKind("one-way")[0]!.marks.lines).toBe(4);
    expect(byKind("two-way")[0]!.marks.cells).toBe(20);
    expect(byKind("markov-trace")[0]!.marks.areas).toBe(4);
    expect(byKind("survival")[0]!.marks.curves).toBe(2);
    expect(byKind("survival")[0]!.marks.bands).toBe(2);
    for (const chart of charts) if (chart.kind !== "two-way") expect(chart.marks.ticks, chart.kind).toBeGreaterThanOrEqual(3);
    // The answer is the first thing on the page.
    const first = await page.evaluate(() => (globalThis as unknown as PageWindow).document.querySelector(".qaly-report > p, .qaly-report > header")?.className);
    expect(first).toBe("answer");
    // Print layout: major sections start on a new page.
    await page.emulateMedia({ media: "print" });
    const breaks = await page.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      return Array.from(window.document.querySelectorAll("section.major"), (s) => window.getComputedStyle(s).breakBefore);
    });
    expect(breaks.length).toBeGreaterThan(3);
    expect(new Set(breaks)).toEqual(new Set(["page"]));
    // Printed on A4, the parameter appendix's pages are landscape (its nine columns need the width), the others portrait.
    const pdf = Buffer.from(await page.pdf({ format: "A4" })).toString("latin1");
    const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => (Number(m[1]) > Number(m[2]) ? "landscape" : "portrait"));
    expect(pages[0]).toBe("portrait");
    expect(pages).toContain("landscape");
    expect(pages.at(-1)).toBe("portrait"); // run information, after the appendix
    await page.emulateMedia({ media: "screen" });
    if (SCREENSHOTS) await page.screenshot({ path: resolve(ARTIFACTS, "report.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("htmlReport(input with many arms and a large tree) renders the small multiples and the collapsed tree", async () => {
    const page = await open("report-panels.html", htmlReport(panelsInput()));
    const charts = await chartsOf(page);
    expect(charts.map((c) => c.kind).sort()).toEqual(["decision-tree", "markov-trace-panels", "survival-panels"]);
    const byKind = (kind: string): Rendered => charts.find((c) => c.kind === kind)!;
    expect(byKind("survival-panels").marks.curves).toBe(8);
    expect(byKind("survival-panels").marks.bands).toBe(8);
    expect(byKind("markov-trace-panels").marks.areas).toBe(9);
    expect(byKind("decision-tree").marks.nodes).toBeLessThanOrEqual(1 + 2 * 60);
    for (const chart of charts) expect(chart.height, chart.kind).toBeGreaterThan(150);
    if (SCREENSHOTS) await page.screenshot({ path: resolve(ARTIFACTS, "report-panels.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("htmlReport(sumatriptan input) renders the decision tree diagram", async () => {
    const page = await open("report-tree.html", htmlReport(sumatriptanInput()));
    const [tree] = await chartsOf(page);
    expect(tree!.kind).toBe("decision-tree");
    // The root decision, and per strategy 4 chance nodes and 5 terminal nodes.
    expect(tree!.marks.nodes).toBe(1 + 2 * (4 + 5));
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
