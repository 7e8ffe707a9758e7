"""The storyline command: thin commands over the library, each calling one function."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from storyline import __version__
from storyline.errors import StorylineError
from storyline.store.export import FORMATS, export_tables
from storyline.workflow import RunSummary, demo_corpus, run_ingest

err_console = Console(stderr=True)
DEFAULT_DB = Path("storyline.db")


class StorylineGroup(click.Group):
    """A command group that turns expected failures into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StorylineError as err:
            err_console.print(f"[bold red]error:[/] {err}", highlight=False)
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
@click.option("--quiet", is_flag=True, help="No progress bar and no summary table.")
def run(paths: tuple[Path, ...], db: Path, workers: int, quiet: bool) -> None:
    """Ingest news files (text, HTML, JSON/JSONL, WARC, RSS/Atom, folders) into the store.

    With no PATHS, runs on the bundled demo corpus. Re-running adds nothing new; an
    interrupted run resumes. Every input ends as an article or a reject with its reason.
    """
    inputs = list(paths) or [demo_corpus()]
    if quiet:
        summary = run_ingest(inputs, db, workers=workers)
    else:
        columns = (
            *Progress.get_default_columns()[:1],
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console, transient=True) as bar:
            task = bar.add_task("ingesting files", total=None)
            summary = run_ingest(
                inputs,
                db,
                workers=workers,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        _print_summary(summary, db)


def _print_summary(summary: RunSummary, db: Path) -> None:
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
