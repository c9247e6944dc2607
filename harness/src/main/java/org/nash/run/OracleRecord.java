package org.nash.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nash.NashException;
import org.nash.io.AtomicFiles;
import org.nash.oracle.Oracle;
import org.nash.plan.Plan;
import org.nash.plan.TrialContext;

/**
 * {@code oracle.json}: what the run's oracles decided before answering ({@link Oracle#provenance()}),
 * by dataset, e.g. the calibration of trained against table values. Written when a run starts, only
 * when an oracle has something to record, so table-only results folders stay as they were.
 */
public final class OracleRecord {
  public static final String NAME = "oracle.json";

  private OracleRecord() {}

  static void write(Plan plan, Path dir) {
    Map<String, Object> byDataset = new LinkedHashMap<>();
    Map<Oracle, Boolean> seen = new IdentityHashMap<>();
    int pools = plan.trials().pools().size();
    for (int i = 0; i < plan.cells().size(); i++) {
      TrialContext c = plan.cells().get(i);
      if (seen.put(c.oracle(), true) == null) {
        Map<String, Object> p = c.oracle().provenance();
        if (p != null) {
          byDataset.put(plan.trials().datasets().get(i / pools), p);
        }
      }
    }
    if (byDataset.isEmpty()) {
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "nash-oracle/1");
    doc.put("oracle", plan.experiment().oracle().name());
    doc.put("datasets", byDataset);
    try {
      AtomicFiles.writeAtomically(dir.resolve(NAME),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NashException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage());
    }
  }

}
