package org.nash.retrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nash.data.DataCatalog;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;

/**
 * A training worker process ({@link WorkerPool} starts it): loads the data once, then trains one
 * network per request, one at a time. A process of its own because DJL's random seed is global per
 * process: each training seeds the engine from its request, so its numbers do not depend on which
 * worker runs it or what it ran before. Exits when its stdin closes or when the parent is gone
 * (a heartbeat that cannot be written).
 */
public final class TrainingWorker {
  private TrainingWorker() {}

  private static PrintStream protocol;

  private static synchronized void send(Map<String, Object> message) {
    protocol.print(WorkerProtocol.PREFIX + WorkerProtocol.write(message) + "\n");
    protocol.flush();
    if (protocol.checkError()) {
      // The parent is gone (broken pipe): nobody will read a result.
      Runtime.getRuntime().halt(3);
    }
  }

  private static Map<String, Object> message(String type, long id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", id);
    return m;
  }

  public static void main(String[] args) throws Exception {
    // stdout carries the protocol only: Java-level prints go to stderr, which the parent forwards.
    protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    Thread heartbeat = new Thread(() -> {
      while (true) {
        send(message("alive", -1));
        try {
          Thread.sleep(WorkerProtocol.HEARTBEAT_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null) {
      return;
    }
    RetrainData data;
    Device device;
    try {
      JsonNode init = WorkerProtocol.read(line);
      DjlSetup.offline();
      device = DjlSetup.device(init.get("device").asText());
      String source = init.hasNonNull("source") ? init.get("source").asText() : null;
      data = RetrainData.load(init.get("dataset").asText(), source == null ? null : Path.of(source),
          DataCatalog.fromEnvironment(), init.get("subset").asInt());
      String expected = init.get("sha256").asText();
      String got = data.sha256();
      if (!expected.equals(got)) {
        throw new IllegalStateException("the worker's training data differs from the parent's (sha256 " + got
            + ", expected " + expected + "): " + data.how());
      }
    } catch (Exception | LinkageError e) {
      Map<String, Object> m = message("error", -1);
      m.put("message", String.valueOf(e.getMessage()));
      send(m);
      return;
    }
    Engine engine = DjlSetup.engine();
    Map<String, Object> ready = message("ready", -1);
    ready.put("pid", ProcessHandle.current().pid());
    ready.put("device", device.toString());
    ready.put("djl", Engine.getDjlVersion());
    ready.put("libtorch", engine.getVersion() + "-" + DjlSetup.flavour());
    ready.put("threads", System.getProperty("ai.djl.pytorch.num_threads", ""));
    send(ready);
    while ((line = in.readLine()) != null) {
      long id = -1;
      try {
        JsonNode req = WorkerProtocol.read(line);
        id = req.get("id").asLong();
        int[] ops = WorkerProtocol.JSON.treeToValue(req.get("ops"), int[].class);
        TrainSettings settings = WorkerProtocol.JSON.treeToValue(req.get("settings"), TrainSettings.class);
        long requestId = id;
        TrainResult r = injectedFault(new NetworkTrainer(settings, device).train(ops, data.train(), data.eval(),
            new NetworkTrainer.Listener() {
              @Override
              public void started(long parameters, int stepsPerEpoch) {
                Map<String, Object> m = message("started", requestId);
                m.put("parameters", parameters);
                m.put("steps", stepsPerEpoch);
                send(m);
              }

              @Override
              public void epoch(EpochResult e) {
                Map<String, Object> m = message("epoch", requestId);
                m.put("epoch", e);
                send(m);
              }
            }));
        Map<String, Object> m = message("result", id);
        m.put("result", r);
        send(m);
      } catch (Exception e) {
        Map<String, Object> m = message("error", id);
        m.put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
        send(m);
      }
    }
  }

  /**
   * For tests of the pool's fault handling: with {@code -Dnash.retrain.faultyWorker=PID-FILE}, the first
   * worker to create PID-FILE reports every training it finishes with a NaN evaluation, as a process
   * struck by retrain/README.md's fault does; other workers are unaffected.
   */
  private static TrainResult injectedFault(TrainResult r) {
    String marker = System.getProperty("nash.retrain.faultyWorker");
    if (marker == null || marker.isBlank()) {
      return r;
    }
    Path f = Path.of(marker);
    String me = Long.toString(ProcessHandle.current().pid());
    try {
      java.nio.file.Files.writeString(f, me, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // another worker (or this one, earlier) took it
    } catch (java.io.IOException e) {
      return r;
    }
    try {
      if (!java.nio.file.Files.readString(f).equals(me)) {
        return r;
      }
    } catch (java.io.IOException e) {
      return r;
    }
    return new TrainResult(r.parameters(), r.epochs(), 10.0, Double.NaN, r.seconds());
  }
}
