package org.nash.searchers.external;

import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.search.Searcher;
import org.nash.search.TrialAware;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * The SPI side of an external searcher: a thin adapter over a protocol {@link Session}. With the
 * single-phase SPI this becomes: construct the Session where the searcher is made (key, domain and
 * a seed from the trial RNG), pass the runner's cost and budget left straight to
 * {@link Session#tell}, map a null from {@link Session#ask} to "exhausted", call {@link Session#end}
 * when the trial is over; {@link TrialAware} and {@link org.nash.search.RunScoped} can then go.
 */
final class ExternalSearcher implements Searcher, TrialAware {
  private final External provider;
  private String trialKey = "?";
  private String budgetKind;
  private double budget;
  private double cost = Double.NaN;
  private double budgetLeft = Double.NaN;
  private Session session;

  ExternalSearcher(External provider) {
    this.provider = provider;
  }

  @Override
  public void begin(String key, String kind, double total) {
    trialKey = key;
    budgetKind = kind;
    budget = total;
  }

  @Override
  public void init(SearchDomain domain, SplittableRandom rng) {
    // The worker's seed comes from the trial's searcher stream: fixed by the trial key, never by thread.
    long seed = rng.nextLong() >>> 1;
    session = new Session(provider.pool(), trialKey, budgetKind, budget, domain, seed);
  }

  @Override
  public Arch ask() {
    Arch a = session.ask();
    if (a == null) {
      throw new NashException("external searcher in trial " + trialKey + " says it is exhausted, but this nash cannot stop a trial early yet; keep asking (e.g. repeat an architecture)");
    }
    return a;
  }

  @Override
  public void charged(double c, double left) {
    cost = c;
    budgetLeft = left;
  }

  @Override
  public void tell(Arch arch, double signal) {
    session.tell(arch, signal, cost, budgetLeft);
    cost = Double.NaN;
    budgetLeft = Double.NaN;
  }

  @Override
  public void end(String stop) {
    if (session != null) {
      session.end(stop);
    }
  }
}
