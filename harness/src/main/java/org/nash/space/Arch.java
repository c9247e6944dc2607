package org.nash.space;

/**
 * One architecture of a search space, held as the space's compact integer code (for cell spaces a
 * mixed-radix number of the per-edge op ids). Equality is by space and code; {@link #toString()}
 * gives the benchmark's official string.
 */
public final class Arch implements Comparable<Arch> {
  private final SearchSpace space;
  private final int code;

  Arch(SearchSpace space, int code) {
    this.space = space;
    this.code = code;
  }

  public SearchSpace space() {
    return space;
  }

  /** The space-internal code; dense enough to index arrays of size {@link SearchSpace#codeRange()}. */
  public int code() {
    return code;
  }

  /** Op id per position (edge for cells, stage block for macro layouts). */
  public int[] ops() {
    return space.ops(this);
  }

  /** Official benchmark index (row of the benchmark's tables). */
  public int index() {
    return space.indexOf(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Arch a && a.code == code && a.space == space;
  }

  @Override
  public int hashCode() {
    // The value of Objects.hash(space.name(), code), which it was (hash-ordered output must not
    // change), without boxing and a varargs array on every look-up of a trial's seen set.
    return 31 * (31 + space.nameHash()) + code;
  }

  @Override
  public int compareTo(Arch o) {
    return Integer.compare(code, o.code);
  }

  @Override
  public String toString() {
    return space.format(this);
  }
}
