import * as z from "zod";

// The zod schema of a testing pathway in a model file (`model: { type: testing-pathway, … }`): the
// structure only. Names (categories, tests, arms), numbers and the choice of one strategy kind are
// checked while compiling (build-testing.ts), where the messages speak in pathway terms.

/**
 * What the testing schema shares with the rest of the model-file schema, passed in by
 * model-file-schema.ts so that the two files do not import each other.
 *
 * @internal
 */
export interface TestingSchemaParts<E extends z.ZodType<number | string>> {
  /** A strict object whose unknown keys are reported with the closest known key. */
  readonly strict: <T extends z.ZodRawShape>(shape: T, what: string) => z.ZodObject<T, z.core.$strict>;
  /** Text. */
  readonly text: z.ZodString;
  /** A number or an expression over the parameters. */
  readonly expression: E;
}

/**
 * The schema of `model: { type: testing-pathway, … }`: `arms` (a model under `models:` whose
 * strategies are the arms, or arm → tree node), `categories`, `tests`, `rebiopsy`, `strategies`
 * (each one of `panel`, `sequence`, `parallel`, `reflex`, `sendOut`, with options) and `treatment`.
 *
 * @internal
 */
export function testingFileSchema<E extends z.ZodType<number | string>>({ strict, text, expression }: TestingSchemaParts<E>) {
  const named = z.record(z.string(), expression);
  const category = strict({ prevalence: expression, arm: text.optional(), missedArm: text.optional() }, "a category");
  const test = strict(
    {
      sensitivity: named,
      specificity: z.union([expression, named]).optional(),
      failure: expression.optional(),
      turnaroundDays: expression.optional(),
      cost: expression,
      confirmation: strict({ cost: expression, categories: z.array(text).optional() }, "a confirmation").optional(),
    },
    "a test",
  );
  const rebiopsy = strict({ probability: expression, cost: expression, delayDays: expression.optional(), qalyLoss: expression.optional() }, "rebiopsy");
  const strategy = strict(
    {
      panel: text.optional(),
      sequence: z.array(text).min(1, "a sequence names at least one test").optional(),
      parallel: z.array(text).min(1, "parallel testing names at least one test").optional(),
      reflex: strict({ first: text, then: text }, "reflex").optional(),
      sendOut: text.optional(),
      turnaroundDays: expression.optional(),
      onFailure: z.enum(["rebiopsy", "stop"], { error: "onFailure is 'rebiopsy' or 'stop'" }).optional(),
      orderingDelayDays: expression.optional(),
      failure: expression.optional(),
      shippingCost: expression.optional(),
    },
    "a testing strategy",
  );
  const falsePositive = strict({ arm: text, payoffs: named.optional() }, "falsePositive");
  const treatment = strict({ pTreat: expression, defaultArm: text, missedArm: text, untreatedArm: text.optional(), noResultArm: text.optional(), falsePositive: falsePositive.optional() }, "treatment");
  return strict(
    {
      type: z.literal("testing-pathway"),
      title: text.optional(),
      // Arm nodes are tree nodes, checked by build-tree.ts with model-term messages.
      arms: z.union([text, z.record(z.string(), z.record(z.string(), z.unknown()))], { error: "arms is the name of a model under models (its strategies are the arms) or a map arm → node" }),
      categories: z.record(z.string(), category),
      tests: z.record(z.string(), test),
      rebiopsy: rebiopsy.optional(),
      strategies: z.record(z.string(), strategy),
      treatment,
      // Reclassification tables reported with every run: rows `from`'s calls, columns `to`'s.
      reclassification: z.array(strict({ from: text, to: text }, "a reclassification table")).optional(),
    },
    "a testing pathway",
  );
}
