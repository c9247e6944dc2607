#!/usr/bin/env bash
# gpu-check.sh: one command that tells a user with an NVIDIA GPU whether nash trains on it, and how fast.
#
#   scripts/gpu-check.sh [--device gpu|cpu] [--tiny] [--out DIR] [--arch A,B,...] [--workers N]
#                        [--dataset D] [--data PATH]
#
# 1. runs `nash doctor --device gpu` (stops with its message and fix, exit 2, when the GPU cannot be used);
# 2. trains 5 NB-201 cells at the full hp12 protocol (C=16, N=5, 12 epochs, all training images) with
#    1 worker, then with 4 workers on the one GPU (each setup into a fresh result store, so every cell trains);
# 3. prints img/s per setup, GPU memory per worker (nvidia-smi), and each cell's accuracy next to the
#    table's hp12 value and the table's seed range, and writes DIR/gpu-check.json.
#
# --tiny: C=4, N=1, 1 epoch on 200 images, compared with hp12 (not comparable; for a quick check of the
# machinery, e.g. `--device cpu --tiny` on a machine without a GPU). Exit codes: 0 ok, 2 bad usage or no
# usable device (the doctor's message), 3 a step failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
# NASH_CMD: another nash command line (e.g. java -cp ... org.nash.cli.Nash, as the tests run it)
nash() {
  if [ -n "${NASH_CMD:-}" ]; then
    eval "$NASH_CMD" '"$@"'
  else
    "$here/../nash" "$@"
  fi
}

device=gpu
tiny=0
out=""
archs="9930,6111,1835,0,11"
workers=4
dataset=cifar10-valid
data=()

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

die_usage() {
  echo "gpu-check: $1" >&2
  usage >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --device) [ $# -ge 2 ] || die_usage "--device needs a value (gpu or cpu)"; device="$2"; shift 2 ;;
    --device=*) device="${1#*=}"; shift ;;
    --tiny) tiny=1; shift ;;
    --out) [ $# -ge 2 ] || die_usage "--out needs a folder"; out="$2"; shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --arch) [ $# -ge 2 ] || die_usage "--arch needs cells, e.g. 9930,6111"; archs="$2"; shift 2 ;;
    --arch=*) archs="${1#*=}"; shift ;;
    --workers) [ $# -ge 2 ] || die_usage "--workers needs a number"; workers="$2"; shift 2 ;;
    --workers=*) workers="${1#*=}"; shift ;;
    --dataset) [ $# -ge 2 ] || die_usage "--dataset needs a name"; dataset="$2"; shift 2 ;;
    --dataset=*) dataset="${1#*=}"; shift ;;
    --data) [ $# -ge 2 ] || die_usage "--data needs a path"; data=(--data "$2"); shift 2 ;;
    --data=*) data=(--data "${1#*=}"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown argument '$1'" ;;
  esac
done
case "$device" in gpu|cpu) ;; *) die_usage "--device must be gpu or cpu, got '$device'" ;; esac
case "$workers" in ''|*[!0-9]*|0) die_usage "--workers must be a positive number, got '$workers'" ;; esac
[ -n "$archs" ] || die_usage "--arch is empty"
if [ -z "$out" ]; then
  out="results/gpu-check-$(date +%Y%m%d-%H%M%S)"
fi
mkdir -p "$out" || { echo "gpu-check: cannot create $out" >&2; exit 2; }
out="$(cd "$out" && pwd)"

echo "== nash doctor --device $device"
nash doctor --device "$device" > "$out/doctor.txt" 2>&1
rc=$?
cat "$out/doctor.txt"
if [ $rc -ne 0 ]; then
  echo "gpu-check: nash doctor says --device $device cannot be used here (exit $rc); the fix is above." >&2
  echo "           Without a GPU, check the machinery on the CPU: scripts/gpu-check.sh --device cpu --tiny" >&2
  exit 2
fi

if [ $tiny -eq 1 ]; then
  settings=(--epochs 1 --table-epochs 12 --channels 4 --cells 1 --subset 200 --torch-threads 1)
  protocol="tiny: C=4, N=1, 1 epoch on 200 images, compared with hp12 (NOT comparable)"
else
  settings=(--epochs 12)
  protocol="hp12: C=16, N=5, 12 epochs on all training images (NB-201's protocol)"
fi

# GPU memory per worker process: the largest use nvidia-smi reports for each pid while a setup runs.
sample_memory() {
  local file="$1"
  while true; do
    nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits >> "$file" 2>/dev/null || return
    sleep 2
  done
}

setups=()
for n in 1 "$workers"; do
  name="${n}w"
  [[ " ${setups[*]:-} " == *" $name "* ]] && continue
  setups+=("$name")
  rm -f "$out/store-$name.sqlite" "$out/store-$name.sqlite-wal" "$out/store-$name.sqlite-shm"
  echo "== $n worker(s): ${archs} on $dataset ($protocol), device $device"
  sampler=""
  if [ "$device" = gpu ] && command -v nvidia-smi > /dev/null; then
    : > "$out/memory-$name.csv"
    sample_memory "$out/memory-$name.csv" &
    sampler=$!
  fi
  start=$(date +%s.%N)
  nash spotcheck --arch "$archs" --dataset "$dataset" --device "$device" --workers "$n" \
    --store "$out/store-$name.sqlite" --out "$out/spot-$name" "${settings[@]}" ${data[@]+"${data[@]}"} 2>&1 | tee "$out/spotcheck-$name.txt"
  rc=${PIPESTATUS[0]}
  end=$(date +%s.%N)
  [ -n "$sampler" ] && kill "$sampler" 2> /dev/null && wait "$sampler" 2> /dev/null
  if [ $rc -ne 0 ]; then
    echo "gpu-check: the spot check with $n worker(s) failed (exit $rc); see $out/spotcheck-$name.txt" >&2
    exit 3
  fi
  echo "$start $end" > "$out/wall-$name.txt"
  nash store export --store "$out/store-$name.sqlite" --format json --out "$out/store-$name.json" || {
    echo "gpu-check: cannot export the store of the $n-worker setup" >&2; exit 3; }
done

"$PYTHON" "$here/gpu_check_summary.py" --out "$out" --device "$device" --protocol "$protocol" \
  --dataset "$dataset" --setups "${setups[@]}" || { echo "gpu-check: cannot write the summary" >&2; exit 3; }
