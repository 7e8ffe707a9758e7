"""Regenerate docs/cli.md from the commands' --help texts: python scripts/make_cli_docs.py"""

from __future__ import annotations

from pathlib import Path

import click

from storyline.cli import cli

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render_cli_docs() -> str:
    """Return docs/cli.md as it should read: the help of the group and of every command."""
    parts = [
        "# Command line\n",
        "Generated from `--help` by `scripts/make_cli_docs.py`; do not edit by hand.\n",
    ]
    ctx = click.Context(cli, info_name="storyline", terminal_width=100, max_content_width=100)
    parts.append(f"```text\n{cli.get_help(ctx)}\n```\n")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        sub = click.Context(command, info_name=name, parent=ctx)
        parts.append(f"## storyline {name}\n\n```text\n{command.get_help(sub)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    CLI_DOC.write_text(render_cli_docs(), encoding="utf-8")
    print(f"wrote {CLI_DOC.name}")
