"""The bulk query helper against the real nash (run by the cli module's PythonQueryClientTest, which
sets NASH_QUERY_LIVE=1 and NASH_CMD to its own classes); skipped elsewhere, e.g. in the protocol tests."""
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import nash_query  # noqa: E402

BEST_C100 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"


@unittest.skipUnless(os.environ.get("NASH_QUERY_LIVE") == "1", "needs nash (NASH_QUERY_LIVE=1, NASH_CMD)")
class LiveNashQueryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.nb = nash_query.Benchmark("nb201")

    @classmethod
    def tearDownClass(cls):
        cls.nb.close()

    def test_known_optima(self):
        r = self.nb.query("cifar100", 9930)
        self.assertEqual(r["arch"], BEST_C100)
        self.assertAlmostEqual(r["reported"], 73.513, delta=5e-4)  # the best cell on CIFAR-100 (seed mean)
        self.assertEqual(r["fidelity"], "hp12")
        self.assertTrue(r["cost_estimated"])  # CIFAR-100 times are scaled from cifar10-valid's
        self.assertEqual(self.nb.query("cifar100", BEST_C100), r)
        self.assertAlmostEqual(self.nb.query("cifar10", 6111)["reported"], 94.373, delta=5e-4)
        self.assertFalse(self.nb.query("cifar10", 6111)["cost_estimated"])
        with self.assertRaisesRegex(nash_query.QueryError, "unknown dataset or task 'mnist'"):
            self.nb.query("mnist", 1)

    def test_bulk_equals_one_by_one(self):
        archs = list(range(15625)) * 4
        t = time.time()
        rows = self.nb.query_many("cifar10", archs, fidelity="hp200")
        dt = time.time() - t
        sys.stderr.write("\n%d bulk look-ups in %.3f s (%.0f/s)\n" % (len(rows), dt, len(rows) / dt))
        self.assertEqual([r["index"] for r in rows], archs)
        for i in (0, 11, 284, 6111, 15624):
            self.assertEqual(rows[i], self.nb.query("cifar10", i, fidelity="hp200"))
        best = max(rows[:15625], key=lambda r: r["reported"])
        self.assertEqual(best["index"], 6111)  # the seed-mean CIFAR-10 optimum


if __name__ == "__main__":
    unittest.main()
