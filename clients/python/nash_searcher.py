"""Write a nash searcher in Python: subclass Searcher, then call serve(YourSearcher).

Stdlib only (Python 3.8+); copy this file next to your searcher or put its folder on sys.path.
nash starts your script as a long-lived worker and speaks the JSON-lines protocol of
docs/PROTOCOL.md on stdin/stdout; this module runs that loop. Write diagnostics to stderr (nash keeps
them in a log in the results folder); never print to stdout, it is the protocol channel.

    class MySearch(Searcher):
        name = "my-search"
        def start(self, trial):        # a new trial: trial.domain, trial.seed, trial.budget
            self.rng = random.Random(trial.seed)
        def ask(self):                 # the next architecture: an index of trial.domain.members
            return self.trial.domain.sample(self.rng)
        def tell(self, index, signal, info):   # its search signal (higher is better)
            ...

    if __name__ == "__main__":
        serve(MySearch)

Determinism: take every random number from random.Random(trial.seed); nash sends the same seed for
the same trial whatever the thread count, so the results are byte-identical.
"""

import io
import json
import sys
import traceback

PROTOCOL = 1


class ProtocolError(Exception):
    """A message nash should never send; the worker stops."""


class Domain:
    """The architectures a trial may ask for, by official benchmark index.

    members: the indices, ascending (the official index order); ops_of(i): the op id at each
    position (cell edges in official string order). For cell spaces ('edges' present) sample,
    neighbours and mutate follow nash's own rules exactly: uniform over the members; a neighbour
    changes one edge's op and stays in the domain; the order is edge by edge, op id by op id.
    """

    def __init__(self, msg):
        self.id = msg["id"]
        self.space = msg["space"]
        self.ops = msg["ops"]
        self.op_short = msg["op_short"]
        self.pool = msg["pool"]
        self.pool_label = msg.get("pool_label")
        self.allow_disconnected = msg.get("allow_disconnected", True)
        self.space_size = msg["space_size"]
        self.edges = msg.get("edges")
        self.nodes = msg.get("nodes")
        self.members = msg["members"]
        self.size = len(self.members)
        if self.size != msg["size"]:
            raise ProtocolError("domain %s lists %d members, says size %d" % (self.id, self.size, msg["size"]))
        ops = [tuple(o) for o in msg["member_ops"]]
        self._ops = dict(zip(self.members, ops))
        self._index = dict(zip(ops, self.members))
        self._neighbours = {}

    def __contains__(self, index):
        return index in self._ops

    def ops_of(self, index):
        return self._ops[index]

    def index_of(self, ops):
        """The member with these ops, or None."""
        return self._index.get(tuple(ops))

    def sample(self, rng):
        return self.members[rng.randrange(self.size)]

    def neighbours(self, index):
        nb = self._neighbours.get(index)
        if nb is None:
            if self.edges is None:
                raise NotImplementedError("neighbours are defined for cell spaces; %s has no edges" % self.space)
            cur = self._ops[index]
            k = len(self.ops)
            nb = []
            get = self._index.get
            for e in range(len(cur)):
                head, tail = cur[:e], cur[e + 1:]
                for op in range(k):
                    if op != cur[e]:
                        n = get(head + (op,) + tail)
                        if n is not None:
                            nb.append(n)
            self._neighbours[index] = nb
        return nb

    def mutate(self, index, rng):
        """A uniformly chosen member neighbour; the architecture itself if it has none."""
        nb = self.neighbours(index)
        return nb[rng.randrange(len(nb))] if nb else index


class Trial:
    """One trial: key (e.g. cifar10/full/py-re/0), seed, domain, budget ({'kind', 'total'} or None)."""

    def __init__(self, key, seed, domain, budget):
        self.key = key
        self.seed = seed
        self.domain = domain
        self.budget = budget


class Searcher:
    """Base class; nash makes a new instance for every trial, so state never leaks between trials.

    Override start, ask and tell (end is optional). ask returns an index (int), an official
    architecture string, a list of them (a batch: nash tells each one it evaluates, in order, before
    it asks again; the rest is dropped when the budget ends), or None when the searcher has nothing
    more to ask. Raise ValueError in __init__ for bad parameters: nash shows the message.
    """

    name = "searcher"
    version = "0"

    def __init__(self, params):
        self.params = dict(params)
        self.trial = None

    def start(self, trial):
        pass

    def ask(self):
        raise NotImplementedError

    def tell(self, index, signal, info):
        """info: the whole tell message (arch string, cost and budget_left when nash knows them)."""

    def end(self, stop):
        """The trial is over (stop says why); no reply is expected."""

    def check_params(self, known):
        """Raises ValueError naming parameters this searcher does not know."""
        unknown = sorted(set(self.params) - set(known))
        if unknown:
            raise ValueError("unknown parameter(s) %s; known: %s" % (unknown, sorted(known)))


def _reply_for(answer):
    if answer is None:
        return '{"type":"exhausted"}\n'
    if isinstance(answer, bool):
        raise TypeError("ask returned a bool, expected an index, an arch string or a list")
    if isinstance(answer, int):
        return '{"type":"arch","index":%d}\n' % answer
    if isinstance(answer, str):
        return json.dumps({"type": "arch", "arch": answer}) + "\n"
    answer = list(answer)
    if all(isinstance(a, int) and not isinstance(a, bool) for a in answer):
        return '{"type":"batch","index":[%s]}\n' % ",".join("%d" % a for a in answer)
    if all(isinstance(a, str) for a in answer):
        return json.dumps({"type": "batch", "arch": answer}) + "\n"
    raise TypeError("ask returned a list mixing indices and strings: %r" % (answer[:5],))


def serve(factory, inp=None, out=None, err=None):
    """Answers nash until it closes stdin. factory(params) makes a Searcher (usually the class)."""
    # Text lines into the C decoder directly: json.loads would sniff the encoding of every line.
    inp = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8") if inp is None else inp
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    loads = json.JSONDecoder().decode
    domains = {}
    params = None
    searcher = None
    pending = None  # an error raised by tell, reported at the next ask
    write, flush = out.write, out.flush

    def error(message):
        write(json.dumps({"type": "error", "message": message}) + "\n")
        flush()

    for line in inp:
        if not line.strip():
            continue
        msg = loads(line)
        t = msg.get("type")
        if t == "tell":
            if pending is None:
                try:
                    searcher.tell(msg["index"], msg["signal"], msg)
                except Exception as e:  # noqa: BLE001 - reported to nash at the next ask
                    traceback.print_exc(file=err)
                    pending = "%s in tell: %s" % (type(e).__name__, e)
        elif t == "ask":
            if pending is not None:
                error(pending)
                continue
            try:
                reply = _reply_for(searcher.ask())
            except Exception as e:  # noqa: BLE001
                traceback.print_exc(file=err)
                error("%s in ask: %s" % (type(e).__name__, e))
                continue
            write(reply)
            flush()
        elif t == "start":
            pending = None
            searcher = factory(params)
            searcher.trial = Trial(msg["trial"], msg["seed"], domains[msg["domain"]], msg.get("budget"))
            try:
                searcher.start(searcher.trial)
            except Exception as e:  # noqa: BLE001
                traceback.print_exc(file=err)
                pending = "%s in start: %s" % (type(e).__name__, e)
        elif t == "end":
            if searcher is not None:
                try:
                    searcher.end(msg.get("stop"))
                except Exception:  # noqa: BLE001 - the trial is already recorded
                    traceback.print_exc(file=err)
            searcher = None
            pending = None
        elif t == "domain":
            domains[msg["id"]] = Domain(msg)
        elif t == "hello":
            if msg.get("protocol") != PROTOCOL:
                error("this client speaks protocol %d, nash sent %r" % (PROTOCOL, msg.get("protocol")))
                continue
            params = msg.get("params") or {}
            try:
                probe = factory(params)
            except Exception as e:  # noqa: BLE001 - bad parameters, shown by nash
                error("%s: %s" % (type(e).__name__, e))
                continue
            write(json.dumps({"type": "hello", "protocol": PROTOCOL, "name": probe.name, "version": probe.version}) + "\n")
            flush()
        else:
            raise ProtocolError("unknown message type %r" % (t,))
