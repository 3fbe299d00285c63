import { describe, expect, it } from "vitest";
import { ownEntry } from "../../src/core/own-entry.js";

describe("ownEntry", () => {
  it("returns a record's own entry, and undefined for Object.prototype's members and missing keys", () => {
    const presets: Record<string, number> = { sweden: 1, england: 2 };
    expect(ownEntry(presets, "england")).toBe(2);
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "norway"]) expect(ownEntry(presets, name), name).toBeUndefined();
    // A plain `record[name]` is not undefined for them, which is what the helper is for.
    expect(presets["constructor"]).toBeDefined();
  });
});
