// The vector form's row fill (src/models/markov/fill-transition-arrays.ts): the fill generated for a
// plan's shape against the interpreted fillArrayRow (code generation refused, as under a content
// security policy). Both read, check and store the same numbers in the same order, so results are
// compared bit for bit, and every invalid row is reported with the same code, path and message:
// the generated fill only says that some check failed, and the interpreted rows then report it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as live from "../../../src/index.js";
import { lifeTable } from "../../../src/survival/life-table.js";
import { thrown } from "../../helpers/thrown.js";
import { refusedLibraryCopy } from "../../helpers/code-generation-refused.js";
import { lehmer } from "../../helpers/lehmer.js";

type Qaly = typeof live;


const caseArbitrary = fc.record({
  tunnel: fc.integer({ min: 1, max: 7 }),
  cycles: fc.integer({ min: 1, max: 10 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  floor: fc.boolean(),
  byCycle: fc.boolean(),
  // Structural zeros: entries that are 0 at some or all points (not stored in the sparse row, but the death slot).
  zeros: fc.constantFrom(0, 0.3, 1),
  transitionValue: fc.boolean(),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(q: Qaly, c: Case) {
  const unit = lehmer(c.seed);
  const next = (): number => {
    const u = unit();
    return u < c.zeros * 0.5 ? 0 : u * 0.3;
  };
  const array = (length: number): Float64Array => Float64Array.from({ length }, next);
  const { tunnel, cycles } = c;
  const relapse = array(tunnel);
  const dying = array(tunnel);
  const both = array(cycles * tunnel);
  const perCycle = array(cycles);
  const dA = next();
  return q.markovCohort({
    states: ["A", { name: "T", tunnel }, "B", "D"],
    strategies: ["One", "Two"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles,
    start: { A: 0.6, T: 0.4 },
    startAge: 60,
    ...(c.floor ? { backgroundMortality: { lifeTable: lifeTable({ ages: [60, 70, 80], rates: { female: [0.05, 0.1, 0.2] } }), sexMix: { female: 1 }, deathState: "D" as const } } : {}),
    ...(c.transitionValue ? { transitionValues: () => ({ cost: { A: { T: 500 }, T: { B: 250 } } }) } : {}),
    transitionArrays: (_p: Record<string, number>, _grid: unknown, strategy: string) => ({
      A: { A: q.complement, T: 0.1 * (strategy === "Two" ? 0.5 : 1), D: dA },
      T: { A: q.byStateTime(relapse), T: q.complement, B: c.byCycle ? q.byCycleAndStateTime(both) : 0.05, D: q.byStateTime(dying) },
      B: { B: q.complement, D: c.byCycle ? q.byCycle(perCycle) : 0.1 },
      D: { D: 1 },
    }),
    valueArrays: () => ({ cost: { A: 100, T: 1000, B: 300 }, qaly: { A: 1, T: 0.6, B: 0.5 } }),
  });
}

describe("vector form: the row fill generated for the plan's shape", () => {
  it("gives the interpreted fill's totals, traces and several-start totals bit for bit on random models (fast-check)", async () => {
    const cases = fc.sample(caseArbitrary, { numRuns: 150, seed: 20 });
    const refused = await refusedLibraryCopy();
    const starts = [{ start: { A: 1 } }, { start: { T: 1 } }, { start: { B: 1 } }];
    const results = (q: Qaly, c: Case) => {
      const model = build(q, c);
      const outs = starts.map(() => new Float64Array(model.strategies.length * model.outcomes.length));
      // Twice: the second draw finds the generated fill by its shape.
      q.evaluateModel(model, { k: 1 });
      model.evaluateStartsInto!({ k: 2 }, starts, outs);
      return { totals: q.evaluateModel(model, { k: 3 }), trace: model.run({ k: 4 }).strategies.Two.trace, outs };
    };
    cases.forEach((c) => {
      const generated = results(live, c);
      const interpreted = results(refused, c);
      expect(generated.totals).toEqual(interpreted.totals);
      expect(generated.trace).toEqual(interpreted.trace);
      generated.outs.forEach((out, i) => out.forEach((v, j) => expect(Object.is(v, interpreted.outs[i]![j])).toBe(true)));
    });
  });

  it("after good draws, every invalid row is reported as by the interpreted fill: the same code, path, message and draw, reachable or not", async () => {
    const refused = await refusedLibraryCopy();
    type Rows = (q: Qaly) => Record<string, Record<string, unknown>>;
    const good: Rows = (q) => ({ Well: { Well: q.complement, Sick: 0.1, Dead: 0.01 }, Sick: { Sick: q.complement, Dead: q.byStateTime([0.2, 0.2, 0.2]) }, Other: { Other: q.complement, Dead: 0.5 }, Dead: { Dead: 1 } });
    const bad: Record<string, Rows> = {
      // Other is never reached (nothing moves into it and no start is there): its row is still checked.
      "an unreachable row that sums to 1.07": (q) => ({ ...good(q), Other: { Other: 0.57, Dead: 0.5 } }),
      "a NaN in a tunnel position": (q) => ({ ...good(q), Sick: { Sick: q.complement, Dead: q.byStateTime([0.2, Number.NaN, 0.2]) } }),
      "a probability of 1.5 in the last position": (q) => ({ ...good(q), Sick: { Sick: q.complement, Dead: q.byStateTime([0.2, 0.2, 1.5]) } }),
      "a string in a plain array": (q) => ({ ...good(q), Sick: { Sick: q.complement, Dead: q.byStateTime([0.2, "0.2" as unknown as number, 0.2]) } }),
      "a negative complement": (q) => ({ ...good(q), Sick: { Sick: q.complement, Dead: q.byStateTime([0.2, 1.2, 0.2]) } }),
      "a row without complement that does not sum to 1": (q) => ({ ...good(q), Sick: { Sick: q.byStateTime([0.7, 0.7, 0.5]), Dead: 0.3 } }),
    };
    for (const [label, rows] of Object.entries(bad)) {
      const report = (q: Qaly) => {
        let current: Rows = good;
        const model = q.markovCohort({
          states: ["Well", { name: "Sick", tunnel: 3 }, "Other", "Dead"],
          strategies: ["SoC", "New"],
          outcomes: { cost: "cost" },
          cycles: 6,
          start: { Well: 1 },
          transitionArrays: () => current(q) as never,
          valueArrays: () => ({ cost: { Sick: 100 } }),
        });
        q.evaluateModel(model, { k: 1 });
        q.evaluateModel(model, { k: 2 });
        current = rows;
        const single = thrown(() => model.evaluateInto({ k: 3 }, new Float64Array(4), { draw: 4 }));
        const several = thrown(() => model.evaluateStartsInto!({ k: 5 }, [{ start: { Well: 1 }, draw: 6 }, { start: { Sick: 1 }, draw: 6 }], [new Float64Array(4), new Float64Array(4)]));
        return [single, several].map((error) => [error.code, error.path, error.message]);
      };
      const generated = report(live);
      expect(generated, label).toEqual(report(refused));
      expect(generated[0]![1]).toContain("from");
    }
    const sum = thrown(() => {
      const model = live.markovCohort({ states: ["Well", "Other", "Dead"], strategies: ["SoC"], outcomes: { cost: "cost" }, cycles: 3, start: { Well: 1 }, transitionArrays: () => ({ Well: { Well: live.complement, Dead: live.byStateTime([0.1]) }, Other: { Other: 0.57, Dead: 0.5 }, Dead: { Dead: 1 } }) as never, valueArrays: () => ({ cost: { Well: 1 } }) });
      model.evaluateInto({}, new Float64Array(2), { draw: 2 });
    });
    expect([sum.code, sum.path]).toEqual(["row_sum_not_one", ["draw", 2, "strategies", "SoC", "cycle", 1, "from", "Other"]]);
  });

  it("without tunnels, rows by cycle (cycle 1 through the generated fill) and plans that change shape from call to call (the look-ups by reader token) give the interpreted totals bit for bit; a bad row of cycle 1 is reported as interpreted", async () => {
    const refused = await refusedLibraryCopy();
    // Shape by call: k mod 4 picks B -> D constant or by cycle, an extra entry B -> A, and (3) a probability of 1.5 in cycle 1.
    const build = (q: Qaly) =>
      q.markovCohort({
        states: ["A", "B", "D"],
        strategies: ["Fixed", "Shifting"],
        outcomes: { cost: "cost", qaly: "effect" },
        cycles: 5,
        start: { A: 1 },
        transitionArrays: (p: Record<string, number>, _grid: unknown, strategy: string) => {
          const k = p.k!;
          const shape = strategy === "Fixed" ? 0 : k % 4;
          const byCycle = q.byCycle(Float64Array.from({ length: 5 }, (_, c) => (shape === 3 && c === 0 ? 1.5 : 0.02 * (c + 1) + 0.001 * k)));
          return {
            A: { A: q.complement, B: q.byCycle(Float64Array.from({ length: 5 }, (_, c) => 0.1 + 0.01 * c + 0.001 * k)), D: 0.01 },
            B: shape === 2 ? { B: q.complement, A: 0.05, D: 0.2 } : { B: q.complement, D: shape === 0 ? 0.2 + 0.001 * k : byCycle },
            D: { D: 1 },
          } as never;
        },
        valueArrays: () => ({ cost: { A: 100, B: 1000 }, qaly: { A: 1, B: 0.5 } }),
      });
    const calls = (q: Qaly) => {
      const model = build(q);
      const out = new Float64Array(model.strategies.length * model.outcomes.length);
      return Array.from({ length: 24 }, (_, k) => {
        try {
          model.evaluateInto({ k }, out, { draw: k });
          return [...out];
        } catch (error) {
          const { code, path, message } = error as live.QalyError;
          return [code, path, message];
        }
      });
    };
    const generated = calls(live);
    expect(generated).toEqual(calls(refused));
    expect(generated[3]).toEqual(["probability_out_of_range", ["draw", 3, "strategies", "Shifting", "cycle", 1, "from", "B", "to", "D"], expect.any(String)]);
    generated.forEach((result, k) => {
      if (k % 4 !== 3) result.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    });
  });
});
