"""Test fixture: a random searcher that misbehaves in one way, in trials whose key ends with /2,
at their third ask, while the marker file (argv[2]) exists. Modes: crash, hang, badjson, outside,
version (every handshake answers protocol 99), error (reports an error reply), exhausted (at the
fourth ask: nothing more to propose)."""
import json
import os
import random
import sys
import time

mode, marker = sys.argv[1], sys.argv[2]
domains, trial, rng, asks = {}, None, None, 0
for line in sys.stdin:
    msg = json.loads(line)
    t = msg["type"]
    if t == "hello":
        version = 99 if mode == "version" and os.path.exists(marker) else msg["protocol"]
        print(json.dumps({"type": "hello", "protocol": version, "name": "misbehave", "version": mode}), flush=True)
    elif t == "domain":
        domains[msg["id"]] = msg
    elif t == "start":
        trial, rng, asks = msg, random.Random(msg["seed"]), 0
        print("fixture: trial %s starts" % msg["trial"], file=sys.stderr, flush=True)
    elif t == "ask":
        asks += 1
        d = domains[trial["domain"]]
        if mode == "exhausted" and trial["trial"].endswith("/2") and asks == 4 and os.path.exists(marker):
            print(json.dumps({"type": "exhausted"}), flush=True)
            continue
        if mode != "exhausted" and trial["trial"].endswith("/2") and asks == 3 and os.path.exists(marker):
            print("fixture: about to misbehave (%s)" % mode, file=sys.stderr, flush=True)
            if mode == "crash":
                print("Traceback (most recent call last):\nZeroDivisionError: division by zero", file=sys.stderr, flush=True)
                os._exit(3)
            if mode == "hang":
                time.sleep(600)
            if mode == "badjson":
                print('{"type": "arch", "index": 12,,}', flush=True)
                continue
            if mode == "outside":
                inside = set(d["members"])
                print(json.dumps({"type": "arch", "index": next(i for i in range(d["space_size"]) if i not in inside)}), flush=True)
                continue
            if mode == "error":
                print(json.dumps({"type": "error", "message": "KeyError in ask: 'population'"}), flush=True)
                continue
        print(json.dumps({"type": "arch", "index": rng.choice(d["members"])}), flush=True)
