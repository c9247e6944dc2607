package org.nash.space;

import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;

/**
 * A benchmark's architecture space: the official string format, the official index order, the
 * operation vocabulary, and the local move set that mutation and neighbourhoods are built from.
 *
 * <p>Architectures are {@link Arch} values holding a compact integer code; restricting the space to
 * an operation pool and a connectivity rule gives the {@link SearchDomain} a searcher works in.
 */
public abstract class SearchSpace {
  private final String name;
  private final List<String> opNames;
  private final List<String> opAliases;
  private final int nameHash;

  protected SearchSpace(String name, List<String> opNames, List<String> opAliases) {
    this.name = name;
    this.nameHash = name.hashCode();
    this.opNames = List.copyOf(opNames);
    this.opAliases = List.copyOf(opAliases);
  }

  /** Short name used in configs and results, e.g. {@code nb201}. */
  public final String name() {
    return name;
  }

  final int nameHash() {
    return nameHash;
  }

  /** Official op names, indexed by op id. */
  public final List<String> opNames() {
    return opNames;
  }

  public final String opAlias(int op) {
    return opAliases.get(op);
  }

  /** Op id for an official name or short alias (case-insensitive), or -1. */
  public int opId(String nameOrAlias) {
    for (int i = 0; i < opNames.size(); i++) {
      if (opNames.get(i).equalsIgnoreCase(nameOrAlias) || opAliases.get(i).equalsIgnoreCase(nameOrAlias)) {
        return i;
      }
    }
    // The spellings papers and our docs use: conv3x3 for nor_conv_3x3, avgpool3x3, skipconnect.
    String loose = loose(nameOrAlias);
    for (int i = 0; i < opNames.size(); i++) {
      if (!loose.isEmpty() && loose(opNames.get(i)).equals(loose)) {
        return i;
      }
    }
    return -1;
  }

  private static String loose(String op) {
    String s = op.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
    return s.startsWith("nor") ? s.substring(3) : s;
  }

  public String describeOps() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < opNames.size(); i++) {
      parts.add(opNames.get(i) + " (" + opAliases.get(i) + ")");
    }
    return String.join(", ", parts);
  }

  public OpPool fullPool() {
    java.util.BitSet all = new java.util.BitSet();
    all.set(0, opNames.size());
    return new OpPool(this, all);
  }

  public OpPool pool(String spec) {
    return OpPool.parse(this, spec);
  }

  /** A pool of the given op ids, for spaces that name pools of their own. */
  protected final OpPool pool(java.util.BitSet ops) {
    return new OpPool(this, ops);
  }

  /**
   * A pool this space names itself (nb201x: {@code full} is NB-201's five ops, {@code all} its eleven),
   * or null: then {@code all} and {@code full} are every op.
   */
  protected OpPool namedPool(String name) {
    return null;
  }

  /** The label of a pool this space names itself, or null for the usual one ({@code full} or ops joined by +). */
  protected String poolLabel(OpPool pool) {
    return null;
  }

  /** Number of architectures in the full space (rows of its tables). */
  public abstract int size();

  /** Codes lie in {@code [0, codeRange())}; not every code need be a valid architecture. */
  public abstract int codeRange();

  /** The architecture at an official benchmark index. */
  public abstract Arch byIndex(int index);

  public abstract int indexOf(Arch arch);

  /** Parses an official string; a bad string gets an error naming the token and what was expected. */
  public abstract Arch parse(String official);

  public abstract String format(Arch arch);

  public abstract int[] ops(Arch arch);

  /** Whether the cell has a path from input to output through non-zero ops (true where not applicable). */
  public abstract boolean isConnected(Arch arch);

  /** Whether the space has "disconnected" architectures at all (cells with a {@code none} op). */
  public abstract boolean hasDisconnected();

  /**
   * The architectures one local move away, before pool and connectivity filtering: for cells every
   * one-edge op change, for macro layouts the space's own moves. May include architectures outside
   * the pool; {@link SearchDomain} filters them.
   */
  public abstract List<Arch> moves(Arch arch);

  /** Whether every op of the architecture lies in the pool. */
  public boolean inPool(Arch arch, OpPool pool) {
    for (int op : ops(arch)) {
      if (!pool.contains(op)) {
        return false;
      }
    }
    return true;
  }

  /** One Arch per code, made on first use (spaces of up to {@link #INTERNED} codes): searches make millions. */
  private Arch[] interned;
  private static final int INTERNED = 1 << 20;

  /** The architecture for a code; only for codes produced by this space. */
  protected final Arch arch(int code) {
    Arch[] cache = interned;
    if (cache == null) {
      if (codeRange() > INTERNED) {
        return new Arch(this, code);
      }
      cache = new Arch[codeRange()];
      interned = cache; // a racing thread may make its own table: Archs are equal by code, never by identity
    }
    Arch a = cache[code];
    if (a == null) {
      a = new Arch(this, code); // final fields: safely shared even when published through a race
      cache[code] = a;
    }
    return a;
  }

  protected final NashException badString(String s, String why) {
    return new NashException("bad " + name + " architecture string '" + s + "': " + why);
  }

  public SearchDomain domain(OpPool pool, boolean allowDisconnected) {
    return new SearchDomain(this, pool, allowDisconnected, a -> true);
  }

  /** A domain further restricted to architectures accepted by {@code filter} (e.g. those a table holds). */
  public SearchDomain domain(OpPool pool, boolean allowDisconnected, java.util.function.Predicate<Arch> filter) {
    return new SearchDomain(this, pool, allowDisconnected, filter);
  }

  @Override
  public String toString() {
    return name;
  }
}
