"""The ``agora`` command: thin commands, one library call each.

Exit codes: 0 done, 1 problems at or above the failing severity, 2 usage (a bad option, a
missing path or id, a refused write, a bad setting, a system refusal), 3 internal error.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from agora import __version__, engine, history, overview, report, scaffold
from agora.errors import AgoraError, InputOutputError, RecordNotFoundError, UsageError
from agora.models import (
    CODES,
    ActorRole,
    ActorType,
    Category,
    Confidence,
    Kind,
    Problem,
    Severity,
    Significance,
    SourceType,
    format_field,
    json_schemas,
)
from agora.reader.files import printable_path
from agora.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="agora",
    help="Agora: an epistemic ledger of AI debates. Validate, scaffold and inspect a ledger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
new_app = typer.Typer(
    help="Scaffold a new record with the next free number and a valid front matter.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app, name="new")

P = ParamSpec("P")
R = TypeVar("R")


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an :class:`AgoraError` into ``agora: error[code]: message`` plus hint and exit."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except AgoraError as exc:
            _print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:  # a folder that cannot be written, a disk that is full
            where = f"{exc.filename}: " if exc.filename else ""
            _print_error(
                InputOutputError(
                    f"{where}{exc.strerror or exc}",
                    hint="Check that the path exists, is a folder where one is expected, "
                    "and can be written.",
                )
            )
            raise typer.Exit(InputOutputError.exit_code) from None

    return wrapper


def _print_error(exc: AgoraError) -> None:
    console = _err()
    console.print(
        f"agora: error[{exc.code}]: {report.clean(exc.message)}", style="red", markup=False
    )
    if exc.hint:
        console.print(f"  hint: {report.clean(exc.hint)}", markup=False)


def _settings(no_cache: bool = False) -> Settings:
    settings = Settings.from_env()
    return settings.model_copy(update={"no_cache": True}) if no_cache else settings


class OutputFormat(StrEnum):
    """How ``validate`` prints problems."""

    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


class ViewFormat(StrEnum):
    """How ``show`` and ``stats`` print."""

    HUMAN = "human"
    JSON = "json"


LedgerPath = Annotated[
    Path,
    typer.Argument(
        metavar="PATH", help="The ledger folder (holding content/), or its content folder."
    ),
]
LedgerOption = Annotated[
    Path, typer.Option("--ledger", "-l", metavar="PATH", help="The ledger to write into.")
]
IdOption = Annotated[
    str, typer.Option("--id", metavar="ID", help="Id to use (default: from the title).")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agora {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Agora: an epistemic ledger of AI debates."""


def _colour() -> bool:
    """Whether problems printed on standard output may be coloured."""
    return _out().is_terminal and not os.environ.get("NO_COLOR")


def _problem_text(
    problems: list[Problem],
    prefix: str,
    summary: str,
    output: OutputFormat,
    *,
    hints: bool,
    color: bool,
) -> str:
    """Problems as GitHub annotations or compiler-style lines, then the summary line."""
    if output is OutputFormat.GITHUB:
        body = report.format_github(problems, prefix)
    else:
        body = report.format_human(problems, prefix, hints=hints, color=color)
    return (body + "\n" if body else "") + summary + "\n"


@app.command()
@_reports_errors
def validate(
    path: LedgerPath = Path("."),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="human, json or github.")
    ] = OutputFormat.HUMAN,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run (default: error)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="CODE", help="Problem codes to leave out, e.g. --ignore U005."
        ),
    ] = None,
    hints: Annotated[bool, typer.Option("--hints/--no-hints", help="Print hints.")] = True,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file.")] = False,
) -> None:
    """Check a ledger and report every problem with its file, line, code and fix.

    Exit 0 when clean, 1 when a problem reaches the failing severity, 2 on bad usage.

    Example: agora validate my-ledger --strict --format github
    """
    ignored = {
        code.strip().upper() for item in ignore or () for code in item.split(",") if code.strip()
    }
    unknown = sorted(code for code in ignored if code not in CODES)
    if unknown:
        raise UsageError(
            f"unknown problem code {', '.join(unknown)} in --ignore",
            hint="Codes look like U005; docs/errors.md lists them all.",
        )
    prefix = printable_path(str(path))  # a folder named in Latin-1 still prints
    color = output is OutputFormat.HUMAN and _colour()

    def render(result: engine.Report) -> engine.Rendered:
        problems = [item for item in result.problems if item.code not in ignored]
        counts, files = result.counts, result.files
        summary = report.summary_line(problems, files, counts)
        if output is OutputFormat.JSON:
            text = report.format_json(problems, prefix, files, counts) + "\n"
        else:
            text = _problem_text(problems, prefix, summary, output, hints=hints, color=color)
        worst = max((item.severity for item in problems), key=lambda s: s.rank, default=None)
        return engine.Rendered(text, worst)

    key = f"{output.value}|{prefix}|{hints}|{color}|{','.join(sorted(ignored))}"
    rendered = engine.validate_rendered(path, _settings(no_cache), engine.Output(key, render))
    sys.stdout.write(rendered.text)
    threshold = fail_on or Severity.ERROR
    if strict and threshold.rank > Severity.WARNING.rank:
        threshold = Severity.WARNING
    if rendered.worst is not None and rendered.worst.rank >= threshold.rank:
        raise typer.Exit(1)


@app.command()
@_reports_errors
def audit(
    path: LedgerPath = Path("."),
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Audit only the commits after REV (a pull request: --since origin/main).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="human, json or github.")
    ] = OutputFormat.HUMAN,
    fail_on: Annotated[
        Severity,
        typer.Option("--fail-on", help="Lowest severity that fails the run."),
    ] = Severity.ERROR,
    hints: Annotated[bool, typer.Option("--hints/--no-hints", help="Print hints.")] = True,
) -> None:
    """Report every in-place edit of a published record in the ledger's git history.

    A kernel field changed without a revision record is an error (H001), an enrichment
    change a warning (H002), metadata an info (H003). Exit 1 when a finding reaches
    --fail-on.

    Example: agora audit my-ledger --since origin/main --format github
    """
    done = history.audit(path, _settings(), since)
    problems = [finding.problem for finding in done.findings]
    prefix = printable_path(str(path))  # a folder named in Latin-1 still prints
    summary = f"{report.severity_counts(problems)} in {_count(done.commits, 'commit', 'commits')}"
    if output is OutputFormat.JSON:
        text = report.format_audit_json(done.findings, prefix, done.commits) + "\n"
    else:
        color = output is OutputFormat.HUMAN and _colour()
        text = _problem_text(problems, prefix, summary, output, hints=hints, color=color)
    sys.stdout.write(text)
    if any(item.severity.rank >= fail_on.rank for item in problems):
        raise typer.Exit(1)


_SHIFT_HEADINGS = {
    "new": "New records",
    "removed": "Removed records",
    "new-position": "New positions",
    "challenge-opened": "Challenges opened",
    "challenge-resolved": "Challenges resolved",
    "confidence": "Confidence changed",
    "significance": "Significance changed",
    "status": "Derived status changed",
}


@app.command()
@_reports_errors
def diff(
    first: Annotated[str, typer.Argument(metavar="DATE1", help="The earlier moment.")],
    second: Annotated[str, typer.Argument(metavar="DATE2", help="The later moment.")],
    path: LedgerPath = Path("."),
    output: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.HUMAN,
) -> None:
    """List what changed in understanding between two moments of the ledger's history.

    New records and positions, confidence and significance changes, challenges opened and
    resolved, and claims whose derived status moved. A date means the end of that day (UTC).

    Example: agora diff 2026-03-31 2026-04-30 my-ledger
    """
    done = history.compare_moments(
        path, _settings(), history.parse_moment(first), history.parse_moment(second)
    )
    if output is ViewFormat.JSON:
        document = {
            "from": {"moment": done.first[0].isoformat(), "commit": done.first[1]},
            "to": {"moment": done.second[0].isoformat(), "commit": done.second[1]},
            "shifts": [
                {
                    "what": s.what,
                    "kind": s.kind.value,
                    "id": s.id,
                    "title": s.title,
                    "before": s.before or None,
                    "after": s.after or None,
                }
                for s in done.shifts
            ],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    console = _out()
    console.print(
        f"From {done.first[0]:%Y-%m-%d %H:%M %Z} ({done.first[1][:7]}) "
        f"to {done.second[0]:%Y-%m-%d %H:%M %Z} ({done.second[1][:7]}): "
        f"{_count(len(done.shifts), 'change', 'changes')}",
        markup=False,
    )
    heading = ""
    for shift in done.shifts:
        if shift.what != heading:
            heading = shift.what
            console.print(f"\n{_SHIFT_HEADINGS[heading]}", markup=False)
        moved = f": {shift.before or '—'} → {shift.after}" if shift.after else ""
        label = f" ({report.clean(shift.title)})" if shift.title else ""
        console.print(f"  {shift.kind.value} {report.clean(shift.id)}{label}{moved}", markup=False)


@app.command()
@_reports_errors
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder to create the ledger in.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty.")
    ] = False,
) -> None:
    """Write the sample ledger (the open-weights debate) into DIRECTORY.

    Example: agora init my-ledger && agora validate my-ledger
    """
    written = scaffold.init_ledger(directory, force=force)
    console = _out()
    console.print(f"Wrote {len(written)} files to {directory}", markup=False)
    console.print(f"Next: agora validate {directory}", markup=False)


@app.command()
@_reports_errors
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of any record.")],
    path: LedgerPath = Path("."),
    output: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.HUMAN,
) -> None:
    """Show one record: its fields, what it links to, and everything that links to it.

    Example: agora show open-weight-models-access-vs-proliferation my-ledger
    """
    result = engine.inspect(path, _settings())
    views = overview.describe_record(result.ledger, record_id, result.problems)
    if not views:
        declared = [d.path for d in result.ledger.documents if d.raw_id == record_id]
        if declared:
            raise RecordNotFoundError(
                f"{declared[0]} declares the id {record_id!r}, but the record is not valid",
                hint=f"Run 'agora validate {path}' to see what to fix in it.",
            )
        raise RecordNotFoundError(
            f"no record has the id {record_id!r} in {path}",
            hint="Ids are kebab-case; 'agora stats' lists what the ledger holds.",
        )
    if output is ViewFormat.JSON:
        typer.echo(json.dumps([view.as_dict() for view in views], indent=2, ensure_ascii=False))
        return
    console = _out()
    for view in views:
        _print_view(console, view)


def _print_view(console: Console, view: overview.RecordView) -> None:
    clean = report.clean
    console.print(f"{view.kind.value} {view.id}", style="bold", markup=False)
    console.print(clean(view.title), markup=False)
    console.print(f"file: {view.path}", style="dim", markup=False)
    table = Table(show_header=False, box=None, pad_edge=False)
    for key, value in view.facts.items():
        table.add_row(Text(key), Text(_brief(value)))
    console.print(table)
    if view.links:
        console.print("links to:", style="bold", markup=False)
        for link in view.links:
            console.print(f"  {format_field(link.field)} → {clean(link.value)}", markup=False)
    console.print(f"linked from ({len(view.backlinks)}):", style="bold", markup=False)
    for back in view.backlinks:
        console.print(f"  {back.kind.value} {back.id} ({back.field})", markup=False)
    if view.problems:
        console.print(f"problems ({len(view.problems)}):", style="bold", markup=False)
        for item in view.problems:
            console.print(
                f"  {item.line}:{item.column} {item.code} {clean(item.message)}", markup=False
            )
    console.print()


def _brief(value: Any) -> str:
    """A value as one table cell: user text cleaned, long lists one item a line."""
    clean = report.clean
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        long = any(len(item) > 40 for item in value)
        return ("\n" if long else ", ").join(clean(item) for item in value)
    if isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()):
        return (
            ", ".join(f"{clean(str(key))}: {clean(str(item))}" for key, item in value.items())
            or "none"
        )
    if isinstance(value, (list, dict)):
        text = clean(json.dumps(value, ensure_ascii=False))
        return text if len(text) <= 160 else text[:159] + "…"
    return "none" if value is None else clean(str(value))


@app.command()
@_reports_errors
def stats(
    path: LedgerPath = Path("."),
    output: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.HUMAN,
) -> None:
    """Count what a ledger holds: records, events by year and facet, sources, problems.

    Example: agora stats my-ledger --format json
    """
    result = engine.inspect(path, _settings())
    numbers = overview.ledger_stats(result.ledger, result.problems)
    if output is ViewFormat.JSON:
        typer.echo(json.dumps(numbers, indent=2, ensure_ascii=False))
        return
    console = _out()
    for section, values in numbers.items():
        console.print(section.replace("_", " "), style="bold", markup=False)
        table = Table(show_header=False, box=None, pad_edge=False)
        items = list(values.items()) if isinstance(values, dict) else [("", values)]
        for key, value in items or [("", "none")]:
            table.add_row(Text(f"  {key.replace('_', ' ')}"), Text(_brief(value)))
        console.print(table)


@contextlib.contextmanager
def _page_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar of the pages rendered, on standard error when it is a terminal (a
    large ledger takes minutes); nothing otherwise, so logs and pipes stay clean."""
    console = _err()
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("Rendering pages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("pages", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@app.command()
@_reports_errors
def build(
    path: LedgerPath = Path("."),
    output_dir: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write the site to.")
    ] = Path("site"),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Show the ledger as it stood then (YYYY-MM-DD, or an ISO time); needs git.",
        ),
    ] = None,
) -> None:
    """Write the reader site (HTML, feeds, JSON, search index) into DIR.

    Example: agora build my-ledger -o public --as-of 2026-04-01
    """
    moment = history.parse_moment(as_of) if as_of is not None else None
    settings = _settings()
    with _page_progress() as progress:
        result = engine.build(path, output_dir, settings, moment, progress)
    if result.skipped:
        _out().print(
            f"Up to date: {result.pages:,} pages ({result.files:,} files) in {output_dir}; "
            "nothing changed since the last build",
            markup=False,
        )
    else:
        _out().print(
            f"Built {result.pages:,} pages ({result.files:,} files, {result.written:,} written, "
            f"{result.removed:,} removed) in {output_dir}"
            + (
                f"; {result.rendered:,} rendered, the others unchanged"
                if result.rendered < result.pages
                else ""
            ),
            markup=False,
        )
    if "base_url" not in settings.model_fields_set:
        _err().print(
            f"note: feeds, the sitemap and robots.txt give addresses under {settings.base_url}, "
            "the default AGORA_BASE_URL\n"
            "  hint: before publishing the site, build it with its public address: "
            f"AGORA_BASE_URL=https://example.org agora build {printable_path(str(path))} "
            f"-o {printable_path(str(output_dir))}",
            markup=False,
        )
    if result.left_out:
        _err().print(engine.left_out_warning(result.left_out, path), markup=False)


@app.command()
@_reports_errors
def serve(
    path: LedgerPath = Path("."),
    host: Annotated[
        str, typer.Option(metavar="ADDRESS", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8000,
    reload: Annotated[
        bool, typer.Option("--reload/--no-reload", help="Reload when a content file changes.")
    ] = True,
) -> None:
    """Serve the reader site live, with search, reloading when the content changes.

    Example: agora serve my-ledger --port 8000
    """
    from agora.web.serve import serve as run_server  # the server's imports only when serving

    def started(address: str) -> None:
        _out().print(
            f"Serving {printable_path(str(path))} at {address} (Ctrl+C to stop)", markup=False
        )

    run_server(path, _settings(), host, port, reload=reload, started=started)


@app.command()
@_reports_errors
def schema(
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="DIR", help="Write one <kind>.schema.json per kind here."
        ),
    ] = None,
) -> None:
    """Print or write the JSON Schema (2020-12) of every record kind.

    Example: agora schema -o schema/
    """
    schemas = json_schemas()
    if output_dir is None:
        typer.echo(json.dumps({k.value: s for k, s in schemas.items()}, indent=2))
        return
    output_dir.mkdir(parents=True, exist_ok=True)
    for kind, document in schemas.items():
        target = output_dir / f"{kind.value}.schema.json"
        target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    typer.echo(f"Wrote {len(schemas)} schemas to {output_dir}")


def _written(target: Path, hint: str = "") -> None:
    console = _out()
    console.print(f"Wrote {target}", markup=False)
    first = "fill in the sections, then " if target.suffix == ".md" else ""
    console.print(f"Next: {first}agora validate. {hint}".rstrip(), markup=False)


def _parse_actor(value: str) -> dict[str, str]:
    actor_id, _, role = value.partition(":")
    if role and role not in ActorRole.__members__.values():
        raise UsageError(
            f"--actor {value!r}: role {role!r} is not one of the roles",
            hint="Roles: " + ", ".join(r.value for r in ActorRole) + ".",
        )
    return {"id": actor_id, "role": role or ActorRole.SUBJECT.value}


@new_app.command("event")
@_reports_errors
def new_event(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The event's title.")],
    when: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened.")],
    category: Annotated[Category, typer.Option("--category", help="Primary category.")],
    source_url: Annotated[
        str, typer.Option("--source-url", metavar="URL", help="Address of a source.")
    ],
    source_title: Annotated[
        str, typer.Option("--source-title", metavar="TEXT", help="Title of that source.")
    ],
    source_type: Annotated[
        SourceType, typer.Option("--source-type", help="Type of that source.")
    ] = SourceType.SECONDARY_REPORTING,
    significance: Annotated[Significance, typer.Option()] = Significance.NOTABLE,
    confidence: Annotated[Confidence | None, typer.Option()] = None,
    thread: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="Thread id (repeatable).")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID[:ROLE]",
            help="Actor and its role (default subject), e.g. openai:developer; repeatable.",
        ),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(metavar="TAG", help="Tag (repeatable).")] = None,
    region: Annotated[
        list[str] | None, typer.Option(metavar="CODE", help="Region, e.g. US (repeatable).")
    ] = None,
    record_id: IdOption = "",
    ledger: LedgerOption = Path("."),
) -> None:
    """Scaffold events/YYYY/NN-<id>.md with the next free number in its year.

    Example: agora new event "OpenAI releases gpt-oss" --date 2025-08-05 --category models
    --source-url https://openai.com/index/introducing-gpt-oss/ --source-title "Introducing
    gpt-oss" --source-type primary_document --thread open-weights-access-and-risk
    """
    fields: dict[str, Any] = {
        "date": _date_option(when),
        "category": category.value,
        "significance": significance.value,
        "confidence": confidence.value if confidence else None,
        "actors": [_parse_actor(value) for value in actor or ()] or None,
        "regions": list(region or ()) or None,
        "tags": list(tag or ()) or None,
        "threads": list(thread or ()) or None,
        "sources": [{"url": source_url, "title": source_title, "type": source_type.value}],
        "state": "draft",
    }
    target = scaffold.new_record(
        ledger,
        scaffold.NewRecord(
            Kind.EVENT,
            title,
            fields,
            record_id,
            (
                ("Summary", "Two to four sentences: what happened, answer first."),
                ("What Happened", "The facts, in order, each traceable to a source."),
                ("Why It Matters", "Why this changes the debate."),
            ),
        ),
    )
    threads = ", ".join(thread or ())
    _written(
        target,
        f"Also list the event in the events: of {threads}." if threads else "",
    )


@new_app.command("thread")
@_reports_errors
def new_thread(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The thread's title.")],
    question: Annotated[str, typer.Option("--question", metavar="TEXT", help="The core question.")],
    curator: Annotated[str, typer.Option("--curator", metavar="HANDLE", help="Curator's handle.")],
    started: Annotated[
        str | None,
        typer.Option(
            "--started", metavar="YYYY-MM-DD", help="When the arc begins (default: today)."
        ),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="Member event id (repeatable).")
    ] = None,
    record_id: IdOption = "",
    ledger: LedgerOption = Path("."),
) -> None:
    """Scaffold threads/<id>.md.

    Example: agora new thread "Compute governance" --question "Who should control access to
    frontier compute?" --curator mira-okafor
    """
    fields = {
        "status": "active",
        "started": _date_option(started) if started else _today(),
        "core_question": question,
        "curator": curator,
        "events": list(event or ()),
    }
    target = scaffold.new_record(
        ledger,
        scaffold.NewRecord(
            Kind.THREAD,
            title,
            fields,
            record_id,
            (
                ("Canonical Synthesis", f"**Author:** {curator} | the current best reading."),
                ("The Arc", "The phases of the story, with their events."),
                ("Interpretations", "The competing readings."),
                ("Open Questions", "What is still unknown."),
            ),
        ),
    )
    _written(target)


@new_app.command("controversy")
@_reports_errors
def new_controversy(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The question in dispute.")],
    thread: Annotated[str, typer.Option("--thread", metavar="ID", help="The parent thread's id.")],
    position: Annotated[
        list[str],
        typer.Option("--position", metavar="CLAIM", help="A position's claim (two or more)."),
    ],
    record_id: IdOption = "",
    ledger: LedgerOption = Path("."),
) -> None:
    """Scaffold controversies/<id>.md with two or more positions.

    Example: agora new controversy "Should frontier weights be open?" --thread
    open-weights-access-and-risk --position "Openness reduces risk" --position "Openness
    adds risk"
    """
    if len(position) < 2:
        raise UsageError(
            "a controversy needs at least two positions",
            hint='Pass --position "claim" twice or more.',
        )
    fields = {
        "thread": thread,
        "status": "active",
        "polarity": "binary" if len(position) == 2 else "multi-axis",
        "last_updated": _today(),
        "positions": [{"claim": claim} for claim in position],
    }
    target = scaffold.new_record(
        ledger,
        scaffold.NewRecord(
            Kind.CONTROVERSY,
            title,
            fields,
            record_id,
            (
                ("Context", "Why informed people disagree."),
                ("Key Tensions", "The axes of disagreement."),
                ("Status", "Where the debate stands."),
            ),
        ),
    )
    _written(target, f"Also list it in the controversies: of {thread}.")


@new_app.command("actor")
@_reports_errors
def new_actor(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The actor's name.")],
    actor_type: Annotated[ActorType, typer.Option("--type", help="What the actor is.")],
    website: Annotated[str | None, typer.Option(metavar="URL", help="Official website.")] = None,
    alias: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Another name (repeatable).")
    ] = None,
    record_id: IdOption = "",
    ledger: LedgerOption = Path("."),
) -> None:
    """Scaffold actors/<id>.yml.

    Example: agora new actor "Allen Institute for AI" --type research-lab --alias Ai2
    """
    fields = {"type": actor_type.value, "website": website, "aliases": list(alias or ()) or None}
    target = scaffold.new_record(ledger, scaffold.NewRecord(Kind.ACTOR, name, fields, record_id))
    _written(target)


@new_app.command("post")
@_reports_errors
def new_post(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The post's title.")],
    author: Annotated[str, typer.Option("--author", metavar="HANDLE", help="Author's handle.")],
    category: Annotated[Category, typer.Option("--category")],
    tag: Annotated[list[str] | None, typer.Option(metavar="TAG", help="Tag (repeatable).")] = None,
    language: Annotated[
        str, typer.Option(metavar="TAG", help="Language tag, e.g. en or ko.")
    ] = "en",
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Publication date (default: today)."),
    ] = None,
    controversy: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="Controversy it discusses (repeatable).")
    ] = None,
    record_id: IdOption = "",
    ledger: LedgerOption = Path("."),
) -> None:
    """Scaffold posts/<id>.md.

    Example: agora new post "Four questions inside the open-weights debate" --author
    jun-seo-park --category open-source --tag open-source
    """
    fields = {
        "date": _date_option(when) if when else _today(),
        "author": author,
        "category": category.value,
        "tags": list(tag or ()) or None,
        "language": language,
        "controversies": list(controversy or ()),
    }
    target = scaffold.new_record(
        ledger,
        scaffold.NewRecord(
            Kind.POST, title, fields, record_id, (("Introduction", "The article."),)
        ),
    )
    _written(target)


def _today() -> date:
    return Settings.from_env().current_date()


def _date_option(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{text!r} is not a date", hint="Write dates as YYYY-MM-DD, e.g. 2025-08-05."
        ) from None


def main() -> None:
    """Entry point: run the app; an unexpected error is one line, never a traceback."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except _CLICK_ERROR as exc:  # bad option or argument
        _print_error(
            UsageError(
                getattr(exc, "format_message", exc.__str__)(),
                hint=f"Run '{_command_path(exc)} --help' for the options, with an example.",
            )
        )
        sys.exit(2)
    except AgoraError as exc:  # raised outside a command, e.g. while reading settings
        _print_error(exc)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if _debugging():
            raise
        _err().print(
            f"agora: error[internal]: {type(exc).__name__}: {report.clean(str(exc))}",
            markup=False,
        )
        _err().print(
            "  hint: this is a bug in Agora; run again with AGORA_DEBUG=1 for the traceback "
            "and report it.",
            markup=False,
        )
        sys.exit(3)


def _click_error() -> type[Exception]:
    """The base of the command-line parser's usage errors (typer ships its own click)."""
    return next(k for k in typer.BadParameter.__mro__ if k.__name__ == "ClickException")


_CLICK_ERROR = _click_error()


def _command_path(exc: Exception) -> str:
    context = getattr(exc, "ctx", None)
    return context.command_path if context is not None else "agora"


def _debugging() -> bool:
    try:
        return Settings.from_env().debug
    except AgoraError:
        return False
