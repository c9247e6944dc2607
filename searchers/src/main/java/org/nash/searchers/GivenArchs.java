package org.nash.searchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nash.NashException;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Evaluates a fixed list of architectures, in the given order, then is exhausted. Not a search
 * strategy: it lets a spot check, a table-versus-retrain comparison or a known baseline cell go
 * through {@code nash run} with the same oracle, budget, store and results as a search.
 */
public final class GivenArchs implements Searcher {
  private final List<Arch> archs;
  private int next;

  GivenArchs(List<Arch> archs) {
    this.archs = archs;
  }

  @Override
  public Optional<Arch> ask() {
    return next < archs.size() ? Optional.of(archs.get(next++)) : Optional.empty();
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {}

  /** {@code list}: the architectures named by {@code archs}. */
  public static final class Provider implements SearcherProvider {
    private static final String OWNER = "searcher list";

    @Override
    public String name() {
      return "list";
    }

    static final ParamSpec<Object> ARCHS = ParamSpec.raw("archs", "list of indices or arch strings",
        "the architectures to evaluate, in order (official index or architecture string)");

    @Override
    public String description() {
      return "evaluates the given architectures in order, then stops (e.g. a spot check through oracle: retrain)";
    }

    @Override
    public List<ParamSpec<?>> params() {
      return List.of(ARCHS);
    }

    @Override
    public SearcherFactory configure(Params params) {
      Object raw = params.get(ARCHS);
      if (!(raw instanceof List<?> entries) || entries.isEmpty()) {
        throw new NashException(OWNER + ": parameter 'archs' must be a non-empty list of architecture indices or"
            + " strings, got " + (raw == null ? "nothing" : "'" + raw + "'"));
      }
      for (Object e : entries) {
        if (!(e instanceof Integer) && !(e instanceof String)) {
          throw new NashException(OWNER + ": archs entry '" + e + "' is neither an index nor an architecture string");
        }
      }
      List<?> given = List.copyOf(entries);
      return (domain, rng, budget) -> new GivenArchs(resolve(given, domain));
    }

    private static List<Arch> resolve(List<?> given, SearchDomain domain) {
      List<Arch> out = new ArrayList<>(given.size());
      for (int i = 0; i < given.size(); i++) {
        Object e = given.get(i);
        String where = OWNER + ": archs[" + i + "] (" + e + ")";
        Arch a;
        try {
          a = e instanceof Integer idx ? byIndex(domain, idx) : domain.space().parse((String) e);
        } catch (NashException | IllegalArgumentException ex) {
          throw new NashException(where + ": " + ex.getMessage());
        }
        try {
          domain.require(a);
        } catch (NashException ex) {
          throw new NashException(where + ": " + ex.getMessage());
        }
        out.add(a);
      }
      return List.copyOf(out);
    }

    private static Arch byIndex(SearchDomain domain, int idx) {
      int size = domain.space().size();
      if (idx < 0 || idx >= size) {
        throw new NashException("index out of range 0.." + (size - 1) + " of " + domain.space().name());
      }
      return domain.space().byIndex(idx);
    }
  }
}
