"""Storylines sharing their main actors merge across a long gap; one shared name does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from storyline.model import Article
from storyline.stories.cluster import StoryConfig, cluster_stories

DEATH = [
    (
        "2019-06-26",
        "Singer Daniel Okafor dies at his Harborville home",
        "Daniel Okafor, the singer whose albums sold millions, died at his Harborville home on "
        "Tuesday. Paramedics were called by his personal physician, Dr Miriam Castell, who had "
        "been treating Okafor for insomnia. Police said the death was being investigated. Fans "
        "gathered outside the house and left flowers and candles for Okafor.",
    ),
    (
        "2019-06-27",
        "Police question Okafor's doctor after the singer's death",
        "Detectives questioned Dr Miriam Castell, the personal physician of Daniel Okafor, about "
        "the sedatives she gave the singer on the night he died. Castell told police she had "
        "found Okafor not breathing and tried to revive him. The coroner said tests on the "
        "singer's body would take weeks. Okafor's family asked for privacy.",
    ),
    (
        "2019-07-08",
        "Coroner rules Daniel Okafor's death a homicide",
        "The coroner ruled that Daniel Okafor died of an overdose of the sedative his physician, "
        "Dr Miriam Castell, had given him, and called the singer's death a homicide. Police "
        "said they would pass their findings on Castell to prosecutors. Okafor's family said "
        "they wanted the doctor held to account for the singer's death.",
    ),
]
TRIAL = [
    (
        "2021-09-20",
        "Trial of Okafor's doctor Miriam Castell opens",
        "The trial of Dr Miriam Castell, the physician accused of the involuntary manslaughter "
        "of singer Daniel Okafor, opened in Harborville. Prosecutors told the jury that Castell "
        "gave Okafor the sedative that killed him and left the singer alone. Castell denies the "
        "charge; her lawyers say Okafor took the drug himself.",
    ),
    (
        "2021-09-23",
        "Castell trial hears Okafor's bodyguard describe the night he died",
        "Daniel Okafor's bodyguard told the trial of Dr Miriam Castell that the physician asked "
        "him to hide vials of sedative before paramedics arrived. The jury heard the call to "
        "paramedics. Castell's lawyers said the bodyguard's memory of the night the singer died "
        "was confused. Okafor's family sat in court.",
    ),
    (
        "2021-10-04",
        "Dr Miriam Castell found guilty over Daniel Okafor's death",
        "A jury found Dr Miriam Castell guilty of the involuntary manslaughter of singer Daniel "
        "Okafor. The physician was taken into custody to await sentencing. Outside the court "
        "Okafor's fans cheered; his family said the verdict would not bring the singer back. "
        "Castell's lawyers said she would appeal.",
    ),
]
# Same city as both, same weeks as the trial, different people and words.
BRIDGE = [
    (
        "2021-09-21",
        "Harborville bridge closed after cracks found in its supports",
        "Engineers closed the Kessler Bridge in Harborville after inspectors found cracks in two "
        "of its steel supports. Mayor Lena Voss said traffic would be diverted across the river "
        "for weeks. The transport department said the bridge, built in 1962, had passed its "
        "last inspection. Commuters faced long queues on the ring road.",
    ),
    (
        "2021-09-24",
        "Kessler Bridge repairs to cost millions, says mayor",
        "Mayor Lena Voss said repairing the cracked supports of the Kessler Bridge would cost "
        "millions and take until spring. Engineers are fitting temporary steel braces. The "
        "transport department said ferries would run extra crossings of the river while the "
        "bridge stays closed. Shops near the bridge said trade had fallen.",
    ),
    (
        "2021-10-02",
        "Inspectors missed Kessler Bridge cracks, report finds",
        "A report for Mayor Lena Voss found that inspectors had missed cracks in the steel "
        "supports of the Kessler Bridge for years. The transport department said it would "
        "inspect every bridge over the river again. Engineers said the bridge could reopen to "
        "cars in the spring once the braces were replaced.",
    ),
]


def _articles(prefix: str, items: list[tuple[str, str, str]]) -> list[Article]:
    articles = []
    for i, (day, title, body) in enumerate(items):
        aid = f"{prefix}-{i}"
        published = datetime.fromisoformat(day).replace(tzinfo=UTC)
        articles.append(
            Article(aid, aid, aid, "text", body, text=body, title=title, published_at=published)
        )
    return articles


def _storyline_of(config: StoryConfig) -> dict[str, str]:
    articles = _articles("death", DEATH) + _articles("trial", TRIAL) + _articles("bridge", BRIDGE)
    state = cluster_stories(articles, config=config).state
    return {a: s.id for s in state.storylines.values() for a in s.articles}


def test_storylines_naming_the_same_people_merge_across_two_years() -> None:
    storyline = _storyline_of(StoryConfig())
    assert len({storyline[f"death-{i}"] for i in range(3)} | {storyline["trial-0"]}) == 1
    assert len({storyline[f"trial-{i}"] for i in range(3)}) == 1


def test_without_the_actor_rule_the_time_gap_keeps_them_apart() -> None:
    # the rule under test is what joins them, not the time decay
    storyline = _storyline_of(replace(StoryConfig(), actor_merge_threshold=1.5))
    assert storyline["death-0"] != storyline["trial-0"]


def test_a_story_sharing_only_the_city_stays_apart() -> None:
    storyline = _storyline_of(StoryConfig())
    assert len({storyline[f"bridge-{i}"] for i in range(3)}) == 1
    assert storyline["bridge-0"] != storyline["trial-0"]
    assert storyline["bridge-0"] != storyline["death-0"]
