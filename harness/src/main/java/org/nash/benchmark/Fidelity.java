package org.nash.benchmark;

/**
 * The training budget a search signal is read at: one of a benchmark's named fidelities
 * ({@code hp12}, {@code hp200} for NB-201, {@code e108} for NB-101, {@code final} for TNB) with its
 * epoch count, or 0 where the benchmark records only a final value. Configs name it; the objective
 * parses the name once, so nothing on the query path handles strings.
 */
public record Fidelity(String name, int epochs) {
  @Override
  public String toString() {
    return name;
  }
}
