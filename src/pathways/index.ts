// Diagnostic testing pathways: definitions as data, compiled into decision trees with model leaves.
export { testingPathway } from "./testing-pathway.js";
export type {
  CategoryDefinition,
  TestDefinition,
  TestConfirmation,
  RebiopsyDefinition,
  FalsePositiveRule,
  TreatmentRule,
  TestingPathwayDefinition,
  TestingPathway,
} from "./pathway-types.js";
export { panel, sequential, parallel, reflex, sendOut } from "./testing-strategy.js";
export type { TestingStrategy, StrategyOptions, PanelStrategy, SequentialStrategy, ParallelStrategy, ReflexStrategy, SendOutStrategy } from "./testing-strategy.js";
export { testingDecision } from "./testing-decision.js";
export type { ArmLeaf, TreatmentArms } from "./testing-decision.js";
export { testingTree } from "./testing-tree.js";
export type { TestingTree, TestingTreeOptions } from "./testing-tree.js";
export { testingCounts } from "./testing-outcomes.js";
export { detectedCountName } from "./detected-count-name.js";
export { reclassification } from "./reclassification.js";
export type { Reclassification } from "./reclassification.js";
