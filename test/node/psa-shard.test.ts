import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { mergePsaShards, parsePsaShard, psaShardText, type PsaShard, type PsaShardRun } from "../../src/node/psa-shard.js";
import { bytes } from "./worker-test-helpers.js";

const RUN: PsaShardRun = {
  model: "/models/demo/model.yaml",
  modelHash: "0123456789abcdef",
  fileHash: "fedcba9876543210",
  samples: 10,
  seed: 7,
  method: "random",
  scenario: null,
  strategies: ["A", "B"],
  outcomes: ["cost", "qaly"],
  options: { dsa: true },
};

/** The full buffer of a 10-draw run: value = series · 100 + draw, with a signed zero and a subnormal to show every bit survives. */
function full(samples = RUN.samples): Float64Array {
  const values = new Float64Array(4 * samples);
  for (let k = 0; k < 4; k++) for (let i = 0; i < samples; i++) values[k * samples + i] = k * 100 + i + 1 / 3;
  values[1] = -0;
  values[2] = 5e-324;
  return values;
}

/** The shard of draws [from, to) of a full buffer. */
function shard(from: number, to: number, run: PsaShardRun = RUN, values = full(run.samples)): PsaShard {
  const part = new Float64Array(4 * (to - from));
  for (let k = 0; k < 4; k++) part.set(values.subarray(k * run.samples + from, k * run.samples + to), k * (to - from));
  return { qaly: "0.1.0", run, from, to, values: part };
}

const roundTrip = (s: PsaShard, name = `psa-shard-${s.from}-${s.to}.json`): { name: string; shard: PsaShard } => ({ name, shard: parsePsaShard(psaShardText(s), name) });

function issues(run: () => unknown): { code: string; path: readonly (string | number)[] }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof QalyError) return error.issues.map(({ code, path }) => ({ code, path }));
    throw error;
  }
  throw new Error("expected a QalyError");
}

describe("PSA shards", () => {
  it("psaShardText → parsePsaShard keeps every bit (−0, subnormals) and the run record", () => {
    const original = shard(3, 8);
    const read = parsePsaShard(psaShardText(original), "s.json");
    expect(bytes(read.values)).toEqual(bytes(original.values));
    expect(read.run).toEqual(RUN);
    expect([read.from, read.to]).toEqual([3, 8]);
  });

  it("mergePsaShards joins shards given in any order into the buffer of the whole run, byte for byte", () => {
    const merged = mergePsaShards([roundTrip(shard(6, 10)), roundTrip(shard(0, 2)), roundTrip(shard(2, 6))]);
    expect(bytes(merged.values)).toEqual(bytes(full()));
    expect(merged.run).toEqual(RUN);
  });

  it("property: any partition of the draws into ranges, shuffled, merges into the full buffer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 8 }), fc.nat(), (samples, cuts, rotate) => {
        const run = { ...RUN, samples };
        const values = full(samples);
        const bounds = [...new Set([0, ...cuts.filter((c) => c < samples), samples])].sort((a, b) => a - b);
        const parts = bounds.slice(1).map((to, k) => ({ name: `part-${k}`, shard: shard(bounds[k]!, to, run, values) }));
        const shuffled = parts.map((_, k) => parts[(k + rotate) % parts.length]!);
        return Buffer.compare(Buffer.from(bytes(mergePsaShards(shuffled).values)), Buffer.from(bytes(values))) === 0;
      }),
    );
  });

  it("overlapping and duplicate ranges are shard_overlap; missing draws are shard_gap (each with its place)", () => {
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 6)), roundTrip(shard(4, 10))]))).toEqual([{ code: "shard_overlap", path: ["shards", "psa-shard-4-10.json", "draws"] }]);
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 5), "a.json"), roundTrip(shard(0, 5), "b.json"), roundTrip(shard(5, 10))]))).toEqual([{ code: "shard_overlap", path: ["shards", "b.json", "draws"] }]);
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 3)), roundTrip(shard(5, 9))]))).toEqual([
      { code: "shard_gap", path: ["draws", 3] },
      { code: "shard_gap", path: ["draws", 9] },
    ]);
    expect(() => mergePsaShards([roundTrip(shard(0, 2)), roundTrip(shard(2, 10))])).not.toThrow();
  });

  it("shards of another run (seed, draws, model hash, options) are shard_mismatch naming the field", () => {
    const other = (change: Partial<PsaShardRun>): { name: string; shard: PsaShard } => roundTrip(shard(5, 10, { ...RUN, ...change }), "other.json");
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 5)), other({ seed: 8 })]))).toEqual([{ code: "shard_mismatch", path: ["shards", "other.json", "run", "seed"] }]);
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 5)), other({ modelHash: "ffffffffffffffff" })]))).toEqual([{ code: "shard_mismatch", path: ["shards", "other.json", "run", "modelHash"] }]);
    expect(issues(() => mergePsaShards([roundTrip(shard(0, 5)), other({ options: { dsa: false } })]))).toEqual([{ code: "shard_mismatch", path: ["shards", "other.json", "run", "options"] }]);
    const mismatch = issues(() => mergePsaShards([roundTrip(shard(0, 5)), roundTrip(shard(5, 10, { ...RUN, samples: 20 }, full(20)), "other.json")]));
    expect(mismatch).toEqual([{ code: "shard_mismatch", path: ["shards", "other.json", "run", "samples"] }]);
  });

  it("parsePsaShard refuses other files, other versions, wrong sizes and non-finite values with parse_error at the file", () => {
    const good = JSON.parse(psaShardText(shard(0, 4))) as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [
      { ...good, format: "something-else" },
      { ...good, version: 2 },
      { ...good, draws: { from: 4, to: 4 } },
      { ...good, draws: { from: 0, to: 11 } },
      { ...good, draws: { from: 0, to: 5 } },
      { ...good, run: { ...(good.run as object), strategies: [] } },
      { ...good, values: { encoding: "float64le-base64", data: Buffer.from(new Float64Array(16).fill(Number.NaN).buffer).toString("base64") } },
    ];
    for (const variant of variants) expect(issues(() => parsePsaShard(JSON.stringify(variant), "x.json"))).toEqual([{ code: "parse_error", path: ["shards", "x.json"] }]);
    expect(issues(() => parsePsaShard("{ not json", "x.json"))).toEqual([{ code: "parse_error", path: ["shards", "x.json"] }]);
    expect(() => parsePsaShard(JSON.stringify({ ...good, version: 2 }), "x.json")).toThrow(/format version 2; this qaly \(.*\) reads version 1/);
  });
});
