"""Three-valued evaluation of criteria trees; every node's result is kept by its criterion id.

Pure and deterministic: the only "today" is the request date in the context, and nothing here
reads a clock, a file or the network. The result map *is* the explanation: the trace, the
pend questions and the reasons for physician review are all read back from it.

Each tree compiles to up to three functions with the same values: the full one (``bind``) records
every node, for the trace; the lean one (``bind_lean``) stops an ``all`` / ``any`` at a deciding
child and leaves the rest unrecorded, for a review's criteria; the value-only one
(``bind_settle``) records nothing, for a review's conditions (does a scenario apply?).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..policy import schema as s
from .codecache import compile_source
from . import predicates as p
from .context import Context, Value, fact_mask


_NOT_YET = object()  # a lazily computed attribute not computed yet


@dataclass(eq=False)
class Criterion:
    """A compiled criteria node with its stable id (``SP-6.1#standard.trial``)."""

    id: str
    kind: str
    label: str
    ask: str | bool | None
    spec: Any = None  # the schema node, for leaves
    children: list[Criterion] = field(default_factory=list)
    at_least: int = 0
    ref: str | None = None
    target: Criterion | None = None  # resolved at load for refs
    fn: Any = None  # the compiled function, bound on first evaluation (returns the node's record)
    lean_fn: Any = None  # the same, stopping at deciding children (``bind_lean``)
    settle_fn: Any = None  # the value-only function (returns (value, decided))
    screen: Any = _NOT_YET  # the fact bits without which it cannot be true (see ``screen``)
    reads: Any = _NOT_YET  # the facts it reads when it reads nothing else (see ``fact_only``)
    cost: int = 0  # what evaluating it costs, roughly (see ``_cost``)
    asked: dict = field(default_factory=dict)  # a leaf's pend question by requested region
    blank: Any = _NOT_YET  # (the bits of the facts it reads, its record when none is documented), or None
    asks_fn: Any = None  # its questions function (``bind_asks``), compiled on first use
    fails_fn: Any = None  # its reasons function (``bind_fails``), compiled on first use


_LEAVES = {
    s.FactNode: ("fact", p.eval_fact),
    s.EncounterNode: ("encounter", p.eval_encounter),
    s.TrialNode: ("trial", p.eval_trial),
    s.ReevaluationNode: ("reevaluation", p.eval_reevaluation),
    s.ImagingNode: ("imaging", p.eval_imaging),
    s.AgeNode: ("age", p.eval_age),
    s.RequestNode: ("request", p.eval_request),
}


def compile_node(node, section: str, path: str, negated: bool = False) -> Criterion:
    """Turn a schema node into a Criterion; ids are ``section#local`` (explicit id, or path).
    ``negated``: the node is under an odd number of ``not``s (see ``ImagingSpec.before_onset``)."""
    cid = f"{section}#{node.id}" if node.id else f"{section}#{path}"
    if isinstance(node, (s.AllNode, s.AnyNode, s.AtLeastNode)):
        kids = node.all if isinstance(node, s.AllNode) else node.any if isinstance(node, s.AnyNode) else node.of
        kind = "all" if isinstance(node, s.AllNode) else "any" if isinstance(node, s.AnyNode) else "at_least"
        children = [compile_node(k, section, f"{path}.{i + 1}", negated) for i, k in enumerate(kids)]
        default = {"all": "all of", "any": "any of", "at_least": f"at least {getattr(node, 'at_least', 0)} of"}[kind]
        return Criterion(cid, kind, node.label or default, node.ask, children=children,
                         at_least=getattr(node, "at_least", 0))
    if isinstance(node, s.NotNode):
        child = compile_node(node.not_, section, f"{path}.1", not negated)
        return Criterion(cid, "not", node.label or f"not: {child.label}", node.ask, children=[child])
    if isinstance(node, s.RefNode):
        return Criterion(cid, "ref", node.label or node.ref, node.ask, ref=node.ref)
    if isinstance(node, s.PredicateNode):
        return Criterion(cid, "predicate", node.label or node.predicate.replace("_", " "), node.ask, spec=node)
    kind, _ = _LEAVES[type(node)]
    if isinstance(node, s.ImagingNode) and node.imaging.before_onset is None:
        # a study required after the onset: an older one leaves it unknown; "no such study since the onset"
        # (under a not): an older one is not one since
        node = node.model_copy(update={"imaging": node.imaging.model_copy(
            update={"before_onset": "unmet" if negated else "unknown"})})
    return Criterion(cid, kind, node.label or p.auto_label(node), node.ask, spec=node)


def walk(c: Criterion):
    yield c
    for k in c.children:
        yield from walk(k)


def evaluate(c: Criterion, ctx: Context) -> Value:
    """The value of ``c`` for this case (memoized by criterion id in ``ctx.results``)."""
    hit = ctx.results.get(c.id)
    return (hit or (c.fn or bind(c))(ctx))[0]


def fact_only(c: Criterion) -> frozenset[str] | None:
    """The facts a subtree reads, when it reads nothing but facts (else None); kept on the node."""
    if c.reads is _NOT_YET:
        c.reads = _reads(c)
    return c.reads


def _reads(c: Criterion) -> frozenset[str] | None:
    if c.kind == "fact":
        return frozenset((c.spec.fact,))
    if c.kind == "ref":
        return fact_only(c.target)
    if c.kind in ("all", "any", "at_least", "not"):
        names: set[str] = set()
        for k in c.children:
            sub = fact_only(k)
            if sub is None:
                return None
            names |= sub
        return frozenset(names)
    return None


def bind(c: Criterion):
    """Compile ``c`` once, on its first evaluation, into one Python function that evaluates its whole
    subtree inline and returns its record; evaluation is the hot path of every review.

    Every node records ``(value, evidence, decided)`` under its criterion id: decided is what
    ``decide`` uses, the value unless it is unknown, when unknowns nobody is asked about are
    presumed absent. A subtree of facts none of which the case documents is unknown throughout and
    is skipped (its nodes are left unrecorded, which reads as unknown in the trace). A ref calls
    its target's own function unless the target is already recorded (a named criterion is
    evaluated once per case)."""
    c.fn = _compile(c, record=True, short=False)
    return c.fn


def bind_settle(c: Criterion):
    """Compile ``c``'s value-only function: the same ``(value, decided)`` as ``bind``'s record, with
    nothing recorded but the pair of each named criterion it reaches (in ``ctx.settled``), and
    ``all`` / ``any`` stopping at the first child that decides them. For the questions whose
    answer is all a review needs (does a section's scenario apply?)."""
    c.settle_fn = _compile(c, record=False, short=True)
    return c.settle_fn


def bind_lean(c: Criterion):
    """Compile ``c``'s lean function: ``bind``'s, except that ``all`` / ``any`` stop at the first
    child whose value decides them (false / true), leaving the children after it unrecorded."""
    c.lean_fn = _compile(c, record=True, short=True)
    return c.lean_fn


def _compile(c: Criterion, record: bool, short: bool):
    gen = _Source(record, short)
    gen.root = c
    v, d = gen.node(c, 1)
    if record:
        lines = ["def run(ctx):", " R, F, M = ctx.results, ctx.facts, ctx.mask", *gen.lines, f" return R[{c.id!r}]"]
    else:
        lines = ["def run(ctx):", " F, M = ctx.facts, ctx.mask", *gen.lines,
                 f" ctx.settled[{c.id!r}] = h = ({v}, {d})", " return h"]
    space = dict(gen.consts)
    exec(compile_source("\n".join(lines), f"<criterion {c.id}>"), space)  # noqa: S102 - our own source
    return space["run"]


class _Writer:
    """Lines of generated source, and the constants (``c<n>``) it names."""

    def __init__(self, lines: list[str], consts: dict[str, Any]) -> None:
        self.lines, self.consts, self.count = lines, consts, 0

    def const(self, value: Any) -> str:
        name = f"c{len(self.consts)}"
        self.consts[name] = value
        return name

    def emit(self, depth: int, *statements: str) -> None:
        self.lines += [" " * depth + st for st in statements]


class _Source(_Writer):
    """The source of one compiled subtree: for every node, statements that set ``v<n>`` (its value)
    and, when recording, record it; ``node`` returns that name and the expression of its decided
    value."""

    def __init__(self, record: bool = True, short: bool = False) -> None:
        super().__init__([], {"_present": _present, "_meets": _meets})
        self.record, self.short = record, short
        self.known: set[int] = set()  # fact bits an enclosing test found documented, in the branch emitted now
        self.root: Criterion | None = None  # the node whose function this is

    def node(self, c: Criterion, depth: int) -> tuple[str, str]:
        """Emit ``c``'s statements at ``depth``; return the name of its value and the expression of
        its decided value (``v<n>`` itself, or ``d<n>``)."""
        n = self.count = self.count + 1
        return f"v{n}", self._node(c, n, depth)

    def _node(self, c: Criterion, n: int, depth: int) -> str:
        cid = repr(c.id)
        needs = fact_only(c) if c.kind != "fact" else None
        if not needs:
            return self._inner(c, n, cid, depth)
        mask = fact_mask(needs)
        if mask in self.known:  # an enclosing test found one of these facts documented
            d = self._inner(c, n, cid, depth)
            if d == f"v{n}" and _blank(c) is not None:  # a name of its own: a blank branch sets it apart
                self.emit(depth, f"d{n} = v{n}")
                return f"d{n}"
            return d
        blank = _blank(c)
        test = f"{next(iter(needs))!r} not in F" if len(needs) == 1 else f"not M & {mask}"
        self.emit(depth, f"if {test}:", f" v{n} = None")
        if self.record:
            self.emit(depth + 1, f"R[{cid}] = (None, (), {blank!r})")
        at = len(self.lines)
        self.emit(depth, "else:")
        self.known.add(mask)
        d = self._inner(c, n, cid, depth + 1)
        self.known.discard(mask)
        if d == f"v{n}" and blank is None:
            return d
        if d != f"d{n}":
            self.emit(depth + 1, f"d{n} = {d}")
        self.lines.insert(at, " " * (depth + 1) + f"d{n} = {blank!r}")
        return f"d{n}"

    def _record(self, n: int, cid: str, depth: int, evidence: str, presumed: str | None) -> str:
        """Record node n (when recording); ``presumed`` is the decided value's expression when the
        value is unknown (None: unknown stays unknown)."""
        if presumed is None or presumed == "None":
            if self.record:
                self.emit(depth, f"R[{cid}] = (v{n}, {evidence}, v{n})")
            return f"v{n}"
        self.emit(depth, f"d{n} = v{n} if v{n} is not None else {presumed}")
        if self.record:
            self.emit(depth, f"R[{cid}] = (v{n}, {evidence}, d{n})")
        return f"d{n}"

    def _inner(self, c: Criterion, n: int, cid: str, depth: int) -> str:
        kind, unasked = c.kind, c.ask is False
        if kind in ("all", "any", "at_least"):
            if self.short and kind != "at_least" and len(c.children) > 1:
                return self._short(c, n, cid, depth)
            kids = [self.node(k, depth) for k in c.children]
            values = ", ".join(v for v, _ in kids)
            self.emit(depth, f"t{n} = ({values}{',' if len(kids) == 1 else ''})",
                      f"v{n} = {self._combine(kind, c.at_least, f't{n}')}")
            return self._record(n, cid, depth, "()", self._presumed(c, kids))
        if kind == "not":
            v, d = self.node(c.children[0], depth)
            self.emit(depth, f"v{n} = None if {v} is None else not {v}")
            presumed = "False" if unasked else None if d == v else f"(None if {d} is None else not {d})"
            return self._record(n, cid, depth, "()", presumed)
        if kind == "ref":
            # a record's decided value is its value unless that is unknown: the target's record gives both
            target = c.target
            if self.record:
                run = self.const((target.lean_fn or bind_lean(target)) if self.short else (target.fn or bind(target)))
                self.emit(depth, f"h{n} = R.get({target.id!r}) or {run}(ctx)")
                if unasked:
                    self.emit(depth, f"v{n} = h{n}[0]")
                    return self._record(n, cid, depth, repr((f"see {target.id}",)), "False")
                self.emit(depth, f"v{n}, _, d{n} = h{n}", f"R[{cid}] = (v{n}, {(f'see {target.id}',)!r}, d{n})")
                return f"d{n}"
            run = self.const(target.settle_fn or bind_settle(target))
            self.emit(depth, f"h{n} = ctx.settled.get({target.id!r}) or {run}(ctx)")
            if unasked:
                self.emit(depth, f"v{n} = h{n}[0]")
                return self._record(n, cid, depth, "", "False")
            self.emit(depth, f"v{n}, d{n} = h{n}")
            return f"d{n}"
        presumed = "False" if unasked else None
        if kind == "fact":
            # several records of a fact are rare: a helper, not a comprehension (each compiles to a function)
            if _plain(c.spec):  # no condition on the record: its presence decides
                value = f"r{n}[0].present if len(r{n}) == 1 else _present(r{n})"
            else:
                test = self.const(p.record_test(c.spec))
                value = f"{test}(r{n}[0], ctx) if len(r{n}) == 1 else _meets({test}, r{n}, ctx)"
            # undocumented (the common case): unknown, or presumed absent
            if self.short and c is not self.root:  # lean / value-only: an undocumented fact inside the
                # tree is left unrecorded (it reads as blank); the root's record is what the function returns
                d = f"v{n}" if presumed is None else f"d{n}"
                self.emit(depth, f"if {c.spec.fact!r} in F:", f" r{n} = F[{c.spec.fact!r}]", f" v{n} = {value}")
                if presumed is not None:
                    self.emit(depth + 1, f"d{n} = v{n} if v{n} is not None else {presumed}")
                if self.record:
                    self.emit(depth + 1, f"R[{cid}] = (v{n}, tuple(r{n}), {d})")
                self.emit(depth, "else:", f" v{n} = None")
                if presumed is not None:
                    self.emit(depth + 1, f"d{n} = {presumed}")
                return d
            self.emit(depth, f"r{n} = F.get({c.spec.fact!r})", f"v{n} = ({value}) if r{n} else None")
            d = f"v{n}"
            if presumed is not None:
                d = f"d{n}"
                self.emit(depth, f"d{n} = v{n} if v{n} is not None else {presumed}")
            if self.record:
                self.emit(depth, f"R[{cid}] = (v{n}, tuple(r{n}), {d}) if r{n} else (None, (), {presumed})")
            return d
        spec = c.spec
        if kind in ("request", "age"):
            value, evidence = self._request(spec.request) if kind == "request" else self._age(spec.age, n, depth)
            self.emit(depth, f"v{n} = {value}")
            return self._record(n, cid, depth, evidence, presumed)
        if kind == "predicate":
            call = f"{self.const(p.NAMED[spec.predicate])}({self.const(spec.args)}, ctx)"
            bound = p.FACT_BOUND.get(spec.predicate)
            if bound is not None:  # none of the facts it reads documented: its result without them, uncalled
                key, when_none = bound
                call = (f"({self.const(when_none(spec.args))} if not M & {fact_mask(tuple(spec.args.get(key) or ()))} "
                        f"else {call})")
        else:
            call = f"{self.const(_LEAVES[type(spec)][1])}({self.const(plain(spec))}, ctx)"
        if not self.record:
            self.emit(depth, f"v{n} = {call}[0]")
            return self._record(n, cid, depth, "", presumed)
        self.emit(depth, f"v{n}, e{n} = {call}")
        return self._record(n, cid, depth, f"e{n}", presumed)

    def _request(self, r: s.RequestSpec) -> tuple[str, str]:
        """``p.eval_request``'s value and evidence, as expressions with only the node's checks."""
        evidence = f"(({self.const(p.request_text)}, (ctx.code, ctx.case.request.technique)),)"
        return request_test(r, self.const) or "True", evidence

    def _age(self, a: s.AgeComparison, n: int, depth: int) -> tuple[str, str]:
        """``p.eval_age``'s value and evidence, as expressions (``a<n>`` holds the age)."""
        self.emit(depth, f"a{n} = " + ("ctx.years" if a.unit == "years" else f"ctx.age({a.unit!r})"))
        tests = [f"a{n} {sym} {getattr(a, op)!r}" for op, sym in (("gte", ">="), ("gt", ">"), ("lte", "<="), ("lt", "<"))
                 if getattr(a, op) is not None]
        return " and ".join(tests) or "True", f"(({self.const(p.age_text)}, (a{n}, {a.unit!r}, ctx.today)),)"

    def _presumed(self, c: Criterion, kids: list[tuple[str, str]]) -> str | None:
        """The decided value's expression of a group whose value is unknown."""
        if c.ask is False:
            return "False"
        decided = [d for _, d in kids]
        if decided == [v for v, _ in kids]:
            return None  # no child presumes anything: unknown stays unknown
        return self._combine(c.kind, c.at_least, f"({', '.join(decided)}{',' if len(kids) == 1 else ''})")

    def _short(self, c: Criterion, n: int, cid: str, depth: int) -> str:
        """An ``all`` / ``any`` that stops at the first child whose value decides it (a false one for
        ``all``, a true one for ``any``: its decided value is then the same). Cheap children go first,
        so that an expensive one is skipped as often as possible (the values do not depend on order)."""
        stop = "False" if c.kind == "all" else "True"
        order = sorted(c.children, key=_cost)
        # Children that read nothing but facts come first (they are the cheapest). While the case
        # documents none of their facts (the usual case) each is unknown, decided as ``_blank`` says,
        # and none stops the group: one test of the fact bits stands for all of them, and the lean
        # function leaves them unrecorded (``missing`` and ``failures`` read such a node as blank).
        facts_only = [k for k in order if fact_only(k)]
        kids = []
        union = fact_mask(frozenset().union(*(fact_only(k) for k in facts_only))) if len(facts_only) > 1 else 0
        if union and union not in self.known:
            self.emit(depth, f"if M & {union}:")
            self.known.add(union)
            kids = self._chain(facts_only, n, stop, depth + 1)
            self.known.discard(union)
            self.emit(depth, "else:")
            for k, (v, d) in zip(facts_only, kids):
                blank = _blank(k)
                if d == v:
                    assert blank is None, k.id  # a child that presumes nothing is blank unknown
                    self.emit(depth + 1, f"{v} = None")
                else:
                    self.emit(depth + 1, f"{v} = None", f"{d} = {blank!r}")
            self.emit(depth + 1, f"g{n} = True")
            order = [k for k in order if not fact_only(k)]
        kids += self._chain(order, n, stop, depth, first=not kids)
        values = f"({', '.join(v for v, _ in kids)})"
        self.emit(depth, f"if g{n}:", f" v{n} = None if None in {values} else {'True' if stop == 'False' else 'False'}")
        presumed = self._presumed(c, kids)
        if presumed is None:
            self.emit(depth, "else:", f" v{n} = {stop}")
            d = f"v{n}"
        else:
            self.emit(depth + 1, f"d{n} = v{n} if v{n} is not None else {presumed}")
            self.emit(depth, "else:", f" v{n} = d{n} = {stop}")
            d = f"d{n}"
        if self.record:
            self.emit(depth, f"R[{cid}] = (v{n}, (), {d})")
        return d

    def _chain(self, children: list[Criterion], n: int, stop: str, depth: int, first: bool = True) -> list:
        """Emit ``children`` one after another, each only while no earlier one stopped the group
        (``g<n>``); the first unconditionally when ``first``. Returns their (value, decided) names."""
        kids = []
        for k in children:
            inner = depth if first else depth + 1
            if not first:
                self.emit(depth, f"if g{n}:")
            first = False
            v, d = self.node(k, inner)
            kids.append((v, d))
            self.emit(inner, f"g{n} = {v} is not {stop}")
        return kids

    @staticmethod
    def _combine(kind: str, need: int, values: str) -> str:
        """Three-valued all / any / at-least-n over a tuple of values, as an expression."""
        if kind == "all":
            return f"False if False in {values} else None if None in {values} else True"
        if kind == "any":
            return f"True if True in {values} else None if None in {values} else False"
        return (f"True if {values}.count(True) >= {need} else "
                f"None if {values}.count(True) + {values}.count(None) >= {need} else False")


def request_test(r: s.RequestSpec, const) -> str:
    """``p.eval_request``'s value as an expression with only the node's checks ("" when it checks nothing);
    ``const`` names a constant in the generated code."""
    tests = [f"ctx.case.request.technique in {const(frozenset(r.technique))}"] if r.technique is not None else []
    tests += [f"ctx.code.{name} in {const(frozenset(getattr(r, key)))}"
              for name, key in (("region", "region"), ("modality", "modality"), ("contrast", "contrast"),
                                ("code", "codes")) if getattr(r, key) is not None]
    return " and ".join(tests)


class Plain:
    """A guideline node's data as a plain object, for the predicates generated code calls: reading a
    pydantic model's attribute goes through ``BaseModel.__getattr__``'s hook, several times the cost
    of a plain attribute, and a predicate reads its node's fields for every record it looks at."""

    def __repr__(self) -> str:
        return f"Plain({vars(self)})"


_PLAIN: dict[int, tuple[Any, Plain]] = {}  # id(model) -> (model, its plain copy); keeps the model, so its id


def plain(model: Any) -> Any:
    """``model`` (a frozen pydantic model) as a ``Plain`` with the same attributes (fields and
    properties), nested models and lists of them converted too; kept per model."""
    if isinstance(model, (list, tuple)):
        return type(model)(plain(x) for x in model)
    if not isinstance(model, BaseModel):
        return model
    hit = _PLAIN.get(id(model))
    if hit is None or hit[0] is not model:
        copy = Plain()
        for name in type(model).model_fields:
            setattr(copy, name, plain(getattr(model, name)))
        for klass in type(model).__mro__:  # the schema's own properties (a trial's length in days)
            if klass is BaseModel or not issubclass(klass, BaseModel):
                continue
            for name, attr in vars(klass).items():
                if isinstance(attr, property) and not name.startswith("_") and not hasattr(copy, name):
                    setattr(copy, name, getattr(model, name))
        hit = _PLAIN[id(model)] = (model, copy)
    return hit[1]


def _present(records: list) -> Value:
    return p.combine_any([r.present for r in records])


def _meets(test, records: list, ctx: Context) -> Value:
    return p.combine_any([test(r, ctx) for r in records])


# rough relative cost of evaluating a leaf (a list scan, a date window, grouping treatment courses)
_LEAF_COST = {"fact": 1, "request": 2, "age": 2, "predicate": 3, "encounter": 6, "imaging": 6, "trial": 10,
              "reevaluation": 12}


def _cost(c: Criterion) -> int:
    """An estimate of what evaluating ``c`` costs, to order the children of a short-circuiting group."""
    if not c.cost:
        if c.kind != "fact" and fact_only(c):
            c.cost = 1  # mostly skipped: the case documents few facts
        elif c.kind == "ref":
            c.cost = _cost(c.target)
        elif c.children:
            c.cost = 1 + sum(_cost(k) for k in c.children)
        else:
            c.cost = _LEAF_COST.get(c.kind, 3)
    return c.cost


def _plain(node: s.FactNode) -> bool:
    """A fact node that asks only whether the fact is present (``p.record_test`` reads nothing else)."""
    return not (node.location or node.level_prefix or node.named or node.since_episode
                or node.in_ is not None or node.gte is not None or node.gt is not None or node.lte is not None
                or node.lt is not None or node.within is not None or node.onset_within is not None
                or node.onset_before is not None or node.date_before is not None)


_UNRECORDED = (None, (), None)  # a node a skipped subtree left unrecorded reads as unknown


def decide(c: Criterion, ctx: Context) -> Value:
    """The value a decision uses: like ``evaluate``, but a condition nobody is asked about
    (``ask: false``, e.g. a red flag) is presumed absent while it is undocumented."""
    return (ctx.results.get(c.id) or (c.fn or bind(c))(ctx))[2]


def screen(c: Criterion) -> tuple[int, ...]:
    """Sets of facts ``c`` cannot be decided true without, as ``fact_mask`` bits: each must meet the
    documented facts (empty: no such condition). An exact reading of ``decide``: an ``all`` needs
    what each child needs, an ``any`` one of its children's, a fact its record; a ``not`` or
    another leaf needs nothing known in advance."""
    if c.screen is _NOT_YET:
        c.screen = tuple(fact_mask(names) for names in _screen(c))
    return c.screen


def _screen(c: Criterion) -> tuple[frozenset[str], ...]:
    kind = c.kind
    if kind == "fact":
        return (frozenset((c.spec.fact,)),)
    if kind == "ref":
        return _screen(c.target)
    if kind == "all":
        return tuple(dict.fromkeys(s for k in c.children for s in _screen(k)))
    if kind == "any" or (kind == "at_least" and c.at_least >= 1):
        firsts = [_screen(k) for k in c.children]
        if all(firsts):
            return (frozenset().union(*(min(f, key=len) for f in firsts)),)
    return ()


def _blank(c: Criterion) -> Value:
    """decide()'s value of a facts-only subtree when the case documents none of its facts."""
    if c.ask is False:
        return False
    if c.kind == "ref":
        return _blank(c.target)
    if c.kind == "not":
        inner = _blank(c.children[0])
        return None if inner is None else not inner
    if c.kind in ("all", "any", "at_least"):
        return _kleene(c, [_blank(k) for k in c.children])
    return None


def _kleene(c: Criterion, vals: list[Value]) -> Value:
    """Three-valued all / any / at-least-n over the children's values."""
    if c.kind == "all":
        return False if False in vals else None if None in vals else True
    if c.kind == "any":
        return True if True in vals else None if None in vals else False
    yes, unknown = vals.count(True), vals.count(None)
    return True if yes >= c.at_least else None if yes + unknown >= c.at_least else False


_GROUPS = frozenset(("all", "any", "at_least", "not"))


def _run(c: Criterion, ctx: Context) -> tuple:
    """Evaluate ``c`` for a context that has not: only as far as needed on a review's fast path
    (lean), else every node (a replay's records are its trace). On the fast path a node that reads
    only facts the case does not document, which a lean function leaves unrecorded, is blank: its
    record is known without evaluating it."""
    if ctx.lean:
        blank = _blank_record(c, ctx)
        if blank is not None:
            return blank
        return (c.lean_fn or bind_lean(c))(ctx)
    return (c.fn or bind(c))(ctx)


def _blank_record(c: Criterion, ctx: Context) -> tuple | None:
    """``c``'s record when it reads only facts and the case documents none of them, else None."""
    blank = c.blank
    if blank is _NOT_YET:
        reads = fact_only(c)
        blank = c.blank = (fact_mask(reads), (None, (), _blank(c))) if reads else None
    return blank[1] if blank is not None and not ctx.mask & blank[0] else None


def missing(c: Criterion, ctx: Context, out: dict[str, str]) -> None:
    """Questions for the unknown leaves under ``c`` (id -> question), honouring ``ask``: only what
    could still change the decision (a branch already decided once unasked exceptions are presumed
    absent asks nothing). On a review's fast path this is ``c``'s compiled questions function
    (``bind_asks``), which does the same."""
    if ctx.lean:
        (c.asks_fn or bind_asks(c))(ctx, out)
        return
    ask = c.ask
    if ask is False or (ctx.results.get(c.id) or _run(c, ctx))[2] is not None:
        return  # decided
    if isinstance(ask, str):
        if _partly_askable(c):
            _group_ask(c, ctx, out)
        else:
            out.setdefault(c.id, ask)
    elif c.kind == "any" and len(c.children) > 1:
        _any_asks(c, ctx, out)
    elif c.kind in _GROUPS:
        for k in c.children:
            missing(k, ctx, out)
    elif c.kind == "ref":
        missing(c.target, ctx, out)
    elif c.kind == "predicate":
        out.setdefault(c.id, _predicate_question(c))
    else:
        _leaf_question(c, ctx, out)


def _partly_askable(c: Criterion) -> bool:
    """A choice (any / at least) with a question of its own, some of whose branches need several things."""
    return c.kind in ("any", "at_least") and any(k.kind == "all" for k in c.children)


def _group_ask(c: Criterion, ctx: Context, out: dict[str, str]) -> None:
    """A choice with a question of its own asks it, unless a branch that needs several things is partly
    documented (a part of it true) and still open: then what that branch lacks is asked (documented
    loosening of a hip replacement: "has infection been excluded?", not "which complication?")."""
    results = ctx.results
    partly = [k for k in c.children if k.kind == "all" and k.ask is not False
              and (results.get(k.id) or _run(k, ctx))[2] is None
              and any(_documents(g) and (results.get(g.id) or _run(g, ctx))[0] is True for g in k.children)]
    if not partly:
        out.setdefault(c.id, c.ask)
    for k in partly:
        missing(k, ctx, out)


def _any_asks(c: Criterion, ctx: Context, out: dict[str, str]) -> None:
    """An open choice asks what each open branch lacks, unless some open branches are grounded (a
    documented fact of theirs holds, e.g. the trauma of a suspected-fracture red flag whose x-ray is
    missing): then only what those lack (the other branches, e.g. six weeks of care the red flag would
    waive, are asked about only if the grounded ones turn out not to hold)."""
    results = ctx.results
    open_ = [k for k in c.children if (results.get(k.id) or _run(k, ctx))[2] is None]
    grounded = [k for k in open_ if any((results.get(f.id) or (None,))[0] is True for f in _fact_leaves(k))]
    for k in grounded or open_:
        missing(k, ctx, out)


_LEAVES_OF: dict[int, tuple] = {}


def _fact_leaves(c: Criterion) -> tuple[Criterion, ...]:
    """The fact leaves under ``c`` that make its case (through all / any / at least and references,
    not under a ``not``); kept by node."""
    hit = _LEAVES_OF.get(id(c))
    if hit is None or hit[0] is not c:
        found: list[Criterion] = []
        stack = [c]
        while stack:
            k = stack.pop()
            if k.kind == "fact":
                found.append(k)
            elif k.kind == "ref":
                stack.append(k.target)
            elif k.kind in _GROUPS:
                stack.extend(k.children)
        hit = _LEAVES_OF[id(c)] = (c, tuple(found))
    return hit[1]


def _documents(c: Criterion) -> bool:
    """``c`` reads what the case documents (facts, visits, courses, studies), not only the request and age."""
    if c.kind in ("request", "age"):
        return False
    if c.kind == "ref":
        return _documents(c.target)
    return not c.children or any(_documents(k) for k in c.children)


def _predicate_question(c: Criterion) -> str:
    return f"Is it documented whether: {c.label}?"


def _leaf_question(c: Criterion, ctx: Context, out: dict[str, str]) -> None:
    if c.id not in out:  # the question depends on the node and the requested region only
        asked = c.asked.get(ctx.code.region)
        if asked is None:
            asked = c.asked[ctx.code.region] = p.question(c.spec, ctx)
        out[c.id] = asked


def bind_asks(c: Criterion):
    """Compile ``c``'s questions function for a review's fast path: ``missing`` unrolled over the
    subtree, each node's record read from the lean evaluation (or evaluated, when the evaluation
    stopped before it), and what a blank subtree asks written in as constants (see ``_run``)."""
    w = _Explainer("asks", {"_leaf": _leaf_question, "_group_ask": _group_ask, "_NO": (None,)})

    def node(c: Criterion, depth: int) -> None:
        if c.ask is False:
            return
        asked: dict[str, str] = {}
        if fact_only(c):
            _blank_asks(c, asked)
        r, depth = w.record(c, depth, [f"out.setdefault({cid!r}, {q!r})" for cid, q in asked.items()])
        w.emit(depth, f"if {r}[2] is None:")
        at = len(w.lines)
        ask, kind = c.ask, c.kind
        if isinstance(ask, str):
            if _partly_askable(c):
                w.emit(depth + 1, f"_group_ask({w.const(c)}, ctx, out)")
            else:
                w.emit(depth + 1, f"out.setdefault({c.id!r}, {ask!r})")
        elif kind == "any" and len(c.children) > 1 and any(_fact_leaves(k) for k in c.children):
            # _any_asks unrolled: which open branches are grounded, then each branch's questions when it is
            # grounded or none is
            w.count += 1
            base, flags = f"q{w.count}", []
            for i, k in enumerate(c.children):
                leaves = _fact_leaves(k)
                if not leaves:
                    flags.append(None)
                    continue
                held = " or ".join(f"(R.get({f.id!r}) or _NO)[0] is True" for f in leaves)
                bits = fact_mask(frozenset(f.spec.fact for f in leaves))  # none documented: none holds
                w.emit(depth + 1, f"{base}_{i} = M & {bits} and ({held}) and "
                                  f"(R.get({k.id!r}) or _run({w.const(k)}, ctx))[2] is None")
                flags.append(f"{base}_{i}")
            w.emit(depth + 1, f"{base} = " + " or ".join(f for f in flags if f))
            for k, flag in zip(c.children, flags):
                mark = len(w.lines)
                w.emit(depth + 1, f"if not {base}:" if flag is None else f"if not {base} or {flag}:")
                at_k = len(w.lines)
                node(k, depth + 2)
                if len(w.lines) == at_k:  # the branch asks nothing: no test for it
                    del w.lines[mark:]
        elif kind in _GROUPS:
            for child in c.children:
                node(child, depth + 1)
        elif kind == "ref":
            target = c.target
            w.emit(depth + 1, f"{w.const(target.asks_fn or bind_asks(target))}(ctx, out)")
        elif kind == "predicate":
            w.emit(depth + 1, f"out.setdefault({c.id!r}, {_predicate_question(c)!r})")
        else:
            w.emit(depth + 1, f"_leaf({w.const(c)}, ctx, out)")
        w.close(at, depth + 1)

    node(c, 1)
    c.asks_fn = w.done(f"<questions {c.id}>")
    return c.asks_fn


class _Explainer(_Writer):
    """The source of a compiled questions or reasons function ``name(ctx, out)``."""

    def __init__(self, name: str, consts: dict[str, Any]) -> None:
        super().__init__([f"def {name}(ctx, out):", " R, M = ctx.results, ctx.mask"], {"_run": _run, **consts})
        self.name = name

    def record(self, c: Criterion, depth: int, blank: list[str]) -> tuple[str, int]:
        """Emit the reading of ``c``'s record into ``r<n>``; a subtree of facts none of which the case
        documents runs the ``blank`` statements instead (it was not evaluated: it needs not be).
        Returns the record's name and the depth at which to go on."""
        self.count += 1
        r = f"r{self.count}"
        reads = fact_only(c)
        if not reads:
            self.emit(depth, f"{r} = R.get({c.id!r}) or _run({self.const(c)}, ctx)")
            return r, depth
        self.emit(depth, f"{r} = R.get({c.id!r})", f"if {r} is None and not M & {fact_mask(reads)}:")
        self.emit(depth + 1, *blank or ["pass"])
        self.emit(depth, "else:", f" if {r} is None:", f"  {r} = _run({self.const(c)}, ctx)")
        return r, depth + 1

    def close(self, at: int, depth: int) -> None:
        """A block that received no statement since line ``at`` gets a ``pass``."""
        if len(self.lines) == at:
            self.emit(depth, "pass")

    def done(self, filename: str):
        space = dict(self.consts)
        exec(compile_source("\n".join(self.lines), filename), space)  # noqa: S102 - our own source
        return space[self.name]


def _blank_asks(c: Criterion, out: dict[str, str]) -> None:
    """What ``missing`` asks of a subtree of facts none of which is documented: every node's record
    is then ``(None, (), _blank(node))``, and a fact's question does not depend on the case."""
    if c.ask is False or _blank(c) is not None:
        return
    if isinstance(c.ask, str):
        out.setdefault(c.id, c.ask)
    elif c.kind in _GROUPS:
        for k in c.children:
            _blank_asks(k, out)
    elif c.kind == "ref":
        _blank_asks(c.target, out)
    elif c.id not in out:  # a fact
        out[c.id] = p.question(c.spec, None)


def failures(c: Criterion, ctx: Context, out: list[str], want: Value | object = _NOT_YET) -> None:
    """Plain-language reasons why ``c`` is not met, as OPA's "why not" reads a trace: a group speaks
    through the children that decide it as it is decided (a false ``all`` through its false
    children, not through unknown ones, which could not change it), a false ``any`` by its own
    text; a false leaf with the evidence that made it false, an unknown one as not documented,
    unless nobody is asked about it (exceptions such as red flags stay silent). ``want``: speak only
    when ``c`` is decided so (the parent group's decided value). On a review's fast path this is
    ``c``'s compiled reasons function (``bind_fails``), which does the same."""
    if ctx.lean and want is _NOT_YET:
        (c.fails_fn or bind_fails(c))(ctx, out)
        return
    v, evidence, d = ctx.results.get(c.id) or _run(c, ctx)
    if v is True or d is True or (v is None and c.ask is False) or (want is not _NOT_YET and d is not want):
        return
    if c.kind == "all" or (v is None and c.kind in _UNDECIDED_GROUPS):
        for k in c.children:
            failures(k, ctx, out, d)
        return
    if c.kind == "ref" and c.label == c.target.label:
        failures(c.target, ctx, out)
        return
    if v is None:
        if d is None:
            out.append(_undocumented(c))
        return
    text = _unmet(c)
    if evidence and c.kind != "ref":
        text += _documented(evidence)
    out.append(text)


def _undocumented(c: Criterion) -> str:
    return f"not documented: {c.label}"


def _unmet(c: Criterion) -> str:
    if c.kind == "any" and c.label == "any of":
        return "not met: none of " + "; ".join(k.label for k in c.children)
    return f"not met: {c.label}"


def _documented(evidence: tuple) -> str:
    return f" (documented: {'; '.join([p.describe(e) for e in evidence])})"


def bind_fails(c: Criterion):
    """Compile ``c``'s reasons function for a review's fast path: ``failures`` unrolled over the
    subtree, each node's record read from the lean evaluation (or evaluated, when the evaluation
    stopped before it), its texts and what a blank subtree says written in as constants."""
    w = _Explainer("fails", {"_documented": _documented})

    def node(c: Criterion, depth: int, want: str) -> None:
        # want: "" (at the top), or "is False" / "is None": speak only when decided as the parent group is
        unasked, kind = c.ask is False, c.kind
        if want == "is None" and unasked:
            return  # unknown, and nobody is asked about it
        said: list[str] = []
        if fact_only(c) and want != "is False":  # (blank, nothing is decided false for want of a fact)
            _blank_fails(c, said, None if want else _NOT_YET)
        r, depth = w.record(c, depth, [f"out += {tuple(said)!r}"] if said else [])
        at = len(w.lines)

        def branch(test: str) -> str:
            return f"{'elif' if len(w.lines) > at else 'if'} {test}:"

        def children(test: str, child_want: str) -> None:
            w.emit(depth, branch(test))
            mark = len(w.lines)
            for child in c.children:
                node(child, depth + 1, child_want)
            w.close(mark, depth + 1)

        if kind in _UNDECIDED_GROUPS:
            if kind != "all" and want != "is None":  # a false any / at least: its own text
                w.emit(depth, branch(f"{r}[0] is False"), f" out.append({_unmet(c)!r})")
            if want != "is None" and (kind == "all" or not unasked):
                # decided false: through the children decided false (a group nobody is asked about
                # speaks only when it is false, not when it is unknown and presumed so)
                children(f"{r}[0] is False" if unasked else f"{r}[2] is False", "is False")
            if want != "is False" and not unasked:  # unknown: through the unknown children
                children(f"{r}[2] is None", "is None")
        elif kind == "ref" and c.label == c.target.label:
            test = f"{r}[0] is False" if unasked else f"{r}[0] is not True and {r}[2] is not True"
            if want:
                test += f" and {r}[2] {want}"
            w.emit(depth, f"if {test}:", f" {w.const(c.target.fails_fn or bind_fails(c.target))}(ctx, out)")
        else:
            if not unasked and want != "is False":
                w.emit(depth, f"if {r}[0] is None and {r}[2] is None:", f" out.append({_undocumented(c)!r})")
            if want != "is None":
                w.emit(depth, branch(f"{r}[0] is False"))
                if kind in ("ref", "not"):  # neither keeps evidence of its own
                    w.emit(depth + 1, f"out.append({_unmet(c)!r})")
                else:
                    w.emit(depth + 1, f"out.append({_unmet(c)!r} + _documented({r}[1]) if {r}[1] else {_unmet(c)!r})")
        w.close(at, depth)

    node(c, 1, "")
    c.fails_fn = w.done(f"<reasons {c.id}>")
    return c.fails_fn


def _blank_fails(c: Criterion, out: list[str], want: Value | object = _NOT_YET) -> None:
    """What ``failures`` says of a subtree of facts none of which is documented (every value unknown,
    decided as ``_blank`` says)."""
    d = _blank(c)
    if c.ask is False or d is True or (want is not _NOT_YET and d is not want):
        return
    if c.kind in _UNDECIDED_GROUPS:
        for k in c.children:
            _blank_fails(k, out, d)
    elif c.kind == "ref" and c.label == c.target.label:
        _blank_fails(c.target, out)
    elif d is None:
        out.append(_undocumented(c))


_UNDECIDED_GROUPS = frozenset(("all", "any", "at_least"))  # an unknown one says why through its children


def trace(c: Criterion, ctx: Context) -> dict:
    v, evidence, _ = ctx.results.get(c.id, _UNRECORDED)
    node = {"id": c.id, "label": c.label, "value": _word(v)}
    if evidence:
        node["evidence"] = [p.describe(e) for e in evidence]
    if c.kind == "ref":  # show what the named criterion found, in place
        node["ref"] = c.target.id
        node["children"] = [trace(c.target, ctx)]
        node.pop("evidence", None)
    if c.children:
        node["children"] = [trace(k, ctx) for k in c.children]
    return node


def _word(v: Value) -> str:
    return "true" if v is True else "false" if v is False else "unknown"
