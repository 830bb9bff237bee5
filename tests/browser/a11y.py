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
