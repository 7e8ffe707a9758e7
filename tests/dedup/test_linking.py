"""Linking in stages: the same links whatever the shards and wherever the tasks run."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace

import pytest

from storyline.dedup.linking import LinkConfig, link_articles, link_shards, shard_by_id
from storyline.executors.tasks import LocalTasks
from storyline.ingest.read import read_input
from storyline.model import Article
from storyline.pipeline import ingest_stages
from storyline.run.phases import demo_corpus


def _demo_articles() -> list[Article]:
    """The demo corpus as cleaned articles, plus trimmed and reprinted copies of some."""
    records = (r for f in sorted(demo_corpus().iterdir()) for r in read_input(f))
    for stage in ingest_stages():
        records = stage(records)
    articles = [r for r in records if isinstance(r, Article)]
    copies = [
        replace(a, id=f"z-copy-{n}", text=a.text[: len(a.text) * 3 // 4], raw_text="")
        for n, a in enumerate(articles[::4])
    ]
    return articles + copies


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _demo_articles()


@pytest.fixture(scope="module")
def one_shard(articles: list[Article]):
    return list(link_articles(articles))


def test_the_demo_links_copies_and_events(one_shard):
    """The reference run finds what the demo holds: trimmed copies and same-event reports."""
    relations = {k.relation for k in one_shard}
    assert {"same_event"} < relations
    assert relations & {"copy", "near_copy"}
    assert any(k.b.startswith("z-copy") or k.a.startswith("z-copy") for k in one_shard)


@pytest.mark.parametrize("size", [1, 3, 7])
def test_small_shards_give_the_links_of_one_shard(articles, one_shard, size):
    """Pairs are found across shards by band and passage tasks, and verified per block."""
    with closing(LocalTasks()) as tasks:
        links = link_shards(shard_by_id(articles, size), tasks, LinkConfig())
    assert links == one_shard


def test_a_process_pool_gives_the_same_links(articles, one_shard):
    """Verification blocks in two processes: same links, same order."""
    with closing(LocalTasks(workers=2)) as tasks:
        links = link_shards(shard_by_id(articles, 5), tasks, LinkConfig())
    assert links == one_shard


def test_unrelated_articles_link_nothing(articles):
    """Two articles with no shingle in common: no candidates, no links, no error."""
    with closing(LocalTasks()) as tasks:
        assert link_shards([[articles[0]], [articles[-1]]], tasks, LinkConfig()) == []


def test_fewer_than_two_articles_link_nothing(articles):
    with closing(LocalTasks()) as tasks:
        assert link_shards([articles[:1]], tasks, LinkConfig()) == []
        assert link_shards([], tasks, LinkConfig()) == []
