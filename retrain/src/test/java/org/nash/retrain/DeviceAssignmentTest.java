package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nash.NashException;

/** Workers over GPUs (issue 25), with fake device lists: no GPU needed. */
class DeviceAssignmentTest {
  private static Map<String, Integer> perDevice(List<String> assigned) {
    Map<String, Integer> m = new TreeMap<>();
    assigned.forEach(d -> m.merge(d, 1, Integer::sum));
    return m;
  }

  @Test
  void fourWorkersOverTwoDevicesGetTwoEach() {
    List<String> a = DeviceAssignment.assign(4, "gpu", List.of(0, 1), null);
    assertEquals(List.of("gpu:0", "gpu:1", "gpu:0", "gpu:1"), a);
    assertEquals(Map.of("gpu:0", 2, "gpu:1", 2), perDevice(a));
    assertEquals(Map.of("gpu:2", 2, "gpu:5", 1), perDevice(DeviceAssignment.assign(3, "gpu", List.of(2, 5), null)));
  }

  @Test
  void withoutTheParameterTheVisibleDevicesAreUsedAsCudaNumbersThem() {
    // Slurm --gres=gpu:3 sets CUDA_VISIBLE_DEVICES=4,5,7: inside the process they are 0, 1, 2
    assertEquals(List.of("gpu:0", "gpu:1", "gpu:2", "gpu:0"), DeviceAssignment.assign(4, "gpu", null, "4,5,7"));
    assertEquals(List.of("gpu:0", "gpu:1"), DeviceAssignment.assign(2, "gpu", List.of(), "GPU-aa,GPU-bb"));
    assertEquals(List.of("gpu:0", "gpu:0"), DeviceAssignment.assign(2, "gpu", null, null));
    // the parameter wins over the environment
    assertEquals(List.of("gpu:1", "gpu:1"), DeviceAssignment.assign(2, "gpu", List.of(1), "0,1"));
  }

  @Test
  void onTheCpuEveryWorkerIsCpu() {
    assertEquals(List.of("cpu", "cpu", "cpu"), DeviceAssignment.assign(3, "cpu", List.of(0, 1), "0,1"));
  }

  @Test
  void aReplacedWorkerTakesTheDeviceItsPredecessorLeft() {
    int[] live = {0, 0};
    int[] order = new int[4];
    for (int k = 0; k < 4; k++) {
      order[k] = DeviceAssignment.leastUsed(live);
      live[order[k]]++;
    }
    assertEquals("[0, 1, 0, 1]", java.util.Arrays.toString(order));
    live[1]--; // the second worker died
    assertEquals(1, DeviceAssignment.leastUsed(live));
  }

  @Test
  void badDeviceListsAreErrorsNamingTheParameter() {
    assertEquals(List.of(0, 1), DeviceAssignment.parse(List.of(0, 1)));
    assertEquals(List.of(0, 2), DeviceAssignment.parse("0, 2"));
    NashException e = assertThrows(NashException.class, () -> DeviceAssignment.parse(List.of("x")));
    assertTrue(e.getMessage().contains("devices"), e.getMessage());
    assertThrows(NashException.class, () -> DeviceAssignment.devices(List.of(0, 0), null));
    assertThrows(NashException.class, () -> DeviceAssignment.devices(List.of(-1), null));
    assertEquals("gpu", DjlSetup.deviceKind("gpu:3"));
    assertThrows(NashException.class, () -> DjlSetup.deviceKind("gpu:x"));
  }
}
