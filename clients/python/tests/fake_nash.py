"""A stand-in for `nash query --stdin` for the helper's unit tests: the same JSON lines protocol over
a toy table (index i of 1000: signal i / 10, reported i / 20, cost i + 0.5; string form "a<i>")."""
import json
import sys


def main(argv):
    fields = None
    if "--fields" in argv:
        fields = argv[argv.index("--fields") + 1].split(",")
    assert argv[argv.index("--benchmark") + 1] == "toy", argv
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            if r.get("dataset") != "d":
                raise ValueError("unknown dataset or task '%s'" % r.get("dataset"))
            i = r["index"] if "index" in r else int(r["arch"][1:])
            if not 0 <= i < 1000:
                raise ValueError("index %d is not an architecture of toy (0..999)" % i)
            a = {"index": i, "arch": "a%d" % i, "fidelity": r.get("fidelity", "f1"), "signal": i / 10,
                 "reported": i / 20, "cost": i + 0.5, "cost_estimated": False}
            if fields:
                a = {k: v for k, v in a.items() if k in fields}
            if "columns" in r:
                a["values"] = {c: float("nan") if c == "missing" else 1.0 for c in r["columns"]}
        except (ValueError, KeyError) as e:
            a = {"error": "stdin line %d: %s" % (n, e)}
        sys.stdout.write(json.dumps(a).replace("NaN", "null") + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
