package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code nash doctor} on this CPU-only machine: cpu is fine, gpu is refused with the fix. */
class DoctorCommandTest {
  @Test
  void cpuIsReadyAndGpuIsNot() {
    CliRunner.Result r = CliRunner.run("doctor", "--device", "cpu");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("engine      DJL 0.36.0 PyTorch engine, built for libtorch 2.7.1"), r.out());
    assertTrue(r.out().contains("ok          --device cpu works"), r.out());

    r = CliRunner.run("doctor");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("problem") && r.out().contains("fix"), r.out());
    assertTrue(r.err().contains("--device gpu cannot be used yet"), r.err());

    r = CliRunner.run("doctor", "--device", "tpu");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--device must be cpu or gpu, got 'tpu'"), r.err());
  }
}
