package org.nash.run;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.nash.NashException;
import org.nash.plan.Plan;
import org.nash.plan.TrialContext;
import org.nash.plan.TrialGrid;
import org.nash.plan.TrialSpec;
import org.nash.plugin.PluginFailure;
import org.nash.plugin.PluginIdentity;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.search.RunScoped;
import org.nash.search.SearcherFactory;

/**
 * Runs the unfinished trials of a plan on worker threads with a bounded window of trials in flight.
 * Trials are written in grid order, each as soon as its predecessors are written, and then
 * released: memory does not grow with the number of trials, and the file is the same bytes whatever
 * the thread count.
 */
final class TrialExecutor {
  /** Trials in flight per thread: enough that a slow trial rarely idles the others. */
  static final int WINDOW_PER_THREAD = 16;

  private TrialExecutor() {}

  private record Finished(TrialResult result, String line) {}

  /** Returns the number of trials run. */
  static int run(Plan plan, ResultsFolder folder, int threads, Consumer<TrialResult> onFinished) {
    TrialGrid grid = plan.trials();
    int window = threads * WINDOW_PER_THREAD;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "nash-trial");
      th.setDaemon(true);
      return th;
    });
    ArrayDeque<Future<Finished>> inFlight = new ArrayDeque<>(window);
    int ran = 0;
    List<RunScoped> opened = new ArrayList<>();
    try (Output out = new Output(folder)) {
      if (folder.doneCount() < folder.memberCount()) {
        for (Map.Entry<String, SearcherFactory> e : plan.factories().entrySet()) {
          if (e.getValue() instanceof RunScoped s) {
            opened.add(s);
            s.open(folder.dir(), e.getKey());
          }
        }
        // after open: an external searcher's identity includes what its workers said in their hello
        folder.checkSearchers(identities(plan));
      }
      for (int i = folder.nextRun(0); i >= 0; i = folder.nextRun(i + 1)) {
        if (folder.isDone(i)) {
          continue;
        }
        if (inFlight.size() >= window) {
          write(inFlight.removeFirst(), out, onFinished);
        }
        TrialSpec t = grid.get(i);
        TrialContext ctx = plan.cells().get(grid.cell(i));
        inFlight.addLast(pool.submit(() -> {
          try {
            TrialResult r = TrialRunner.run(t, plan.factories().get(t.searcherLabel()), ctx);
            return new Finished(r, TrialsFile.toLine(r));
          } catch (NashException | PluginFailure e) {
            throw e;
          } catch (RuntimeException e) {
            // nash's own bug (plugins' are PluginFailures): name the trial so that it can be rerun alone
            throw new IllegalStateException("trial " + t.key() + " failed: " + e, e);
          }
        }));
        ran++;
      }
      while (!inFlight.isEmpty()) {
        write(inFlight.removeFirst(), out, onFinished);
      }
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a trial failed: " + c, c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NashException("interrupted; rerun the same command to resume");
    } catch (IOException e) {
      throw new NashException("cannot write " + folder.trialsFile() + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
      for (RunScoped s : opened) {
        s.close();
      }
    }
    return ran;
  }

  /** The searchers' identities now: the plan's, with what each factory says of itself once open. */
  private static Map<String, PluginIdentity> identities(Plan plan) {
    Map<String, PluginIdentity> ids = new LinkedHashMap<>();
    plan.searcherIdentities().forEach((label, id) -> ids.put(label,
        plan.factories().get(label) instanceof PluginIdentity.Identified i ? id.withDetails(i.identity()) : id));
    return ids;
  }

  /**
   * The trials file, opened (and the folder's config.yaml and run.json saved) when the first trial is
   * written: a run that fails before that leaves the folder as it was.
   */
  private static final class Output implements AutoCloseable {
    private final ResultsFolder folder;
    private Writer writer;

    Output(ResultsFolder folder) {
      this.folder = folder;
    }

    void write(String line) throws IOException {
      if (writer == null) {
        folder.commit();
        writer = folder.appender();
      }
      writer.write(line);
      writer.flush();
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private static void write(Future<Finished> f, Output out, Consumer<TrialResult> onFinished)
      throws ExecutionException, InterruptedException, IOException {
    Finished done = f.get();
    out.write(done.line());
    if (onFinished != null) {
      onFinished.accept(done.result());
    }
  }
}
