package org.nash.retrain;

import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;

/**
 * Which device each training worker uses: on the GPU, workers go round robin over the device list,
 * worker k (from 0) on {@code devices[k mod D]}, so {@code workers: 4, devices: [0, 1]} puts workers 0
 * and 2 on gpu(0), 1 and 3 on gpu(1). The list is the {@code devices} parameter, else every device
 * {@code CUDA_VISIBLE_DEVICES} shows (CUDA numbers the visible ones 0..D-1 inside the process, which is
 * what Slurm's {@code --gres=gpu:K} sets up), else device 0. A pure function of its inputs, so it is
 * tested without a GPU; the worker's actual device is recorded with every training it stores.
 */
public final class DeviceAssignment {
  private DeviceAssignment() {}

  /**
   * The device name of every worker: {@code cpu} for each on the CPU, else {@code gpu:K}.
   *
   * @param kind {@code cpu} or {@code gpu}
   * @param devices the {@code devices} parameter (GPU indices as the process sees them), or null
   * @param cudaVisibleDevices the {@code CUDA_VISIBLE_DEVICES} value, or null
   */
  public static List<String> assign(int workers, String kind, List<Integer> devices, String cudaVisibleDevices) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    List<String> out = new ArrayList<>();
    if (kind.equals("cpu")) {
      for (int k = 0; k < workers; k++) {
        out.add("cpu");
      }
      return out;
    }
    List<Integer> list = devices(devices, cudaVisibleDevices);
    for (int k = 0; k < workers; k++) {
      out.add("gpu:" + list.get(k % list.size()));
    }
    return out;
  }

  /** The GPUs to spread over: the parameter, else the visible ones, else [0]. */
  public static List<Integer> devices(List<Integer> devices, String cudaVisibleDevices) {
    if (devices != null && !devices.isEmpty()) {
      for (int d : devices) {
        if (d < 0) {
          throw new NashException("parameter 'devices': GPU indices are >= 0, got " + d);
        }
      }
      if (devices.stream().distinct().count() != devices.size()) {
        throw new NashException("parameter 'devices': " + devices + " names a GPU twice");
      }
      return List.copyOf(devices);
    }
    if (cudaVisibleDevices != null && !cudaVisibleDevices.isBlank()) {
      // entries may be indices or UUIDs; inside the process they are renumbered 0..D-1 in this order
      long n = java.util.Arrays.stream(cudaVisibleDevices.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .count();
      if (n == 0 || cudaVisibleDevices.trim().equals("-1")) {
        return List.of(0);
      }
      List<Integer> visible = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        visible.add(i);
      }
      return visible;
    }
    return List.of(0);
  }

  /** The {@code devices} parameter: a list of GPU indices, or a comma-separated text of them. */
  public static List<Integer> parse(Object value) {
    if (value == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    Iterable<?> items = value instanceof List<?> l ? l : List.of(value.toString().split(","));
    for (Object o : items) {
      String s = String.valueOf(o).trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw new NashException("parameter 'devices': expected GPU indices like [0, 1], got '" + s + "'");
      }
    }
    return out;
  }

  /** The slot a new worker takes: the first of the least used (so successive workers go round robin). */
  public static int leastUsed(int[] live) {
    int best = 0;
    for (int k = 1; k < live.length; k++) {
      if (live[k] < live[best]) {
        best = k;
      }
    }
    return best;
  }
}
