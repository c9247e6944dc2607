package org.nash.search;

/**
 * Optional for a {@link Searcher} that has to name its trial outside the JVM (the external searcher
 * starts the trial in a worker process and puts the key in every error). Everything else a searcher
 * needs comes through the SPI itself: domain, generator and budget from the factory, signal and cost
 * from {@code tell}.
 */
public interface TrialAware {
  /** Right after the searcher is made, before the first {@code ask}: the trial key (dataset/pool/searcher/seed). */
  void begin(String trialKey);

  /** After the trial's last {@code tell}: its stop reason, or "failed" when the trial threw. */
  void end(String stop);
}
