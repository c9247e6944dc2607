package org.nash.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.config.Experiment;
import org.nash.oracle.Observation;
import org.nash.plan.TrialContext;
import org.nash.plan.TrialSpec;
import org.nash.plugin.PluginFailure;
import org.nash.results.TrialResult;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.TrialAware;
import org.nash.space.Arch;
import org.nash.space.ArchMap;

/** Runs one trial: the ask/tell loop between a searcher and an oracle under the trial's budget. */
public final class TrialRunner {
  /** Uncharged repeats in a row after which a trial stops: the searcher is not exploring any more. */
  static final int MAX_FREE_REPEATS = 10_000;

  private TrialRunner() {}

  public static TrialResult run(TrialSpec spec, SearcherFactory factory, TrialContext ctx) {
    SplittableRandom root = new SplittableRandom(spec.rngSeed());
    SplittableRandom searcherRng = root.split();
    SplittableRandom oracleRng = root.split();
    BudgetLedger ledger = new BudgetLedger(spec.maxQueries(), spec.maxSeconds(), ctx.keepOvershoot());
    Searcher searcher = PluginFailure.guard("searcher", spec.searcherName(), factory,
        () -> factory.create(ctx.domain(), searcherRng, ledger));
    if (!(searcher instanceof TrialAware aware)) {
      return loop(spec, searcher, ctx, ledger, oracleRng);
    }
    aware.begin(spec.key());
    String stop = "failed";
    try {
      TrialResult r = loop(spec, searcher, ctx, ledger, oracleRng);
      stop = r.stop();
      return r;
    } finally {
      aware.end(stop);
    }
  }

  private static TrialResult loop(TrialSpec spec, Searcher searcher, TrialContext ctx, BudgetLedger ledger,
      SplittableRandom oracleRng) {
    ArchMap<Observation> seen = new ArchMap<>(128); // a HashMap was a fifth of a table-speed trial (issue 26)
    List<TrialResult.Step> steps = new ArrayList<>();
    List<double[]> trace = ctx.trace() ? new ArrayList<>() : null;
    TrialResult.Step best = null;
    boolean costEstimated = false;
    String source = null;
    int[] charged = new int[Observation.Source.values().length]; // charged queries per origin, by ordinal
    int repeats = 0;
    int freeRepeatsInRow = 0;
    String stop = "budget";

    while (true) {
      if (spec.maxQueries() == 0 && ledger.queries() >= Experiment.MAX_QUERIES) {
        stop = "query limit (" + Experiment.MAX_QUERIES + " per trial)";
        break;
      }
      Optional<Arch> next;
      try {
        next = searcher.ask();
      } catch (RuntimeException e) {
        throw failure("searcher", spec, searcher, "in ask()", e);
      }
      if (next == null) {
        throw new NashException("searcher '" + spec.searcherLabel() + "' returned null from ask() (trial "
            + spec.key() + "); return Optional.empty() when it has nothing left to propose");
      }
      if (next.isEmpty()) {
        stop = "searcher exhausted";
        break;
      }
      Arch a = next.get();
      if (!ctx.domain().contains(a)) {
        throw new NashException("searcher '" + spec.searcherLabel() + "' asked for " + a
            + ", which is outside the search domain " + ctx.domain() + " (trial " + spec.key() + ")");
      }
      Observation prev = seen.get(a);
      boolean free = prev != null && !ctx.chargeRepeats();
      if (!free && !ledger.canAfford(0)) {
        break; // no charged query left: do not make the oracle train a cell that would not count
      }
      Observation o;
      try {
        o = free ? prev : ctx.oracle().query(a, oracleRng);
      } catch (RuntimeException e) {
        throw failure("oracle", spec, ctx.oracle(), "answering " + a, e);
      }
      double cost = free ? 0 : o.cost();
      if (!free && !ledger.canAfford(cost)) {
        break;
      }
      if (prev != null) {
        repeats++;
      }
      if (free) {
        if (++freeRepeatsInRow >= MAX_FREE_REPEATS) {
          stop = "searcher repeated " + MAX_FREE_REPEATS + " seen architectures in a row";
          break;
        }
      } else {
        freeRepeatsInRow = 0;
        ledger.charge(cost);
        costEstimated |= o.costEstimated();
        charged[o.source().ordinal()]++;
        // A cached training is a trained value; the per-origin counts tell them apart.
        String label = o.source() == Observation.Source.CACHED ? Observation.Source.TRAINED.label() : o.source().label();
        source = source == null || source.equals(label) ? label : "mixed";
        if (prev == null) {
          seen.put(a, o);
        }
      }
      if (trace != null) {
        trace.add(new double[] {a.index(), o.signal(), cost});
      }
      if (best == null || o.signal() > best.signal()) {
        best = new TrialResult.Step(ledger.queries(), ledger.seconds(), a.index(), o.signal(), o.reported(),
            ctx.optimum() - o.reported(), ctx.optimumPool() - o.reported());
        steps.add(best);
      }
      try {
        searcher.tell(a, o.signal(), cost);
      } catch (RuntimeException e) {
        throw failure("searcher", spec, searcher, "in tell()", e);
      }
    }
    Map<String, Integer> sources = null;
    if (ctx.oracle().countsSources() || charged[Observation.Source.TRAINED.ordinal()] > 0
        || charged[Observation.Source.CACHED.ordinal()] > 0) {
      sources = new java.util.LinkedHashMap<>();
      for (Observation.Source s : Observation.Source.values()) {
        sources.put(s.label(), charged[s.ordinal()]);
      }
    }
    return new TrialResult(spec.key(), ctx.benchmark().name(), ctx.benchmark().version(), spec.dataset(),
        spec.pool(), spec.searcherLabel(), spec.seed(), ctx.oracleName(), source, ctx.protocol(), sources,
        ctx.signalKey(), ctx.aggregation(),
        ctx.reportedKey(), costEstimated, ctx.chargeRepeats(),
        spec.maxQueries() > 0 ? spec.maxQueries() : null, spec.maxSeconds() > 0 ? spec.maxSeconds() : null,
        ledger.queries(), repeats, ledger.seconds(), ctx.stopRule(), stop, ctx.optimum(), ctx.optimumPool(), best, steps, trace);
  }

  /** A plugin's unexpected exception, naming the plugin and the trial; a deliberate NashException passes. */
  private static RuntimeException failure(String kind, TrialSpec spec, Object plugin, String what, RuntimeException e) {
    if (e instanceof NashException || e instanceof PluginFailure) {
      return e;
    }
    String name = kind.equals("searcher") ? spec.searcherName() : plugin.getClass().getSimpleName();
    return new PluginFailure(kind, name, plugin, what + " (trial " + spec.key() + ")", e);
  }
}
