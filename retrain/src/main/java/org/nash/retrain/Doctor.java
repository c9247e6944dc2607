package org.nash.retrain;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code nash doctor}: what DJL found (engine, libtorch version and flavour, CUDA devices, cuDNN)
 * and, when the requested device cannot be used, the exact command that fixes it. The facts are
 * gathered once ({@link #gather()}); the advice is a pure function of them ({@link #diagnose}), so it
 * is tested without a GPU.
 */
public final class Doctor {
  /** The CUDA flavour whose JNI bridge ships in the pytorch-jni jar (jnilib/linux-x86_64/cu128). */
  public static final String CUDA_FLAVOUR = "cu128";

  private Doctor() {}

  /**
   * What the machine and the JVM offer.
   *
   * @param expectedLibtorch the libtorch version DJL's engine is built for (pytorch-engine.properties)
   * @param loadError why the engine did not load, or null
   * @param libtorch the loaded libtorch's version, or null
   * @param cpuJarOnClasspath the pytorch-native-cpu jar is on the classpath (DJL then never looks further)
   * @param offline DJL may not download ({@code DJL_OFFLINE} / {@code ai.djl.offline})
   * @param nvidiaDriver an NVIDIA kernel driver is loaded ({@code /proc/driver/nvidia/version})
   * @param libraryPath, version, flavor {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}
   */
  public record Facts(String djl, String expectedLibtorch, String loadError, String libtorch, int gpus, boolean cudnn,
      boolean cpuJarOnClasspath, boolean offline, boolean nvidiaDriver, String libraryPath, String version,
      String flavor) {}

  /** The advice: whether the device is usable, and what to print (facts first, then the fix). */
  public record Report(boolean ready, List<String> lines) {}

  public static Facts gather() {
    DjlSetup.offline();
    String expected = expectedLibtorch();
    String error = null;
    String version = null;
    int gpus = 0;
    boolean cudnn = false;
    try {
      Engine e = Engine.getEngine("PyTorch");
      version = e.getVersion();
      gpus = e.getGpuCount();
      cudnn = e.hasCapability(StandardCapabilities.CUDNN);
    } catch (RuntimeException | LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      error = String.valueOf(root.getMessage());
    }
    String offlineEnv = System.getenv("DJL_OFFLINE");
    boolean offline = offlineEnv != null ? Boolean.parseBoolean(offlineEnv)
        : Boolean.parseBoolean(System.getProperty("ai.djl.offline", "false"));
    return new Facts(Engine.getDjlVersion(), expected, error, version, gpus, cudnn,
        Doctor.class.getClassLoader().getResource("native/lib/pytorch.properties") != null, offline,
        Files.exists(Path.of("/proc/driver/nvidia/version")), System.getenv("PYTORCH_LIBRARY_PATH"),
        System.getenv("PYTORCH_VERSION"), System.getenv("PYTORCH_FLAVOR"));
  }

  private static String expectedLibtorch() {
    try (InputStream in = Engine.class.getClassLoader().getResourceAsStream("pytorch-engine.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("pytorch_version", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** The facts and, for {@code gpu}, whether training can use it and the exact fix when it cannot. */
  public static Report diagnose(Facts f, boolean gpu) {
    List<String> out = new ArrayList<>();
    String source = f.libraryPath() != null ? "PYTORCH_LIBRARY_PATH=" + f.libraryPath()
        : f.cpuJarOnClasspath() ? "the pytorch-native-cpu jar on the classpath" : "DJL's download cache (~/.djl.ai)";
    out.add("engine      DJL " + f.djl() + " PyTorch engine, built for libtorch " + f.expectedLibtorch());
    out.add("libtorch    " + (f.libtorch() != null ? f.libtorch() : "NOT LOADED: " + f.loadError()) + ", flavour "
        + (f.flavor() != null ? f.flavor() : f.libraryPath() == null && f.cpuJarOnClasspath() ? "cpu" : "auto") + ", from "
        + source);
    out.add("cuda        " + f.gpus() + " device(s), cuDNN " + (f.cudnn() ? "yes" : "no") + "; NVIDIA driver "
        + (f.nvidiaDriver() ? "loaded" : "not found (/proc/driver/nvidia/version)") + "; DJL downloads "
        + (f.offline() ? "off" : "ON"));
    String local = "PYTORCH_LIBRARY_PATH=$(python -c 'import torch, os; print(os.path.dirname(torch.__file__))')/lib "
        + "PYTORCH_VERSION=" + f.expectedLibtorch() + " PYTORCH_FLAVOR=" + CUDA_FLAVOUR;
    String pip = "pip install torch==" + f.expectedLibtorch() + " --index-url https://download.pytorch.org/whl/"
        + CUDA_FLAVOUR;
    if (f.libtorch() == null) {
      if (f.libraryPath() != null && !f.expectedLibtorch().equals(f.version())) {
        return new Report(false, add(out, "problem     PYTORCH_VERSION is " + f.version() + " but this DJL engine needs "
            + "libtorch " + f.expectedLibtorch(), "fix         " + pip + "  then  " + local + " ./nash doctor --device gpu"));
      }
      return new Report(false, add(out, "problem     the engine cannot load libtorch",
          "fix         " + (f.libraryPath() != null ? "check that " + f.libraryPath() + " holds libtorch.so of "
              + f.expectedLibtorch() + " (" + pip + "), or unset PYTORCH_LIBRARY_PATH to use the CPU jar"
              : "rebuild the launcher's classpath: ./mvnw -B -q package -DskipTests -pl cli -am")));
    }
    if (!gpu) {
      return new Report(true, add(out, "ok          --device cpu works"));
    }
    if (f.gpus() > 0) {
      return new Report(true, add(out, "ok          --device gpu works: " + f.gpus() + " CUDA device(s)"
          + (f.cudnn() ? ", cuDNN autotuning on" : ", WITHOUT cuDNN (slow convolutions)")));
    }
    if (!f.nvidiaDriver()) {
      return new Report(false, add(out, "problem     no NVIDIA driver: this machine has no GPU nash can use",
          "fix         install the NVIDIA driver (nvidia-smi must list a GPU), or train with --device cpu"));
    }
    if (f.libraryPath() != null || (f.flavor() != null && f.flavor().startsWith("cu"))) {
      return new Report(false, add(out, "problem     a CUDA libtorch is configured but sees no device (driver too old for "
          + "its CUDA, or a CPU build at PYTORCH_LIBRARY_PATH)", "fix         nvidia-smi must show CUDA >= 12.8 for "
          + CUDA_FLAVOUR + "; then " + pip + "  and  " + local + " ./nash doctor --device gpu"));
    }
    return new Report(false, add(out, "problem     the libtorch in use is the CPU build (" + source + ")",
        "fix (online, once)   NASH_DJL_DOWNLOAD=1 ./nash doctor --device gpu   (DJL fetches its CUDA libtorch "
            + f.expectedLibtorch() + " into ~/.djl.ai; usage tracking stays off)",
        "fix (offline)        " + pip + "  then  " + local + " ./nash doctor --device gpu"));
  }

  private static List<String> add(List<String> out, String... lines) {
    out.addAll(List.of(lines));
    return out;
  }
}
