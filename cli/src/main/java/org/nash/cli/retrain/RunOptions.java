package org.nash.cli.retrain;

import ai.djl.Device;
import java.nio.file.Path;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Space;
import org.nash.retrain.DjlSetup;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.table.ReferenceTable;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;
import picocli.CommandLine.Option;

/** Options shared by {@code retrain} and {@code spotcheck}: data, protocol and device. */
public final class RunOptions {
  @Option(names = "--dataset", defaultValue = "cifar10-valid",
      description = "cifar10-valid (train 25k, score on x-valid), cifar10 (train 50k, score on test), cifar100 or"
          + " ImageNet16-120 (train on the training set, score on the x-valid half of the test set; your own images,"
          + " see --data); spotcheck takes several, comma-separated; default ${DEFAULT-VALUE}")
  String dataset;

  @Option(names = "--epochs", defaultValue = "12", description = "training epochs: 12 (the table's hp12) or 200; default ${DEFAULT-VALUE}")
  int epochs;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu; default ${DEFAULT-VALUE}")
  String device;

  @Option(names = "--subset", defaultValue = "0",
      description = "train on N images and score on N (class-balanced); 0 = all. Quick checks only: not comparable with the table")
  int subset;

  @Option(names = "--data", description = "the images: a release folder (cifar-10-batches-py|bin, cifar-100-python|binary,"
      + " NB-201's ImageNet16), a folder holding them, a published .tar.gz, or for CIFAR-10 a .tar.gz of JPEGs;"
      + " default: the cache and the mirror, for CIFAR-10 then the data catalog's cifar10-jpeg")
  Path data;

  @Option(names = "--seed", defaultValue = "0", description = "seed of initialisation, shuffling and augmentation; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--batch-size", defaultValue = "256", description = "default ${DEFAULT-VALUE} (NB201)")
  int batchSize;

  @Option(names = "--channels", defaultValue = "16", description = "C, width of the first stage; default ${DEFAULT-VALUE} (NB201)")
  int channels;

  @Option(names = "--cells", defaultValue = "5", description = "N, cells per stage; default ${DEFAULT-VALUE} (NB201)")
  int cells;

  @Option(names = "--torch-threads", paramLabel = "N", description = "CPU threads of libtorch (default: libtorch's choice, one per core)")
  Integer torchThreads;

  /** Before --torch-threads; --threads means worker threads in every other command. */
  @Option(names = "--threads", hidden = true, description = "deprecated spelling of --torch-threads")
  Integer threadsOld;

  @Option(names = "--out", paramLabel = "DIR", description = "also write the results into DIR (retrain: retrain.csv;"
      + " spotcheck: spotcheck.csv, .json and a figure, registered for nash report)")
  Path out;

  @Option(names = "--eval-each-epoch", description = "score on the evaluation split after every epoch, not only the last")
  boolean evalEachEpoch;

  TrainSettings settings() {
    if (epochs < 1) {
      throw new NashException("--epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 2) {
      throw new NashException("--batch-size must be >= 2, got " + batchSize);
    }
    if (subset < 0) {
      throw new NashException("--subset must be >= 0, got " + subset);
    }
    return TrainSettings.nb201(epochs).withNetwork(channels, cells).withBatchSize(batchSize).withSeed(seed)
        .withEvalEachEpoch(evalEachEpoch);
  }

  /** Engine and device; call before anything else touches DJL so the thread setting applies. */
  Device device() {
    Integer threads = torchThreads();
    if (threads != null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    return DjlSetup.device(device);
  }

  /** --torch-threads (or its deprecated spelling), checked; null when not given. */
  Integer torchThreads() {
    Integer threads = torchThreads;
    if (threadsOld != null) {
      org.nash.cli.Cli.deprecated("--threads (libtorch threads)", "--torch-threads");
      threads = threads != null ? threads : threadsOld;
    }
    if (threads != null && threads < 1) {
      throw new NashException("--torch-threads must be >= 1, got " + threads);
    }
    return threads;
  }

  /** cpu or gpu, checked without loading the engine (worker processes load it). */
  String deviceKind() {
    return DjlSetup.deviceKind(device);
  }

  /** Writes {@code name} into --out (when given) and says so. */
  void write(String name, String csv, java.io.PrintWriter out) {
    if (this.out == null) {
      return;
    }
    Path f = this.out.resolve(name);
    org.nash.io.AtomicFiles.writeAtomically(f, csv);
    out.println("wrote " + f);
  }

  RetrainData data(DataCatalog catalog) {
    return RetrainData.load(dataset, data, catalog, subset);
  }

  static ReferenceTable table(DataCatalog catalog) {
    return ReferenceTable.load(catalog);
  }

  /** An official index or an arch string. */
  static Arch arch(Nb201Space space, String s) {
    String t = s.trim();
    if (t.matches("\\d+")) {
      int i = Integer.parseInt(t);
      if (i >= Nb201Space.SIZE) {
        throw new NashException("--arch " + t + ": NAS-Bench-201 indices are 0.." + (Nb201Space.SIZE - 1));
      }
      return space.byIndex(i);
    }
    return space.parse(t);
  }

  /** The table column for this run's split and epochs, e.g. cifar10-valid/valid-acc@12. */
  String tableKey() {
    return tableKey(epochs);
  }

  /** The table column for this run's split at {@code epochs}. */
  String tableKey(int epochs) {
    // cifar10 scores the test set; the others their x-valid split (cifar10-valid's, or the test set's x-valid half)
    return ReferenceTable.key(dataset, dataset.equals("cifar10") ? "test-acc" : "valid-acc", epochs);
  }

  /** Why the numbers may not be comparable with the table, or "" when the protocol matches. */
  String caveats() {
    StringBuilder sb = new StringBuilder();
    if (subset > 0) {
      sb.append(" subset of the data;");
    }
    if (channels != 16 || cells != 5) {
      sb.append(" not the benchmark's C=16 N=5 network;");
    }
    if (batchSize != 256) {
      sb.append(" batch size ").append(batchSize).append(" instead of 256;");
    }
    if (epochs != 12 && epochs != 200) {
      sb.append(" the table has 12- and 200-epoch schedules only;");
    }
    return sb.toString();
  }
}
