package org.nash.retrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.nash.NashException;

/**
 * DJL start-up rules in one place. DJL must never reach the network: offline mode stops it from
 * downloading a libtorch (ours comes from the pytorch-native-cpu jar on the classpath) and from its
 * usage "call home", which probes cloud metadata addresses. Both are read when DJL's classes first
 * load, so {@link #offline()} must run before any {@code ai.djl} class is touched; every entry point
 * of this module calls it first. Environment variables set by the launcher ({@code DJL_OFFLINE},
 * {@code OPT_OUT_TRACKING}) take precedence over these properties in DJL, so we only fill gaps.
 */
public final class DjlSetup {
  private DjlSetup() {}

  /** Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} unless already set. */
  public static void offline() {
    passiveOpenMp();
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // DJL reads OPT_OUT_TRACKING from the environment first, then from this system property.
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  /**
   * {@code cpu} or {@code gpu} for a device name ({@code cpu}, {@code gpu}, or {@code gpu:K} for GPU K),
   * without loading the engine; else an error.
   */
  public static String deviceKind(String name) {
    String d = name == null ? "cpu" : name.trim().toLowerCase(java.util.Locale.ROOT);
    if (!d.equals("cpu") && !d.equals("gpu") && !d.matches("gpu:\\d+")) {
      throw new NashException("--device must be cpu, gpu or gpu:K, got '" + name + "'");
    }
    return d.startsWith("gpu") ? "gpu" : "cpu";
  }

  /** K of {@code gpu:K}, 0 for {@code gpu}. */
  static int gpuIndex(String name) {
    String d = name.trim().toLowerCase(java.util.Locale.ROOT);
    return d.startsWith("gpu:") ? Integer.parseInt(d.substring(4)) : 0;
  }

  /**
   * The device for {@code --device cpu|gpu}, with the engine loaded. A GPU request that cannot be met
   * stops with what was found and what is missing, instead of a JNI stack trace.
   */
  public static Device device(String name) {
    offline();
    String d = deviceKind(name);
    if (d.equals("gpu")) {
      // cuDNN autotuning: picks the fastest conv kernels for our fixed shapes (read at engine load).
      if (System.getProperty("ai.djl.pytorch.cudnn_benchmark") == null) {
        System.setProperty("ai.djl.pytorch.cudnn_benchmark", "true");
      }
    }
    Engine engine = engine();
    if (d.equals("cpu")) {
      return Device.cpu();
    }
    int gpus = engine.getGpuCount();
    int index = gpuIndex(name);
    if (gpus > index) {
      return Device.gpu(index);
    }
    if (gpus > 0) {
      throw new NashException("--device " + name + ": this process sees " + gpus + " CUDA device(s), 0.." + (gpus - 1)
          + " (CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES") + "); use devices within that range");
    }
    throw new NashException("--device gpu: no usable GPU. Found the " + engine.getEngineName() + " engine "
        + engine.getVersion() + " with libtorch flavour '" + flavour() + "' and 0 CUDA devices. Missing: a CUDA "
        + "libtorch that DJL can load, either (a) the ai.djl.pytorch:pytorch-native-cu128 jar (classifier "
        + "linux-x86_64) on the classpath instead of pytorch-native-cpu, or (b) a local CUDA libtorch given with "
        + "PYTORCH_LIBRARY_PATH=<libtorch>/lib and PYTORCH_FLAVOR=cu128 (with a DJL JNI bridge built for that "
        + "libtorch version), plus an NVIDIA driver (nvidia-smi should list a GPU). Use --device cpu to train "
        + "on the CPU.");
  }

  /** The PyTorch engine, or a clear message when its native libraries cannot be loaded. */
  public static Engine engine() {
    offline();
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new NashException("cannot load DJL's PyTorch engine: " + root.getMessage() + ". nash retrain needs "
          + "ai.djl.pytorch:pytorch-engine, pytorch-jni and a libtorch (the pytorch-native-cpu jar, or "
          + "PYTORCH_LIBRARY_PATH) on the classpath; DJL runs offline here, so it cannot download one.", e);
    }
  }

  /** libc's setenv, through JNA (a DJL dependency). */
  private interface LibC extends com.sun.jna.Library {
    int setenv(String name, String value, int overwrite);
  }

  private static boolean openMpDone;

  /**
   * Makes libtorch's OpenMP threads sleep instead of spin while they wait ({@code OMP_WAIT_POLICY=
   * PASSIVE}) unless the user chose a policy. On a small machine shared with other processes spinning
   * threads steal the cores the working ones need: measured on 2 busy cores, a small network ran 0.8
   * steps/s spinning and 5.8 steps/s passive. libgomp reads the variable when libtorch loads, so this
   * must run before the engine starts; Java cannot change its environment, hence libc's setenv.
   */
  private static synchronized void passiveOpenMp() {
    if (openMpDone || System.getenv("OMP_WAIT_POLICY") != null) {
      return;
    }
    openMpDone = true;
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return;
    }
    try {
      com.sun.jna.Native.load("c", LibC.class).setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    } catch (RuntimeException | LinkageError e) {
      // best effort: without it training is correct, only slower on a busy machine
    }
  }

  public static String flavour() {
    String f = System.getenv("PYTORCH_FLAVOR");
    return f != null ? f : "cpu (from the classpath jar)";
  }
}
