"""Read and write TimeML (TempEval-3 `.tml` and `.TE3input`) documents."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

from storyline.dates.timex import Timex, find_timexes

# The creation time sits in its own TIMEX3; attribute order varies between corpora.
DCT_TIMEX = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)
VALUE_ATTR = re.compile(r"\bvalue=\"(\d{4})-?(\d{2})-?(\d{2})")
TEXT_ELEMENT = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)
TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[#\w]+;")


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    """The plain text of a TimeML document, its creation date and its annotated TIMEX3s."""

    text: str
    dct: date | None
    timexes: tuple[Timex, ...]


def read_dct(xml: str) -> date | None:
    """Return the document creation date of a TimeML document, or None when absent."""
    tag = DCT_TIMEX.search(xml)
    if tag is None:
        return None
    value = VALUE_ATTR.search(tag[0])
    if value is None:
        return None
    return date(int(value[1]), int(value[2]), int(value[3]))


def read_timeml(xml: str) -> TimemlDocument:
    """Return the text of the TEXT element of `xml` and the TIMEX3 spans annotated in it."""
    root = ElementTree.fromstring(xml)
    text_element = root.find("TEXT")
    if text_element is None:
        return TimemlDocument(text="", dct=read_dct(xml), timexes=())
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(element: ElementTree.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3":
            surface = "".join(parts)[start:length]
            timexes.append(
                Timex(start, length, surface, element.get("type", ""), element.get("value", ""))
            )

    walk(text_element)
    return TimemlDocument("".join(parts), read_dct(xml), tuple(timexes))


def tag_timeml(input_xml: str, dct: date | None = None) -> str:
    """Return `input_xml` with TIMEX3 tags added around the temporal expressions of its TEXT.

    The document's creation time is the anchor unless `dct` is given. Existing markup inside
    TEXT is kept; an expression that would cross an existing tag is left untagged.
    """
    found = TEXT_ELEMENT.search(input_xml)
    if found is None:
        return input_xml
    raw = found[2]
    # 1. Reduce the raw TEXT content to plain text, remembering where each character came from.
    plain: list[str] = []
    origin: list[int] = []
    position = 0
    for match in TAG_OR_ENTITY.finditer(raw):
        for i in range(position, match.start()):
            plain.append(raw[i])
            origin.append(i)
        if match[0].startswith("&"):
            plain.append(html.unescape(match[0]))
            origin.append(match.start())
        position = match.end()
    for i in range(position, len(raw)):
        plain.append(raw[i])
        origin.append(i)
    origin.append(len(raw))
    text = "".join(plain)
    # 2. Tag the plain text, then insert the tags back into the raw text from the end.
    anchor = dct if dct is not None else read_dct(input_xml)
    pieces = raw
    timexes = find_timexes(text, anchor)
    for number, timex in reversed(list(enumerate(timexes, start=1))):
        start, end = origin[timex.start], origin[timex.end - 1] + 1
        if "<" in raw[start:end]:
            continue
        open_tag = (
            f'<TIMEX3 tid="t{number + 1000}" type="{timex.type}" '
            f'value="{html.escape(timex.value)}">'
        )
        pieces = pieces[:start] + open_tag + pieces[start:end] + "</TIMEX3>" + pieces[end:]
    return input_xml[: found.start(2)] + pieces + input_xml[found.end(2) :]


def strip_timexes(xml: str) -> str:
    """Return `xml` with the TIMEX3 tags inside its TEXT removed (their text kept)."""
    found = TEXT_ELEMENT.search(xml)
    if found is None:
        return xml
    inner = re.sub(r"</?TIMEX3\b[^>]*>", "", found[2])
    return xml[: found.start(2)] + inner + xml[found.end(2) :]
