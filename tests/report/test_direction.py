"""Article strings that could turn the text direction are isolated in the report."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from storyline.report.markup import el
from storyline.run import run_pipeline

CONTROLS = re.compile("[\u202a-\u202e\u2066\u2067\u200e\u200f]")  # not FSI/PDI: ours


class _Direction(HTMLParser):
    """Collect the article strings of a page that hold bidi controls and are not isolated."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for _, value in attrs:
            if value and CONTROLS.search(value) and not _plain_isolated(value):
                self.loose.append(value)
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if not CONTROLS.search(data):
            return
        tag = self.open[-1] if self.open else ""
        if "bdi" not in self.open and not (tag == "title" and _plain_isolated(data)):
            self.loose.append(data)


def _plain_isolated(text: str) -> bool:
    return text.startswith("\u2068") and text.endswith("\u2069")


def outside_bdi(page: str) -> list[str]:
    """Return the strings of `page` holding bidi controls that nothing isolates."""
    parser = _Direction()
    parser.feed(page)
    return parser.loose


def test_author_ending_in_right_to_left_override_cannot_flip_the_byline(tmp_path):
    text = (
        "The harbour authority reopened the Lenne river to shipping on Monday, four days after a "
        "chemical spill forced 2,000 residents from their homes, officials said on the quay. "
        "Divers checked the hulls of the moored ferries before the first crossing left."
    )
    records = [
        {
            "url": "https://courier.example.org/spill",
            "title": "River reopens after spill",
            "author": "Jan Smith\u202e",
            "published": "2010-01-10T09:00:00Z",
            "text": text,
        },
        {
            "url": "https://courier.example.org/hebrew",
            "title": "\u05e0\u05de\u05dc \u05e0\u05e4\u05ea\u05d7 \u202b",
            "author": "\u2067Dana Levi",
            "text": text.replace("Monday", "Tuesday"),
        },
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = tmp_path / "wire.html"
    run_pipeline([path], tmp_path / "wire.db", report=report)
    page = report.read_text(encoding="utf-8")
    assert "Jan Smith\u202e" in page
    assert outside_bdi(page) == []


def test_plain_left_to_right_text_is_not_wrapped():
    assert el("p", None, "by Jan Smith") == "<p>by Jan Smith</p>"
    assert el("p", None, "by \u05d3\u05e0\u05d4") == "<p><bdi>by \u05d3\u05e0\u05d4</bdi></p>"
