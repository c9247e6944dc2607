package org.nash.cli.retrain;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.nash.NashException;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.retrain.WorkerPool;
import org.nash.space.Arch;

/**
 * The trainings of a list of cells, in order: in this process one at a time (each when asked for),
 * or all dispatched at once to a pool of worker processes ({@code --workers N}), N training at a
 * time. Each training's numbers depend only on its settings and seed, not on where it ran.
 */
abstract class Trainings implements AutoCloseable {
  /** The training of cell {@code i}, waiting for it if needed. */
  abstract TrainResult get(int i);

  @Override
  public void close() {}

  static Trainings inProcess(List<Arch> archs, TrainSettings settings, Device device, RetrainData data,
      IntFunction<NetworkTrainer.Listener> listener) {
    NetworkTrainer trainer = new NetworkTrainer(settings, device);
    return new Trainings() {
      @Override
      TrainResult get(int i) {
        return trainer.train(archs.get(i).ops(), data.train(), data.eval(), listener.apply(i));
      }
    };
  }

  static Trainings onWorkers(WorkerPool.Spec spec, List<Arch> archs, TrainSettings settings,
      IntFunction<NetworkTrainer.Listener> listener) {
    WorkerPool pool = WorkerPool.acquire(spec);
    ExecutorService dispatch = Executors.newFixedThreadPool(spec.workers(), r -> {
      Thread t = new Thread(r, "nash-spotcheck-dispatch");
      t.setDaemon(true);
      return t;
    });
    List<Future<TrainResult>> futures = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      Arch a = archs.get(i);
      NetworkTrainer.Listener l = listener.apply(i);
      futures.add(dispatch.submit(() -> pool.train("cell arch " + a.index() + " " + a, a.ops(), settings, l).result()));
    }
    return new Trainings() {
      @Override
      TrainResult get(int i) {
        try {
          return futures.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NashException("interrupted while waiting for the training of arch " + archs.get(i).index(), e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new NashException(e.getCause().getMessage(), e);
        }
      }

      @Override
      public void close() {
        dispatch.shutdownNow();
        pool.close();
      }
    };
  }
}
