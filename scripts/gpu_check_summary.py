#!/usr/bin/env python3
"""The summary of scripts/gpu-check.sh: per setup img/s and GPU memory per worker, per cell the trained
accuracy next to the table and its seed range; printed and written to OUT/gpu-check.json.

Reads what the script left in OUT for each setup NAME (e.g. 1w, 4w): spot-NAME/spotcheck.json (nash
spotcheck --out), store-NAME.json (nash store export: per-epoch img/s of every training),
wall-NAME.txt (start and end, seconds since the epoch), memory-NAME.csv (nvidia-smi samples "pid, MiB";
absent on the CPU). Python 3 standard library only.
"""
import argparse
import json
import os
import sys

FORMAT = "nash-gpu-check/1"


def memory_per_worker(path):
    """{pid: largest MiB seen}, or None when nothing was sampled (CPU, or no nvidia-smi)."""
    if not os.path.exists(path):
        return None
    peak = {}
    with open(path) as f:
        for line in f:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) != 2 or not parts[0].isdigit():
                continue
            try:
                mib = float(parts[1])
            except ValueError:
                continue
            peak[parts[0]] = max(peak.get(parts[0], 0.0), mib)
    return peak or None


def num(v):
    """A number for strict JSON: NaN (no table value) becomes null."""
    return None if v is None or (isinstance(v, float) and v != v) else v


def setup_summary(out, name):
    with open(os.path.join(out, "spot-" + name, "spotcheck.json")) as f:
        spot = json.load(f)
    with open(os.path.join(out, "store-" + name + ".json")) as f:
        store = json.load(f)
    with open(os.path.join(out, "wall-" + name + ".txt")) as f:
        start, end = (float(x) for x in f.read().split())
    images = 0.0
    train_seconds = 0.0
    per_training = []
    devices = set()
    for entry in store:
        epochs = entry.get("perEpoch") or []
        n = sum(e["imagesPerSecond"] * e["trainSeconds"] for e in epochs)
        s = sum(e["trainSeconds"] for e in epochs)
        images += n
        train_seconds += s
        if s > 0:
            per_training.append(n / s)
        devices.add(entry.get("device"))
    wall = end - start
    memory = memory_per_worker(os.path.join(out, "memory-" + name + ".csv"))
    cells = []
    for row in spot["rows"]:
        cells.append({
            "arch": row["arch"],
            "trained": num(row["trained"]),
            "table": num(row["table"]),
            "diff": num(row["diff"]),
            "tableSeeds": row["tableSeeds"],
            "seedMin": row["seedMin"] if row["tableSeeds"] else None,
            "seedMax": row["seedMax"] if row["tableSeeds"] else None,
            "insideSeedRange": (row["outsideSeedRange"] == 0) if row["tableSeeds"] else None,
            "seconds": row["seconds"],
            "source": row["source"],
        })
    return {
        "setup": name,
        "workers": int(name.rstrip("w")),
        "trainings": len(store),
        "devices": sorted(d for d in devices if d),
        "wallSeconds": wall,
        "trainImages": images,
        # every image trained over the whole command's wall time: what the machine delivers
        "imagesPerSecondWall": images / wall if wall > 0 else None,
        # the training loops alone, one training at a time, averaged over trainings
        "imagesPerSecondPerTraining": sum(per_training) / len(per_training) if per_training else None,
        "gpuMemoryMiBPerWorker": memory,
        "table": spot["setup"]["tableColumn"],
        "kendallTau": num(spot["summary"]["tau"]),
        "cells": cells,
    }


def fmt(v, spec):
    return "n/a" if v is None or (isinstance(v, float) and v != v) else format(v, spec)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--device", required=True, choices=["cpu", "gpu"])
    ap.add_argument("--protocol", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--setups", nargs="+", required=True)
    a = ap.parse_args(argv)
    setups = [setup_summary(a.out, s) for s in a.setups]
    summary = {"format": FORMAT, "device": a.device, "dataset": a.dataset, "protocol": a.protocol,
               "setups": setups}
    tmp = os.path.join(a.out, "gpu-check.json.part")
    with open(tmp, "w") as f:
        json.dump(summary, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, os.path.join(a.out, "gpu-check.json"))
    print()
    print("%-6s %9s %14s %16s %10s  %s" % ("setup", "trainings", "img/s (wall)", "img/s (per run)", "wall s",
                                          "GPU MiB per worker"))
    for s in setups:
        mem = s["gpuMemoryMiBPerWorker"]
        print("%-6s %9d %14s %16s %10.1f  %s" % (s["setup"], s["trainings"], fmt(s["imagesPerSecondWall"], ".1f"),
                                               fmt(s["imagesPerSecondPerTraining"], ".1f"), s["wallSeconds"],
                                               ", ".join("%s: %.0f" % kv for kv in sorted(mem.items())) if mem
                                               else "n/a"))
    first = setups[0]
    print()
    print("cells (%s, %s setup):" % (a.dataset, first["setup"]))
    print("%6s %9s %9s %8s %17s" % ("arch", "trained", "table", "diff", "table seed range"))
    for c in first["cells"]:
        rng = "-" if c["seedMin"] is None else "%.2f..%.2f%s" % (c["seedMin"], c["seedMax"],
                                                                  "" if c["insideSeedRange"] else " (outside)")
        print("%6d %9s %9s %8s %17s" % (c["arch"], fmt(c["trained"], ".2f"), fmt(c["table"], ".2f"), fmt(c["diff"], "+.2f"),
                                          rng))
    print()
    print("wrote " + os.path.join(a.out, "gpu-check.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
