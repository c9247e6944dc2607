package org.nash.search;

import java.util.SplittableRandom;
import org.nash.space.SearchDomain;

/** Makes the searchers of one configured searcher entry: one per trial, with the trial's inputs. */
@FunctionalInterface
public interface SearcherFactory {
  /**
   * @param domain the architectures the searcher may propose
   * @param rng the trial's own generator, the searcher's only source of randomness
   * @param budget the trial's budget, read-only and kept current by the runner
   */
  Searcher create(SearchDomain domain, SplittableRandom rng, Budget budget);
}
