// The `Pathway` type namespace of the main entry: the parts of a diagnostic testing pathway
// (categories, tests, re-biopsy, treatment rules, test strategies) and of the tree it compiles into.
// Types only.
export type {
  CategoryDefinition,
  TestDefinition,
  TestConfirmation,
  RebiopsyDefinition,
  FalsePositiveRule,
  TreatmentRule,
  TestingStrategy as Strategy,
  StrategyOptions,
  PanelStrategy,
  SequentialStrategy,
  ParallelStrategy,
  ReflexStrategy,
  SendOutStrategy,
  ArmLeaf,
  TreatmentArms,
  TestingTreeOptions as TreeOptions,
  Reclassification,
} from "../pathways/index.js";
