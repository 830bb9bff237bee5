"""A workflow drawn as inline SVG, laid out in layers from its declaration.

Pure functions, no Flask: ``render_svg(workflow, current="review",
taken=[("draft", "submitted")], text=str)`` returns SVG markup. ``text``
turns a (possibly lazy) label into the reader's words. States flow left to
right by their distance from the initial state; edges that go back (reopen,
request information) curve below the boxes. Colours are presentation
attributes, not styles, so a strict Content-Security-Policy leaves them be.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

NODE_HEIGHT = 40
GAP_X = 90
GAP_Y = 34
MARGIN = 24
CHAR_WIDTH = 7.2  # average width of a 13px sans-serif character
BACK_DROP = 38  # how far below the boxes a backward edge dips

INK = "#1d2433"
MUTED = "#8a93a3"
ACCENT = "#0b5cad"
VISITED = "#e8f1fb"


@dataclass(frozen=True)
class Box:
    """A state's rectangle."""

    name: str
    label: str
    x: float
    y: float
    width: float
    final: bool

    @property
    def middle_y(self) -> float:
        return self.y + NODE_HEIGHT / 2


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    edges: list[tuple[str, str, str]]  # (from, to, label)
    width: float
    height: float


def _edges(workflow: Any) -> list[tuple[str, str, Any]]:
    return [
        (source, t.dest, t.label)
        for t in workflow.transitions
        for source in t.sources
        if source != t.dest
    ]


def _back_edges(initial: str, names: list[str], edges: list[tuple[str, str, Any]]) -> set:
    """Edges that close a cycle, found by a depth-first walk from the initial state."""
    following: dict[str, list[str]] = {n: [] for n in names}
    for source, dest, _label in edges:
        following[source].append(dest)
    back: set[tuple[str, str]] = set()
    seen: set[str] = set()

    def walk(node: str, stack: set[str]) -> None:
        seen.add(node)
        stack.add(node)
        for nxt in following[node]:
            if nxt in stack:
                back.add((node, nxt))
            elif nxt not in seen:
                walk(nxt, stack)
        stack.discard(node)

    for start in [initial, *names]:
        if start not in seen:
            walk(start, set())
    return back


def layers(workflow: Any) -> dict[str, int]:
    """Each state's column: the longest forward path from the initial state."""
    names = [s.name for s in workflow.states]
    edges = _edges(workflow)
    back = _back_edges(workflow.initial, names, edges)
    forward = [(s, d) for s, d, _l in edges if (s, d) not in back]
    layer = dict.fromkeys(names, 0)
    for _round in names:  # a DAG settles in at most len(names) rounds
        changed = False
        for source, dest in forward:
            if layer[dest] < layer[source] + 1:
                layer[dest] = layer[source] + 1
                changed = True
        if not changed:
            break
    return layer


def _ordered_columns(workflow: Any, layer: dict[str, int]) -> list[list[str]]:
    """States per column, each column sorted by where its predecessors sit."""
    columns: list[list[str]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for state in workflow.states:
        columns[layer[state.name]].append(state.name)
    position: dict[str, float] = {n: i for i, n in enumerate(columns[0])}
    edges = _edges(workflow)
    for column in columns[1:]:
        def weight(name: str, column: list[str] = column) -> float:
            before = [position[s] for s, d, _l in edges if d == name and s in position]
            return sum(before) / len(before) if before else float(column.index(name))

        column.sort(key=weight)
        position.update({n: i for i, n in enumerate(column)})
    return columns


def layout(workflow: Any, text: Callable[[Any], str] = str) -> Layout:
    """Where each state's box goes, and the edges between them."""
    finals = {s.name for s in workflow.states if s.final}
    labels = {s.name: text(s.label) for s in workflow.states}
    columns = _ordered_columns(workflow, layers(workflow))
    boxes: dict[str, Box] = {}
    x = float(MARGIN)
    for column in columns:
        width = max((len(labels[n]) * CHAR_WIDTH + 28 for n in column), default=80)
        width = max(width, 90)
        for row, name in enumerate(column):
            y = MARGIN + row * (NODE_HEIGHT + GAP_Y)
            boxes[name] = Box(name, labels[name], x, y, width, name in finals)
        x += width + GAP_X
    tallest = max((len(c) for c in columns), default=1)
    height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y + BACK_DROP + 16
    edges = [(s, d, text(label)) for s, d, label in _edges(workflow)]
    return Layout(boxes, edges, x - GAP_X + MARGIN, height)


def _edge_path(a: Box, b: Box, bottom: float) -> tuple[str, float, float]:
    """SVG path data from box a to box b, and the point where its label goes."""
    if b.x > a.x:
        x1, y1, x2, y2 = a.x + a.width, a.middle_y, b.x, b.middle_y
        bend = (x2 - x1) / 2
        path = (
            f"M{x1:.0f},{y1:.0f} "
            f"C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
        )
        return path, (x1 + x2) / 2, (y1 + y2) / 2 - 5
    # Backwards or within a column: leave from the bottom, dip, come back from below.
    x1, y1 = a.x + a.width / 2, a.y + NODE_HEIGHT
    x2, y2 = b.x + b.width / 2 + 10, b.y + NODE_HEIGHT
    low = bottom + BACK_DROP * 0.7
    path = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{low:.0f} {x2:.0f},{low:.0f} {x2:.0f},{y2:.0f}"
    return path, (x1 + x2) / 2, low - 3


def _marker(ident: str, colour: str) -> str:
    # userSpaceOnUse: the same arrowhead on thin and bold edges.
    return (
        f'<marker id="{ident}" viewBox="0 0 10 10" refX="10" refY="5" '
        f'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
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
        f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{box.width:.0f}" height="{NODE_HEIGHT}" '
        f'rx="8" fill="{fill}" stroke="{stroke}" stroke-width="{3 if current else 1.5}"/>'
    )
    if box.final:  # a final state gets a double border
        rect += (
            f'<rect x="{box.x + 3:.0f}" y="{box.y + 3:.0f}" width="{box.width - 6:.0f}" '
            f'height="{NODE_HEIGHT - 6}" rx="6" fill="none" stroke="{stroke}" stroke-width="1"/>'
        )
    weight = ' font-weight="bold"' if current else ""
    label = (
        f'<text x="{box.x + box.width / 2:.0f}" y="{box.middle_y + 4.5:.0f}" text-anchor="middle" '
        f'font-size="13" fill="{ink}"{weight}>'
        f"{escape(box.label)}</text>"
    )
    return (
        f'<g class="{classes}" data-state="{escape(box.name)}"{extra}>'
        f"<title>{escape(box.label)}</title>{rect}{label}</g>"
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
    bottom = max((b.y + NODE_HEIGHT for b in drawn.boxes.values()), default=0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="workflow-diagram" role="img" '
        f'aria-labelledby="{ident}-title" viewBox="0 0 {drawn.width:.0f} {drawn.height:.0f}" '
        f'width="{drawn.width:.0f}" height="{drawn.height:.0f}" '
        f'font-family="system-ui, sans-serif">',
        f'<title id="{ident}-title">{escape(title or text(workflow.label))}</title>',
        f"<defs>{_marker(ident + '-arrow', MUTED)}{_marker(ident + '-arrow-taken', ACCENT)}</defs>",
    ]
    for source, dest, label in drawn.edges:
        on_path = (source, dest) in taken
        path, lx, ly = _edge_path(drawn.boxes[source], drawn.boxes[dest], bottom)
        colour = ACCENT if on_path else MUTED
        marker = f"{ident}-arrow-taken" if on_path else f"{ident}-arrow"
        parts.append(
            f'<g class="edge{" taken" if on_path else ""}" data-from="{escape(source)}" '
            f'data-to="{escape(dest)}"><title>{escape(label)}</title>'
            f'<path d="{path}" fill="none" stroke="{colour}" '
            f'stroke-width="{3 if on_path else 1.3}" '
            f'marker-end="url(#{marker})"/>'
            f'<text x="{lx:.0f}" y="{ly:.0f}" text-anchor="middle" font-size="10.5" '
            f'fill="{colour}">{escape(label)}</text></g>'
        )
    for box in drawn.boxes.values():
        parts.append(_box_svg(box, box.name == current, box.name in visited))
    parts.append("</svg>")
    return "".join(parts)
