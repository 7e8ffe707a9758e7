"""The storyline command: thin commands over the library, each calling one function."""

from __future__ import annotations

import json
import logging
import re
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline import __version__
from storyline.adhoc import compare_files, quotes_in_file, read_all_articles
from storyline.dedup.linking import link_articles
from storyline.errors import InputError, StorylineError
from storyline.evaluation.timeml import tag_timeml
from storyline.executors.choice import EXECUTORS, ExecutorKind
from storyline.model import Link
from storyline.run import REPORT_ARTICLES, RunSummary, demo_corpus, run_pipeline
from storyline.store.export import FORMATS, export_tables
from storyline.store.tables import to_json_row
from storyline.timeline.formats import render_timeline
from storyline.timeline.tls import TimelineMethod, summarize_timeline

err_console = Console(stderr=True)
DEFAULT_DB = Path("storyline.db")
VERBOSE_FLAG = re.compile(r"-v+")


class CountColumn(ProgressColumn):
    """Units done of units in all ("120/843"), or nothing for a step that counts nothing."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total)}")


class StorylineGroup(click.Group):
    """A command group that turns expected failures into one line and exit status 1."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # -v / -vv / --verbose belong to the group, but are also accepted after the command
        end = args.index("--") if "--" in args else len(args)
        verbose = [a for a in args[:end] if a == "--verbose" or VERBOSE_FLAG.fullmatch(a)]
        rest = [a for a in args[:end] if a not in verbose] + args[end:]
        return super().parse_args(ctx, verbose + rest)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StorylineError as err:
            # escaped: a message naming an extra, like storyline[ray], is not markup
            err_console.print(
                f"[bold red]error:[/] {escape(str(err))}", highlight=False, soft_wrap=True
            )
            sys.exit(1)


@click.group(cls=StorylineGroup)
@click.version_option(__version__, prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="Log more: -v for progress, -vv for each record.")
def cli(verbose: int) -> None:
    """Turn a pile of noisy news articles into stories a reader can trust."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite store to create or add to.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes that read and clean files in parallel.",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    help="HTML report to write (default: the store's name with .html).",
)
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
@click.option(
    "--report-articles",
    type=click.IntRange(min=1),
    default=REPORT_ARTICLES,
    show_default=True,
    help="Articles the report holds at most: the largest storylines first.",
)
@click.option(
    "--no-quotes",
    is_flag=True,
    help="Skip quotations and speakers even with the nlp extra (much faster; entities then "
    "come from capitalized names).",
)
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where per-article stages run: local processes, or Ray tasks (storyline[ray]).",
)
@click.option(
    "--ray-address",
    help="Ray cluster to join: auto, or ray://host:10001 (default: start a local Ray).",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no summary table.")
def run(
    paths: tuple[Path, ...],
    db: Path,
    workers: int,
    report: Path | None,
    no_report: bool,
    report_articles: int,
    no_quotes: bool,
    executor: ExecutorKind,
    ray_address: str | None,
    quiet: bool,
) -> None:
    """Ingest news files (text, HTML, JSON/JSONL, WARC, RSS/Atom, folders) into the store.

    With no PATHS, runs on the bundled demo corpus. Re-running adds nothing new; an
    interrupted run resumes. Every input ends as an article or a reject with its reason.
    """
    inputs = list(paths) or [demo_corpus()]
    report = None if no_report else (report or db.with_suffix(".html"))
    if ray_address and executor != "ray":
        raise click.UsageError("--ray-address needs --executor ray")
    if quiet:
        summary = run_pipeline(
            inputs,
            db,
            workers=workers,
            report=report,
            report_articles=report_articles,
            quotes=False if no_quotes else None,
            executor=executor,
            ray_address=ray_address,
        )
    else:
        columns = (
            *Progress.get_default_columns()[:1],
            BarColumn(),
            CountColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console, transient=True) as bar:
            task = bar.add_task("ingesting files", total=None)
            summary = run_pipeline(
                inputs,
                db,
                workers=workers,
                progress=lambda what, done, total: bar.update(
                    task, description=what, completed=done, total=total or None
                ),
                report=report,
                report_articles=report_articles,
                quotes=False if no_quotes else None,
                executor=executor,
                ray_address=ray_address,
            )
        _print_summary(summary, db, report)


def _print_summary(summary: RunSummary, db: Path, report: Path | None) -> None:
    console = Console()
    console.print(
        f"[bold]{summary.articles}[/] articles and [bold]{summary.rejects}[/] rejects in {db} "
        f"({summary.files} files named, {summary.skipped} unchanged since the last run)"
    )
    table = Table(show_header=True, header_style="bold")
    for column in ("rejects by reason", "n", "languages", "n", "sources", "n"):
        table.add_column(column, justify="right" if column == "n" else "left")
    groups = [summary.rejects_by_reason, summary.languages, summary.sources[:10]]
    for i in range(max(len(g) for g in groups) if any(groups) else 0):
        cells: list[str] = []
        for group in groups:
            cells += [str(group[i][0]), str(group[i][1])] if i < len(group) else ["", ""]
        table.add_row(*cells)
    console.print(table)
    links = ", ".join(f"{n} {relation}" for relation, n in summary.links) or "none"
    console.print(
        f"analysed {summary.analysed} new articles; the store holds {summary.dates} dates, "
        f"{summary.quotes} quotations in {summary.quote_groups} groups; links: {links}; "
        f"{_count(summary.storylines, 'storyline')} of {_count(summary.events, 'event')}, "
        f"{summary.timeline} timeline entries"
    )
    if report is not None:
        console.print(f"report: {report}")
    for problem in summary.problems:
        err_console.print(f"[yellow]warning:[/] {problem}", highlight=False)


@cli.command()
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite store to read.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write one file per table into.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="File format (parquet needs the 'parquet' extra).",
)
def export(db: Path, out: Path, fmt: str) -> None:
    """Write every table of the store (articles, rejects, ...) to files in OUT."""
    for path in export_tables(db, out, fmt):  # type: ignore[arg-type]
        click.echo(str(path))


@cli.command()
@click.argument("a", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("b", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the link as one JSON object.")
def compare(a: Path, b: Path, as_json: bool) -> None:
    """Tell whether B copies, trims, spins or reports the same event as A, with evidence.

    Prints the relation (copy, near_copy, spun, same_event, or none), its score, which
    file came first when that can be told, the aligned passages with character offsets
    into each file's cleaned text, and for spun rewrites the swapped word pairs.
    Exits with status 0 whether or not the files are related.
    """
    first, second, link = compare_files(a, b)
    names = {first.id: str(a), second.id: str(b)}
    texts = {first.id: first.text or first.raw_text, second.id: second.text or second.raw_text}
    if as_json:
        click.echo(json.dumps(link_as_json(link, names), ensure_ascii=False))
        return
    if link is None:
        click.echo("relation: none (no shared passages)")
        return
    origin = names.get(link.origin or "", "unknown")
    click.echo(f"relation: {link.relation}\nscore: {link.score:.3f}\norigin: {origin}")
    for p in link.evidence.passages[:MAX_SHOWN]:
        passage = texts[link.a][p.a_start : p.a_end]
        click.echo(
            f"passage {names[link.a]}[{p.a_start}:{p.a_end}] = {names[link.b]}"
            f"[{p.b_start}:{p.b_end}]: {_snippet(passage)}"
        )
    for s in link.evidence.substitutions[:MAX_SHOWN]:
        click.echo(f"swapped: {s.a_text!r} -> {s.b_text!r}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


MAX_SHOWN = 20  # passages and swaps printed; --json has them all


def _snippet(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def link_as_json(link: Link | None, names: dict[str, str]) -> dict[str, object]:
    """Return a link as a JSON-ready dict whose article ids are replaced by file names."""
    if link is None:
        return {"a": None, "b": None, "relation": None, "score": 0.0, "origin": None}
    row = to_json_row(link)
    row.update(a=names[link.a], b=names[link.b], origin=names.get(link.origin or ""))
    return row


@cli.command("tag-dates")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--dct",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Document creation time to resolve against, overriding the one in each file.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the tagged files (same names); without it, print to standard output.",
)
def tag_dates(files: tuple[Path, ...], dct: datetime | None, out: Path | None) -> None:
    """Add TIMEX3 tags to TempEval-3 input files (*.TE3input), for standard scoring.

    Each file's document creation time (the TIMEX3 with functionInDocument="CREATION_TIME")
    anchors relative dates such as "on Thursday" or "last year", unless --dct is given.
    """
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            tagged = tag_timeml(path.read_text(encoding="utf-8"), dct.date() if dct else None)
        except (UnicodeDecodeError, ValueError) as err:
            raise InputError(f"{path}: not TimeML text ({err})") from err
        if out:
            target = out / path.name
            target.write_text(tagged, encoding="utf-8")
            click.echo(str(target))
        else:
            click.echo(tagged, nl=False)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Also print beliefs, plans and stances (type 'other'), not only speech.",
)
def quotes(files: tuple[Path, ...], everything: bool) -> None:
    """Print the quotations in FILES, one JSON object per line (needs the 'nlp' extra).

    Each line has the `file` as given, the quote's character offsets `start`/`end` into
    the text as read from the file (for HTML, its main text), the quoted `text`, which is
    exactly that text's `start`:`end` (for a quotation split around its cue, the words of
    its `parts` joined), its `kind` (direct, indirect, mixed), its `type` (speech, or with
    --all also other: a belief, plan or stance), the `cue`, the `speaker` as written and
    `speaker_entity`, the named person it resolves to (null when the text does not say).
    """
    for path in files:
        for quote in quotes_in_file(path, everything=everything):
            row = {"file": str(path), **to_json_row(quote)}
            click.echo(json.dumps(row, ensure_ascii=False))


def _timeline_method(text: str) -> TimelineMethod:
    """Return the summarizer choices a JSON object overrides (the evaluation's variants)."""
    if not text:
        return TimelineMethod()
    try:
        return TimelineMethod(**json.loads(text))
    except (ValueError, TypeError) as err:
        raise InputError(f"--method wants a JSON object of TimelineMethod fields: {err}") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day to include.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day to include.")
@click.option("--dates", type=click.IntRange(min=1), default=10, show_default=True, help="Days.")
@click.option(
    "--sentences",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Sentences per day.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("tilse", "json", "md")),
    default="md",
    show_default=True,
    help="tilse: a YYYY-MM-DD line, its sentences, a line of dashes, per day.",
)
@click.option("--links", is_flag=True, help="Find copies first, so a day's sources count once.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: standard output).",
)
@click.option("--method", "method_json", default="", hidden=True)  # evaluation: TimelineMethod
def timeline(
    paths: tuple[Path, ...],
    start: datetime | None,
    end: datetime | None,
    dates: int,
    sentences: int,
    fmt: str,
    links: bool,
    out: Path | None,
    method_json: str,
) -> None:
    """Summarize articles as a dated timeline: the busiest days, a few sentences each.

    Reads any input `run` accepts (no store needed). Days are ranked by how many articles
    name them or were published on them; each day's sentences are those nearest the centre
    of what was reported about it. Only days with a known year, month and day are placed.
    """
    articles = read_all_articles(paths)
    if not articles:
        raise InputError("no articles in the given paths")
    entries = summarize_timeline(
        articles,
        start=start.date() if start else None,
        end=end.date() if end else None,
        dates=dates,
        sentences=sentences,
        links=list(link_articles(articles)) if links else (),
        method=_timeline_method(method_json),
    )
    names = {a.id: a.path for a in articles}  # a reader of this output knows files, not ids
    entries = [replace(e, articles=tuple(names.get(i, i) for i in e.articles)) for e in entries]
    text = render_timeline(entries, fmt)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(str(out))
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite store to serve; it is only read.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Allow an address other than loopback: anyone who can reach it reads the store.",
)
def serve(db: Path, host: str, port: int, public: bool) -> None:
    """Explore the store in a browser: storylines, articles, people, sources, quotations, search.

    Read-only (the store is opened read-only; no request can write) and on this machine
    only unless --public; it serves while `storyline run` adds to the same store. A store
    made by an older version gets its search indexes first. Needs the 'serve' extra.
    """
    from storyline.web import build_app, is_loopback, pending_migrations, upgrade_store

    if not is_loopback(host) and not public:
        raise InputError(
            f"--host {host} would let other machines read the store; add --public to allow it"
        )
    pending = pending_migrations(db)
    if pending:
        err_console.print(
            f"upgrading {db} first: {', '.join(pending)}", highlight=False, soft_wrap=True
        )
        upgrade_store(db)
    app = build_app(db, public=public)
    import uvicorn

    if not is_loopback(host):
        err_console.print(
            f"[yellow]warning:[/] serving {db} on {host}: anyone who can reach this address "
            "can read every article in it",
            highlight=False,
            soft_wrap=True,
        )
    shown = f"[{host}]" if ":" in host else host
    err_console.print(
        f"serving {db} read-only at http://{shown}:{port}/ (Ctrl+C stops)", soft_wrap=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
