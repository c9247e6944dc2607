package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The advice of {@code nash doctor} for each situation a user can be in, without a GPU. */
class DoctorTest {
  private static Doctor.Facts facts(String libtorch, int gpus, boolean cpuJar, boolean driver, String path,
      String version, String flavor) {
    return new Doctor.Facts("0.36.0", "2.7.1", libtorch == null ? "Offline mode is enabled." : null, libtorch, gpus,
        gpus > 0, cpuJar, true, driver, path, version, flavor);
  }

  private static String text(Doctor.Report r) {
    return String.join("\n", r.lines());
  }

  @Test
  void thisMachineCpuOnlyIsFineForCpu() {
    Doctor.Report r = Doctor.diagnose(facts("2.7.1", 0, true, false, null, null, null), false);
    assertTrue(r.ready());
    assertTrue(text(r).contains("libtorch    2.7.1, flavour cpu, from the pytorch-native-cpu jar"), text(r));
  }

  @Test
  void noDriverMeansNoGpu() {
    Doctor.Report r = Doctor.diagnose(facts("2.7.1", 0, true, false, null, null, null), true);
    assertFalse(r.ready());
    assertTrue(text(r).contains("no NVIDIA driver"), text(r));
  }

  @Test
  void driverWithCpuLibtorchGivesBothFixes() {
    Doctor.Report r = Doctor.diagnose(facts("2.7.1", 0, true, true, null, null, null), true);
    assertFalse(r.ready());
    String t = text(r);
    assertTrue(t.contains("the libtorch in use is the CPU build"), t);
    assertTrue(t.contains("NASH_DJL_DOWNLOAD=1 ./nash doctor --device gpu"), t);
    assertTrue(t.contains("pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128"), t);
    assertTrue(t.contains("PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128"), t);
  }

  @Test
  void wrongLocalLibtorchVersionIsNamed() {
    Doctor.Report r = Doctor.diagnose(facts(null, 0, true, true, "/opt/torch/lib", "2.6.0", "cu124"), true);
    assertFalse(r.ready());
    assertTrue(text(r).contains("PYTORCH_VERSION is 2.6.0 but this DJL engine needs libtorch 2.7.1"), text(r));
  }

  @Test
  void cudaLibtorchWithoutDeviceBlamesTheDriver() {
    Doctor.Report r = Doctor.diagnose(facts("2.7.1", 0, true, true, "/opt/torch/lib", "2.7.1", "cu128"), true);
    assertFalse(r.ready());
    assertTrue(text(r).contains("CUDA >= 12.8"), text(r));
  }

  @Test
  void gpuFound() {
    Doctor.Report r = Doctor.diagnose(facts("2.7.1", 2, false, true, null, null, null), true);
    assertTrue(r.ready());
    assertTrue(text(r).contains("--device gpu works: 2 CUDA device(s), cuDNN autotuning on"), text(r));
  }

  @Test
  void gatheredFactsOnThisCpuMachine() {
    Doctor.Facts f = Doctor.gather();
    assertEquals("2.7.1", f.expectedLibtorch());
    assertEquals("2.7.1", f.libtorch());
    assertTrue(f.cpuJarOnClasspath());
    assertEquals(0, f.gpus());
  }
}
