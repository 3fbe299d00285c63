import * as z from "zod";

// The zod schema of a microsimulation in a model file (`model: { type: microsimulation, … }`): the
// structure only. State, outcome and attribute names, expressions and distributions are checked
// while compiling (build-microsimulation.ts), where the messages speak in model terms.

/**
 * What the microsimulation schema shares with the rest of the model-file schema, passed in by
 * model-file-schema.ts so that the two files do not import each other.
 *
 * @internal
 */
export interface MicrosimulationSchemaParts<E extends z.ZodType<number | string>, N extends z.ZodType<number>, T extends z.ZodRawShape> {
  /** A strict object whose unknown keys are reported with the closest known key. */
  readonly strict: <S extends z.ZodRawShape>(shape: S, what: string) => z.ZodObject<S, z.core.$strict>;
  /** Text. */
  readonly text: z.ZodString;
  /** A number or an expression over the parameters. */
  readonly expression: E;
  /** A finite number. */
  readonly finite: N;
  /** The timing settings of cohort models (cycle length, cycles or horizon, discounting, correction). */
  readonly timing: T;
}

/**
 * The schema of `model: { type: microsimulation, … }`: states, outcomes, `individuals`, `seed`,
 * `chunkSize`, the timing settings of cohort models, `attributes` (name → distribution with
 * constant parameters), `history` (name → `{ states, count }`), `start`, `variables`,
 * `transitions`, `values` and `transitionValues`.
 *
 * @internal
 */
export function microsimulationFileSchema<E extends z.ZodType<number | string>, N extends z.ZodType<number>, T extends z.ZodRawShape>({ strict, text, expression, finite, timing }: MicrosimulationSchemaParts<E, N, T>) {
  const expressions = z.record(z.string(), expression);
  return strict(
    {
      type: z.literal("microsimulation"),
      title: text.optional(),
      states: z.array(text).min(1, "give at least one state"),
      outcomes: z.record(z.string(), z.enum(["cost", "effect"], { error: "an outcome is discounted as a 'cost' or as an 'effect'" })),
      individuals: z.number({ error: "individuals is a whole number ≥ 2" }).int("individuals is a whole number ≥ 2").min(2, "individuals is a whole number ≥ 2"),
      seed: z.union([text, finite]).optional(),
      chunkSize: z.number().int().min(1).optional(),
      ...timing,
      tolerance: finite.optional(),
      attributes: z.record(z.string(), z.looseObject({ kind: z.string({ error: "an attribute's distribution needs a 'kind' (normal, uniform, categorical, …)" }) })).optional(),
      history: z.record(z.string(), strict({ states: z.array(text).min(1, "a history counter counts at least one state"), count: z.enum(["consecutive", "total", "ever"], { error: "count is consecutive, total or ever" }) }, "a history counter")).optional(),
      start: z.record(z.string(), finite),
      variables: expressions.optional(),
      transitions: z.record(z.string(), expressions),
      values: z.record(z.string(), expressions).optional(),
      transitionValues: z.record(z.string(), z.record(z.string(), expressions)).optional(),
    },
    "a microsimulation",
  );
}
