import * as z from "zod";
import { closestName } from "../core/closest-name.js";
import { QalyError } from "../core/errors.js";
import { compileExpression } from "./expression.js";
import { MODEL_FILE_FUNCTIONS } from "./expression-env.js";
import { dataFileProblem } from "./file-access.js";
import { testingFileSchema } from "./testing-file-schema.js";
import { microsimulationFileSchema } from "./microsimulation-file-schema.js";
import { budgetImpactFileSchema } from "./budget-impact-schema.js";
import { CYCLE_CORRECTION_NAMES, type CycleCorrection } from "../math/cycle-weights.js";

type CycleCorrectionName = Exclude<CycleCorrection, object>;

// The zod schema of a model file: the structure only. Names, expressions, distributions and the
// decision tree's nodes are checked while compiling (compile-model-file.ts), where the message can
// speak in model terms and suggest the closest known name.

/** A strict object whose unknown keys are reported with the closest known key. */
function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const hints = issue.keys.map((key) => {
        const close = closestName(key, known);
        return close === undefined ? `'${key}'` : `'${key}' (did you mean '${close}'?)`;
      });
      return `unknown key${issue.keys.length === 1 ? "" : "s"} ${hints.join(", ")} in ${what}; known keys: ${known.join(", ")}`;
    },
  });
}

const text = z.string({ error: "expected text" });
/** A data file: a path inside the model file's folder, or `qaly:<name>` for data bundled with the package (file-access.ts). */
const dataFile = text.superRefine((value, context) => {
  const problem = dataFileProblem(value);
  if (problem !== undefined) context.addIssue({ code: "custom", message: problem, params: { issueCode: problem.startsWith("unknown bundled data") ? "invalid_model" : "file_not_allowed" } });
});
const finite = z.number({ error: "expected a number" }).refine(Number.isFinite, "expected a finite number");
/**
 * A number, or a constant expression evaluated once (`1/12`, `log(3)`, `rateToProbability(0.1)`),
 * so a file can say what it means instead of a rounded decimal.
 */
export const constantSchema = z.union([finite, z.string()], { error: "expected a number or a constant expression such as 1/12" }).transform((value, context) => {
  if (typeof value === "number") return value;
  try {
    const result = compileExpression(value, { names: [], functions: MODEL_FILE_FUNCTIONS }).evaluate([]);
    if (Number.isFinite(result)) return result;
    context.addIssue({ code: "custom", message: `"${value}" is ${result}, not a finite number` });
  } catch (error) {
    context.addIssue({ code: "custom", message: error instanceof QalyError ? error.issues.map((issue) => issue.message).join("; ") : String(error) });
  }
  return z.NEVER;
});

/** A number or an expression. */
export const expressionSchema = z.union([finite, z.string()], { error: "expected a number or an expression (text)" });
const expressions = z.record(z.string(), expressionSchema);

const metadataSchema = strict(
  {
    title: text,
    question: text.optional(),
    currency: text.optional(),
    priceYear: z.number().int().optional(),
    country: text.optional(),
    perspective: text.optional(),
    author: text.optional(),
    version: z.union([text, finite]).optional(),
    description: text.optional(),
  },
  "metadata",
);

const distributionSchema = z.looseObject({ kind: z.string({ error: "a distribution needs a 'kind' (beta, gamma, lognormal, …)" }) });

const parameterObject = strict(
  {
    value: constantSchema.optional(),
    distribution: distributionSchema.optional(),
    expression: text.optional(),
    label: text.optional(),
    unit: text.optional(),
    source: text.optional(),
    status: z.enum(["sourced", "assumption", "placeholder"], { error: "status must be sourced, assumption or placeholder" }).optional(),
    note: text.optional(),
  },
  "a parameter",
);
/** A parameter: a number (fixed), an expression (derived) or an object. */
export const parameterSchema = z.union([finite, text, parameterObject]);

const groupSchema = strict(
  {
    distribution: z.looseObject({ kind: z.enum(["dirichlet", "multivariateNormal"], { error: "a group's distribution is a dirichlet or a multivariateNormal" }) }),
    components: z.array(text).min(2, "a group has at least two components"),
    label: text.optional(),
    unit: text.optional(),
    source: text.optional(),
    status: z.enum(["sourced", "assumption", "placeholder"], { error: "status must be sourced, assumption or placeholder" }).optional(),
    note: text.optional(),
  },
  "a parameter group",
);
const correlationSchema = strict({ between: z.tuple([text, text]), rho: finite }, "a correlation");

const strategyObject = strict({ label: text.optional(), description: text.optional(), variables: expressions.optional() }, "a strategy");
const strategiesSchema = z.union([z.array(text).min(1, "give at least one strategy"), z.record(z.string(), strategyObject.nullable())]);

const stateSchema = z.union([text, strict({ name: text, tunnel: z.number().int().min(1) }, "a tunnel state")]);
const transitionsSchema = z.record(z.string(), expressions);
const valuesSchema = z.record(z.string(), expressions);
const transitionValuesSchema = z.record(z.string(), z.record(z.string(), expressions));
const startingValuesSchema = z.record(z.string(), z.union([expressionSchema, expressions]));

/** Settings a scenario may override in every Markov model of the file. */
const settingsShape = {
  cycleLength: constantSchema.optional(),
  cycles: z.number().int().min(1).optional(),
  horizon: constantSchema.optional(),
  startAge: constantSchema.optional(),
  discountRate: strict({ cost: constantSchema.optional(), effect: constantSchema.optional() }, "discountRate").optional(),
  cycleCorrection: z.union([z.enum(CYCLE_CORRECTION_NAMES as [CycleCorrectionName, ...CycleCorrectionName[]]), strict({ weights: z.array(finite) }, "cycleCorrection")]).optional(),
  discountTiming: z.enum(["row", "cycle-start", "cycle-end", "cycle-middle"]).optional(),
};
export const settingsSchema = strict(settingsShape, "settings");

export const markovSchema = strict(
  {
    type: z.literal("markov"),
    title: text.optional(),
    strategies: z.union([z.array(text).min(1), z.record(z.string(), expressions.nullable())]).optional(),
    states: z.array(stateSchema).min(1, "give at least one state"),
    outcomes: z.record(z.string(), z.enum(["cost", "effect"], { error: "an outcome is discounted as a 'cost' or as an 'effect'" })),
    start: z.record(z.string(), finite),
    ...settingsShape,
    tolerance: finite.optional(),
    costByYear: z.number({ error: "costByYear is a whole number of years" }).optional(),
    milestones: z.record(z.string(), strict({ states: z.array(text).min(1, "a milestone counts at least one state"), time: constantSchema }, "a milestone")).optional(),
    backgroundMortality: strict({ file: dataFile, year: z.number().int().optional(), measure: z.enum(["mx", "qx"]).optional(), sexMix: z.record(z.string(), finite), deathState: z.union([text, z.array(text).min(1)]) }, "backgroundMortality").optional(),
    variables: expressions.optional(),
    transitions: transitionsSchema,
    values: valuesSchema.optional(),
    transitionValues: transitionValuesSchema.optional(),
    transitionValueWeight: z.enum(["once", "row"], { error: "transitionValueWeight is 'once' (each move counted once) or 'row' (the within-cycle weight of the row the move leads to)" }).optional(),
    startingValues: startingValuesSchema.optional(),
  },
  "a Markov model",
);

export const psmSchema = strict(
  {
    type: z.literal("partitioned-survival"),
    title: text.optional(),
    strategies: z.union([z.array(text).min(1), z.record(z.string(), expressions.nullable())]).optional(),
    states: z.array(text).min(2).optional(),
    endpoints: z.array(text).min(1).optional(),
    outcomes: z.record(z.string(), z.enum(["cost", "effect"], { error: "an outcome is discounted as a 'cost' or as an 'effect'" })),
    timeUnit: z.enum(["years", "months", "weeks", "days"]).optional(),
    ...settingsShape,
    crossing: z.enum(["clamp", "error", "floor"]).optional(),
    costByYear: z.number({ error: "costByYear is a whole number of years" }).optional(),
    tolerance: finite.optional(),
    backgroundMortality: strict({ file: dataFile, year: z.number().int().optional(), measure: z.enum(["mx", "qx"]).optional(), sexMix: z.record(z.string(), finite), method: z.enum(["cycle", "exact"]).optional() }, "backgroundMortality").optional(),
    variables: expressions.optional(),
    // Curve definitions (src/survival defs) whose numbers may be expressions: checked by build-psm.ts.
    curves: z.record(z.string(), z.looseObject({ kind: z.string({ error: "a curve needs a 'kind' (weibull, exponential, hazard-ratio, …)" }) })),
    values: valuesSchema.optional(),
    entryValues: valuesSchema.optional(),
    startingValues: expressions.optional(),
    cappedValues: z.record(z.string(), strict({ outcome: text, states: z.union([text, z.array(text)]), perYear: expressionSchema, maxDuration: expressionSchema }, "a capped value")).optional(),
  },
  "a partitioned survival model",
);

export const treeSchema = strict(
  {
    type: z.literal("decision-tree"),
    title: text.optional(),
    // Nodes are key-discriminated and recursive: checked by build-tree.ts with model-term messages.
    root: z.record(z.string(), z.unknown()),
  },
  "a decision tree",
);

/** A testing pathway (`type: testing-pathway`), compiled by build-testing.ts. */
export const testingSchema = testingFileSchema({ strict, text, expression: expressionSchema });

/** A microsimulation (`type: microsimulation`), compiled by build-microsimulation.ts; the age comes from an `age` attribute, not startAge. */
export const microsimulationSchema = microsimulationFileSchema({
  strict,
  text,
  expression: expressionSchema,
  finite,
  timing: { cycleLength: settingsShape.cycleLength, cycles: settingsShape.cycles, horizon: settingsShape.horizon, discountRate: settingsShape.discountRate, cycleCorrection: settingsShape.cycleCorrection, discountTiming: settingsShape.discountTiming },
});

const subtreeSchema = strict({ parameters: z.array(text).optional(), node: z.record(z.string(), z.unknown()) }, "a subtree");

const tableSchema = strict(
  {
    file: dataFile.optional(),
    data: z.record(z.string(), z.array(z.union([finite, text]))).optional(),
    key: text,
    value: text,
    where: z.record(z.string(), z.union([text, finite])).optional(),
    lookup: z.enum(["step", "linear", "exact", "band", "string"]).optional(),
  },
  "a data table",
);

const rangeSchema = z.union([
  z.literal("distribution"),
  strict({ low: finite, high: finite, points: z.number().int().min(2).optional() }, "a DSA range"),
  strict({ values: z.array(finite).min(1) }, "a DSA range"),
]);

export const modelFileSchema = strict(
  {
    metadata: metadataSchema,
    parameters: z.record(z.string(), parameterSchema).optional(),
    groups: z.record(z.string(), groupSchema).optional(),
    correlations: z.array(correlationSchema).optional(),
    strategies: strategiesSchema,
    // effect: null declares a cost-only model (cost-minimisation): results are a cost comparison.
    outcomes: strict({ cost: text.optional(), effect: text.nullable().optional() }, "outcomes").optional(),
    // People in the starting cohort: results are also reported per cohort (per person unchanged).
    cohortSize: z.number({ error: "cohortSize is a number of people" }).refine((n) => Number.isFinite(n) && n > 0, "cohortSize is a finite number > 0").optional(),
    model: z.discriminatedUnion("type", [markovSchema, psmSchema, treeSchema, testingSchema, microsimulationSchema], { error: "model.type must be 'markov', 'partitioned-survival', 'decision-tree', 'testing-pathway' or 'microsimulation'" }),
    models: z.record(z.string(), z.discriminatedUnion("type", [markovSchema, psmSchema], { error: "a named model's type must be 'markov' or 'partitioned-survival'" })).optional(),
    subtrees: z.record(z.string(), subtreeSchema).optional(),
    tables: z.record(z.string(), tableSchema).optional(),
    scenarios: z.record(z.string(), strict({ description: text.optional(), parameters: z.record(z.string(), finite).optional(), settings: settingsSchema.optional() }, "a scenario")).optional(),
    dsa: z.record(z.string(), rangeSchema).optional(),
    thresholds: z.array(strict({ parameter: text, range: z.tuple([finite, finite]), strategies: z.tuple([text, text]) }, "a threshold analysis")).optional(),
    tornado: strict({ bars: z.union([z.number().int().min(1), z.literal("all")], { error: "tornado.bars is a whole number ≥ 1 or all" }) }, "tornado").optional(),
    wtp: strict({ grid: strict({ from: finite, to: finite, step: finite }, "wtp.grid").optional(), thresholds: z.array(finite).optional() }, "wtp").optional(),
    economics: strict(
      {
        preset: text.optional(),
        currency: text.optional(),
        priceYear: z.number().int().optional(),
        thresholds: z.array(finite).optional(),
        discountRate: strict({ cost: finite.optional(), effect: finite.optional() }, "economics.discountRate").optional(),
        locale: text.optional(),
        severity: text.optional(),
      },
      "economics",
    ).optional(),
    psa: strict({ samples: z.number().int().min(1).optional(), seed: z.union([text, finite]).optional(), method: z.enum(["random", "lhs"]).optional() }, "psa").optional(),
    subgroups: z.record(z.string(), strict({ description: text.optional(), parameters: z.record(z.string(), expressionSchema) }, "a subgroup")).optional(),
    calibration: z
      .array(strict({ name: text, outcome: text, strategy: text, subgroup: text.optional(), target: finite, tolerance: finite.optional(), source: text.optional() }, "a calibration target"))
      .optional(),
    evppi: z.record(z.string(), z.array(text).min(1, "an EVPPI group names at least one parameter")).optional(),
    warnings: z.array(text).optional(),
    checks: strict({ acknowledge: z.record(z.string(), text).optional(), nullEffect: z.record(z.string(), finite).optional() }, "checks").optional(),
    budgetImpact: budgetImpactFileSchema({ strict, text, expression: expressionSchema }).optional(),
  },
  "the model file",
);

/** A model file after structural validation. */
export type ModelFile = z.infer<typeof modelFileSchema>;
/** A Markov model as written in a model file. */
export type MarkovFile = z.infer<typeof markovSchema>;
/** A partitioned survival model as written in a model file. */
export type PsmFile = z.infer<typeof psmSchema>;
/** A decision tree as written in a model file. */
export type TreeFile = z.infer<typeof treeSchema>;
/** A microsimulation as written in a model file. */
export type MicrosimulationFile = z.infer<typeof microsimulationSchema>;
/** A testing pathway as written in a model file. */
export type TestingFile = z.infer<typeof testingSchema>;
/** Scenario settings as written in a model file. */
export type SettingsFile = z.infer<typeof settingsSchema>;
/** A jointly distributed parameter group as written in a model file. */
export type GroupFile = z.infer<typeof groupSchema>;
/** A rank correlation as written in a model file. */
export type CorrelationFile = z.infer<typeof correlationSchema>;
/** A parameter entry as written in a model file. */
export type ParameterFile = z.infer<typeof parameterSchema>;
