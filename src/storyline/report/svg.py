"""Draw a copy layout as inline SVG: boxes for articles, arrows from each origin to its copies."""

from __future__ import annotations

from collections.abc import Callable

from storyline.report.graph import Layout
from storyline.report.markup import Attrs, Markup, el, escape, plain_isolated

NODE_W, NODE_H = 236, 46
GAP_X, GAP_Y = 70, 18
PAD = 12
# Stroke per relation: the closer the copy, the darker and more solid the arrow.
STROKES = {
    "copy": ("#1f4e79", ""),
    "near_copy": ("#2e75b6", "6 3"),
    "spun": ("#c55a11", "2 3"),
    "translation": ("#7030a0", "8 3 2 3"),
}


def _x(layer: int) -> int:
    return PAD + layer * (NODE_W + GAP_X)


def _y(row: int) -> int:
    return PAD + row * (NODE_H + GAP_Y)


def render_layout(
    layout: Layout,
    label: Callable[[str], tuple[str, str, str]],
    href: Callable[[str], str],
    *,
    caption: str = "",
) -> Markup:
    """Return the layout as an <svg>; `label(id)` gives (source, date, full title) per article."""
    where = {n.id: n for n in layout.nodes}
    copied = {e.target for e in layout.edges if e.directed}
    origins = {e.source for e in layout.edges if e.directed} - copied
    width = _x(layout.layers) - GAP_X + PAD
    height = _y(layout.rows) - GAP_Y + PAD
    arrows = [
        el(
            "marker",
            {
                "id": f"arrow-{rel}",
                "viewBox": "0 0 10 10",
                "refX": 9,
                "refY": 5,
                "markerWidth": 7,
                "markerHeight": 7,
                "orient": "auto-start-reverse",
            },
            el("path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour}),
        )
        for rel, (colour, _) in STROKES.items()
    ]
    edges = []
    for e in layout.edges:
        a, b = where[e.source], where[e.target]
        if b.layer < a.layer or (b.layer == a.layer and b.row < a.row):
            a, b = b, a
        x1, y1 = _x(a.layer) + NODE_W, _y(a.row) + NODE_H / 2
        x2, y2 = _x(b.layer), _y(b.row) + NODE_H / 2
        if a.layer == b.layer:  # same column (undirected, or a broken cycle): loop on the right
            x1, x2 = x1, x1
            path = f"M{x1},{y1} C{x1 + 40},{y1} {x2 + 40},{y2} {x2},{y2}"
        else:
            mid = (x1 + x2) / 2
            path = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
        colour, dash = STROKES.get(e.relation, ("#777", ""))
        attrs: Attrs = {
            "d": path,
            "fill": "none",
            "stroke": colour,
            "stroke-width": 2,
            "stroke-dasharray": dash or None,
            "class": f"edge rel-{e.relation}",
            "marker-end": f"url(#arrow-{e.relation})" if e.directed else None,
        }
        name = e.relation.replace("_", " ")
        edges.append(
            el(
                "path",
                attrs,
                el(
                    "title",
                    None,
                    escape(plain_isolated(name if e.directed else f"{name} (origin unknown)")),
                ),
            )
        )
    nodes = []
    for n in layout.nodes:
        source, date, title = label(n.id)
        x, y = _x(n.layer), _y(n.row)
        root = n.id in origins
        box = el(
            "rect",
            {
                "x": x,
                "y": y,
                "width": NODE_W,
                "height": NODE_H,
                "rx": 6,
                "class": "node root" if root else "node",
            },
        )
        line1 = el(
            "text", {"x": x + 10, "y": y + 19, "class": "n-source"}, _svg_text(_fit(source, 27))
        )
        line2 = el(
            "text",
            {"x": x + 10, "y": y + 36, "class": "n-date"},
            _svg_text(f"{date} · original" if root else date),
        )
        nodes.append(
            el(
                "a",
                {"href": href(n.id)},
                el("title", None, escape(plain_isolated(title))),
                box,
                line1,
                line2,
            )
        )
    return el(
        "svg",
        {
            "class": "copies",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "role": "img",
            "aria-label": caption or "copies of articles",
            "xmlns": "http://www.w3.org/2000/svg",
        },
        el("defs", None, arrows),
        edges,
        nodes,
    )


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg_text(text: str) -> Markup:
    # SVG shows no <bdi> (an unknown element there hides its text): isolate as plain text
    return escape(plain_isolated(text))
