package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.testing.Releases;
import org.nash.testing.SyntheticReleases;

/**
 * Issue 25: retraining on all three NB-201 datasets from the users' own files (here synthetic ones in
 * the official layouts), through {@code nash run} with {@code oracle: retrain} and {@code nash spotcheck}.
 * Tiny settings: C=4, N=1, 1 epoch on 100-200 images.
 */
class OfficialDatasetsRetrainTest {
  @TempDir
  Path dir;

  @Test
  void aRunWithTheRetrainOracleTrainsOnEachDatasetsImages() throws Exception {
    Path data = dir.resolve("data");
    Releases.cifar10Python(data, 40, 20);
    Releases.cifar100Python(data, 200, 100);
    Releases.imagenet16(data, 20, 130);
    // small releases, so split files of their size beside them (the published ones index 50k / 10k / 6k images)
    SyntheticReleases.splitFile(data.resolve("cifar-split.txt"), "train", range(0, 100), "valid", range(100, 200));
    SyntheticReleases.splitFile(data.resolve("cifar100-test-split.txt"), "xvalid", range(0, 50), "xtest", range(50, 100));
    SyntheticReleases.splitFile(data.resolve("imagenet-16-120-test-split.txt"), "xvalid", range(0, 60), "xtest",
        range(60, 120));
    Path cfg = dir.resolve("three.yaml");
    Files.writeString(cfg, """
        name: retrain-three
        benchmark: nb201
        oracle: retrain
        oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 100, threads: 1, data: "%s", store: "%s"}
        datasets: [cifar10, cifar100, ImageNet16-120]
        pools: ["skip,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 1}
        seeds: 1
        """.formatted(data, dir.resolve("store.sqlite")));
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.out() + r.err());
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(3, trials.size());
    for (TrialResult t : trials) {
      assertEquals("trained", t.source(), t.dataset());
      double signal = t.last().signal();
      assertTrue(signal >= 0 && signal <= 100, t.dataset() + ": an accuracy in %: " + signal);
    }
    CliRunner.Result list = CliRunner.run("store", "list", "--store", dir.resolve("store.sqlite").toString());
    assertEquals(0, list.exit(), list.err());
    for (String ds : List.of("cifar10-valid", "cifar100", "ImageNet16-120")) {
      assertTrue(list.out().contains(ds), ds + " stored: " + list.out());
    }
  }

  @Test
  void spotcheckTrainsCifar100FromABinaryFolderWithTheMirrorsSplit() throws Exception {
    Path data = dir.resolve("data");
    // the published CIFAR-100 split indexes the 10,000 test images
    Releases.cifar100Binary(data, 200, 10_000);
    Releases.imagenet16(data, 20, 130);
    SyntheticReleases.splitFile(data.resolve("imagenet-16-120-test-split.txt"), "xvalid", range(0, 60), "xtest",
        range(60, 120));
    Path out = dir.resolve("spot");
    CliRunner.Result r = CliRunner.run("spotcheck", "--dataset", "cifar100,ImageNet16-120", "--data", data.toString(),
        "--arch", "0,11", "--epochs", "1", "--table-epochs", "12", "--channels", "4", "--cells", "1", "--subset", "100",
        "--torch-threads", "1", "--store", "none", "--out", out.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("cifar100-test-split.txt (NB-201's published file"), r.out());
    assertTrue(r.out().contains("test.bin sha256="), r.out());
    JsonNode c100 = new ObjectMapper().readTree(out.resolve("cifar100/spotcheck.json").toFile());
    assertEquals("cifar100/valid-acc@12", c100.path("setup").path("tableColumn").asText());
    assertEquals("official", c100.path("setup").path("split").asText());
    assertTrue(c100.path("setup").path("splitHow").asText().contains("cifar-100-binary"), c100.toString());
    assertEquals(2, c100.path("rows").size());
    JsonNode in16 = new ObjectMapper().readTree(out.resolve("ImageNet16-120/spotcheck.json").toFile());
    assertEquals("ImageNet16-120/valid-acc@12", in16.path("setup").path("tableColumn").asText());
    assertTrue(in16.path("setup").path("splitHow").asText().contains("NOT the published file"), in16.toString());
    for (JsonNode row : in16.path("rows")) {
      assertTrue(row.path("table").asDouble() > 0, "compared with the ImageNet16-120 hp12 column: " + row);
    }
  }

  static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }
}
