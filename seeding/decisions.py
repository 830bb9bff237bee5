"""The XXIX session's decision as the seed document gives it, and its execution control.

The items whose execution someone must report (1.3, 2.1, 2.3, 2.6) are
loaded with their Russian text from the document, an English translation,
their executor and deadline, and an execution task each. The other items
are loaded as plain text (Russian from the document; English translated).
Nothing in the seeds says whether the tasks were reported: they start as
assigned, and the sweep marks the past deadlines overdue.
"""

import re
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models import AssemblySession, Person
from models.decisions import (
    DeadlinePrecision,
    Decision,
    DecisionItem,
    DecisionStatus,
    ExecutionTask,
)
from seeding.decision_xxix import ENGLISH, EXECUTION
from seeding.loader import Seed, Tick
from workflow.drafting import CLOSING, default_headings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DOCUMENT = "decision-29th-session-2023.txt"
ITEM = re.compile(r"^\s*(\d)\.(\d+)\.\s+(.*)$")


def document_path() -> Path:
    """Where the seed document is: beside the repository, or in /work/shared."""
    for folder in (SEEDS, Path("/work/shared/seeds")):
        if (folder / DOCUMENT).exists():
            return folder / DOCUMENT
    raise FileNotFoundError(DOCUMENT)


def russian_items(text: str) -> dict[str, str]:
    """The numbered items of the document, their lines joined as one paragraph each."""
    items: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        match = ITEM.match(line)
        if match:
            current = f"{match.group(1)}.{match.group(2)}"
            items[current] = [match.group(3)]
        elif re.match(r"^\s*\d\.\s", line) or line.strip().startswith("Президент МАГ"):
            current = None
        elif current and line.strip() and not line.strip().startswith(("Контроль за",
                                                                       "В соответствии с п. 4")):
            items[current].append(line)
    return {label: _join(lines) for label, lines in items.items()}


def _join(lines: list[str]) -> str:
    """Lines of the document as the item's text: a list entry after «:» or «;» starts a line."""
    text = ""
    for raw in lines:
        line = re.sub(r"\s+", " ", raw).strip()
        if not text:
            text = line
        elif text.endswith((":", ";")):
            text += "\n" + line
        elif text.endswith("-") and not text.endswith(" -"):
            text += line
        else:
            text += " " + line
    return text


def load_decision_xxix(session: Session, seed: Seed, tick: Tick) -> int:
    """The signed decision of the XXIX session, its items and their execution tasks."""
    assembly = session.exec(select(AssemblySession).where(AssemblySession.number == 29)).first()
    if assembly is None or session.exec(
            select(Decision).where(Decision.session_id == assembly.id)).first():
        return 0
    signer = session.exec(select(Person).where(Person.slug == "kravchuk")).first()
    # Adopted and signed on the session's day, as the document is dated; never the load's day.
    held = _held_at(assembly)
    decision = Decision(
        session_id=assembly.id, status=DecisionStatus.signed,  # type: ignore[arg-type]
        headings=default_headings(assembly), closing_ru=CLOSING[0], closing_en=CLOSING[1],
        signed_by_id=signer.id if signer else None, adopted_at=held, signed_at=held,
        created_at=held, updated_at=held, sources=[DOCUMENT])
    session.add(decision)
    session.flush()
    texts = russian_items(document_path().read_text(encoding="utf-8"))
    # Not a section of mag.toml, so no tick: the progress bar counts the file's records.
    for label, text_ru in texts.items():
        _item(session, decision, assembly, label, text_ru)
    return 1


def _held_at(assembly: AssemblySession) -> datetime:
    assert assembly.held_on is not None
    return datetime.combine(assembly.held_on, time(), UTC)


def _item(session: Session, decision: Decision, assembly: AssemblySession, label: str,
          text_ru: str) -> None:
    section, number = (int(part) for part in label.split("."))
    control: dict[str, Any] = EXECUTION.get(label, {})
    item = DecisionItem(
        decision_id=decision.id, section=section, number=number, text_ru=text_ru,  # type: ignore[arg-type]
        text_en=ENGLISH[label], executor_ru=control.get("executor_ru"),
        executor_en=control.get("executor_en"), executor_roles=control.get("roles", []),
        deadline=control.get("deadline"),
        deadline_precision=control.get("precision", DeadlinePrecision.day))
    session.add(item)
    session.flush()
    if control:
        session.add(ExecutionTask(
            state="assigned", item_id=item.id, decision_ref=f"XXIX:{label}",
            summary_ru=control["summary_ru"], summary_en=control["summary_en"],
            executor_ru=control["executor_ru"], executor_en=control["executor_en"],
            executor_roles=control["roles"], due_on=control.get("deadline"),
            due_precision=control.get("precision", DeadlinePrecision.day),
            created_at=_held_at(assembly), state_changed_at=_held_at(assembly),
            sources=[f"{DOCUMENT}#{label}"]))

