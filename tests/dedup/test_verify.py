"""The verifier on hand-written pairs: templates filled with other facts, updated reprints."""

from __future__ import annotations

from storyline.dedup.verify import verify


def _council_story(town: str, topic: str, item: int, cost: int) -> str:
    return (
        f"{town} council changes {topic} plan\n\n"
        f"Councillors in {town} voted on Tuesday to change the {topic} plan, item {item} on "
        "the agenda, after residents complained about the proposals at a public meeting.\n\n"
        f"The council said the revised plan would cost {cost} pounds and take effect from "
        "the start of next month, once the final budget has been approved by the cabinet.\n"
    )


def test_one_template_filled_with_other_facts_is_not_a_copy():
    """Automated local stories share a template but not their towns and figures: no copy."""
    a = _council_story("Ashford", "library opening hours", 4, 4500)
    b = _council_story("Brambleton", "bus timetable", 11, 11500)
    assert verify(a, b).relation not in {"copy", "near_copy", "spun"}


def test_an_updated_figure_keeps_a_reprint_a_near_copy():
    """A reprint that updates one number is still a copy of the story, not another story."""
    a = _council_story("Ashford", "library opening hours", 4, 4500)
    b = a.replace("4500 pounds", "4800 pounds")
    assert verify(a, b).relation in {"copy", "near_copy"}
