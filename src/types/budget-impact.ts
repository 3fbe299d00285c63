// The `BudgetImpact` type namespace of the main entry: the parts of a budget impact definition
// (market shares, funnel, worlds) and of its results and sensitivity analyses. Types only.
export type {
  BudgetImpactRun as Run,
  BudgetImpactOptions as Options,
  BudgetImpactInterval as Interval,
  BudgetImpactOneWayRow as OneWayRow,
  BudgetImpactScenario as Scenario,
  BudgetImpactScenarioRow as ScenarioRow,
  BudgetImpactSensitivity as Sensitivity,
  BudgetImpactSensitivityResult as SensitivityResult,
  BudgetImpactUncertainty as Uncertainty,
  BudgetImpactValue as Value,
  BudgetImpactWorld as World,
  BudgetImpactWorldSpend as WorldSpend,
  FunnelStep,
  MarketShares,
  ModelBudgetImpactResult as ModelResult,
} from "../analysis/bia/index.js";
