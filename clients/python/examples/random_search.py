#!/usr/bin/env python3
"""Random search as an external nash searcher: uniform samples from the domain, with replacement
like nash's built-in `rs` (or without, `distinct: true`, until the domain is used up).

Asks in batches (`batch`, default 64): the samples do not depend on any signal, so one round trip
serves many queries; the results are the same for every batch size.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nash_searcher import Searcher, serve  # noqa: E402


class RandomSearch(Searcher):
    name = "random_search.py"
    version = "1"

    def __init__(self, params):
        super().__init__(params)
        self.check_params(["distinct", "batch"])
        self.distinct = self.params.get("distinct", False)
        if not isinstance(self.distinct, bool):
            raise ValueError("parameter 'distinct' must be true or false, got %r" % (self.distinct,))
        self.batch = self.params.get("batch", 64)
        if not isinstance(self.batch, int) or isinstance(self.batch, bool) or self.batch < 1:
            raise ValueError("parameter 'batch' must be a positive integer, got %r" % (self.batch,))

    def start(self, trial):
        self.rng = random.Random(trial.seed)
        self.domain = trial.domain
        self.asked = set()

    def _one(self):
        a = self.domain.sample(self.rng)
        if self.distinct and len(self.asked) < self.domain.size:
            while a in self.asked:
                a = self.domain.sample(self.rng)
            self.asked.add(a)
        return a

    def ask(self):
        return [self._one() for _ in range(self.batch)]


if __name__ == "__main__":
    serve(RandomSearch)
