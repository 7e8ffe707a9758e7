"""Check what a reader gets from `storyline run` on a Timeline17 topic given as bare files.

Each topic folder is copied as it is (day folders of plain-text files, no metadata), run
through `storyline run` and `storyline export` as a user would, and checked:

- dated: at least 90% of the articles have a publication date (from the day in the path);
- one story: the largest storyline holds at least 80% of the topic's articles;
- headlines: every story of two or more articles is titled by one of its articles' headlines;
- background: no timeline entry of that storyline is dated more than 60 days before its first
  article unless it is marked background;
- no comments: no reader comment ("Chris wrote: ...") is a timeline entry;
- speakers: at most 1% of the quotations have a resolved speaker that is a pronoun or a
  lower-case phrase;
- and, with Playwright and Chromium, the report has no horizontal scroll at 390 px and at
  1,400 px, and its search box narrows what is shown.

    python scripts/check_reader.py                      # every topic in ../shared/data
    python scripts/check_reader.py H1N1_guardian --screenshots docs/img
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeline17"
WORD = re.compile(r"\w+")
TOKENIZED_CONTRACTION = re.compile(r"\s+(?=n't\b|'(?:s|re|ve|ll|d|m)\b)")
COMMENT = re.compile(r"\b\w+ (?:wrote|commented|replied)\s*:", re.IGNORECASE)
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "its",
        "this",
        "that",
        "some",
    ]
)
CHROMIUM = "/usr/bin/chromium"
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Check:
    """The figures of one topic and the checks they pass or fail."""

    topic: str
    figures: dict[str, object] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def expect(self, ok: bool, failure: str) -> None:
        """Record `failure` unless `ok`."""
        if not ok:
            self.failures.append(failure)


def _read(folder: Path, table: str) -> list[dict[str, object]]:
    path = folder / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _words(text: str) -> str:
    # Tokenized text splits contractions ("do n't"); a title reads them joined ("don't").
    joined = TOKENIZED_CONTRACTION.sub("", text)
    return " ".join(w.lower() for w in WORD.findall(joined))


def run_topic(topic: Path, work: Path) -> tuple[Path, Path]:
    """Run `storyline run` and `storyline export` on a copy of the topic's files."""
    files = work / topic.name
    shutil.copytree(topic / "InputDocs", files)
    db, report, export = work / "store.db", work / "report.html", work / "export"
    storyline = [sys.executable, "-m", "storyline"]
    subprocess.run(
        [*storyline, "run", str(files), "--db", str(db), "--report", str(report)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*storyline, "export", "--db", str(db), "--out", str(export)],
        check=True,
        capture_output=True,
    )
    return export, report


def check_store(check: Check, export: Path) -> None:
    """Check dates, the main storyline, titles, the timeline and speakers in the export."""
    articles = {a["id"]: a for a in _read(export, "articles")}
    stories = _read(export, "stories")
    dated = sum(1 for a in articles.values() if a["published"]) / max(1, len(articles))
    check.figures["articles"] = len(articles)
    check.figures["dated"] = round(dated, 3)
    check.expect(dated >= 0.9, f"only {dated:.0%} of articles dated")
    lines = [s for s in stories if s["level"] == "storyline"]
    main = max(lines, key=lambda s: len(s["articles"]), default=None)
    share = len(main["articles"]) / max(1, len(articles)) if main else 0.0
    check.figures["storylines"] = len(lines)
    check.figures["main_share"] = round(share, 3)
    check.expect(share >= 0.8, f"largest storyline holds {share:.0%} of articles")
    bad_titles = []
    for story in stories:
        if len(story["articles"]) < 2:
            continue
        title = _words(str(story["title"]).removesuffix("…"))
        members = [_words(str(articles[a]["title"])) for a in story["articles"] if a in articles]
        if not title or not any(title in m for m in members):
            bad_titles.append(story["title"])
    check.figures["titles_not_headlines"] = len(bad_titles)
    check.expect(not bad_titles, f"{len(bad_titles)} titles are no headline: {bad_titles[:3]}")
    if main is not None:
        _check_timeline(check, main, articles, _read(export, "timeline"))
    quotes = _read(export, "quotes")
    junk = [q for q in quotes if q["speaker_entity"] and _is_junk(str(q["speaker_entity"]))]
    share = len(junk) / max(1, len(quotes))
    check.figures["quotes"] = len(quotes)
    check.figures["junk_speakers"] = round(share, 4)
    check.figures["named_speakers"] = round(
        sum(1 for q in quotes if q["speaker_entity"]) / max(1, len(quotes)), 3
    )
    check.expect(share <= 0.01, f"{share:.1%} of quotations have a junk speaker")


def _is_junk(name: str) -> bool:
    return not name[:1].isupper() or name.split()[0].lower() in PRONOUNS or name.startswith("-")


def _check_timeline(check: Check, main: dict, articles: dict, timeline: list[dict]) -> None:
    days = [str(articles[a]["published"])[:10] for a in main["articles"] if a in articles]
    days = [d for d in days if DAY.fullmatch(d)]
    entries = [e for e in timeline if e["storyline"] == main["id"]]
    check.figures["timeline"] = len(entries)
    if days:
        cutoff = (datetime.fromisoformat(min(days)) - timedelta(days=60)).date().isoformat()
        early = [e for e in entries if DAY.match(e["date"]) and e["date"][:10] < cutoff]
        unmarked = [e for e in early if not e["background"]]
        check.figures["background"] = sum(1 for e in entries if e["background"])
        check.expect(not unmarked, f"{len(unmarked)} early entries not marked background")
    comments = [e["text"] for e in entries if COMMENT.search(e["text"])]
    check.expect(not comments, f"reader comments in the timeline: {comments[:2]}")


def check_browser(check: Check, report: Path, screenshots: Path | None, browser: Any) -> None:
    """Check the report in headless Chromium: no horizontal scroll, a search that narrows."""
    for width in (390, 1400):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(report.as_uri())
        scroll = page.evaluate("document.documentElement.scrollWidth")
        check.expect(scroll <= width, f"{scroll} px wide at {width} px")
        if screenshots:
            screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / f"reader_{check.topic}_{width}.png"))
        if width == 1400:
            before = page.locator("details.article:not([hidden])").count()
            heading = page.locator("section.storyline h2").first.inner_text()
            words = [w for w in re.findall(r"[^\W\d_]{4,}", heading) if w.lower() != "storyline"]
            word = max(words or ["news"], key=len)
            page.fill("#filter", word)
            after = page.locator("details.article:not([hidden])").count()
            check.figures["search"] = f"{word!r}: {before} -> {after} articles"
            check.expect(0 < after < before, f"search for {word!r} did not narrow")
        page.close()


def _open_browser() -> Iterator[Any]:
    """Yield a headless Chromium, or None when Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    if not Path(CHROMIUM).exists():
        yield None
        return
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


def check_topic(topic: Path, browser: Any = None, screenshots: Path | None = None) -> Check:
    """Run one topic through the product and return its checks (the browser's if given)."""
    check = Check(topic.name)
    with tempfile.TemporaryDirectory() as work:
        export, report = run_topic(topic, Path(work))
        check_store(check, export)
        if browser is not None:
            check_browser(check, report, screenshots, browser)
        else:
            check.figures["browser"] = "skipped (no Playwright or Chromium)"
    return check


def main() -> int:
    """Check the topics named (all of ../shared/data/timeline17 by default); 1 if any fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topics", nargs="*", help="topic folder names (default: all)")
    parser.add_argument("--screenshots", type=Path, help="save the report's screenshots here")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no Timeline17 data at {DATA}; nothing to check")
        return 0
    topics = [DATA / t for t in args.topics] or sorted(p for p in DATA.iterdir() if p.is_dir())
    failed = 0
    for browser in _open_browser():
        for topic in topics:
            check = check_topic(topic, browser, args.screenshots)
            status = "ok" if not check.failures else "FAIL: " + "; ".join(check.failures)
            print(f"{check.topic}: {json.dumps(check.figures)} {status}", flush=True)
            failed += bool(check.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
