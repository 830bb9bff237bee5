"""A workflow's states in columns, its arrows grouped by action, and text measured.

States stand in columns by their longest forward path from the initial
state (edges that close a cycle are drawn back). Arrows of one action into
one state (withdraw from any step) form one group: they share their label.
Text widths are estimated from the characters, on the generous side, since
the server cannot measure the reader's font.
"""

from dataclasses import dataclass
from typing import Any

BOX_FONT = 13
LABEL_FONT = 11

def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` set at ``size`` px in a sans-serif font."""
    em = 0.0
    for char in text:
        if char in " .,;:'’!|il":
            em += 0.3
        elif char.isupper() or char in "mwшщжюыМШЩЖЮЫ":
            em += 0.72
        elif char.isalpha() and not char.isascii():
            em += 0.6  # Cyrillic lower case runs wider than Latin
        else:
            em += 0.56
    return em * size


def wrap(text: str, size: float, limit: float) -> tuple[str, ...]:
    """``text`` broken at spaces into lines no wider than ``limit`` (a long word stays whole).

    A word of one or two letters (в, на, of, to) goes with the word after it, as Russian
    typesetting wants: no line ends in a preposition.
    """
    lines: list[str] = []
    for word in _units(text.split()):
        if lines and text_width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def _units(words: list[str]) -> list[str]:
    units: list[str] = []
    for word in words:
        if units and len(units[-1].split()[-1]) <= 2:
            units[-1] = f"{units[-1]} {word}"
        else:
            units.append(word)
    return units


def transitions_drawn(workflow: Any) -> list[tuple[str, str, Any]]:
    """Every (source, dest, label) arrow of the workflow; a step that stays put is not drawn."""
    return [(source, t.dest, t.label) for t in workflow.transitions
            for source in t.sources if source != t.dest]


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
    edges = transitions_drawn(workflow)
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


def ordered_columns(workflow: Any, layer: dict[str, int]) -> list[list[str]]:
    """States per column, each column sorted by where its predecessors sit."""
    columns: list[list[str]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for state in workflow.states:
        columns[layer[state.name]].append(state.name)
    position: dict[str, float] = {n: i for i, n in enumerate(columns[0])}
    edges = transitions_drawn(workflow)
    for column in columns[1:]:
        def weight(name: str, column: list[str] = column) -> float:
            before = [position[s] for s, d, _l in edges if d == name and s in position]
            return sum(before) / len(before) if before else float(column.index(name))

        column.sort(key=weight)
        position.update({n: i for i, n in enumerate(column)})
    return columns


@dataclass
class Group:
    """The arrows of one action into one state, drawn as one: a gap label or a lane."""

    kind: str  # gap, top or bottom
    label: str
    dest: str
    sources: list[str]


def groups(edges: list[tuple[str, str, str]], layer: dict[str, int]) -> list[Group]:
    found: dict[tuple[str, str, str], Group] = {}
    for source, dest, label in edges:
        step = layer[dest] - layer[source]
        kind = "gap" if step == 1 else "top" if step > 1 else "bottom"
        group = found.setdefault((kind, label, dest), Group(kind, label, dest, []))
        group.sources.append(source)
    return list(found.values())
