package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nash.io.StatusLine;
import org.nash.retrain.train.EpochResult;

/** Training progress: plain lines in a log, a bar beside the run's bar on a terminal (issue 24). */
class TrainingProgressTest {
  private static EpochResult epoch(int k, double imgPerSecond) {
    return new EpochResult(k, 1.5, 40.0, 1.6, Double.NaN, 2.5, imgPerSecond, 0.1);
  }

  @Test
  void theBarShowsCellEpochAndSpeed() {
    assertEquals("cell 42 [------------] 0/12 ep ...", TrainingProgress.bar("cell 42", 0, 12, Double.NaN, 12));
    assertEquals("cell 42 [####--------] 4/12 ep 1234 img/s", TrainingProgress.bar("cell 42", 4, 12, 1234.4, 12));
    // 1 of 3 epochs on 10 columns: 3 filled (rounded down), never past the width at the end
    assertEquals("cell 1 [###-------] 1/3 ep 9 img/s", TrainingProgress.bar("cell 1", 1, 3, 9.2, 10));
    assertEquals("cell 1 [##########] 3/3 ep 10 img/s", TrainingProgress.bar("cell 1", 3, 3, 9.6, 10));
  }

  @Test
  void inALogEveryFinishedEpochIsALineAndNothingElse() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TrainingProgress p = new TrainingProgress("cell 7 |x|", "cell 7", 2,
        new PrintStream(b, true, StandardCharsets.UTF_8), false)) {
      p.started(1000, 10);
      p.epoch(epoch(1, 800));
      p.epoch(epoch(2, 812.4));
    }
    assertEquals(List.of("nash: training cell 7 |x|: epoch 1/2 in 2.5 s, 800 img/s, train loss 1.5000 acc 40.00 %",
            "nash: training cell 7 |x|: epoch 2/2 in 2.5 s, 812 img/s, train loss 1.5000 acc 40.00 %"),
        b.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void onATerminalTheTrainingsShareTheRunsBarAndLeaveItWhenDone() {
    List<String> shown = new ArrayList<>();
    Consumer<String> bar = shown::add;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
    StatusLine.attach(bar);
    try {
      TrainingProgress a = new TrainingProgress("cell 3 |x|", "cell 3", 2, out, true);
      TrainingProgress c = new TrainingProgress("cell 9 |y|", "cell 9", 4, out, true);
      a.started(1000, 10);
      c.started(1000, 10);
      a.epoch(epoch(1, 500));
      a.close();
      c.epoch(epoch(1, 250));
      c.close();
    } finally {
      StatusLine.detach(bar);
    }
    assertEquals(List.of("",
        "cell 3 [------------] 0/2 ep ...",
        "cell 3 [------------] 0/2 ep ... | cell 9 [------------] 0/4 ep ...",
        "cell 3 [######------] 1/2 ep 500 img/s | cell 9 [------------] 0/4 ep ...",
        "cell 9 [------------] 0/4 ep ...",
        "cell 9 [###---------] 1/4 ep 250 img/s",
        ""), shown);
    assertEquals("", b.toString(StandardCharsets.UTF_8), "no lines under a bar");
  }
}
