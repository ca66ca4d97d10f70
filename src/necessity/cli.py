"""The ``necessity`` command line (typer + rich).

Exit codes: 0 done; 1 guideline data invalid (``check``); 2 bad input (case file, arguments).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Medical-necessity review of advanced-imaging orders against payer guidelines.",
    rich_markup_mode="rich",
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

OUTCOME_STYLE = {
    "approve": ("bold green", "APPROVE"),
    "approve_alternative": ("bold cyan", "APPROVE ALTERNATIVE"),
    "pend": ("bold yellow", "PEND"),
    "physician_review": ("bold magenta", "PHYSICIAN REVIEW"),
    "not_required": ("bold blue", "NOT REQUIRED"),
}
VALUE_MARK = {"true": "[green]✓[/]", "false": "[red]✗[/]", "unknown": "[yellow]?[/]"}


def _fail(where: str, message: str, code: int = 2) -> None:
    err.print(f"[bold red]error[/] {escape(where)}: {escape(message)}")
    raise typer.Exit(code)


def _read(source: str) -> tuple[str, str]:
    if source == "-":
        return "<stdin>", sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        _fail(source, "no such file")
    try:
        return source, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(source, f"cannot read: {exc}")
    raise AssertionError  # unreachable


def _review_text(name: str, text: str):
    from .errors import CaseError
    from .engine.review import review

    try:
        return review(text.encode("utf-8"))
    except CaseError as exc:
        _fail(f"{name}: {exc.where}", exc.message)


def _print_determination(name: str, d) -> None:
    style, word = OUTCOME_STYLE[d.outcome]
    title = f"[{style}]{word}[/]  {escape(d.request.code)}"
    if d.request.label:
        title += f" [dim]{escape(d.request.label)}[/]"
    out.print(f"[bold]{escape(name)}[/]  {title}")
    if d.guideline:
        out.print(f"  guideline  {escape(d.guideline.publisher)} · {escape(d.guideline.title)} "
                  f"{escape(d.guideline.version)}  [dim](policy set {d.policy_set})[/]")
    else:
        out.print(f"  policy set {d.policy_set}")
    if d.sections:
        out.print(f"  sections   [bold]{', '.join(d.sections)}[/]")
    if d.alternative:
        out.print(f"  alternative [bold cyan]{d.alternative.code}[/] {escape(d.alternative.label or '')}")
    for r in d.reasons:
        out.print(f"  • {escape(r)}")
    if d.missing:
        out.print("  [bold yellow]Please document:[/]")
        for i, m in enumerate(d.missing, 1):
            out.print(f"   {i}. {escape(m.question)} [dim]({m.id})[/]")
    for n in d.notes:
        out.print(f"  [dim]note: {escape(n)}[/]")
    if d.extracted:
        counts: dict[str, int] = {}
        for it in d.extracted:
            counts[it.kind] = counts.get(it.kind, 0) + 1
        words = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in counts.items())
        out.print(f"  [dim]read from the notes: {words} (`necessity explain` shows the sentence behind each)[/]")


def _all_policies(name: str, text: str, as_json: bool) -> None:
    """One case against every policy set, side by side."""
    from .engine.review import review as do_review
    from .errors import CaseError
    from .policy.loader import registry

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{name}: (case)", f"invalid JSON: {exc}")
    if not isinstance(data, dict):
        _fail(f"{name}: (case)", "a case is a JSON object")
    results = {}
    for ps in sorted(registry().policy_sets):
        try:
            results[ps] = do_review({**data, "policy_set": ps})
        except CaseError as exc:
            _fail(f"{name}: {exc.where}", exc.message)
    if as_json:
        sys.stdout.write(json.dumps({k: d.model_dump(mode="json") for k, d in results.items()}, indent=2) + "\n")
        return
    table = Table(title=f"{name}: {results[next(iter(results))].request.code} under every policy set",
                  title_justify="left", show_lines=True)
    for col in ("policy set", "outcome", "guideline", "sections", "why / what is missing"):
        table.add_column(col, overflow="fold")
    for ps, d in results.items():
        style, word = OUTCOME_STYLE[d.outcome]
        why = [m.question for m in d.missing] or d.reasons[:2]
        if d.alternative:
            word += f" → {d.alternative.code}"
        table.add_row(ps, f"[{style}]{word}[/]", f"{d.guideline.title} {d.guideline.version}" if d.guideline else "—",
                      ", ".join(d.sections) or "—", escape("\n".join(why)))
    out.print(table)


@app.command()
def review(
    cases: Annotated[list[str], typer.Argument(help="Case JSON files, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the determination(s) as JSON.")] = False,
    all_policies: Annotated[bool, typer.Option("--all-policies", help="Review each case under every policy set, "
                                                                     "side by side.")] = False,
) -> None:
    """Review case files (or folders of them) and print each determination. A case that cannot be read
    is reported and the others are still reviewed; the exit code is then 2."""
    sources = _expand(cases)
    if all_policies:
        for source in sources:
            _all_policies(*_read(source), as_json)
        return
    results, failed = [], 0
    for source in sources:
        try:  # a bad case is reported (on stderr) by _fail; the batch goes on
            name, text = _read(source)
            results.append((name, _review_text(name, text)))
        except typer.Exit:
            failed += 1
    if as_json:
        payload = [d.model_dump(mode="json") for _, d in results]
        if payload:
            sys.stdout.write(json.dumps(payload[0] if len(sources) == 1 else payload, indent=2) + "\n")
    else:
        for i, (name, d) in enumerate(results):
            if i:
                out.print()
            _print_determination(name, d)
    if failed:
        if len(sources) > 1:
            err.print(f"[bold red]{failed} of {len(sources)} cases could not be reviewed[/]")
        raise typer.Exit(2)


def _expand(sources: list[str]) -> list[str]:
    """The case files named, a folder standing for the .json files in it (in name order)."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = sorted(str(f) for f in path.glob("*.json"))
            if not found:
                _fail(source, "folder holds no .json case files")
            out += found
        else:
            out.append(source)
    return out


def _add_node(tree: Tree, node: dict, fails: bool) -> None:
    if fails and node["value"] == "true":
        return
    label = f"{VALUE_MARK[node['value']]} {escape(node['label'])} [dim]{escape(node['id'])}[/]"
    branch = tree.add(label)
    for ev in node.get("evidence", []):
        if not ev.startswith("see "):
            branch.add(f"[dim italic]{escape(ev)}[/]")
    for child in node.get("children", []):
        _add_node(branch, child, fails)


@app.command()
def explain(
    case: Annotated[str, typer.Argument(help="A case JSON file, or - for standard input.")],
    fails: Annotated[bool, typer.Option("--fails", help="Show only what was not met or is unknown.")] = False,
) -> None:
    """Show the whole trace: every section, indication and criterion with its value and evidence."""
    name, text = _read(case)
    d = _review_text(name, text)
    _print_determination(name, d)
    out.print()
    root = Tree(f"[bold]trace[/] [dim](✓ met, ✗ not met, ? not documented)[/]")
    for sec in d.trace:
        mark = VALUE_MARK[sec["applies"]]
        if fails and sec["applies"] != "true":
            continue
        node = root.add(f"{mark} [bold]{escape(sec['section'])}[/] {escape(sec['title'])}"
                        + ("" if sec["applies"] == "true" else " [dim](does not apply)[/]"))
        if sec["applies"] != "true" and "applies_because" in sec and not fails:
            _add_node(node, sec["applies_because"], fails)
        for ind in sec["indications"]:
            if ind["applies"] != "true":
                continue
            value = ind.get("value", "unknown")
            if fails and value == "true" and all(v == "true" for v in ind.get("codes", {}).values()):
                continue
            codes = ", ".join(f"{c}{'' if v == 'true' else ' (' + v + ')'}" for c, v in ind.get("codes", {}).items())
            verdict = "" if ind["verdict"] == "approve" else f" [magenta]{ind['verdict']}[/]"
            branch = node.add(f"{VALUE_MARK[value]} {escape(ind['label'])}{verdict} [dim]{escape(ind['id'])}[/]"
                              + (f"\n  [dim]supports: {escape(codes)}[/]" if codes else ""))
            if "criteria" in ind:
                _add_node(branch, ind["criteria"], fails)
    out.print(root)
    if d.extracted:
        out.print()
        _print_extracted(d.extracted, title="read from the notes")


_KIND_STYLE = {"fact": "bold", "treatment": "cyan", "imaging": "blue", "encounter": "dim"}


def _describe_record(kind: str, r: dict) -> str:
    if kind == "fact":
        text = ("" if r.get("present", True) else "no ") + r["fact"]
        if r.get("value") is not None:
            text += f" = {r['value']}"
        where = ", ".join(str(r[k]) for k in ("location", "level", "side") if r.get(k))
        dates = " ".join(f"{k} {r[k]}" for k in ("onset", "date") if r.get(k))
        return text + (f" ({where})" if where else "") + (f" [{dates}]" if dates else "")
    if kind == "treatment":
        return f"{r['kind']} {r.get('start')} – {r.get('end') or 'ongoing'}" + (f", {r['response']}" if r.get("response") else "")
    if kind == "imaging":
        return f"{r['modality']} {r['region']} {r['date']}" + (f", {r['result']}" if r.get("result") else "")
    return f"{r['mode']} encounter {r['date']}"


def _highlight(sentence: str, words: str) -> str:
    at = sentence.lower().find(words.lower())
    if at < 0:
        return escape(sentence)
    return (escape(sentence[:at]) + "[reverse]" + escape(sentence[at:at + len(words)]) + "[/reverse]"
            + escape(sentence[at + len(words):]))


def _print_extracted(items, title: str) -> None:
    tree = Tree(f"[bold]{escape(title)}[/] [dim](the sentence behind each record; rule id in brackets)[/]")
    for it in items:
        status = {"used": "", "agrees": " [dim](agrees with the structured facts)[/]",
                  "overridden": " [yellow](overridden by the structured facts)[/]"}[it.status]
        style = _KIND_STYLE[it.kind]
        absent = it.kind == "fact" and not it.record.get("present", True)
        branch = tree.add(f"[{'red' if absent else style}]{escape(_describe_record(it.kind, it.record))}[/]{status}")
        for ev in it.evidence[:4]:
            ctx = f" [magenta]{', '.join(ev.context)}[/]" if ev.context else ""
            branch.add(f"note {ev.note + 1}: {_highlight(ev.sentence, ev.text)}{ctx} [dim]\\[{escape(ev.rule)}][/]")
        if len(it.evidence) > 4:
            branch.add(f"[dim]… and {len(it.evidence) - 4} more mention(s)[/]")
    out.print(tree)


@app.command()
def extract(
    note: Annotated[str, typer.Argument(help="A text file with one clinical note, or - for standard input.")],
    date: Annotated[Optional[str], typer.Option("--date", help="The note's date (YYYY-MM-DD): relative dates "
                                                "such as '3 weeks ago' or '8/11' are resolved against it. Default: today.")] = None,
    region: Annotated[Optional[str], typer.Option("--region", help="The requested study's body region (lumbar, "
                                                  "knee, ...): limits the rules to that body area. Default: all rules.")] = None,
    age: Annotated[Optional[int], typer.Option("--age", help="The patient's age in years: children's and adults' "
                                               "wording differ. Default: all rules.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the extracted records and evidence as JSON.")] = False,
) -> None:
    """Read one note and show the facts it documents, each with the sentence it came from."""
    import datetime as dt

    name, text = _read(note)
    try:
        when = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _fail("--date", f"{date!r} is not a date (YYYY-MM-DD)")
    if not text.strip():
        _fail(name, "the note is empty")
    from .vocabulary import vocabulary

    regions = vocabulary().enum_values("region")
    if region is not None and region not in regions:
        _fail("--region", f"unknown region {region!r}; known: {', '.join(sorted(regions))}")
    if age is not None and not 0 <= age <= 130:
        _fail("--age", f"{age} is not an age in years")
    from .extract import read_notes

    ex = read_notes([text], when, region, age=age)
    if as_json:
        out.print_json(json.dumps({"date": str(when), "clinical": ex.clinical.model_dump(mode="json"),
                                   "extracted": [i.model_dump(mode="json") for i in ex.items]}))
        return
    _print_extracted(ex.items, title=f"{name} (dated {when})")


@app.command()
def guidelines(
    section: Annotated[Optional[str], typer.Argument(help="A section id (e.g. SP-6.1) to show its criteria.")] = None,
    policy_set: Annotated[str, typer.Option("--policy-set", "-p", help="Policy set to browse.")] = "evicore",
) -> None:
    """List guideline documents and sections, or show one section's encoded criteria."""
    from .policy.loader import registry

    reg = registry()
    ps = reg.policy_sets.get(policy_set)
    if ps is None:
        _fail("--policy-set", f"unknown policy set {policy_set!r}; known: {', '.join(sorted(reg.policy_sets))}")
    if section is None:
        for g in ps.guidelines:
            m = g.manifest
            table = Table(title=f"{m.publisher} · {m.title} {m.version}  [dim]({g.file})[/]", title_justify="left")
            table.add_column("section", style="bold", no_wrap=True)
            table.add_column("title")
            table.add_column("kind", style="dim")
            table.add_column("paths", justify="right")
            for sec in g.sections:
                table.add_row(sec.id, sec.title, sec.kind, str(len(sec.indications)))
            out.print(table)
        if not ps.guidelines:
            out.print(f"policy set {policy_set!r} has no guideline loaded yet")
        return
    g, canon, external = ps.resolve_section(section)
    if g is None or canon not in g.section_index:
        if external:
            _fail(section, f"belongs to the {external}, which is not loaded")
        if g is not None and canon in g.chapters:
            out.print(f"[bold]{canon}[/] is a chapter: {', '.join(g.chapters[canon])}")
            return
        _fail(section, f"no such section in policy set {policy_set!r}")
    sec = g.section_index[canon]
    tree = Tree(f"[bold]{sec.id}[/] {escape(sec.title)} [dim]({g.manifest.title} {g.manifest.version}, {sec.kind})[/]")
    if sec.summary:
        tree.add(f"[italic]{escape(sec.summary)}[/]")
    if sec.spec:
        a = sec.spec
        scope = "; ".join(f"{k}: {', '.join(v)}" for k, v in (("codes", a.codes), ("regions", a.regions),
                                                               ("modalities", a.modalities)) if v)
        scope = scope or ("every code" if sec.reach == "policy_set" else "every code of the document's table")
        if sec.reach == "policy_set":
            scope += " of every document of the policy set"
        node = tree.add(f"applies to {escape(scope)}")
        if sec.when is not None:
            _label_tree(node.add("[bold]when[/]"), sec.when)
    for name, crit in sec.defines.items():
        _label_tree(tree.add(f"[bold]defines[/] {escape(crit.id)}"), crit)
    for ind in sec.indications:
        studies = []
        for st in ind.studies:
            codes = sorted(st.codes) if st.codes is not None else [
                f"{'/'.join(st.selector.modality)} {'/'.join(st.selector.contrast or ['any contrast'])} "
                f"({st.selector.region or 'requested'} region)"]
            studies.append(", ".join(codes) + (" [when condition]" if st.when else ""))
        node = tree.add(f"[bold]{escape(ind.id)}[/] {escape(ind.label)}"
                        + ("" if ind.verdict == "approve" else f" [magenta]{ind.verdict}[/]")
                        + (f"\n[dim]studies: {escape('; '.join(studies))}[/]" if studies else ""))
        if ind.applies is not None:
            _label_tree(node.add("[bold]applies when[/]"), ind.applies)
        if ind.criteria is not None:
            _label_tree(node.add("[bold]criteria[/]"), ind.criteria)
        if ind.reason:
            node.add(f"[italic]{escape(ind.reason)}[/]")
    if sec.see:
        tree.add(f"see: {', '.join(sec.see)}")
    out.print(tree)


def _label_tree(tree: Tree, crit) -> None:
    branch = tree.add(f"{escape(crit.label)} [dim]{escape(crit.id)}[/]"
                      + (f" [dim]→ {escape(crit.target.id)}[/]" if crit.kind == "ref" else ""))
    for child in crit.children:
        _label_tree(branch, child)


@app.command()
def check(
    path: Annotated[Optional[Path], typer.Option("--path", help="A guidelines folder to check instead of the shipped one.")] = None,
    rules: Annotated[Optional[Path], typer.Option("--rules", help="A note-extraction rules folder to check instead "
                                                   "of the shipped one.")] = None,
) -> None:
    """Validate every guideline data file (schema, references, codes, vocabulary) and the note-reading rules."""
    from .errors import ExtractionRuleError, GuidelineError
    from .extract.rules import load_rule_folder, load_rules
    from .policy.loader import load_registry

    if rules is not None and not rules.is_dir():
        _fail(str(rules), "is not a folder of extraction rules")
    try:
        r = load_rule_folder(rules, str(rules)) if rules is not None else load_rules()
    except ExtractionRuleError as exc:
        err.print(f"[bold red]invalid[/] {escape(exc.where or '')}: {escape(exc.message)} [dim]({exc.code})[/]")
        raise typer.Exit(1)
    out.print(f"[green]ok[/] note-reading rules: {len(r.facts)} fact, {len(r.treatments)} treatment, "
              f"{len(r.imaging)} imaging, {len(r.regions)} region rules, {len(r.context)} ConText modifiers")
    if rules is not None and path is None:
        return
    if path is not None and not (path / "policy_sets.yaml").is_file():
        _fail(str(path), "is not a guidelines folder (no policy_sets.yaml)")
    try:
        reg = load_registry(path)
    except GuidelineError as exc:
        err.print(f"[bold red]invalid[/] {escape(exc.where or '')}: {escape(exc.message)} [dim]({exc.code})[/]")
        raise typer.Exit(1)
    for name, ps in reg.policy_sets.items():
        sections = sum(len(g.sections) for g in ps.guidelines)
        out.print(f"[green]ok[/] {name}: {len(ps.guidelines)} documents, {sections} sections, "
                  f"{len(ps.criteria)} criteria")


def _golden(folder: Path):
    from .golden import load_cases

    if not folder.is_dir():
        _fail(str(folder), "is not a folder of golden cases")
    try:
        return load_cases(folder)
    except Exception as exc:  # noqa: BLE001 - a malformed case file is bad input
        _fail(str(folder), f"cannot read golden cases: {exc}")


@app.command("test")
def test_cases(
    folder: Annotated[Path, typer.Argument(help="Folder of golden cases (<guideline>/<SECTION>.yaml).")] = Path("tests/cases"),
) -> None:
    """Run golden cases and report those whose determination differs from the expectation."""
    from .engine.review import review as do_review
    from .errors import CaseError
    from .golden import check as check_case

    cases = _golden(folder)
    failed = 0
    for g in cases:
        try:
            problems = check_case(g, do_review(g.case))
        except CaseError as exc:
            problems = [f"invalid case: {exc}"]
        if problems:
            failed += 1
            out.print(f"[red]✗[/] {escape(g.id)}: {escape('; '.join(problems))}")
    out.print(f"{len(cases) - failed} passed, {failed} failed")
    if failed:
        raise typer.Exit(1)


@app.command()
def coverage(
    folder: Annotated[Path, typer.Argument(help="Folder of golden cases.")] = Path("tests/cases"),
    policy_set: Annotated[str, typer.Option("--policy-set", "-p")] = "evicore",
    detail: Annotated[bool, typer.Option("--detail", help="List criteria never seen true or never seen false.")] = False,
) -> None:
    """Per document: sections encoded, sections with golden cases, criteria seen true and false."""
    from .engine.review import review as do_review
    from .golden import coverage as criteria_coverage
    from .policy.loader import registry

    ps = registry().policy_sets.get(policy_set)
    if ps is None:
        _fail("--policy-set", f"unknown policy set {policy_set!r}")
    cases = [c for c in _golden(folder) if c.case.get("policy_set") == policy_set]
    seen = criteria_coverage(cases, do_review)
    by_section: dict[str, set[str]] = {}
    for c in cases:
        by_section.setdefault(c.section, set()).add(c.expect["outcome"])
    table = Table(title=f"Coverage of policy set {policy_set} by {len(cases)} golden cases", title_justify="left")
    table.add_column("document", no_wrap=True)
    for col in ("sections", "with cases", "approve + not", "criteria", "seen true", "seen false"):
        table.add_column(col, justify="right")
    never: list[str] = []
    for g in ps.guidelines:
        ids = [sec.id for sec in g.sections]
        with_cases = [i for i in ids if i in by_section]
        both = [i for i in with_cases if by_section[i] & {"approve", "approve_alternative"}
                and by_section[i] - {"approve", "approve_alternative"}]
        crit = [cid for cid in ps.criteria if cid.split("#")[0] in g.section_index]
        t = [cid for cid in crit if "true" in seen.get(cid, ())]
        f = [cid for cid in crit if "false" in seen.get(cid, ())]
        never += [f"{cid}: never {'true' if cid not in t else 'false'}" for cid in crit if cid not in t or cid not in f]
        table.add_row(g.manifest.id, str(len(ids)), str(len(with_cases)), str(len(both)),
                      str(len(crit)), str(len(t)), str(len(f)))
    out.print(table)
    if detail:
        for line in never:
            out.print(f"  {escape(line)}")


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="case, determination or guideline")],
) -> None:
    """Print the JSON Schema of a case, a determination, or a guideline data file."""
    from .case import Case
    from .engine.determination import Determination
    from .policy.schema import GuidelineFile

    models = {"case": Case, "determination": Determination, "guideline": GuidelineFile}
    if which not in models:
        _fail("schema", f"unknown schema {which!r}; known: {', '.join(models)}")
    mode = "serialization" if which == "determination" else "validation"
    sys.stdout.write(json.dumps(models[which].model_json_schema(mode=mode), indent=2) + "\n")


@app.command()
def vocabulary(
    category: Annotated[Optional[str], typer.Option(help="Only this category (scenario, symptom, exam, history, ...).")] = None,
) -> None:
    """List the fact vocabulary cases and guidelines speak."""
    from .vocabulary import vocabulary as vocab

    v = vocab()
    table = Table(title="Fact vocabulary", title_justify="left")
    for col in ("fact", "category", "type", "meaning"):
        table.add_column(col, style="bold" if col == "fact" else None)
    for f in v.facts.values():
        if category and f.category != category:
            continue
        kind = f.type + (f" ({f.unit})" if f.unit else "") + (f" [{f.values}]" if f.values else "")
        table.add_row(f.name, f.category, kind, f.meaning)
    out.print(table)


def main() -> None:
    from .errors import CaseError, NecessityError
    from .policy import loader

    # A command reviews a handful of cases: compile each review function when a case first needs
    # it (from the on-disk code cache) rather than all of them up front, as a service would.
    loader.COMPILE_AHEAD = False
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None
    except NecessityError as exc:  # e.g. shipped guideline data broken by an edit: say so, no traceback
        err.print(f"[bold red]error[/] {escape(str(exc))} [dim]({exc.code})[/]")
        raise SystemExit(2 if isinstance(exc, CaseError) else 1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
