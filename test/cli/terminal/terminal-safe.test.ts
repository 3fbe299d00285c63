import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { terminalSafe } from "../../../src/cli/terminal/terminal-safe.js";

describe("terminalSafe", () => {
  it("terminalSafe(text) shows ESC, BEL, CSI and DEL as escapes and keeps line feeds, tabs and a leading or trailing CR", () => {
    expect(terminalSafe("a\u001b[2Jb\u0007c\u009bd\u007fe\n\tf")).toBe("a\\x1b[2Jb\\x07c\\x9bd\\x7fe\n\tf");
    expect(terminalSafe("\rPSA [###] 50% ")).toBe("\rPSA [###] 50% ");
    expect(terminalSafe("x\ry")).toBe("x\\x0dy");
  });

  it("terminalSafe(any text) holds no ESC, BEL or C1 control character, and leaves printable text alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(terminalSafe(text)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
        if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) expect(terminalSafe(text)).toBe(text);
      }),
      { seed: 19, numRuns: 500 },
    );
  });
});
