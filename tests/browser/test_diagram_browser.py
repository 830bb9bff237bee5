"""Every workflow diagram is legible in Chromium: no text covers another, every state is in view.

The SVGs are measured where the reader's browser lays them out (getBBox), in
both languages, once plain and once with each state as the current one (its
name is set in bold, so it runs wider).
"""

import pytest
from flask_babel import force_locale

from workflow.diagram import render_svg
from workflow.engine import REGISTRY

pytestmark = pytest.mark.browser

# For each SVG: pairs of texts that intersect, edge labels over a state's box, a state's name
# outside its box, and boxes or texts outside the viewBox.
MEASURE = """() => {
  const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5
    && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
  const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5
    && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
  const name = el => el.textContent.trim();
  return [...document.querySelectorAll('svg.workflow-diagram')].map(svg => {
    const view = svg.viewBox.baseVal;
    const texts = [...svg.querySelectorAll('text')].map(t => [t, t.getBBox()]);
    const states = [...svg.querySelectorAll('g.state')].map(g => [g, g.querySelector('rect').getBBox()]);
    const found = [];
    texts.forEach(([a, boxA], i) => texts.slice(i + 1).forEach(([b, boxB]) => {
      if (overlap(boxA, boxB)) found.push(`text "${name(a)}" over "${name(b)}"`);
    }));
    svg.querySelectorAll('text.edge-label').forEach(t => states.forEach(([g, box]) => {
      if (overlap(t.getBBox(), box)) found.push(`label "${name(t)}" over ${g.dataset.state}`);
    }));
    states.forEach(([g, box]) => {
      if (!inside(g.querySelector('text').getBBox(), box)) found.push(`${g.dataset.state}: name outside its box`);
      if (!inside(box, view)) found.push(`${g.dataset.state}: box outside the diagram`);
    });
    texts.forEach(([t, box]) => { if (!inside(box, view)) found.push(`"${name(t)}" outside the diagram`); });
    return [svg.dataset.case, found];
  }).filter(([, found]) => found.length);
}"""


def _diagrams(app, language):
    """Every registered workflow drawn plain and with each state current, in ``language``."""
    html = []
    with app.test_request_context(), force_locale(language):
        for flow in REGISTRY.values():
            for current in [None, *(s.name for s in flow.states)]:
                svg = render_svg(flow, current=current, text=str, ident=f"{flow.name}-{current}")
                html.append(svg.replace("<svg ", f'<svg data-case="{language} {flow.name} '
                                                  f'{current}" ', 1))
    return "".join(html)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_diagram_text_covers_another_and_every_state_is_in_view(app, browser, language):
    assert {"admission", "arrears", "appointments", "execution", "plan"} <= set(REGISTRY)
    context = browser.new_context()
    page = context.new_page()
    # The page's own font: the diagrams are measured as a reader sees them.
    page.set_content('<html><body style="font: 16px system-ui, sans-serif">'
                     f"{_diagrams(app, language)}</body></html>")
    assert page.locator("svg.workflow-diagram").count() > 40
    assert page.evaluate(MEASURE) == []
    context.close()


@pytest.mark.parametrize("name", ["admission", "arrears"])
def test_a_wide_diagram_fits_the_desktop_page(browser, live_server, seeded, name):
    """At 1280 px the whole diagram shows: scaled by its viewBox, nothing cut at the right."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/workflows/{name}?lang=ru")
    fits = page.evaluate("""() => {
      const figure = document.querySelector('.workflow-diagram-figure');
      const svg = figure.querySelector('svg').getBoundingClientRect();
      const box = figure.getBoundingClientRect();
      return {overflow: figure.scrollWidth - figure.clientWidth,
              inside: svg.left >= box.left && svg.right <= box.right + 0.5}; }""")
    assert fits == {"overflow": 0, "inside": True}
    context.close()
