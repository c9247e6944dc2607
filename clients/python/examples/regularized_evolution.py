#!/usr/bin/env python3
"""Regularized (aging) evolution, Real et al. 2019, as an external nash searcher; the same rules as
nash's built-in `re` (its own random numbers): fill a population of `population` random
architectures; then repeatedly draw `sample` members with replacement, mutate the best of them (a
uniformly chosen one-edge neighbour in the domain), add the child and remove the OLDEST member.
Defaults are NASLib's (50 / 10); NAS-Bench-201 uses 10 / 3.
"""
import os
import random
import sys
from collections import deque

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nash_searcher import Searcher, serve  # noqa: E402


def _positive_int(params, name, default):
    v = params.get(name, default)
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        raise ValueError("parameter '%s' must be a positive integer, got %r" % (name, v))
    return v


class RegularizedEvolution(Searcher):
    name = "regularized_evolution.py"
    version = "1"

    def __init__(self, params):
        super().__init__(params)
        self.check_params(["population", "sample"])
        self.population_size = _positive_int(self.params, "population", 50)
        self.sample_size = _positive_int(self.params, "sample", 10)
        if self.sample_size > self.population_size:
            raise ValueError("sample (%d) cannot exceed population (%d)" % (self.sample_size, self.population_size))

    def start(self, trial):
        self.rng = random.Random(trial.seed)
        self.domain = trial.domain
        self.population = deque()  # (index, signal), oldest first
        self.initialised = 0

    def ask(self):
        if self.initialised < self.population_size:
            # The initial population needs no signal: one batch, one round trip (same draws as one by one).
            return [self.domain.sample(self.rng) for _ in range(self.population_size - self.initialised)]
        pop, n, randrange = self.population, len(self.population), self.rng.randrange
        parent = None
        for _ in range(self.sample_size):
            m = pop[randrange(n)]
            if parent is None or m[1] > parent[1]:
                parent = m
        return self.domain.mutate(parent[0], self.rng)

    def tell(self, index, signal, info):
        self.initialised += 1
        self.population.append((index, signal))
        if len(self.population) > self.population_size:
            self.population.popleft()


if __name__ == "__main__":
    serve(RegularizedEvolution)
