"""Letters of the ladder as PDF files: made once when written, kept, checked, attached."""

import email
import email.policy
import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from models import Role
from models.dues import Letter
from models.pdfs import PdfFile
from models.workflow import HistoryEntry, OutboxMessage
from tests.pdf_reading import assert_a4_with_embedded_fonts, text
from tests.workflow.dues_factories import *  # noqa: F403 - fixtures
from tests.workflow.test_outbox import smtp_server  # noqa: F401 - fixture
from webapp.workflows.letters import send_outbox
from workflow import engine, ledger, outbox, pdf, pdf_files
from workflow.arrears import ARREARS
from workflow.engine import Refusal
from workflow.sweep import sweep


@pytest.fixture
def tver(db, schedules, make_city, make_user):
    """Tver, admitted on 1 June 2023 (5 000 EUR due on 1 July), with a member account."""
    city = make_city("tver")
    make_user(Role.member, city=city, email="tver@city.example", locale="en")
    ledger.charge_admission(db, city=city, on=date(2023, 6, 1), decision="XXIX:1.1")
    return ledger.account_for(db, city)


def _kept(db, letter: Letter) -> dict[str, PdfFile]:
    rows = db.exec(select(PdfFile).where(PdfFile.letter_id == letter.id)).all()
    return {row.language: row for row in rows}


def test_warning_is_kept_as_a4_pdf_in_both_languages_with_its_sha256(app, db, tver,
                                                                     secretary):
    with app.app_context():
        sweep(db, as_of=date(2023, 7, 2), workflows=["arrears"])
        db.refresh(tver)
        entry = engine.fire(db, ARREARS, tver, "warn", actor=secretary, decision="XXIX:1.3")
    letter = db.exec(select(Letter).where(Letter.history_id == entry.id)).one()
    kept = _kept(db, letter)
    assert set(kept) == {"ru", "en"}
    root = Path(app.config["DOCUMENT_DIR"])
    files = {lang: pdf_files.path_of(root, row).read_bytes() for lang, row in kept.items()}
    for lang, row in kept.items():
        assert hashlib.sha256(files[lang]).hexdigest() == row.sha256
        assert row.size == len(files[lang]) and row.pages == 1
        assert_a4_with_embedded_fonts(files[lang])
    russian, english = text(files["ru"]), text(files["en"])
    assert "Предупреждение" in russian and "Руководителю города Tverа" in russian
    assert "1 000 €" in russian and "4 000 €" in russian and "Страница 1 из 1" in russian
    assert "Warning" in english and "Tver" in english and "€4,000" in english
    assert "Page 1 of 1" in english and "Предупреждение" not in english


def test_a_failed_render_records_no_warning_no_letter_and_no_message(app, db, tver,
                                                                     secretary, monkeypatch):
    def broken(*args, **kwargs):
        raise pdf.RenderFailed("OSError: no fonts")

    with app.test_request_context("/"):
        sweep(db, as_of=date(2023, 7, 2), workflows=["arrears"])
        db.refresh(tver)
        monkeypatch.setattr(pdf, "render", broken)
        with pytest.raises(Refusal) as refused:
            engine.fire(db, ARREARS, tver, "warn", actor=secretary, decision="XXIX:1.3")
        assert str(refused.value.message) == ("Не удалось составить документ PDF, поэтому "
                                              "ничего не записано: OSError: no fonts")
    db.refresh(tver)
    assert tver.state == "overdue"
    assert db.exec(select(Letter)).all() == [] and db.exec(select(PdfFile)).all() == []
    assert db.exec(select(OutboxMessage)).all() == []
    assert db.exec(select(HistoryEntry).where(HistoryEntry.transition == "warn")).all() == []


def test_a_failed_render_in_the_sweep_reminds_nobody(app, db, tver, monkeypatch):
    with app.app_context():
        sweep(db, as_of=date(2023, 7, 2), workflows=["arrears"])
        monkeypatch.setattr(pdf, "render", lambda *a, **k: (_ for _ in ()).throw(
            pdf.RenderFailed("MemoryError: ")))
        with pytest.raises(Refusal):
            sweep(db, as_of=date(2023, 8, 15), workflows=["arrears"])
    db.refresh(tver)
    assert tver.state == "overdue" and db.exec(select(Letter)).all() == []


def test_the_swept_reminder_is_mailed_with_its_pdf_attached(app, db, tver):
    with app.app_context():
        sweep(db, as_of=date(2023, 7, 2), workflows=["arrears"])
        sweep(db, as_of=date(2023, 8, 15), workflows=["arrears"])
    letter = db.exec(select(Letter)).one()
    report = send_outbox(app, db)
    assert report.sent == 1
    (eml,) = Path(app.config["OUTBOX_DIR"]).glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/mixed"
    (attached,) = [part for part in message.walk()
                   if part.get_content_disposition() == "attachment"]
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_filename() == "MAG-reminder-tver-2023-08-15-en.pdf"
    data = attached.get_payload(decode=True)
    assert data == pdf_files.path_of(Path(app.config["DOCUMENT_DIR"]),
                                     _kept(db, letter)["en"]).read_bytes()
    assert "Tver" in text(data) and "€5,000" in text(data)
    assert "Tver" in message.get_body(("plain",)).get_content()


def test_the_smtp_sender_carries_the_attachment(smtp_server):  # noqa: F811 - the fixture
    url, handler = smtp_server()
    letter = outbox.Letter(to="tver@city.example", subject="Reminder: Tver", body="Dear Head",
                           language="en", attachments=(outbox.Attachment(
                               "MAG-reminder-tver-2023-08-15-en.pdf", b"%PDF-1.7\n%%EOF"),))
    outbox.SMTPTransport(url, sender="MAG <noreply@magflow.local>").send(letter, 1)
    ((recipients, content),) = handler.received
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert recipients == ["tver@city.example"] and message["Content-Language"] == "en"
    (attached,) = list(message.iter_attachments())
    assert attached.get_filename() == "MAG-reminder-tver-2023-08-15-en.pdf"
    assert attached.get_content() == b"%PDF-1.7\n%%EOF"
    assert message.get_body(("plain",)).get_content().strip() == "Dear Head"
