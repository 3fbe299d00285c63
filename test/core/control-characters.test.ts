import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { showControlCharacters } from "../../src/core/control-characters.js";

describe("showControlCharacters", () => {
  it("shows ESC, BEL, CR, DEL and the C1 controls as \\x escapes; tab and line feed stay", () => {
    expect(showControlCharacters("a\u001b[2Jb\u0007c\rd\u007fe\u009bf\tg\nh\u0000")).toBe("a\\x1b[2Jb\\x07c\\x0dd\\x7fe\\x9bf\tg\nh\\x00");
  });

  it("keeps a character raw where the caller says so", () => {
    expect(showControlCharacters("\rbar\r\u001b", (c, offset) => c === "\r" && offset === 0)).toBe("\rbar\\x0d\\x1b");
  });

  it("property: the result holds no control character but tab and line feed, and text without any is unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0x00a0 }).map((c) => String.fromCharCode(c)), fc.constantFrom("a", "é", " ")) }), (text) => {
        const shown = showControlCharacters(text);
        expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) expect(shown).toBe(text);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
