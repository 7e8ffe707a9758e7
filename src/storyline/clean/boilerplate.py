"""Split scraped article text into headline, byline and body, dropping site chrome line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.clean.normalize import join_paragraphs
from storyline.clean.writing import ends_like_sentence, word_count

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
# A line that is nothing but a date: page headers, "Updated" stamps, archive labels.
DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|date)\s*:?\s*)?(?:{WEEKDAY},?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}){TIME}$",
    re.IGNORECASE,
)
# Whole lines that are site furniture, not news (matched after lowercasing and trimming).
CHROME_LINES = frozenset(
    item.strip()
    for item in """
    read more|read extra|read next|read also|also read|see also|related|related articles
    related stories|related news|more on this story|more stories|recommended|must read
    latest article|latest articles|latest news|latest posts|latest posts in this category
    popular posts|trending|trending now|top stories|most read|editor's picks|you may also like
    leave a reply|leave a comment|be the first to comment|post a comment|comments|no comments
    your email address will not be published.|your email address will not be published
    required fields are marked *|please enter your comment!|please enter your name here
    you have entered an incorrect email address!|please enter your email address here
    save my name, email, and website in this browser for the next time i comment.
    share|share this|share this article|share on facebook|share on twitter|share on x
    share on whatsapp|share on linkedin|tweet|pin it|email|print|whatsapp|facebook|twitter
    linkedin|telegram|reddit|copy link|follow us|subscribe|sign up|log in|login|sign in
    advertisement|sponsored|sponsored content|skip to content|skip to main content|menu|home
    back to top|cookie settings|accept cookies|all rights reserved|newsletter
    sign up for our newsletter|subscribe to our newsletter|click here|load more|show more
    """.replace("\n", "|").split("|")
    if item.strip()
)
# Lines that open with a chrome label followed by a teaser: "See also  China confirms ...".
# Words that also open news ("More than a third of ...", "Watch makers ...") need a separator.
CHROME_PREFIX = re.compile(
    r"^(?:(?:see also|read more|read also|also read)\s*[:|>»-]?"
    r"|(?:related|recommended|watch|listen|more)\s*[:|>»-])\s",
    re.IGNORECASE,
)
# Lines that are furniture by their form: copyright, comment counts, tag lists, relative stamps.
CHROME_FORMS = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|all rights reserved|\d+\s+comments?$|tags?:|filed under:|topics?:"
    r"|trending(?: now)?:|our standards:|got a (?:news )?tip\?|comments are closed"
    r"|(?:last )?updated:?\s.*\bago$|(?:sign up|subscribe)\b.*\b(?:newsletter|premium|briefing)"
    r"|(?:sign up for|subscribe to)\s"
    r"|(?:photo(?:graph)?|image|picture|credit|foto|bild)s?\s*:\s*[^.!?]{1,40}$)",
    re.IGNORECASE,
)
# Paywall and app promotions: "Subscribe now ... for the full story", "Follow X on Twitter".
PROMOTION = re.compile(
    r"\b(?:subscribe|subscribers?|subscription|log in|sign in)\b.{0,80}\b(?:full story"
    r"|full article|continue reading|immediate access|unlimited access)\b"
    r"|^follow (?:us|@?[\w.' ]{1,40}) on (?:twitter|facebook|instagram|x|telegram|whatsapp)\b"
    r"|\bdownload (?:the|our) [\w' ]{1,30}\bapps?\b",
    re.IGNORECASE,
)
MAX_PROMOTION_CHARS = 240  # a longer paragraph mentioning a subscription is news about one
# Section names that navigation menus list; two or more on one short line make it a menu.
SECTIONS = frozenset(
    [
        "home",
        "news",
        "world",
        "business",
        "markets",
        "politics",
        "economy",
        "tech",
        "technology",
        "science",
        "health",
        "sport",
        "sports",
        "culture",
        "opinion",
        "video",
        "videos",
        "podcasts",
        "podcast",
        "lifestyle",
        "travel",
        "environment",
        "local",
        "search",
        "menu",
        "newsletters",
        "newsletter",
        "contact",
        "about",
        "advertise",
        "privacy",
        "terms",
        "careers",
        "subscribe",
        "security",
        "ai",
        "gadgets",
        "startups",
        "enterprise",
        "fintech",
        "payments",
        "regulation",
        "cybersecurity",
        "events",
        "investigations",
        "courts",
        "donate",
        "entertainment",
        "weather",
        "climate",
    ]
)
BREADCRUMB = re.compile(
    r"^(?:(?:Home|News|World|Politics|Business|Local|Environment|Tech|Opinion"
    r"|Economy|Markets|Sport|Health|Science)(?=[A-Z])){2,}"
)
# Markers after which short headline-like lines are related-article teasers.
TEASER_MARKERS = frozenset(
    {
        "read more",
        "read extra",
        "read next",
        "read also",
        "also read",
        "see also",
        "related",
        "related articles",
        "related stories",
        "more on this story",
        "more stories",
        "recommended",
        "you may also like",
        "most read",
        "latest news",
        "top stories",
    }
)
BYLINE = re.compile(
    r"^(?i:by|author|written by|reporting by|words by|posted by)\s*:?\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|von|de|da|del|der|bin|al)){0,4})"
    r"(?:\s*(?:,|;|\||-|—|·|and)\s*.*)?$",
)
PERSON_NAME = re.compile(r"^[A-Z][a-z’'.-]+(?:\s+[A-Z][a-zA-Z’'.-]+){1,3}$")
BIO = re.compile(
    r"^[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3} (?:is|was) an? [^.]{0,80}\b(?:reporter|correspondent"
    r"|editor|writer|journalist|columnist|contributor)\b"
)
FOLLOW_ME = re.compile(
    r"\bfollow (?:him|her|them|me) (?:on|at)\b|\bis an? (?:[\w-]+ ){0,4}"
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor)\b",
    re.IGNORECASE,
)
# An all-caps place and a date opening a paragraph: "WASHINGTON Dec 31", "LONDON, March 3".
DATELINE = re.compile(
    rf"(?P<dateline>\b[A-Z][A-Z.'-]{{2,}}(?:[ -][A-Z][A-Z.'-]+)*,?\s+(?:\([^)]{{1,30}}\)\s+)?"
    rf"{MONTH}\s+\d{{1,2}}\b)"
)
# "Meridian Wire", "TechPulse": a line this short above the headline may be a masthead,
# but only a name-like one with a longer headline below it ("Biden, Putin talk" is news).
MIN_TITLE_WORDS = 4
MAX_TITLE_WORDS = 30  # longer first lines are a lede paragraph, not a headline
PROSE_WORDS = 12  # a line this long that ends in a full stop is a sentence, not a headline
LOOKAHEAD_LINES = 8  # how far below a short line to look for the headline it would sit over
NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w’'.&-]*|&|of|the|and|for|on|in)$")
SITE_TAGLINE = re.compile(
    r"\s[-|–—:]\s.*\b(?:news|latest|breaking|headlines|today|online)\b", re.IGNORECASE
)
MAX_CAPTION_CHARS = 80  # image captions glued before a dateline are a few words long
# In scraped plain text, "France Media", "Latest article": credit and label lines, not news.
SHORT_LINE_WORDS = 3


@dataclass(frozen=True, slots=True)
class CleanText:
    """A scraped text split into its parts."""

    title: str
    body: str
    author: str
    dropped: tuple[str, ...]  # the lines removed as chrome, for debugging and evaluation


def is_date_line(line: str) -> bool:
    """Tell whether a line is nothing but a date or timestamp."""
    return DATE_LINE.match(line) is not None


def is_chrome_line(line: str) -> bool:
    """Tell whether a line is site furniture: menus, share buttons, comment forms, teasers."""
    key = line.lower().strip(" .:|>»-–—•*#")
    return (
        line.lower() in CHROME_LINES
        or key in CHROME_LINES
        or CHROME_PREFIX.match(line) is not None
        or CHROME_FORMS.match(line) is not None
        or (len(line) <= MAX_PROMOTION_CHARS and PROMOTION.search(line) is not None)
        or is_menu(line)
        or is_doubled(line)
    )


def is_menu(line: str) -> bool:
    """Tell whether a line is a navigation menu: short items split by bars or section names."""
    items = [i.strip() for i in re.split(r"\s[|·•]\s", line)]
    if len(items) >= 3 and all(word_count(i) <= 5 for i in items):
        return True
    words = [w.strip(",&").lower() for w in line.split()]
    return len(words) <= 12 and sum(w in SECTIONS for w in words) >= max(2, len(words) // 2)


def is_doubled(line: str) -> bool:
    """Tell whether a line is one phrase written twice, as teaser boxes render a headline."""
    words = line.split()
    half = len(words) // 2
    return len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]


def find_byline(line: str) -> str | None:
    """Return the author's name when the line is a byline such as 'By Jane Roe' or 'Author: X'."""
    match = BYLINE.match(line)
    return match["name"].strip() if match else None


def is_headline(line: str) -> bool:
    """Tell whether a line can be a headline: long enough, no site tagline, not prose."""
    return (
        word_count(line) >= MIN_TITLE_WORDS
        and not SITE_TAGLINE.search(line)
        and " | " not in line  # "Site | Tagline"; a <title> "Headline | Site" has its own field
        and not is_prose(line)
    )


def is_prose(line: str) -> bool:
    """Tell whether a line is a paragraph of running text rather than a headline."""
    words = word_count(line)
    return words > MAX_TITLE_WORDS or (
        words >= PROSE_WORDS and line.rstrip("\"”’')」』").endswith((".", "。", "．"))
    )


def is_site_name(line: str, sites: tuple[str, ...]) -> bool:
    """Tell whether a line is the publisher's name: 'Meridian Wire' for meridianwire.example."""
    key = _name_key(line)
    names = {_name_key(part) for site in sites for part in (site, *site.split("."))}
    return len(key) >= 3 and key in names


def _name_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    return key.removeprefix("the") if len(key) > 6 else key  # "The Valdoria Post"


def is_masthead(line: str, below: list[str], sites: tuple[str, ...] = ()) -> bool:
    """Tell whether a line above the headline is the site's name rather than the headline.

    It is when it names the publisher, or when it is a short name-like line ('River Valley
    Digest', 'Security') with a headline below it, past menus, dates and other such lines.
    """
    if is_site_name(line, sites):
        return True
    words = line.split()
    if len(words) >= MIN_TITLE_WORDS or not all(NAME_WORD.match(w) for w in words):
        return False
    for following in [n for n in below if n][:LOOKAHEAD_LINES]:
        if is_headline(following):
            return True
        short_name = word_count(following) < MIN_TITLE_WORDS and not is_sentence(following)
        skippable = is_date_line(following) or is_chrome_line(following) or find_byline(following)
        if not (short_name or skippable):
            return False
    return False


def title_from_lede(paragraph: str) -> str:
    """Return a headline for a text that has none: its first sentence, cut to MAX_TITLE_WORDS."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])|(?<=[。！？])", paragraph, maxsplit=1)[0]
    words = sentence.split()
    if word_count(sentence) <= MAX_TITLE_WORDS:
        return sentence
    if len(words) <= 1:  # a run of ideographs: cut by characters
        return sentence[: MAX_TITLE_WORDS * 2] + "…"
    return " ".join(words[:MAX_TITLE_WORDS]) + " …"


def is_sentence(line: str) -> bool:
    """Tell whether a line ends like prose rather than like a label or headline."""
    return ends_like_sentence(line)


def strip_caption_before_dateline(paragraph: str) -> str:
    """Drop an image caption glued to the start of a paragraph in front of its dateline."""
    match = DATELINE.search(paragraph, 0, MAX_CAPTION_CHARS + 40)
    if not match or match.start() == 0:
        return paragraph
    caption = paragraph[: match.start()].strip()
    if len(caption) > MAX_CAPTION_CHARS or re.search(r"[.!?;:]", caption):
        return paragraph
    return paragraph[match.start() :]


def split_article(
    text: str,
    *,
    title: str = "",
    author: str = "",
    sites: tuple[str, ...] = (),
    drop_short_lines: bool = True,
) -> CleanText:
    """Return the headline, author and body of normalized scraped text.

    `title` and `author`, when the source already knows them (HTML metadata, a JSON field),
    are kept; otherwise the first meaningful line is the headline and byline lines the author.
    A text that opens with a paragraph has no headline line: its first sentence becomes the
    title, and the paragraph stays in the body. `sites` are the names the publisher goes by
    (its domain, its og:site_name); a line that is one of them is a masthead, not a headline.
    With `drop_short_lines`, for text scraped with its page chrome (no extractor ran), lines
    of SHORT_LINE_WORDS words or fewer that do not end like a sentence are dropped as credit
    and label lines; after trafilatura they are subheads and list items, and stay.
    """
    lines = text.split("\n")
    dropped: list[str] = []
    paragraphs: list[str] = []
    after_teaser_marker = False
    found_title = title.strip()
    found_author = author.strip()
    following = _next_lines(lines)
    for index, line in enumerate(lines):
        nxt = following[index]
        if not line:
            continue
        # 1. The headline: the first line that is not a date, chrome or a breadcrumb.
        if not found_title:
            if is_date_line(line) or is_chrome_line(line):
                dropped.append(line)
                continue
            if nxt and len(nxt) < len(line) and line.endswith(nxt):
                dropped.append(line)  # breadcrumbs glued to the headline: "SiteWorldHeadline"
                continue
            if is_prose(line):
                found_title = title_from_lede(line)  # no headline line: the text is all body
                paragraphs.append(strip_caption_before_dateline(line))
                continue
            if is_masthead(line, lines[index + 1 :], sites) or (
                not is_headline(line) and word_count(line) >= MIN_TITLE_WORDS
            ):
                dropped.append(line)  # a masthead or site tagline above the headline
                continue
            found_title = BREADCRUMB.sub("", line)
            continue
        if line == found_title or (paragraphs == [] and line.endswith(found_title)):
            dropped.append(line)  # the headline repeated, or repeated behind breadcrumbs
            continue
        # 2. Chrome: date stamps, menus, share and comment widgets, related-article teasers.
        if is_date_line(line) or is_chrome_line(line):
            after_teaser_marker = line.lower().strip(" .:") in TEASER_MARKERS or after_teaser_marker
            dropped.append(line)
            continue
        # 3. Bylines and author bios become the author field.
        byline = find_byline(line)
        if byline:
            found_author = found_author or byline
            dropped.append(line)
            continue
        if PERSON_NAME.match(line) and (line in (nxt, found_author) or not paragraphs):
            found_author = found_author or line  # a name shown twice: avatar alt text and label
            dropped.append(line)
            continue
        if BIO.match(line) or (
            found_author
            and is_author_bio(line, found_author, after_name=dropped[-1:] == [found_author])
        ):
            dropped.append(line)
            continue
        if after_teaser_marker and not is_sentence(line) and word_count(line) <= 16:
            dropped.append(line)  # a related headline under a "Read more" box
            continue
        after_teaser_marker = False
        if drop_short_lines and word_count(line) <= SHORT_LINE_WORDS and not is_sentence(line):
            dropped.append(line)
            continue
        paragraphs.append(strip_caption_before_dateline(line))
    if not found_title:  # nothing looked like a headline: fall back to the first line
        found_title = next((line for line in lines if line and not is_date_line(line)), "")
        paragraphs = [p for p in paragraphs if p != found_title]
    return CleanText(
        title=found_title,
        body=join_paragraphs(paragraphs),
        author=clean_author(found_author),
        dropped=tuple(dropped),
    )


def _next_lines(lines: list[str]) -> list[str]:
    """Return, for each line, the first non-empty line after it ("" at the end).

    One pass from the end: looking ahead from every line was quadratic in a long text.
    """
    following, nxt = [""] * len(lines), ""
    for index in range(len(lines) - 1, -1, -1):
        following[index] = nxt
        nxt = lines[index] or nxt
    return following


def clean_author(author: str) -> str:
    """Return an author name without the date or desk that bylines append: 'Jo Vos; April 3'."""
    return re.split(r"\s*[;|·]\s*|\s+-\s+", author, maxsplit=1)[0].strip()


def is_author_bio(line: str, author: str, *, after_name: bool = False) -> bool:
    """Tell whether a line is the author's bio: 'Jane Roe is a reporter... follow her on X'."""
    surname = author.split()[-1]
    mentions_author = line.startswith((author, surname)) or after_name
    quoted_tagline = after_name and line[:1] in '"“' and line.rstrip()[-1:] in '"”'
    return quoted_tagline or (mentions_author and FOLLOW_ME.search(line) is not None)
