"""The workflow diagram: layered from the declaration, current state and path marked."""

import re
from xml.etree import ElementTree

from models import Role
from tests.workflow.example import TICKETS
from workflow.diagram import layers, render_svg
from workflow.engine import State, Transition, Workflow


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
