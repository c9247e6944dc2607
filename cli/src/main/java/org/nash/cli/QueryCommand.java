package org.nash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.table.Column;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nash query}: every table value of one architecture on one dataset, by official string or
 * index; the counterpart of NATS-Bench's {@code query_by_index} for scripts and notebooks.
 */
@Command(name = "query", description = "Every table column of one architecture (by string or index) for one dataset.")
final class QueryCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Option(names = "--benchmark", required = true, description = "nb201, tnb-micro, tnb-macro or nb101")
  String benchmark;

  @Option(names = "--dataset", description = "dataset or task (default: all); columns of no dataset are always shown")
  String dataset;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--arch", description = "official architecture string, e.g. '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'")
    String arch;

    @Option(names = "--index", description = "official benchmark index (row of the tables)")
    Integer index;

    @Option(names = "--stdin", description = "bulk look-ups: one JSON request per stdin line, one JSON answer per stdout"
        + " line, e.g. {\"dataset\": \"cifar10\", \"index\": 9930, \"fidelity\": \"hp12\"} (see clients/python/nash_query.py)")
    boolean stdin;
  }

  @Option(names = "--fields", split = ",", description = "with --stdin: the answer fields, of "
      + "index, arch, fidelity, signal, reported, cost, cost_estimated (default: all)")
  List<String> fields;

  @Option(names = "--json", description = "one JSON object instead of a table")
  boolean json;

  @Override
  public void run() {
    if (which.stdin) {
      if (dataset != null || json) {
        throw new NashException("--stdin takes the dataset from each line and always answers in JSON;"
            + " drop --dataset and --json");
      }
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
      java.io.Writer out = new java.io.BufferedWriter(
          new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
      try {
        new QueryStream(name -> Benchmarks.load(name, nash.catalog(), nash.loader()), benchmark,
            fields == null ? QueryStream.FIELDS : fields).serve(in, out);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return;
    }
    if (fields != null) {
      throw new NashException("--fields is for --stdin");
    }
    org.nash.io.Timing.mark("query parsed");
    Benchmark b = Benchmarks.load(benchmark, nash.catalog());
    org.nash.io.Timing.mark("benchmark loaded");
    Arch a;
    if (which.arch != null) {
      a = b.space().parse(which.arch.trim());
    } else {
      if (which.index < 0 || which.index >= b.space().size()) {
        throw new NashException("--index " + which.index + " is not an architecture of " + b.name() + " (0.."
            + (b.space().size() - 1) + ")");
      }
      a = b.space().byIndex(which.index);
    }
    Set<String> datasets = new HashSet<>(b.datasets());
    // The objective's own columns too: NB-201 searches cifar10 on cifar10-valid's validation accuracy.
    Map<String, String> roles = new LinkedHashMap<>();
    if (dataset != null) {
      Objective o = b.objective(dataset);
      roles.put(o.reportedKey(), "reported");
      o.signals().forEach((f, k) -> roles.merge(k, "search signal at " + f.name(), (x, y) -> x + ", " + y));
    }
    List<Column> shown = new ArrayList<>();
    for (Column c : b.table().columns()) {
      int slash = c.key().indexOf('/');
      String prefix = slash < 0 ? null : c.key().substring(0, slash);
      if (dataset == null || prefix == null || !datasets.contains(prefix) || prefix.equals(dataset)
          || roles.containsKey(c.key())) {
        shown.add(c);
      }
    }
    int row = a.index();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode n = m.createObjectNode();
      n.put("benchmark", b.name());
      n.put("data_version", b.version());
      if (dataset != null) {
        n.put("dataset", dataset);
      }
      n.put("index", row);
      n.put("arch", a.toString());
      ObjectNode values = n.putObject("values");
      ObjectNode about = n.putObject("columns");
      for (Column c : shown) {
        double v = c.get(row);
        if (Double.isNaN(v)) {
          values.putNull(c.key());
        } else {
          values.put(c.key(), v);
        }
        ObjectNode i = about.putObject(c.key());
        i.put("description", c.info().description());
        i.put("aggregate", c.info().aggregate().name().toLowerCase(Locale.ROOT));
        i.put("source", c.info().source());
        if (roles.containsKey(c.key())) {
          i.put("role", roles.get(c.key()));
        }
      }
      System.out.println(n.toPrettyString());
      return;
    }
    // padded by hand: java.util.Formatter (printf) was a tenth of a look-up's start-up CPU
    StringBuilder out = new StringBuilder();
    out.append(b.name()).append(" (data ").append(b.version()).append(") index ").append(row).append(": ").append(a)
        .append(System.lineSeparator());
    int w = shown.stream().mapToInt(c -> c.key().length()).max().orElse(10);
    for (Column c : shown) {
      double v = c.get(row);
      pad(out, c.key(), w).append("  ");
      pad(out, Double.isNaN(v) ? "-" : Double.toString(v), 20).append("  ")
          .append(c.info().description() + (roles.containsKey(c.key()) ? " [" + roles.get(c.key()) + "]" : ""))
          .append(System.lineSeparator());
    }
    System.out.print(out);
    if (b.note() != null) {
      System.out.println("note: " + b.note());
    }
  }

  /** {@code s} left-aligned in {@code width} characters, as {@code %-Ns}. */
  private static StringBuilder pad(StringBuilder out, String s, int width) {
    out.append(s);
    for (int i = s.length(); i < width; i++) {
      out.append(' ');
    }
    return out;
  }
}
