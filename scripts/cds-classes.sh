#!/usr/bin/env bash
# Regenerates cli/cds/classes.lst: the classes (and lambda/invoke classes) that nash query, a run, a
# finished run and a shard load, for the launcher's CDS archive. Run after a build (./nash builds).
set -eu
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/nash.jar"; t="$(mktemp -d)"; trap 'rm -rf "$t"' EXIT
j=(java -Xmx1g -Dai.djl.offline=true -Dnash.home="$root")
"${j[@]}" -XX:DumpLoadedClassList="$t/1" -jar "$jar" query --benchmark nb201 --dataset cifar10 --index 9930 >/dev/null
"${j[@]}" -XX:DumpLoadedClassList="$t/2" -jar "$jar" run "$root/configs/quickstart.yaml" --out "$t/q" --quiet >/dev/null 2>&1
"${j[@]}" -XX:DumpLoadedClassList="$t/3" -jar "$jar" run "$root/configs/quickstart.yaml" --out "$t/q" --quiet >/dev/null 2>&1
"${j[@]}" -XX:DumpLoadedClassList="$t/4" -jar "$jar" run "$root/configs/nb201-all-pools.yaml" --shard 0/5000 --threads 1 --out "$t/s" --quiet >/dev/null 2>&1
"${j[@]}" -XX:DumpLoadedClassList="$t/5" -jar "$jar" query --benchmark nb201 --stdin < /dev/null >/dev/null
{ echo "# Classes for nash's CDS archive (see the launcher, ./nash): what query, a run, a finished run and a"
  echo "# shard load. Regenerate with scripts/cds-classes.sh after a build; a stale list only archives less."
  cat "$t"/[1-5] | grep -v '^#' | awk '!seen[$0]++'; } > "$root/cli/cds/classes.lst"
wc -l "$root/cli/cds/classes.lst"
