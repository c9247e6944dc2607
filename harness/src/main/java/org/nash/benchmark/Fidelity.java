package org.nash.benchmark;

/**
 * The training budget a search signal is read at: one of a benchmark's named fidelities
 * ({@code hp12}, {@code hp200} for NB-201, {@code e108} for NB-101, {@code final} for TNB) with its
 * epoch count, or 0 where the benchmark records only a final value. Configs name it; the objective
 * parses the name once, so nothing on the query path handles strings.
 */
public record Fidelity(String name, int epochs) {
  // equals and hashCode written out, with the values the record's generated ones give: those are
  // bootstrapped (ObjectMethods) on first use, 2 % of a shard's start-up for a map key (issue 26)
  @Override
  public boolean equals(Object o) {
    return o instanceof Fidelity f && epochs == f.epochs && java.util.Objects.equals(name, f.name);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(name) + epochs;
  }

  @Override
  public String toString() {
    return name;
  }
}
