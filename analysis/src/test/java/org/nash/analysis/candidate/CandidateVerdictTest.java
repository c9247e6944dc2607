package org.nash.analysis.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.compare.Trials;
import org.nash.results.TrialResult;

class CandidateVerdictTest {
  @Test
  void significantButNegligibleIsATieAndOnlyBothMakeAWinOrLoss() {
    assertEquals(CandidateVerdict.Outcome.TIE, CandidateVerdict.outcome(1e-6, 0.14));
    assertEquals(CandidateVerdict.Outcome.TIE, CandidateVerdict.outcome(0.06, 0.9));
    assertEquals(CandidateVerdict.Outcome.WIN, CandidateVerdict.outcome(0.049, 0.147));
    assertEquals(CandidateVerdict.Outcome.LOSS, CandidateVerdict.outcome(0.01, -0.5));
    assertEquals(CandidateVerdict.Outcome.TIE, CandidateVerdict.outcome(Double.NaN, 0.5));
  }

  /**
   * Two datasets x one pool; the candidate "c" is far better than "a" everywhere, equal to "b". The
   * verdict is oriented candidate-first, Holm covers all four comparisons, the strongest baseline is
   * b, and the anytime analysis finds the budget from which c beats a.
   */
  @Test
  void verdictOnSyntheticTrials() {
    List<TrialResult> ts = new ArrayList<>();
    for (String ds : List.of("d1", "d2")) {
      for (int seed = 0; seed < 30; seed++) {
        // a stays at its first value; c improves at query 50 and 100; b ends like c with a different path
        ts.add(Trials.trial(ds, "full", "a", seed, new double[] {1, 1, 80 + seed * 0.01}));
        ts.add(Trials.trial(ds, "full", "b", seed, new double[] {1, 1, 70}, new double[] {100, 100, 90 + seed * 0.01}));
        ts.add(Trials.trial(ds, "full", "c", seed, new double[] {1, 1, 70}, new double[] {50, 50, 85},
            new double[] {100, 100, 90 + seed * 0.01}));
      }
    }
    Groups g = new Groups(ts);
    CandidateVerdict.Result r = CandidateVerdict.of(g, List.of("c"));
    assertEquals(List.of("a", "b"), r.baselines());
    assertEquals(4, r.comparisons().size());
    for (CandidateVerdict.Comparison x : r.comparisons()) {
      if (x.baseline().equals("a")) {
        assertEquals(1.0, x.delta(), 1e-12);
        assertEquals(CandidateVerdict.Outcome.WIN, x.outcome());
        assertTrue(x.pHolm() >= x.p() && x.pHolm() <= Math.min(1, 4 * x.p()) + 1e-15);
        assertTrue(!x.strongest());
      } else {
        assertEquals(0.0, x.delta(), 1e-12);
        assertEquals(CandidateVerdict.Outcome.TIE, x.outcome());
        assertTrue(x.strongest());
      }
    }
    CandidateVerdict.Tally all = r.tallies().stream().filter(t -> t.baseline().equals("all")).findFirst().orElseThrow();
    assertEquals(List.of(2, 2, 0), List.of(all.wins(), all.ties(), all.losses()));
    // Ranks: b and c tie at the top of both cells (2 searchers tied for 1st: 1.5 each), a last.
    assertEquals(List.of("a", "b", "c"), r.ranking().searchers());
    assertEquals(3.0, r.ranking().friedman().ranks()[0], 1e-12);
    assertEquals(1.5, r.ranking().friedman().ranks()[2], 1e-12);
    // c beats a from query 50 on (before that both are at 70 vs 80: c worse), never b.
    CandidateVerdict.Onset onA = r.onsets().stream().filter(o -> o.dataset().equals("d1") && o.baseline().equals("a"))
        .findFirst().orElseThrow();
    assertEquals("queries", onA.axis());
    assertTrue(onA.budget() >= 50 && onA.budget() < 100, "onset " + onA);
    assertTrue(r.onsets().stream().filter(o -> o.baseline().equals("b")).allMatch(o -> Double.isNaN(o.budget())));
    // seeds against the strongest baseline (b): equal values, never significant
    assertTrue(r.seeds().stream().allMatch(s -> s.baseline().equals("b") && s.seedsNeeded() == -1));
  }
}
