package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;

/** What crosses the worker protocol comes back exactly: settings (seed, float rates) and results (NaN too). */
class WorkerProtocolTest {
  @Test
  void settingsAndResultsRoundTripExactly() throws Exception {
    TrainSettings s = TrainSettings.nb201(12).withNetwork(4, 1).withSeed(-7046029254386353131L).withEvalEachEpoch(true);
    assertEquals(s, WorkerProtocol.JSON.treeToValue(WorkerProtocol.read(WorkerProtocol.write(s)), TrainSettings.class));
    TrainResult r = new TrainResult(11446, List.of(new EpochResult(1, Double.NaN, 9.5, Double.NaN, 10.0, 1.5, 100.25,
        0.1), new EpochResult(2, 2.302585092994046, 17.123456789012345, 2.2, 33.48, 1e-3, 774.6, 0.0983)), 33.48,
        Double.NaN, 654.0000001);
    assertEquals(r, WorkerProtocol.JSON.treeToValue(WorkerProtocol.read(WorkerProtocol.write(r)), TrainResult.class));
  }

  @Test
  void workerCommandIsThisJavaWithItsClassPathAndOneThreadUnlessGiven() {
    try (WorkerPool p = WorkerPool.acquire(new WorkerPool.Spec(2, "cpu", 0, "cifar10-valid", null, 200, "00"))) {
      List<String> cmd = p.command();
      assertEquals(TrainingWorker.class.getName(), cmd.get(cmd.size() - 1));
      assertEquals(System.getProperty("java.class.path"), cmd.get(cmd.size() - 2));
      // one thread whatever N: libtorch's numbers depend on its thread count
      assertEquals(1, p.torchThreads());
      assertEquals(true, cmd.contains("-Dai.djl.pytorch.num_threads=1"), cmd.toString());
      assertEquals(true, p.processes().isEmpty(), "nothing starts before the first training");
    }
    try (WorkerPool p = WorkerPool.acquire(new WorkerPool.Spec(3, "cpu", 5, "cifar10-valid", null, 200, "00"))) {
      assertEquals(5, p.torchThreads());
    }
  }
}
