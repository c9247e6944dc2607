#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for the integration tests and for trying `nash slurm`
# without a real cluster (docs/CLUSTER.md).
#
#   scripts/slurm-local.sh start    install slurm-wlm + munge with apt-get when missing (root), write
#                                   the config, start munged, slurmctld, slurmd; wait for the node
#   scripts/slurm-local.sh stop     cancel the cluster's jobs, stop exactly the daemons start recorded
#   scripts/slurm-local.sh status   daemons and sinfo
#   scripts/slurm-local.sh env      the line to eval so that sbatch/squeue talk to this cluster
#
# Everything (config, munge key and socket, spool, state, logs, pid files) lives under
# $NASH_SLURM_HOME (default: target/slurm of the repository). The client commands find the cluster
# through SLURM_CONF=$NASH_SLURM_HOME/slurm.conf; nothing under /etc is read or changed (the Debian
# postinst scripts do create /etc/munge/munge.key, which is not used).
#
# The settings are what works as root in a container without systemd or a writable cgroup tree:
# proctrack/linuxproc, task/none, jobacct_gather/none, no cgroup.conf (22.05 rejects
# CgroupPlugin=disabled), no accounting daemon (sacct is unavailable; `nash slurm status` reads
# squeue and the shard files). The daemons talk over 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
H="${NASH_SLURM_HOME:-$ROOT/target/slurm}"
CTLD_PORT="${NASH_SLURM_CTLD_PORT:-6817}"
SLURMD_PORT="${NASH_SLURM_SLURMD_PORT:-6818}"
NODE=nash-local
CONF="$H/slurm.conf"
PIDS="$H/pids"

log() { echo "slurm-local: $*" >&2; }
die() { log "$*"; exit 1; }

install_packages() {
  local missing=()
  command -v slurmctld >/dev/null || missing+=(slurmctld)
  command -v slurmd >/dev/null || missing+=(slurmd)
  command -v sbatch >/dev/null || missing+=(slurm-client)
  command -v munged >/dev/null || missing+=(munge)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: run as root or: apt-get install slurm-wlm munge"
  log "installing slurm-wlm munge (apt-get)"
  local t0=$SECONDS
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >"$H/apt.log" 2>&1 \
    || { tail -20 "$H/apt.log" >&2; die "apt-get install failed (log: $H/apt.log)"; }
  log "installed in $((SECONDS - t0)) s"
}

# A daemon we started is alive when its recorded PID runs the expected program (a PID can be reused).
alive() { # name pid
  [ -n "$2" ] && [ -r "/proc/$2/comm" ] && [ "$(cat "/proc/$2/comm")" = "$1" ]
}

recorded() { # name -> pid recorded by start, or empty
  [ -f "$PIDS" ] && awk -v n="$1" '$1 == n { print $2 }' "$PIDS" | tail -1 || true
}

write_config() {
  local cpus mem_mb
  cpus="$(nproc)"
  # 95% of the memory: slurmd drains a node that reports less than the configured RealMemory.
  mem_mb="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)"
  mkdir -p "$H/state" "$H/spool" "$H/log" "$H/run"
  cat >"$CONF" <<CONF
# Written by scripts/slurm-local.sh: a single-node cluster on 127.0.0.1.
ClusterName=nash-local
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$H/munge/munge.socket
StateSaveLocation=$H/state
SlurmdSpoolDir=$H/spool/slurmd-%n
SlurmctldPidFile=$H/run/slurmctld.pid
SlurmdPidFile=$H/run/slurmd-%n.pid
SlurmctldLogFile=$H/log/slurmctld.log
SlurmdLogFile=$H/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
LaunchParameters=use_interactive_step
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Quick turnaround for tests: schedule often, free nodes soon after a job.
SchedulerParameters=sched_interval=2
MinJobAge=300
KillWait=5
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=$(hostname -s) CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
  mkdir -p "$H/munge"
  chown munge:munge "$H/munge"
  chmod 0755 "$H/munge"
  if [ ! -f "$H/munge/munge.key" ]; then # created once, kept across restarts
    dd if=/dev/urandom of="$H/munge/munge.key" bs=1024 count=1 status=none
    chown munge:munge "$H/munge/munge.key"
    chmod 0400 "$H/munge/munge.key"
  fi
  rm -f "$H/munge/munge.socket" "$H/munge/munge.socket.lock" "$H/munge/munged.pid"
  runuser -u munge -- munged --socket="$H/munge/munge.socket" --key-file="$H/munge/munge.key" \
    --pid-file="$H/munge/munged.pid" --log-file="$H/munge/munged.log" --seed-file="$H/munge/munged.seed"
  wait_for_file "$H/munge/munged.pid" munged
  echo "munged $(cat "$H/munge/munged.pid")" >>"$PIDS"
}

wait_for_file() { # file name
  for _ in $(seq 1 100); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  die "$2 did not start (no $1); logs under $H"
}

start() {
  mkdir -p "$H"
  install_packages
  if [ -f "$PIDS" ]; then
    for n in munged slurmctld slurmd; do
      alive "$n" "$(recorded "$n")" && die "already running ($n $(recorded "$n")); stop it first"
    done
  fi
  local t0=$SECONDS
  : >"$PIDS"
  write_config
  export SLURM_CONF="$CONF"
  start_munge
  rm -f "$H/run/slurmctld.pid" "$H/run/slurmd-$NODE.pid"
  # -c: start from an empty state (jobs of an earlier cluster are gone with its processes).
  slurmctld -c -f "$CONF"
  wait_for_file "$H/run/slurmctld.pid" slurmctld
  echo "slurmctld $(cat "$H/run/slurmctld.pid")" >>"$PIDS"
  slurmd -N "$NODE" -f "$CONF"
  wait_for_file "$H/run/slurmd-$NODE.pid" slurmd
  echo "slurmd $(cat "$H/run/slurmd-$NODE.pid")" >>"$PIDS"
  for _ in $(seq 1 60); do
    if sinfo -h -n "$NODE" -o %t 2>/dev/null | grep -qx idle; then
      log "up in $((SECONDS - t0)) s: node $NODE idle ($(nproc) CPUs); export SLURM_CONF=$CONF"
      return 0
    fi
    sleep 0.5
  done
  sinfo >&2 || true
  die "node $NODE not idle after 30 s; logs under $H/log"
}

stop() {
  [ -f "$PIDS" ] || { log "not started (no $PIDS)"; return 0; }
  export SLURM_CONF="$CONF"
  local ctld
  ctld="$(recorded slurmctld)"
  if alive slurmctld "$ctld"; then
    # Jobs first, so that no job step outlives the node daemon.
    scancel --quiet --full --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 1 20); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # Reverse order of start: slurmd, slurmctld, munged; only the recorded PIDs.
  for n in slurmd slurmctld munged; do
    local pid
    pid="$(recorded "$n")"
    alive "$n" "$pid" || continue
    kill -TERM "$pid"
    for _ in $(seq 1 50); do
      alive "$n" "$pid" || break
      sleep 0.2
    done
    if alive "$n" "$pid"; then
      log "$n ($pid) ignored TERM; KILL"
      kill -KILL "$pid"
    fi
  done
  rm -f "$PIDS"
  log "stopped"
}

status() {
  local rc=0
  for n in munged slurmctld slurmd; do
    local pid
    pid="$(recorded "$n")"
    if alive "$n" "$pid"; then echo "$n running (pid $pid)"; else echo "$n not running"; rc=1; fi
  done
  if [ $rc -eq 0 ]; then
    SLURM_CONF="$CONF" sinfo
  fi
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
