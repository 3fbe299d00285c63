// The `Cea` type namespace of the main entry: cost-effectiveness rows, net benefit, willingness to
// pay and the economic settings' parts. Types only.
export type {
  CostEffectRow,
  CostComparisonRow,
  CostRow,
  DominanceStatus,
  FrontierNeighbours,
  NetBenefit,
  NetBenefitOptions,
  WtpRange,
  WtpSettings,
  DecisionOutcomes,
  EconomicSettingsInput,
  EconomicPreset,
  StatedSeverity,
  SeverityLevel,
  DiscountRates,
} from "../analysis/cea/index.js";
