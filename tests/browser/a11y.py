"""Accessibility checks with axe-core, run inside the page under test."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def violations(page) -> list[dict]:
    """The serious and critical axe-core violations of the page as it is now."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make install` (npm installs axe-core)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


# For each control marked invalid: the ids it is described by, whether they exist, carry
# text, are announced (role=alert) and sit in the control's own container (next to it);
# and every error box of the page's forms, whether some control is described by it.
_FIELD_ERRORS = """() => {
  const controls = [...document.querySelectorAll('main form [aria-invalid="true"]')];
  const invalid = controls.map(control => {
    const ids = (control.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const described = ids.map(id => document.getElementById(id)).filter(Boolean);
    const errors = described.filter(el => el.textContent.trim());
    return {
      field: control.id || control.name,
      described: ids.length > 0 && described.length === ids.length,
      has_text: errors.length > 0,
      announced: errors.some(el => el.getAttribute('role') === 'alert'),
      next_to_it: errors.length > 0 && errors.every(el => control.parentElement.contains(el)),
    };
  });
  const linked = new Set(controls.flatMap(
    c => (c.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)));
  const orphans = [...document.querySelectorAll('main form .errors')]
    .filter(el => !el.id || !linked.has(el.id)).map(el => el.id || el.textContent.trim());
  return {invalid, orphans};
}"""


def field_errors(page) -> dict[str, list]:
    """``invalid``: the fields marked invalid, each with what is wrong with its error message
    (empty: nothing); ``orphans``: error messages no field is described by."""
    found = page.evaluate(_FIELD_ERRORS)
    checks = ("described", "has_text", "announced", "next_to_it")
    return {
        "invalid": {f["field"]: [c for c in checks if not f[c]] for f in found["invalid"]},
        "orphans": found["orphans"],
    }
