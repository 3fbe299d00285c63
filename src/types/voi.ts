// The `Voi` type namespace of the main entry: options and parts of the value-of-information
// analyses (EVPI, EVPPI, their ranking, population and one-pass decision curves). Types only.
export type {
  EvpiOptions,
  EvppiOptions,
  EvppiStandardErrorOptions,
  EvppiRanking,
  EvppiRankingOptions,
  EvppiRankingRow,
  DecisionPopulation,
  DecisionCurves,
} from "../analysis/voi/index.js";
