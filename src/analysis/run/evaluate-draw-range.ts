import { fail } from "../../core/errors.js";
import type { Model } from "../../models/model.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";

/**
 * Evaluates the model for draws `from` (inclusive) to `to` (exclusive) and writes the outcomes into
 * `out`, laid out like a {@link PsaResult} buffer: `out[(o · S + s) · size + (i − offset)]` for
 * outcome o, strategy s and draw i, where `size = out.length / (O · S)`. Each draw is evaluated
 * from its own parameter row with `context.draw = i`, so results depend only on the index, never on
 * the order or the process that evaluated it: a worker can evaluate a range into its own buffer
 * (`offset = from`) and {@link mergeDrawRange} assembles the parts.
 *
 * @param model - the model
 * @param draws - the parameter draws
 * @param from - first draw, an integer in [0, draws.size]
 * @param to - end of the range (exclusive), in [from, draws.size]
 * @param out - the output buffer
 * @param offset - the draw stored at position 0 of each series (default 0)
 * @throws QalyError `invalid_argument` for a bad range or buffer; `non_finite_value` naming draw, strategy and outcome when the model returns a non-finite value; any error of the model
 * @example
 * const model = { title: "Demo", strategies: ["A", "B"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = p.c; out[1] = 2 * p.c; } };
 * const draws = { names: ["c"], size: 3, column: () => new Float64Array([1, 2, 3]), row: (i) => ({ c: i + 1 }) };
 * const out = new Float64Array(2 * 2);
 * evaluateDrawRange(model, draws, 1, 3, out, 1);
 * Array.from(out) // => [2, 3, 4, 6]
 */
export function evaluateDrawRange<P>(model: Model<P>, draws: ParameterDraws, from: number, to: number, out: Float64Array, offset = 0): void {
  const nS = model.strategies.length;
  const nO = model.outcomes.length;
  const size = out.length / (nS * nO);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > draws.size) {
    fail("invalid_argument", ["range"], `draw range [${from}, ${to}) must lie within [0, ${draws.size}]`, { received: [from, to] });
  }
  if (!Number.isInteger(size) || !Number.isInteger(offset) || from - offset < 0 || to - offset > size) {
    fail("invalid_argument", ["out"], `output buffer of length ${out.length} cannot hold draws [${from}, ${to}) at offset ${offset} for ${nS} strategies × ${nO} outcomes`, { received: out.length });
  }
  const scratch = new Float64Array(nS * nO);
  for (let i = from; i < to; i++) {
    scratch.fill(Number.NaN);
    model.evaluateInto(draws.row(i) as P, scratch, { draw: i });
    const at = i - offset;
    for (let s = 0; s < nS; s++) {
      for (let o = 0; o < nO; o++) {
        const value = scratch[s * nO + o]!;
        if (!Number.isFinite(value)) {
          fail("non_finite_value", ["draws", i, "strategies", model.strategies[s]!, "outcomes", model.outcomes[o]!], `draw ${i}: the model returned ${value} for outcome "${model.outcomes[o]}" of strategy "${model.strategies[s]}"`, { received: value });
        }
        out[(o * nS + s) * size + at] = value;
      }
    }
  }
}

/**
 * Copies a part evaluated by {@link evaluateDrawRange} with `offset = from` into the full buffer
 * of a PSA result, where each outcome × strategy series is one contiguous block.
 *
 * @param target - the full buffer (`O · S · size`)
 * @param part - the part buffer (`O · S · (to − from)`)
 * @param from - first draw of the part
 * @param series - number of series, outcomes × strategies
 * @example
 * const target = new Float64Array(6);
 * mergeDrawRange(target, new Float64Array([7, 8]), 2, 2);
 * Array.from(target) // => [0, 0, 7, 0, 0, 8]
 */
export function mergeDrawRange(target: Float64Array, part: Float64Array, from: number, series: number): void {
  const size = target.length / series;
  const width = part.length / series;
  if (!Number.isInteger(size) || !Number.isInteger(width) || from < 0 || from + width > size) {
    fail("invalid_argument", ["part"], `a part of ${width} draws from draw ${from} does not fit ${series} series of ${size} draws`);
  }
  for (let k = 0; k < series; k++) target.set(part.subarray(k * width, (k + 1) * width), k * size + from);
}
