"""The protocol loop and the examples, without nash: messages in, replies out."""
import io
import itertools
import json
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))

import nash_searcher  # noqa: E402
from random_search import RandomSearch  # noqa: E402
from regularized_evolution import RegularizedEvolution  # noqa: E402

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3]]


def domain_msg(pool=(0, 1, 2, 3, 4), did="d"):
    """A cell domain of the ops in pool; index = the mixed-radix code (first edge least significant)."""
    members, ops = [], []
    for code in range(5 ** 6):
        o = [(code // 5 ** e) % 5 for e in range(6)]
        if all(x in pool for x in o):
            members.append(code)
            ops.append(o)
    return {"type": "domain", "id": did, "space": "nb201", "ops": OPS,
            "op_short": ["none", "skip", "c1x1", "c3x3", "pool"], "pool": list(pool), "pool_label": "x",
            "allow_disconnected": True, "space_size": 5 ** 6, "size": len(members), "nodes": 4,
            "edges": EDGES, "members": members, "member_ops": ops}


def hello(params=None, protocol=1):
    return {"type": "hello", "protocol": protocol, "searcher": "t", "params": params or {}, "nash": "test"}


def converse(factory, messages):
    """Feeds the messages and returns the replies as dicts."""
    inp = io.StringIO("".join(json.dumps(m) + "\n" for m in messages))
    out, err = io.StringIO(), io.StringIO()
    nash_searcher.serve(factory, inp, out, err)
    return [json.loads(x) for x in out.getvalue().splitlines()]


def signal(index):
    return (index * 7919) % 1000 / 10.0


def trial(factory, params, seed, queries, dom=None):
    """Plays a whole trial as nash does (a batch is used up before the next ask); the indices asked."""
    s = factory(params)
    s.trial = nash_searcher.Trial("t/0", seed, nash_searcher.Domain(dom or domain_msg()), None)
    s.start(s.trial)
    asked, buf = [], []
    while len(asked) < queries:
        if not buf:
            a = s.ask()
            buf = list(a) if isinstance(a, list) else [a]
        a = buf.pop(0)
        asked.append(a)
        s.tell(a, signal(a), {"index": a, "signal": signal(a)})
    return asked


class HandshakeTest(unittest.TestCase):
    def test_replies_with_name_and_version(self):
        r = converse(RegularizedEvolution, [hello({"population": 10, "sample": 3})])
        self.assertEqual(r, [{"type": "hello", "protocol": 1, "name": "regularized_evolution.py", "version": "1"}])

    def test_refuses_another_protocol_version(self):
        r = converse(RandomSearch, [hello(protocol=2)])
        self.assertEqual(r[0]["type"], "error")
        self.assertIn("protocol 1", r[0]["message"])

    def test_bad_parameters_are_an_error_reply(self):
        r = converse(RegularizedEvolution, [hello({"population": 5, "sample": 9})])
        self.assertEqual(r[0], {"type": "error", "message": "ValueError: sample (9) cannot exceed population (5)"})
        r = converse(RandomSearch, [hello({"batches": 3})])
        self.assertIn("unknown parameter(s) ['batches']", r[0]["message"])


class LoopTest(unittest.TestCase):
    def test_asks_tells_and_batches(self):
        d = domain_msg()
        msgs = [hello({"batch": 3}), d, {"type": "start", "trial": "k", "seed": 5, "domain": "d"},
                {"type": "ask"}]
        r = converse(RandomSearch, msgs)
        self.assertEqual(r[1]["type"], "batch")
        self.assertEqual(len(r[1]["index"]), 3)
        rng = random.Random(5)
        self.assertEqual(r[1]["index"], [d["members"][rng.randrange(d["size"])] for _ in range(3)])

    def test_an_error_in_tell_is_reported_at_the_next_ask(self):
        class Broken(nash_searcher.Searcher):
            def ask(self):
                return 0

            def tell(self, index, signal, info):
                raise KeyError("population")

        d = domain_msg()
        r = converse(Broken, [hello(), d, {"type": "start", "trial": "k", "seed": 1, "domain": "d"}, {"type": "ask"},
                              {"type": "tell", "index": 0, "signal": 1.0}, {"type": "ask"},
                              {"type": "end", "trial": "k"}, {"type": "start", "trial": "k2", "seed": 1, "domain": "d"},
                              {"type": "ask"}])
        self.assertEqual([x["type"] for x in r], ["hello", "arch", "error", "arch"])
        self.assertEqual(r[2]["message"], "KeyError in tell: 'population'")

    def test_replies_for_every_kind_of_answer(self):
        self.assertEqual(nash_searcher._reply_for(7), '{"type":"arch","index":7}\n')
        self.assertEqual(json.loads(nash_searcher._reply_for("|a~0|")), {"type": "arch", "arch": "|a~0|"})
        self.assertEqual(json.loads(nash_searcher._reply_for([1, 2])), {"type": "batch", "index": [1, 2]})
        self.assertEqual(json.loads(nash_searcher._reply_for(None)), {"type": "exhausted"})
        with self.assertRaises(TypeError):
            nash_searcher._reply_for([1, "x"])


class DomainTest(unittest.TestCase):
    def test_neighbours_follow_nash_order_and_stay_in_the_pool(self):
        d = nash_searcher.Domain(domain_msg(pool=(1, 2, 3)))
        a = d.members[0]  # all edges skip_connect
        nb = d.neighbours(a)
        self.assertEqual(len(nb), 6 * 2)
        expected = []
        for e in range(6):
            for op in (2, 3):
                o = [1] * 6
                o[e] = op
                expected.append(d.index_of(o))
        self.assertEqual(nb, expected)
        self.assertTrue(all(n in d for n in nb))

    def test_sample_is_uniform_over_members(self):
        d = nash_searcher.Domain(domain_msg(pool=(1, 2)))
        rng = random.Random(0)
        counts = {}
        for _ in range(64 * 400):
            i = d.sample(rng)
            counts[i] = counts.get(i, 0) + 1
        self.assertEqual(len(counts), 64)
        self.assertLess(max(counts.values()) / min(counts.values()), 1.6)


class RegularizedEvolutionTest(unittest.TestCase):
    def test_same_seed_same_trial(self):
        a = trial(RegularizedEvolution, {"population": 10, "sample": 3}, 42, 200)
        self.assertEqual(a, trial(RegularizedEvolution, {"population": 10, "sample": 3}, 42, 200))
        self.assertNotEqual(a, trial(RegularizedEvolution, {"population": 10, "sample": 3}, 43, 200))

    def test_population_ages_and_children_are_neighbours_of_sampled_members(self):
        s = RegularizedEvolution({"population": 4, "sample": 2})
        d = nash_searcher.Domain(domain_msg())
        s.trial = nash_searcher.Trial("t", 1, d, None)
        s.start(s.trial)
        first = s.ask()
        self.assertEqual(len(first), 4, "the initial population is one batch")
        history = []
        for a in first:
            history.append(a)
            s.tell(a, signal(a), {})
        for _ in range(30):
            before = list(s.population)
            a = s.ask()
            self.assertTrue(any(a in d.neighbours(m[0]) for m in before))
            history.append(a)
            s.tell(a, signal(a), {})
            self.assertEqual([m[0] for m in s.population], history[-4:])


class RandomSearchTest(unittest.TestCase):
    def test_batch_size_does_not_change_the_samples(self):
        self.assertEqual(trial(RandomSearch, {"batch": 1}, 3, 150), trial(RandomSearch, {"batch": 64}, 3, 150))

    def test_distinct_never_repeats_until_the_domain_is_used_up(self):
        dom = domain_msg(pool=(1, 2))  # 64 members
        a = trial(RandomSearch, {"distinct": True, "batch": 5}, 0, 64, dom)
        self.assertEqual(sorted(a), sorted(nash_searcher.Domain(dom).members))


if __name__ == "__main__":
    unittest.main()
