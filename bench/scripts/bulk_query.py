# Bulk look-ups through clients/python/nash_query.py: wall and the Python process's CPU per batch.
# Usage: python3 bench/scripts/bulk_query.py [NASH COMMAND...]   (default: the checkout's ./nash)
import os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'clients', 'python'))
from nash_query import Benchmark
archs = [i % 15625 for i in range(15625 * 8)]
for fields in (None, ["signal", "reported", "cost"]):
    with Benchmark("nb201", fields=fields, command=sys.argv[1:] or None) as nb:
        nb.query("cifar10", 9930)
        res = []
        for rep in range(5):
            c = os.times(); t = time.time(); rows = nb.query_many("cifar10", archs); dt = time.time() - t; c2 = os.times()
            res.append((len(rows) / dt, len(rows) / (c2.user - c.user + c2.system - c.system)))
        print("fields=%s: %d look-ups per batch; wall %s /s; python CPU %s /s" % (
            fields or "all", len(archs), ", ".join("%.0f" % r[0] for r in res), ", ".join("%.0f" % r[1] for r in res)))
        t = time.time()
        for i in range(5000): nb.query("cifar10", i)
        print("  one at a time: %.0f /s" % (5000 / (time.time() - t)))
