"""Three-valued evaluation of criteria trees; every node's result is kept by its criterion id.

Pure and deterministic: the only "today" is the request date in the context, and nothing here
reads a clock, a file or the network. The result map *is* the explanation: the trace, the
pend questions and the reasons for physician review are all read back from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..policy import schema as s
from . import predicates as p
from .context import Context, Value


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
    fn: Any = None  # the compiled closure, bound on first evaluation
    needs: frozenset[str] | None = None  # facts read, when the subtree reads nothing but facts
    blank: Value = None  # decide()'s value when none of those facts is documented


_LEAVES = {
    s.FactNode: ("fact", p.eval_fact),
    s.EncounterNode: ("encounter", p.eval_encounter),
    s.TrialNode: ("trial", p.eval_trial),
    s.ReevaluationNode: ("reevaluation", p.eval_reevaluation),
    s.ImagingNode: ("imaging", p.eval_imaging),
    s.AgeNode: ("age", p.eval_age),
    s.RequestNode: ("request", p.eval_request),
}


def compile_node(node, section: str, path: str) -> Criterion:
    """Turn a schema node into a Criterion; ids are ``section#local`` (explicit id, or path)."""
    cid = f"{section}#{node.id}" if node.id else f"{section}#{path}"
    if isinstance(node, (s.AllNode, s.AnyNode, s.AtLeastNode)):
        kids = node.all if isinstance(node, s.AllNode) else node.any if isinstance(node, s.AnyNode) else node.of
        kind = "all" if isinstance(node, s.AllNode) else "any" if isinstance(node, s.AnyNode) else "at_least"
        children = [compile_node(k, section, f"{path}.{i + 1}") for i, k in enumerate(kids)]
        default = {"all": "all of", "any": "any of", "at_least": f"at least {getattr(node, 'at_least', 0)} of"}[kind]
        return Criterion(cid, kind, node.label or default, node.ask, children=children,
                         at_least=getattr(node, "at_least", 0))
    if isinstance(node, s.NotNode):
        child = compile_node(node.not_, section, f"{path}.1")
        return Criterion(cid, "not", node.label or f"not: {child.label}", node.ask, children=[child])
    if isinstance(node, s.RefNode):
        return Criterion(cid, "ref", node.label or node.ref, node.ask, ref=node.ref)
    if isinstance(node, s.PredicateNode):
        return Criterion(cid, "predicate", node.label or node.predicate.replace("_", " "), node.ask, spec=node)
    kind, _ = _LEAVES[type(node)]
    return Criterion(cid, kind, node.label or p.auto_label(node), node.ask, spec=node)


def walk(c: Criterion):
    yield c
    for k in c.children:
        yield from walk(k)


def evaluate(c: Criterion, ctx: Context) -> Value:
    """The value of ``c`` for this case (memoized by criterion id in ``ctx.results``)."""
    hit = ctx.results.get(c.id)
    if hit is not None:
        return hit[0]
    return (c.fn or _bind(c))(ctx)


def fact_only(c: Criterion) -> frozenset[str] | None:
    """The facts a subtree reads, when it reads nothing but facts (else None)."""
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


_UNKNOWN = (None, ())


def _bind(c: Criterion):
    """Compile ``c`` into a closure once; evaluation is the hot path of every review.

    Each closure records its value (and evidence) under its criterion id and, when the value is
    unknown, also the value ``decide`` uses: unknowns nobody is asked about presumed absent."""
    fn = _compile(c)
    cid = c.id
    needs = fact_only(c) if c.kind != "fact" else None
    c.needs, c.blank = (needs or None), (_blank(c) if needs else None)
    if needs:
        # A subtree of facts none of which the case documents is unknown throughout: skip it.
        # Results left unrecorded read as unknown in the trace.
        inner, blank = fn, c.blank

        def fn(ctx):
            if needs.isdisjoint(ctx.facts):
                ctx.results[cid] = _UNKNOWN
                ctx.presumed[cid] = blank
                return None
            return inner(ctx)
    c.fn = fn
    return fn


def _compile(c: Criterion):
    cid, kind = c.id, c.kind
    unasked = c.ask is False  # presumed absent (false) while undocumented
    kids = [k.fn or _bind(k) for k in c.children]
    kid_ids = [k.id for k in c.children]
    if kind in ("all", "any", "at_least"):
        need = c.at_least

        # one combinator per kind, chosen once: this closure runs for every node of every review
        if kind == "all":
            def combine(vals):
                return False if False in vals else None if None in vals else True
        elif kind == "any":
            def combine(vals):
                return True if True in vals else None if None in vals else False
        else:
            def combine(vals):
                yes, unknown = vals.count(True), vals.count(None)
                return True if yes >= need else None if yes + unknown >= need else False

        def fn(ctx):
            vals = [k(ctx) for k in kids]
            v = combine(vals)
            ctx.results[cid] = (v, ())
            if v is None:
                if unasked:
                    ctx.presumed[cid] = False
                else:
                    pres = ctx.presumed
                    ctx.presumed[cid] = combine([x if x is not None else pres[i] for x, i in zip(vals, kid_ids)])
            return v
    elif kind == "not":
        inner_fn, inner_id = kids[0], kid_ids[0]

        def fn(ctx):
            inner = inner_fn(ctx)
            v = None if inner is None else not inner
            ctx.results[cid] = (v, ())
            if v is None:
                pi = ctx.presumed[inner_id]
                ctx.presumed[cid] = False if unasked else (None if pi is None else not pi)
            return v
    elif kind == "ref":
        target = c.target
        tid, tfn, ev = target.id, target.fn or _bind(target), (f"see {target.id}",)

        def fn(ctx):
            hit = ctx.results.get(tid)  # a named criterion is shared: evaluate it once per case
            v = hit[0] if hit is not None else tfn(ctx)
            ctx.results[cid] = (v, ev)
            if v is None:
                ctx.presumed[cid] = False if unasked else ctx.presumed[tid]
            return v
    else:
        spec = c.spec
        if kind == "predicate":
            named, args = p.NAMED[spec.predicate], spec.args

            def impl(_spec, ctx):
                return named(args, ctx)
        else:
            impl = _LEAVES[type(spec)][1]
        leaf_presumed = False if unasked else None
        def leaf(ctx):
            v, ev = impl(spec, ctx)
            ctx.results[cid] = (v, ev)
            if v is None:
                ctx.presumed[cid] = leaf_presumed
            return v

        if kind != "fact":
            return leaf
        name = spec.fact

        def fn(ctx):
            if name not in ctx.facts:  # most facts are undocumented in any one case
                ctx.results[cid] = _UNKNOWN
                ctx.presumed[cid] = leaf_presumed
                return None
            return leaf(ctx)
    return fn


def value_of(c: Criterion, ctx: Context) -> Value:
    hit = ctx.results.get(c.id)
    return hit[0] if hit is not None else evaluate(c, ctx)


def decide(c: Criterion, ctx: Context) -> Value:
    """The value a decision uses: like ``evaluate``, but a condition nobody is asked about
    (``ask: false``, e.g. a red flag) is presumed absent while it is undocumented."""
    v = value_of(c, ctx)
    return v if v is not None else ctx.presumed[c.id]


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


def missing(c: Criterion, ctx: Context, out: dict[str, str]) -> None:
    """Questions for the unknown leaves under ``c`` (id -> question), honouring ``ask``: only what
    could still change the decision (a branch already decided once unasked exceptions are presumed
    absent asks nothing)."""
    if c.ask is False or decide(c, ctx) is not None:
        return
    if isinstance(c.ask, str):
        out.setdefault(c.id, c.ask)
    elif c.kind in ("all", "any", "at_least", "not"):
        for k in c.children:
            missing(k, ctx, out)
    elif c.kind == "ref":
        missing(c.target, ctx, out)
    elif c.kind == "predicate":
        out.setdefault(c.id, f"Is it documented whether: {c.label}?")
    else:
        out.setdefault(c.id, p.question(c.spec, ctx))


def failures(c: Criterion, ctx: Context, out: list[str]) -> None:
    """Plain-language reasons why ``c`` is not met: its false leaves (or labelled groups), and
    unknown ones that nobody will be asked about (exceptions such as red flags stay silent)."""
    v = value_of(c, ctx)
    if v is True or (v is None and c.ask is False):
        return
    if c.kind == "all" or (v is None and c.kind in ("any", "at_least")):
        for k in c.children:
            failures(k, ctx, out)
        return
    if c.kind == "ref" and c.label == c.target.label:
        failures(c.target, ctx, out)
        return
    if v is None:
        out.append(f"not documented: {c.label}")
        return
    evidence = ctx.results[c.id][1]
    text = f"not met: {c.label}"
    if c.kind == "any" and c.label == "any of":
        text = "not met: none of " + "; ".join(k.label for k in c.children)
    if evidence and c.kind != "ref":
        text += f" (documented: {'; '.join(p.describe(e) for e in evidence)})"
    out.append(text)


def trace(c: Criterion, ctx: Context) -> dict:
    v, evidence = ctx.results.get(c.id, (None, ()))
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
