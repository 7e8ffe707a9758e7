"""Layout tables are unwrapped before extraction; data tables stay tables."""

from storyline.clean.layout import unwrap_layout_tables

STORY = " ".join(["The county board voted on Tuesday to replace the Mill Creek bridge."] * 8)


def test_a_table_holding_the_article_becomes_divs():
    """A cell with a long article beside a cell of links is page layout."""
    html = (
        "<html><body><table><tr><td><a href='/'>Front Page</a></td>"
        f"<td>{STORY}</td></tr></table></body></html>"
    )
    unwrapped = unwrap_layout_tables(html)
    assert unwrapped is not None
    assert "<table" not in unwrapped
    assert "<td" not in unwrapped
    assert STORY in unwrapped


def test_a_data_table_is_left_alone():
    """A table of short cells (results, prices) holds data and is not unwrapped."""
    html = (
        "<html><body><p>Results</p><table><tr><th>Team</th><th>Points</th></tr>"
        "<tr><td>Harlan</td><td>12</td></tr></table></body></html>"
    )
    assert unwrap_layout_tables(html) is None


def test_a_data_table_inside_a_layout_table_stays_a_table():
    """Only the layout table is unwrapped; the scores table in the article remains."""
    html = (
        f"<html><body><table><tr><td>{STORY}<table><tr><td>Harlan</td><td>12</td></tr>"
        "</table></td></tr></table></body></html>"
    )
    unwrapped = unwrap_layout_tables(html)
    assert unwrapped is not None
    assert unwrapped.count("<table") == 1
    assert "<td>Harlan</td>" in unwrapped
