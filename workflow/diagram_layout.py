"""Where a workflow diagram's boxes, arrows and labels go; every label has a place of its own.

- An arrow to the next column carries its label in the gap between the two
  columns; the gap's labels are stacked, so none covers another or a box.
- An arrow that jumps over columns runs along a lane above the boxes, one
  lane per action, with its label written on the lane.
- An arrow back (reopen, request information, paid in full) runs along a
  lane below the boxes in the same way.

Lanes leave a box from its right side and enter from its left, through
channels beside the columns, so they never cross a box.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workflow.diagram_layers import (
    BOX_FONT,
    LABEL_FONT,
    Group,
    groups,
    layers,
    ordered_columns,
    text_width,
    transitions_drawn,
    wrap,
)

LINE = 16  # line height of a box label
LABEL_LINE = 13  # line height of an edge label
BOX_MAX_TEXT = 104  # a box label wraps beyond this width (px)
LABEL_MAX_TEXT = 76  # an edge label wraps beyond this width
GAP_Y = 28  # between boxes of one column
LABEL_GAP = 8  # between labels stacked in a gap
LANE = 20  # between lanes
CHANNEL = 7  # between vertical runs beside a column
MARGIN = 12
PAD = 8
PORT = 10  # how far below a box's top (or above its bottom) a lane's arrow leaves


@dataclass(frozen=True)
class Box:
    """A state's rectangle and its (wrapped) name."""

    name: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float
    final: bool

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def middle_y(self) -> float:
        return self.y + self.height / 2


@dataclass
class Label:
    """An action's text: ``x`` as ``anchor`` says, ``bottom`` the baseline of its last line."""

    lines: tuple[str, ...]
    x: float
    bottom: float
    anchor: str  # start, middle or end
    edges: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    """One arrow from a state to another, drawn along ``path`` (SVG path data)."""

    source: str
    dest: str
    label: str
    path: str


@dataclass(frozen=True)
class Drawing:
    boxes: dict[str, Box]
    edges: list[Edge]
    labels: list[Label]
    width: float
    height: float


@dataclass
class _Plan:
    """The columns, their x positions and the slots of the channels beside them."""

    columns: list[list[str]]
    column: dict[str, int]
    lefts: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    gap_labels: list[float] = field(default_factory=list)  # left edge of each gap's labels
    gap_widths: list[float] = field(default_factory=list)
    exits: dict[tuple[int, int], float] = field(default_factory=dict)  # (group, column) -> x
    entries: dict[int, float] = field(default_factory=dict)  # group -> x


def _label_width(lines: tuple[str, ...]) -> float:
    return max(text_width(line, LABEL_FONT) for line in lines)


def _place_columns(plan: _Plan, box_lines: dict[str, tuple[str, ...]], found: list[Group]) -> float:
    """x of each column, each gap's label column and each lane's channel; returns the width."""
    count = len(plan.columns)
    exits: list[list[int]] = [[] for _ in range(count)]
    entries: list[list[int]] = [[] for _ in range(count)]
    gap_width = [30.0] * count
    for index, group in enumerate(found):
        if group.kind == "gap":
            gap = plan.column[group.dest] - 1
            gap_width[gap] = max(gap_width[gap], _label_width(wrap(
                group.label, LABEL_FONT, LABEL_MAX_TEXT)))
            continue
        for column in sorted({plan.column[s] for s in group.sources}):
            exits[column].append(index)
        entries[plan.column[group.dest]].append(index)
    x: float = MARGIN + (PAD + CHANNEL * len(entries[0]) if entries[0] else 0)
    for number, names in enumerate(plan.columns):
        width = max(text_width(line, BOX_FONT) * 1.08 for n in names for line in box_lines[n])
        plan.lefts.append(x)
        plan.widths.append(max(width + 18, 72))
        x += plan.widths[-1]
        for slot, index in enumerate(exits[number]):
            plan.exits[index, number] = x + PAD + CHANNEL * slot
        x += PAD + CHANNEL * len(exits[number]) if exits[number] else 0
        if number + 1 < count:
            plan.gap_labels.append(x + PAD)
            plan.gap_widths.append(gap_width[number])
            x += 2 * PAD + gap_width[number]
            following = entries[number + 1]
            x += PAD + CHANNEL * len(following) if following else 0
            for slot, index in enumerate(reversed(following)):
                plan.entries[index] = x - PAD - CHANNEL * slot
    for slot, index in enumerate(reversed(entries[0])):
        plan.entries[index] = plan.lefts[0] - PAD - CHANNEL * slot
    return x + MARGIN


def _place_boxes(plan: _Plan, box_lines: dict[str, tuple[str, ...]], finals: set[str],
                 top: float) -> dict[str, Box]:
    """Each column's boxes, centred on the tallest column."""
    height = LINE * max(len(lines) for lines in box_lines.values()) + 14
    tallest = max(len(c) for c in plan.columns) * (height + GAP_Y) - GAP_Y
    boxes: dict[str, Box] = {}
    for number, names in enumerate(plan.columns):
        y = top + (tallest - (len(names) * (height + GAP_Y) - GAP_Y)) / 2
        for name in names:
            boxes[name] = Box(name, box_lines[name], plan.lefts[number], y,
                              plan.widths[number], height, name in finals)
            y += height + GAP_Y
    return boxes


def _place_gap_labels(plan: _Plan, boxes: dict[str, Box], found: list[Group],
                      top: float) -> dict[int, Label]:
    """Labels of arrows to the next column, stacked in their gap near where the arrows run."""
    placed: dict[int, Label] = {}
    for gap in range(len(plan.columns) - 1):
        wanted = []
        for index, group in enumerate(found):
            if group.kind == "gap" and plan.column[group.dest] - 1 == gap:
                lines = wrap(group.label, LABEL_FONT, LABEL_MAX_TEXT)
                sources = sum(boxes[s].middle_y for s in group.sources) / len(group.sources)
                ideal = (sources + boxes[group.dest].middle_y) / 2 + LABEL_LINE / 2
                wanted.append((ideal, index, lines))
        floor = top
        centre = plan.gap_labels[gap] + plan.gap_widths[gap] / 2
        for ideal, index, lines in sorted(wanted):
            bottom = max(ideal, floor + LABEL_LINE * len(lines))
            placed[index] = Label(lines, centre, bottom, "middle")
            floor = bottom + LABEL_GAP
    return placed


def layout(workflow: Any, text: Callable[[Any], str] = str) -> Drawing:
    """Where each state's box goes, each arrow runs and each label stands."""
    layer = layers(workflow)
    plan = _Plan(ordered_columns(workflow, layer), layer)
    box_lines = {s.name: wrap(text(s.label), BOX_FONT, BOX_MAX_TEXT) for s in workflow.states}
    finals = {s.name for s in workflow.states if s.final}
    edges = [(s, d, text(label)) for s, d, label in transitions_drawn(workflow)]
    found = groups(edges, layer)
    width = _place_columns(plan, box_lines, found)
    above = [i for i, g in enumerate(found) if g.kind == "top"]
    below = [i for i, g in enumerate(found) if g.kind == "bottom"]
    top = MARGIN + (LANE * len(above) + PAD if above else 0)
    boxes = _place_boxes(plan, box_lines, finals, top)
    labels = _place_gap_labels(plan, boxes, found, top)
    bottom = max([b.y + b.height for b in boxes.values()]
                 + [label.bottom + 4 for label in labels.values()])
    drawn: list[Edge] = []
    for rank, index in enumerate(sorted(above, key=lambda i: _span(plan, found[i]))):
        lane: float = top - PAD - rank * LANE
        labels[index] = _lane(plan, boxes, found[index], index, lane, drawn, up=True)
    for rank, index in enumerate(sorted(below, key=lambda i: _span(plan, found[i]))):
        lane = bottom + PAD + rank * LANE
        labels[index] = _lane(plan, boxes, found[index], index, lane, drawn, up=False)
    for index, group in enumerate(found):
        if group.kind == "gap":
            _through_gap(plan, boxes, group, labels[index], drawn)
    for index, group in enumerate(found):
        labels[index].edges = [(s, group.dest) for s in group.sources]
    height = bottom + (PAD + LANE * len(below) + 4 if below else 0) + MARGIN
    width = max([width] + [_right_end(label) + MARGIN for label in labels.values()])
    order = {(s, d): n for n, (s, d, _l) in enumerate(edges)}
    drawn.sort(key=lambda e: order[e.source, e.dest])
    return Drawing(boxes, drawn, list(labels.values()), width, height)


def _span(plan: _Plan, group: Group) -> float:
    return abs(plan.column[group.dest] - min(plan.column[s] for s in group.sources))


def _right_end(label: Label) -> float:
    width = _label_width(label.lines)
    return label.x + {"start": width, "middle": width / 2, "end": 0}[label.anchor]


def _through_gap(plan: _Plan, boxes: dict[str, Box], group: Group, label: Label,
                 drawn: list[Edge]) -> None:
    """Arrows to the next column: from each source to the label's line, on to the state."""
    dest = boxes[group.dest]
    half = _label_width(label.lines) / 2
    start, end, y = label.x - half - 2, label.x + half + 2, label.bottom + 3
    x2, y2 = dest.x, dest.middle_y
    for source in group.sources:
        box = boxes[source]
        x1, y1 = box.right, box.middle_y
        path = (f"M{x1:.1f},{y1:.1f} C{(x1 + start) / 2:.1f},{y1:.1f} "
                f"{(x1 + start) / 2:.1f},{y:.1f} {start:.1f},{y:.1f} L{end:.1f},{y:.1f} "
                f"C{(end + x2) / 2:.1f},{y:.1f} {(end + x2) / 2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}")
        drawn.append(Edge(source, group.dest, group.label, path))


def _lane(plan: _Plan, boxes: dict[str, Box], group: Group, index: int, lane: float,
          drawn: list[Edge], *, up: bool) -> Label:
    """Arrows along a lane above (``up``) or below the boxes; returns the lane's label."""
    dest = boxes[group.dest]
    entry = plan.entries[index]
    into = dest.y + PORT if up else dest.y + dest.height - PORT
    for source in group.sources:
        box = boxes[source]
        leave = box.y + PORT if up else box.y + box.height - PORT
        out = plan.exits[index, plan.column[source]]
        path = (f"M{box.right:.1f},{leave:.1f} H{out:.1f} V{lane:.1f} H{entry:.1f} "
                f"V{into:.1f} H{dest.x:.1f}")
        drawn.append(Edge(source, group.dest, group.label, path))
    lines = (group.label,)
    if up:  # written on the lane, ending just before the arrow turns down into its state
        return Label(lines, max(entry - 6, MARGIN + _label_width(lines)), lane - 4, "end")
    return Label(lines, entry + 6, lane + LABEL_LINE, "start")
