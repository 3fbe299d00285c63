// The `Survival` type namespace of the main entry: curve definitions, life-table input and the
// options of the survival functions. Types only.
export type {
  SurvivalCurveDef as CurveDef,
  SurvivalCurveDraws as CurveDraws,
  JoinCurvesOptions,
  LifeTableDef,
  ParseLifeTableCsvOptions,
  CohortOptions,
  TimeUnit,
  FlexsurvDistribution,
  SplineScale,
} from "../survival/index.js";
