"""Look up NAS benchmark tables from Python through one long-lived nash process.

Stdlib only (Python 3.8+); copy this file next to your script or put its folder on sys.path.

    from nash_query import Benchmark
    with Benchmark("nb201") as nb:
        r = nb.query("cifar10", 9930)            # by official index, or by official string
        r["signal"], r["reported"], r["cost"]    # what a search on the table sees (hp12 by default)
        rows = nb.query_many("cifar10", range(15625), fidelity="hp200")
    with Benchmark("nb201", fields=["signal", "reported", "cost"]) as nb:   # leaner answers, faster
        ...

Each answer is a dict: index, arch, fidelity, signal (the search signal at the fidelity), reported
(the value reported for an incumbent, e.g. the 200-epoch test accuracy), cost (simulated seconds),
cost_estimated, and values (column key -> value) when columns=[...] or columns="all" is given. NaN
in the tables is None. A bad request raises QueryError with nash's message.

query() makes one round trip per look-up; query_many() streams all its requests while a second
thread reads the answers, which is what makes bulk look-ups fast (docs: `nash query --stdin`).

nash is started as `nash query --stdin --benchmark NAME`: the `nash` launcher of the checkout this
file is in, or the command in the NASH_CMD environment variable (split like a shell would), or the
`command` argument (a list).
"""

import json
import os
import shlex
import subprocess
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


class QueryError(Exception):
    """nash refused a request (bad dataset, architecture, fidelity, ...) or stopped."""


def _default_command():
    env = os.environ.get("NASH_CMD")
    if env:
        return shlex.split(env)
    launcher = os.path.normpath(os.path.join(HERE, "..", "..", "nash"))
    if os.path.isfile(launcher):
        return [launcher]
    return ["nash"]


class Benchmark:
    """One benchmark (nb201, tnb-micro, tnb-macro, nb101) answered by one nash process."""

    FIELDS = ("index", "arch", "fidelity", "signal", "reported", "cost", "cost_estimated")

    def __init__(self, name, fields=None, command=None, stderr=None):
        """fields: the answer fields to keep, of FIELDS (default all); fewer parse faster."""
        self.name = name
        cmd = list(command) if command is not None else _default_command()
        extra = ["--fields", ",".join(fields)] if fields else []
        self._proc = subprocess.Popen(cmd + ["query", "--stdin", "--benchmark", name] + extra,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                      bufsize=1 << 16)
        self._lock = threading.Lock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Ends the nash process (it exits when its input ends)."""
        p = self._proc
        if p is None:
            return
        self._proc = None
        try:
            p.stdin.close()
        except OSError:
            pass
        p.wait(timeout=60)
        p.stdout.close()

    @staticmethod
    def _request(dataset, arch, fidelity, columns):
        if isinstance(arch, str):
            head = '{"dataset":%s,"arch":%s' % (json.dumps(dataset), json.dumps(arch))
        else:
            head = '{"dataset":%s,"index":%d' % (json.dumps(dataset), arch)
        if fidelity is not None:
            head += ',"fidelity":%s' % json.dumps(fidelity)
        if columns is not None:
            head += ',"columns":%s' % json.dumps(columns)
        return head + "}\n"

    def _read_answer(self, line):
        if not line:
            raise QueryError("nash stopped answering (exit code %s)" % self._proc.poll())
        r = json.loads(line)
        if "error" in r:
            raise QueryError(r["error"])
        return r

    def query(self, dataset, arch, fidelity=None, columns=None):
        """One look-up: arch is an official index (int) or an official architecture string."""
        if self._proc is None:
            raise QueryError("this Benchmark is closed")
        with self._lock:
            self._proc.stdin.write(self._request(dataset, arch, fidelity, columns).encode())
            self._proc.stdin.flush()
            return self._read_answer(self._proc.stdout.readline())

    def query_many(self, dataset, archs, fidelity=None, columns=None):
        """Look-ups of many architectures (indices or strings), answered in order, as a list."""
        if self._proc is None:
            raise QueryError("this Benchmark is closed")
        if fidelity is None and columns is None:
            # the common case, built without per-item formatting calls
            prefix = '{"dataset":%s,' % json.dumps(dataset)
            lines = [(prefix + '"index":%d}\n' % a) if not isinstance(a, str)
                     else (prefix + '"arch":%s}\n' % json.dumps(a)) for a in archs]
        else:
            lines = [self._request(dataset, a, fidelity, columns) for a in archs]
        payload = "".join(lines).encode()
        n = len(lines)
        failure = []

        def write():
            try:
                self._proc.stdin.write(payload)
                self._proc.stdin.flush()
            except OSError as e:  # nash died; the reader reports it
                failure.append(e)

        with self._lock:
            writer = threading.Thread(target=write, daemon=True)
            writer.start()
            lines = []
            readline = self._proc.stdout.readline
            try:
                for _ in range(n):
                    line = readline()
                    if not line:
                        raise QueryError("nash stopped answering after %d of %d answers (exit code %s)"
                                         % (len(lines), n, self._proc.poll()))
                    lines.append(line)
            finally:
                writer.join()
        # one json.loads over all answers: twice as fast as one call per line
        out = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
        # every answer is read before raising, so that the next request gets its own answer
        for r in out:
            if "error" in r:
                raise QueryError(r["error"])
        return out
