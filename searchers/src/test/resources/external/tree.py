"""Test fixture: a random searcher whose process tree misbehaves, in trials whose key ends with /2 at
their third ask. argv: mode, a folder for pid files. Modes: spawn-hang (starts a grandchild that
shares its stdout, then hangs), spawn-crash (the same, then exits 3), endless (writes one line that
never ends), ignore-eof (at start-up starts a grandchild sharing its stdout; at end of input
ignores it and SIGTERM and sleeps on)."""
import json
import os
import random
import signal
import subprocess
import sys
import time

mode, piddir = sys.argv[1], sys.argv[2]


def spawn():
    # stdout and stderr are inherited: the grandchild holds the worker's pipes
    child = subprocess.Popen(["sleep", "300"])
    with open(os.path.join(piddir, "%d.pids" % os.getpid()), "w") as f:
        f.write("%d %d\n" % (os.getpid(), child.pid))


if mode == "ignore-eof":
    spawn()
domains, trial, rng, asks = {}, None, None, 0
for line in sys.stdin:
    msg = json.loads(line)
    t = msg["type"]
    if t == "hello":
        print(json.dumps({"type": "hello", "protocol": 1, "name": "tree", "version": mode}), flush=True)
    elif t == "domain":
        domains[msg["id"]] = msg
    elif t == "start":
        trial, rng, asks = msg, random.Random(msg["seed"]), 0
    elif t == "ask":
        asks += 1
        d = domains[trial["domain"]]
        if trial["trial"].endswith("/2") and asks == 3 and mode != "ignore-eof":
            print("fixture: about to misbehave (%s)" % mode, file=sys.stderr, flush=True)
            if mode == "spawn-hang":
                spawn()
                time.sleep(600)
            if mode == "spawn-crash":
                spawn()
                print("Traceback (most recent call last):\nRuntimeError: lost", file=sys.stderr, flush=True)
                os._exit(3)
            if mode == "endless":
                chunk = "x" * 65536
                while True:
                    sys.stdout.write(chunk)
        print(json.dumps({"type": "arch", "index": rng.choice(d["members"])}), flush=True)
if mode == "ignore-eof":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print("fixture: end of input, ignored", file=sys.stderr, flush=True)
    while True:
        time.sleep(1)
