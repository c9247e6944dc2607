package org.nash.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.io.AtomicFiles;

/**
 * The experiment a results folder holds: its {@code config.yaml} (the resolved config, the folder's
 * identity) and the {@code run.json} beside it (provenance), read and checked together.
 *
 * @param run the folder's run.json; empty for folders written before run.json existed
 */
public record SavedExperiment(Path dir, Experiment experiment, String configText, Optional<RunInfo> run) {
  public static final String CONFIG_NAME = "config.yaml";

  /** The folder's saved experiment, or empty when it has no config.yaml. */
  public static Optional<SavedExperiment> read(Path dir) {
    Path f = dir.resolve(CONFIG_NAME);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(f);
    } catch (IOException e) {
      throw new NashException("cannot read " + f + ": " + e.getMessage(), e);
    }
    Experiment e = ConfigLoader.parse(text, f.toString());
    return Optional.of(new SavedExperiment(dir, e, text, RunInfo.readFor(dir, text)));
  }

  /** Writes config.yaml, then the run.json that names its hash; returns the run.json written. */
  public static RunInfo write(Path dir, Experiment e, RunInfo info) {
    String text = ConfigLoader.toYaml(e);
    AtomicFiles.writeAtomically(dir.resolve(CONFIG_NAME), text);
    RunInfo mine = info.forConfig(RunInfo.sha256(text));
    mine.write(dir);
    return mine;
  }
}
