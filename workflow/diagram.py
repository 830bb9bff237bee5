"""A workflow drawn as inline SVG, laid out in columns from its declaration.

Pure functions, no Flask: ``render_svg(workflow, current="review",
taken=[("draft", "submitted")], text=str)`` returns SVG markup. ``text``
turns a (possibly lazy) label into the reader's words. The placement is
``workflow.diagram_layout``'s. The SVG scales by its viewBox; its natural
size is its ``width`` and ``height``. Colours are presentation attributes,
not styles, so a strict Content-Security-Policy leaves them be.
"""

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from workflow.diagram_layers import BOX_FONT, LABEL_FONT, layers
from workflow.diagram_layout import LABEL_LINE, LINE, Box, Label, layout

__all__ = ["layers", "render_svg"]

INK = "#1d2433"
MUTED = "#5b6473"
ACCENT = "#0b5cad"
VISITED = "#e8f1fb"


def _marker(ident: str, colour: str) -> str:
    # userSpaceOnUse: the same arrowhead on thin and bold edges.
    return (
        f'<marker id="{ident}" viewBox="0 0 10 10" refX="10" refY="5" '
        f'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
    )


def _lines(lines: tuple[str, ...], x: float, first: float, step: float) -> str:
    return "".join(
        f'<tspan x="{x:.1f}" y="{first + n * step:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )


def _box_svg(box: Box, current: bool, visited: bool) -> str:
    fill, ink, stroke = ("#fff", INK, MUTED)
    if visited:
        fill, stroke = VISITED, ACCENT
    if current:
        fill, ink, stroke = ACCENT, "#fff", ACCENT
    classes = "state" + (" current" if current else "") + (" visited" if visited else "")
    extra = ' aria-current="step"' if current else ""
    rect = (
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
        f'height="{box.height:.1f}" rx="8" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{3 if current else 1.5}"/>'
    )
    if box.final:  # a final state gets a double border
        rect += (
            f'<rect x="{box.x + 3:.1f}" y="{box.y + 3:.1f}" width="{box.width - 6:.1f}" '
            f'height="{box.height - 6:.1f}" rx="6" fill="none" stroke="{stroke}" '
            f'stroke-width="1"/>'
        )
    weight = ' font-weight="bold"' if current else ""
    first = box.middle_y - (len(box.lines) - 1) * LINE / 2 + BOX_FONT * 0.35
    centre = box.x + box.width / 2
    label = (
        f'<text x="{centre:.1f}" y="{first:.1f}" text-anchor="middle" '
        f'font-size="{BOX_FONT}" fill="{ink}"{weight}>'
        f"{_lines(box.lines, centre, first, LINE)}</text>"
    )
    name = " ".join(box.lines)
    return (
        f'<g class="{classes}" data-state="{escape(box.name)}"{extra}>'
        f"<title>{escape(name)}</title>{rect}{label}</g>"
    )


def _label_svg(label: Label, on_path: bool) -> str:
    first = label.bottom - (len(label.lines) - 1) * LABEL_LINE
    colour = ACCENT if on_path else MUTED
    return (
        f'<text class="edge-label{" taken" if on_path else ""}" x="{label.x:.1f}" '
        f'y="{first:.1f}" text-anchor="{label.anchor}" font-size="{LABEL_FONT}" '
        f'fill="{colour}">{_lines(label.lines, label.x, first, LABEL_LINE)}</text>'
    )


def render_svg(
    workflow: Any,
    *,
    current: str | None = None,
    taken: Iterable[tuple[str, str]] = (),
    text: Callable[[Any], str] = str,
    title: str | None = None,
    ident: str | None = None,
) -> str:
    """The workflow as an SVG element: ``current`` filled, the ``taken`` path drawn bold.

    ``ident`` prefixes the element ids (title, arrow markers); pages that show
    several diagrams give each its own.
    """
    drawn = layout(workflow, text)
    taken = set(taken)
    visited = {s for pair in taken for s in pair}
    ident = ident or "wf-" + "".join(c if c.isalnum() else "-" for c in workflow.name)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="workflow-diagram" role="img" '
        f'aria-labelledby="{ident}-title" viewBox="0 0 {drawn.width:.0f} {drawn.height:.0f}" '
        f'width="{drawn.width:.0f}" height="{drawn.height:.0f}" '
        f'font-family="system-ui, sans-serif">',
        f'<title id="{ident}-title">{escape(title or text(workflow.label))}</title>',
        f"<defs>{_marker(ident + '-arrow', MUTED)}{_marker(ident + '-arrow-taken', ACCENT)}</defs>",
    ]
    # The path taken is drawn last, so its bold line lies over the arrows it shares a lane with.
    for edge in sorted(drawn.edges, key=lambda e: (e.source, e.dest) in taken):
        on_path = (edge.source, edge.dest) in taken
        colour = ACCENT if on_path else MUTED
        marker = f"{ident}-arrow-taken" if on_path else f"{ident}-arrow"
        parts.append(
            f'<g class="edge{" taken" if on_path else ""}" data-from="{escape(edge.source)}" '
            f'data-to="{escape(edge.dest)}"><title>{escape(edge.label)}</title>'
            f'<path d="{edge.path}" fill="none" stroke="{colour}" '
            f'stroke-width="{3 if on_path else 1.3}" marker-end="url(#{marker})"/></g>'
        )
    for label in drawn.labels:
        parts.append(_label_svg(label, any(pair in taken for pair in label.edges)))
    for box in drawn.boxes.values():
        parts.append(_box_svg(box, box.name == current, box.name in visited))
    parts.append("</svg>")
    return "".join(parts)
