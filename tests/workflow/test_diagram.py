"""The workflow diagram: layered from the declaration, current state and path marked."""

import re
from xml.etree import ElementTree

import workflow.plan  # noqa: F401 - registers the plan's workflow
import workflow.registry  # noqa: F401 - registers the others
from models import Role
from tests.workflow.example import TICKETS
from workflow.diagram import layers, render_svg
from workflow.diagram_layers import LABEL_FONT, text_width
from workflow.diagram_layout import LABEL_LINE, layout
from workflow.engine import REGISTRY, State, Transition, Workflow


def test_states_are_layered_by_distance_from_the_initial_state():
    assert layers(TICKETS) == {"draft": 0, "submitted": 1, "review": 2, "approved": 3, "stale": 3}


def test_svg_is_well_formed_and_marks_current_state_and_path():
    svg = render_svg(TICKETS, current="review", taken=[("draft", "submitted"), ("submitted", "review")])
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert re.findall(r'class="state current[^"]*" data-state="(\w+)"', svg) == ["review"]
    assert re.findall(r'class="state visited" data-state="(\w+)"', svg) == ["draft", "submitted"]
    assert re.findall(r'class="edge taken" data-from="(\w+)" data-to="(\w+)"', svg) == [
        ("draft", "submitted"), ("submitted", "review")]


def test_every_transition_is_drawn_with_its_label():
    svg = render_svg(TICKETS)
    edges = re.findall(r'data-from="(\w+)" data-to="(\w+)"><title>([^<]+)</title>', svg)
    assert ("stale", "draft", "Reopen") in edges and ("review", "stale", "Mark stale") in edges
    assert len(edges) == 6  # expire leaves from two states


def test_labels_are_escaped_and_translated_by_the_caller():
    flow = Workflow(name="x", label="A & B", model=object, initial="a",  # type: ignore[arg-type]
                    states=[State("a", "<a>"), State("b", "b")],
                    transitions=[Transition("go", ["a"], "b", "go", roles=[Role.admin])])
    svg = render_svg(flow, text=lambda label: str(label).upper())
    ElementTree.fromstring(svg)
    assert "&lt;A&gt;" in svg and "A &amp; B" in svg


def _label_rect(label):
    width = max(text_width(line, LABEL_FONT) for line in label.lines)
    left = label.x - {"start": 0, "middle": width / 2, "end": width}[label.anchor]
    top = label.bottom - LABEL_LINE * len(label.lines)
    return left, top, left + width, label.bottom + 3


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_every_label_has_a_place_of_its_own_in_every_workflow():
    for flow in REGISTRY.values():
        drawn = layout(flow)
        labels = [_label_rect(label) for label in drawn.labels]
        boxes = [(b.x, b.y, b.right, b.y + b.height) for b in drawn.boxes.values()]
        assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                    if _overlap(a, b)], flow.name
        assert not [(a, b) for a in labels for b in boxes if _overlap(a, b)], flow.name
        assert all(0 <= r[0] and r[2] <= drawn.width and 0 <= r[1] and r[3] <= drawn.height
                   for r in labels + boxes), flow.name


def test_arrows_of_one_action_into_one_state_share_one_label():
    drawn = layout(REGISTRY["arrears"])
    paid = [label for label in drawn.labels if label.lines == ("Paid in full",)]
    assert len(paid) == 1 and len(paid[0].edges) == 6
    assert all(label.bottom > max(b.y + b.height for b in drawn.boxes.values())
               for label in paid)  # an arrow back runs below the boxes


def test_a_name_wraps_without_leaving_a_preposition_at_a_line_end():
    from workflow.diagram_layers import wrap

    assert wrap("На рассмотрении в Секретариате", 13, 104) == ("На рассмотрении",
                                                               "в Секретариате")
    assert wrap("Draft", 13, 104) == ("Draft",)
