package org.nash.searchers.external;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.nash.space.Arch;
import org.nash.space.CellSpace;
import org.nash.space.SearchDomain;
import org.nash.space.SearchSpace;

/** The messages nash sends (docs/PROTOCOL.md specifies them all). */
final class Protocol {
  static final int VERSION = 1;
  /** Source and target node of each cell edge, in official string order. */
  private static final int[][] CELL_EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

  private Protocol() {}

  static ObjectNode hello(String label, Map<String, Object> params) {
    ObjectNode n = Worker.JSON.createObjectNode();
    n.put("type", "hello");
    n.put("protocol", VERSION);
    n.put("searcher", label);
    n.set("params", Worker.JSON.valueToTree(params));
    n.put("nash", org.nash.Provenance.version());
    return n;
  }

  /**
   * A domain, sent once per worker; its id is a digest of its content, so equal domains share it.
   * {@code archJson} caches each architecture's quoted string by index for tells (filled lazily;
   * racing writers store equal immutable strings).
   */
  record Domain(String id, String json, String[] archJson) {}

  static Domain domain(SearchDomain d) {
    SearchSpace s = d.space();
    ObjectNode n = Worker.JSON.createObjectNode();
    n.put("type", "domain");
    ArrayNode members = Worker.JSON.createArrayNode();
    ArrayNode memberOps = Worker.JSON.createArrayNode();
    StringBuilder content = new StringBuilder(s.name()).append('|').append(d.pool().label());
    for (int i = 0; i < d.size(); i++) {
      Arch a = d.get(i);
      members.add(a.index());
      ArrayNode ops = memberOps.addArray();
      for (int op : a.ops()) {
        ops.add(op);
      }
      content.append(',').append(a.index());
    }
    String id = s.name() + "/" + d.pool().label() + "/" + digest(content.toString());
    n.put("id", id);
    n.put("space", s.name());
    ArrayNode ops = n.putArray("ops");
    ArrayNode shortNames = n.putArray("op_short");
    for (int i = 0; i < s.opNames().size(); i++) {
      ops.add(s.opNames().get(i));
      shortNames.add(s.opAlias(i));
    }
    ArrayNode pool = n.putArray("pool");
    for (int op : d.pool().ids()) {
      pool.add(op);
    }
    n.put("pool_label", d.pool().label());
    n.put("allow_disconnected", d.allowsDisconnected());
    n.put("space_size", s.size());
    n.put("size", d.size());
    if (s instanceof CellSpace) {
      n.put("nodes", 4);
      ArrayNode edges = n.putArray("edges");
      for (int[] e : CELL_EDGES) {
        edges.addArray().add(e[0]).add(e[1]);
      }
    }
    n.set("members", members);
    n.set("member_ops", memberOps);
    return new Domain(id, n.toString(), new String[s.size()]);
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String start(String trialKey, long seed, String domainId, String budgetKind, double budget) {
    ObjectNode n = Worker.JSON.createObjectNode();
    n.put("type", "start");
    n.put("trial", trialKey);
    n.put("seed", seed);
    n.put("domain", domainId);
    if (budgetKind != null) {
      ObjectNode b = n.putObject("budget");
      b.put("kind", budgetKind);
      b.put("total", budget);
    }
    return n.toString();
  }

  static final String ASK = "{\"type\":\"ask\"}";

  /** Hand-built: the hot path. Doubles print in Java's shortest round-trip form, which Python reads exactly. */
  static StringBuilder tell(StringBuilder sb, Domain d, Arch a, double signal, double cost, double budgetLeft) {
    int index = a.index();
    String arch = d.archJson()[index];
    if (arch == null) {
      arch = quoted(a.toString());
      d.archJson()[index] = arch;
    }
    sb.setLength(0);
    sb.append("{\"type\":\"tell\",\"index\":").append(index).append(",\"arch\":").append(arch)
        .append(",\"signal\":").append(number(signal));
    if (!Double.isNaN(cost)) {
      sb.append(",\"cost\":").append(number(cost));
    }
    if (!Double.isNaN(budgetLeft)) {
      sb.append(",\"budget_left\":").append(number(budgetLeft));
    }
    return sb.append('}');
  }

  private static String quoted(String s) {
    return s.indexOf('"') < 0 && s.indexOf('\\') < 0 ? '"' + s + '"' : Worker.JSON.getNodeFactory().textNode(s).toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : v > 0 ? "1e999" : v < 0 ? "-1e999" : "null";
  }

  static String end(String trialKey, String stop) {
    ObjectNode n = Worker.JSON.createObjectNode();
    n.put("type", "end");
    n.put("trial", trialKey);
    n.put("stop", stop);
    return n.toString();
  }
}
