import { escapeXml } from "../format/escape-xml.js";
import type { ReportContext } from "./report-context.js";

/** The model checks (`qaly check`): failures first with their message and any acknowledgement, then a count of the passed ones. @internal */
export function checksSection(context: ReportContext): string {
  const checks = context.input.checks ?? [];
  if (checks.length === 0) return "";
  const failed = checks.filter((c) => !c.passed);
  const open = failed.filter((c) => c.acknowledged === undefined);
  const summary = `${checks.length - failed.length} of ${checks.length} checks passed${failed.length === 0 ? "" : `; ${open.length} open, ${failed.length - open.length} acknowledged by the model with a reason`}.`;
  const items = failed.map((c) => {
    const status = c.acknowledged !== undefined ? "acknowledged" : c.severity === "error" ? "error" : "warning";
    return `<li><strong>${escapeXml(status)}</strong> <code>${escapeXml(c.code)}</code>: ${escapeXml(c.message)}${c.acknowledged === undefined ? "" : `<br><em>Reason:</em> ${escapeXml(c.acknowledged)}`}</li>`;
  });
  const passed = checks.filter((c) => c.passed).map((c) => `<code>${escapeXml(c.code)}</code>`);
  return `<section><h2>Model checks</h2><p class="note">Verification checks a reviewer would run by hand (TECH-VER, Büyükkaramikli et al. 2019): ${escapeXml(summary)}</p>${items.length === 0 ? "" : `<ul>${items.join("")}</ul>`}<p class="note">Passed: ${passed.join(", ")}.</p></section>`;
}
