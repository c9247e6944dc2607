"""The bulk query helper against a stand-in nash (tests/fake_nash.py): requests, answers, order,
errors, large batches (both pipes full at once), fields. test_nash_query_live.py runs the real one."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import nash_query  # noqa: E402

FAKE = [sys.executable, os.path.join(HERE, "fake_nash.py")]


class NashQueryTest(unittest.TestCase):
    def setUp(self):
        self.nb = nash_query.Benchmark("toy", command=FAKE)

    def tearDown(self):
        self.nb.close()

    def test_query_by_index_and_by_string(self):
        r = self.nb.query("d", 42)
        self.assertEqual((r["index"], r["arch"], r["signal"], r["reported"], r["cost"]), (42, "a42", 4.2, 2.1, 42.5))
        self.assertEqual(self.nb.query("d", "a42"), r)
        self.assertEqual(self.nb.query("d", 7, fidelity="f2")["fidelity"], "f2")

    def test_query_many_answers_in_order_through_full_pipes(self):
        # 60,000 requests and answers are megabytes each way: more than both pipe buffers hold
        archs = [(i * 7919) % 1000 for i in range(60000)]
        rows = self.nb.query_many("d", archs)
        self.assertEqual([r["index"] for r in rows], archs)
        self.assertEqual(rows[5]["signal"], archs[5] / 10)
        self.assertEqual(self.nb.query_many("d", []), [])
        mixed = self.nb.query_many("d", [3, "a4"], fidelity="f9", columns=["x", "missing"])
        self.assertEqual([r["index"] for r in mixed], [3, 4])
        self.assertEqual(mixed[0]["values"], {"x": 1.0, "missing": None})
        self.assertEqual(mixed[1]["fidelity"], "f9")

    def test_errors_raise_and_the_session_goes_on(self):
        with self.assertRaisesRegex(nash_query.QueryError, "index 1000 is not an architecture"):
            self.nb.query("d", 1000)
        with self.assertRaisesRegex(nash_query.QueryError, "stdin line 2: unknown dataset"):
            self.nb.query("e", 1)
        with self.assertRaisesRegex(nash_query.QueryError, "index 5000"):
            self.nb.query_many("d", [1, 2, 5000, 3, 4])
        # every answer of the failed batch was read: the next request gets its own answer
        self.assertEqual(self.nb.query("d", 9)["index"], 9)
        self.assertEqual([r["index"] for r in self.nb.query_many("d", [8, 6])], [8, 6])

    def test_closed_session_and_stopped_nash_are_errors(self):
        self.nb.close()
        with self.assertRaisesRegex(nash_query.QueryError, "closed"):
            self.nb.query("d", 1)
        dead = nash_query.Benchmark("toy", command=[sys.executable, "-c", "import sys; sys.stdin.readline()"])
        try:
            with self.assertRaisesRegex(nash_query.QueryError, "stopped answering"):
                dead.query("d", 1)
        finally:
            dead.close()

    def test_fields_are_passed_to_nash(self):
        with nash_query.Benchmark("toy", fields=["signal", "cost"], command=FAKE) as nb:
            self.assertEqual(nb.query("d", 10), {"signal": 1.0, "cost": 10.5})


if __name__ == "__main__":
    unittest.main()
