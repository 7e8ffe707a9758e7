"""Benchmark `storyline serve` on a large synthetic store: index build, page and search times.

Usage: nice python scripts/bench_serve.py [--articles 100000] [--requests 40] [--db PATH]

Builds a store of `--articles` synthetic articles made from Timeline17 texts (each a random
two thirds of a real article's sentences with 5% of words swapped, as
scripts/bench_stories.py makes them), 20 sources, storylines of about 28 articles split
into events of about 6, two quotations per article by a pool of 2,000 named speakers
(relays of one sentence share a group), and the entities and timeline entries that go with
them. It times writing the store (the search triggers run on every insert) and rebuilding
each FTS5 index from scratch (what upgrading an older store costs), starts
`storyline serve` on a loopback port, and measures the median and 95th percentile response
time of each page and of searches, one request at a time, then 1,000 requests from 8
threads, and the server's peak memory. The store is synthetic: the clustering, linking
and quotation steps of `storyline run` are not run on it (bench_story_step.py and
bench_quotes.py measure those); copies between articles are not synthesized.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

from storyline.model import Article, Entity, Quote, Story, TimelineEntry
from storyline.store.sqlite import Store

sys.path.insert(0, str(Path(__file__).parent))
from eval_stories import DEFAULT_DATA, timeline17

FIRST = ("Ana", "Boris", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jia")
LAST = ("Marsh", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Brandt", "Rossi", "Kowalski")
SPEAKERS = 2000
STORYLINE_ARTICLES = 28
EVENT_ARTICLES = 6
BATCH = 5000


def speaker_names() -> list[str]:
    """Return SPEAKERS distinct made-up full names."""
    rng = random.Random(3)
    names: set[str] = set()
    while len(names) < SPEAKERS:
        names.add(
            f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {rng.choice(LAST)}"
            f"-{rng.randint(1, 99)}"
        )
    return sorted(names)


def build(db: Path, n: int, data: Path) -> dict[str, float]:
    """Write the synthetic store; return the seconds each part took."""
    pool, topic_of, _ = timeline17(data)
    rng = random.Random(0)
    names = speaker_names()
    vocabulary = [w for a in rng.sample(pool, min(200, len(pool))) for w in a.text.split()]
    stories: dict[tuple[str, int], list[str]] = {}
    first_seen: dict[str, str] = {}
    mentions: dict[str, list[str]] = {}
    timings: dict[str, float] = {}
    start = time.perf_counter()
    with Store(db) as store:
        batch: list[object] = []
        for i in range(n):
            base = rng.choice(pool)
            sentences = [s for s in base.text.split("\n") if s.strip()]
            kept = [s for s in sentences if rng.random() > 1 / 3] or sentences[:1]
            words = "\n".join(kept).split(" ")
            for j in range(len(words)):
                if rng.random() < 0.05:
                    words[j] = rng.choice(vocabulary)
            text = " ".join(words)
            aid = f"synthetic-{i}"
            assert base.published_at is not None
            batch.append(
                Article(
                    aid,
                    aid,
                    aid,
                    "text",
                    text,
                    text=text,
                    title=base.title,
                    source=f"site{i % 20}.example",
                    published_at=base.published_at + timedelta(days=(i % 8) * 45),
                    language="en",
                )
            )
            key = (topic_of[base.id], i % (n // (STORYLINE_ARTICLES * 9) + 1))
            stories.setdefault(key, []).append(aid)
            lines = [s for s in text.split("\n") if len(s) > 40]
            for k, sentence in enumerate(lines[:2]):
                at = text.find(sentence)
                group = hashlib.sha1(sentence.encode()).hexdigest()[:16]
                speaker = names[
                    int(hashlib.sha1(f"{base.id}{k}".encode()).hexdigest(), 16) % SPEAKERS
                ]
                first_seen.setdefault(group, aid)
                mentions.setdefault(speaker, []).append(aid)
                batch.append(
                    Quote(
                        aid,
                        at,
                        at + len(sentence),
                        sentence,
                        "direct",
                        "said",
                        speaker.split()[-1],
                        speaker_entity=speaker,
                        group=group,
                        first_seen=first_seen[group],
                    )
                )
            if len(batch) >= BATCH:
                store.save(batch)  # type: ignore[arg-type]
                batch = []
        store.save(batch)  # type: ignore[arg-type]
        timings["write articles and quotations"] = time.perf_counter() - start
        start = time.perf_counter()
        entities = [
            Entity(
                hashlib.sha1(name.encode()).hexdigest()[:16],
                name,
                "person",
                (name, name.split()[-1]),
                ("spokesperson",),
                tuple(dict.fromkeys(ids)),
            )
            for name, ids in mentions.items()
        ]
        store.replace_all(Entity, entities)
        records: list[Story] = []
        timeline: list[TimelineEntry] = []
        for (topic, part), ids in sorted(stories.items()):
            line_id = hashlib.sha1(f"s{topic}{part}".encode()).hexdigest()[:16]
            records.append(Story(line_id, "storyline", f"{topic} {part}", tuple(ids)))
            for e in range(0, len(ids), EVENT_ARTICLES):
                chunk = tuple(ids[e : e + EVENT_ARTICLES])
                event_id = hashlib.sha1(f"e{line_id}{e}".encode()).hexdigest()[:16]
                records.append(
                    Story(event_id, "event", f"{topic} {part}.{e}", chunk, parent=line_id)
                )
                timeline.append(
                    TimelineEntry(
                        line_id,
                        f"2010-01-{1 + e % 28:02d}",
                        f"Event {e} of {topic}.",
                        chunk,
                        0.8,
                        len(chunk),
                    )
                )
        store.replace_all(Story, records)
        store.replace_all(TimelineEntry, timeline)
        timings["write stories, entities, timeline"] = time.perf_counter() - start
        for table in ("articles_fts", "quotes_fts", "entities_fts"):
            start = time.perf_counter()
            store.db.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
            timings[f"rebuild {table}"] = time.perf_counter() - start
    return timings


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, float]:
    """Return the status of a GET and its seconds."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.perf_counter() - start


def measure(db: Path, requests: int) -> None:
    """Start `storyline serve` on the store and time its pages."""
    import sqlite3

    conn = sqlite3.connect(db)
    rng = random.Random(1)
    pick = lambda sql: [r[0] for r in conn.execute(sql)]  # noqa: E731
    lines = pick("SELECT id FROM stories WHERE level='storyline'")
    events = pick("SELECT id FROM stories WHERE level='event'")
    articles = pick("SELECT id FROM articles")
    people = pick("SELECT id FROM entities")
    names = pick("SELECT name FROM entities")
    groups = pick('SELECT DISTINCT "group" FROM quotes LIMIT 20000')
    sources = pick("SELECT DISTINCT source FROM articles")
    conn.close()
    words = [
        "oil",
        "swine flu",
        '"oil spill"',
        "Obama",
        "evacuat*",
        "title:Egypt",
        "bank OR crisis",
    ]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    try:
        while True:
            try:
                if fetch(base + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        print(f"server answers after {time.perf_counter() - started:.2f} s")
        kinds = {
            "home": lambda: "/",
            "storyline": lambda: f"/storyline/{rng.choice(lines)}",
            "event": lambda: f"/event/{rng.choice(events)}",
            "article": lambda: f"/article/{quote(rng.choice(articles), safe='')}",
            "entity": lambda: f"/entity/{rng.choice(people)}",
            "source": lambda: f"/source/{rng.choice(sources)}",
            "quote": lambda: f"/quote/{rng.choice(groups)}",
            "search: a word": lambda: "/search?" + urlencode({"q": rng.choice(words)}),
            "search: a person": lambda: "/search?" + urlencode({"q": rng.choice(names)}),
            "api search": lambda: "/api/search?" + urlencode({"q": rng.choice(words)}),
        }
        print("| page | median ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |")
        for kind, path in kinds.items():
            times = []
            for _ in range(requests):
                status, seconds = fetch(base + path())
                assert status == 200, (kind, status)
                times.append(seconds * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(f"| {kind} | {statistics.median(times):.0f} | {p95:.0f} | {times[-1]:.0f} |")
        paths = [rng.choice(list(kinds.values()))() for _ in range(1000)]
        start = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            statuses = [s for s, _ in pool.map(lambda p: fetch(base + p), paths)]
        wall = time.perf_counter() - start
        errors = [(s, p) for s, p in zip(statuses, paths, strict=True) if s != 200]
        print(f"1,000 requests from 8 threads: {wall:.1f} s, {len(errors)} not 200 {errors[:5]}")
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        print(f"server peak memory: {int(peak.split()[1]) / 1024:.0f} MiB")
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page kind")
    parser.add_argument("--db", type=Path, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    if not (args.data / "timeline17").exists():
        print(f"needs Timeline17 under {args.data}; not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            for what, seconds in build(db, args.articles, args.data).items():
                print(f"{what}: {seconds:.1f} s")
        print(f"store: {db.stat().st_size / 2**20:.0f} MiB, {args.articles} articles")
        measure(db, args.requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
