"""PDF downloads of decisions and letters: the kept file, its name, its language, its checks."""

import hashlib
from pathlib import Path

import pytest
from sqlmodel import select

from models.decisions import Decision, DecisionStatus
from models.dues import Letter
from models.pdfs import PdfFile
from tests.pdf_reading import assert_a4_with_embedded_fonts, text
from tests.workflow.xxix import before_xxix
from workflow import adoption, ledger, letter_pdfs, pdf, pdf_files
from workflow.drafting import generate_draft

SECRETARIAT = "secretariat@demo.magflow"
PRESIDENT = "president@demo.magflow"


def _download(client, url):
    response = client.get(url)
    data = response.get_data()
    response.close()
    return response, data


def test_the_xxix_decision_downloads_as_a4_pdf_in_each_language(client, seeded):
    response, russian = _download(client, "/sessions/29/decision.pdf?lang=ru")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="MAG-decision-XXIX-2023-05-25-ru.pdf"'
    assert_a4_with_embedded_fonts(russian)
    words = text(russian)
    assert "Двадцать девятой сессии" in words and "Предупредить руководителей городов: Астрахани, Барнаула" in words
    assert "С.А. Кравчук" in words and "Страница 1 из" in words
    response, english = _download(client, "/sessions/29/decision.pdf?lang=en")
    assert response.headers["Content-Disposition"].endswith('-en.pdf"')
    words = text(english)
    assert "To warn the heads of the cities of Astrakhan, Barnaul" in words
    assert "Page 1 of" in words and "Предупредить" not in words


def test_a_decision_pdf_in_an_unknown_language_is_a_400_that_says_so(client, seeded):
    response = client.get("/sessions/29/decision.pdf?lang=de&ui=en")
    assert response.status_code == 400
    assert "lang=ru" in response.get_data(as_text=True)


def test_a_draft_decision_has_no_pdf(client, db):
    state = before_xxix(db)
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    assert client.get("/sessions/29/decision.pdf").status_code == 404


@pytest.fixture
def adopted(db):
    """The XXIX draft adopted (outside a request, so its letters keep no PDFs: cheaper)."""
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    adoption.adopt(db, decision=decision, actor=state["secretariat"])
    return db.exec(select(Decision)).one()


def test_signing_keeps_the_decision_in_both_languages_with_the_annex(app, client, auth, db,
                                                                     adopted):
    _response, unsigned = _download(client, "/sessions/29/decision.pdf?lang=ru")
    assert "не подписано" in text(unsigned)
    auth.login(PRESIDENT)
    page = client.post("/sessions/29/sign", follow_redirects=True).get_data(as_text=True)
    assert "Решение подписано" in page
    rows = {row.language: row for row in db.exec(select(PdfFile)).all()}
    assert set(rows) == {"ru", "en"} and all(r.decision_id == adopted.id for r in rows.values())
    root = Path(app.config["DOCUMENT_DIR"])
    kept = pdf_files.path_of(root, rows["ru"]).read_bytes()
    assert hashlib.sha256(kept).hexdigest() == rows["ru"].sha256
    response, served = _download(client, "/sessions/29/decision.pdf?lang=ru")
    assert served == kept
    words = text(kept)
    assert "С.А. Кравчук" in words and "Приложение" in words and "Освобожден" in words
    assert "Annex" in text(pdf_files.path_of(root, rows["en"]).read_bytes())


def test_a_render_that_fails_signs_nothing_and_says_why(client, auth, db, adopted,
                                                        monkeypatch):
    def broken(*args, **kwargs):
        raise pdf.RenderFailed("OSError: cannot load library 'pango-1.0-0'")

    monkeypatch.setattr(pdf, "render", broken)
    auth.login(PRESIDENT)
    page = client.post("/sessions/29/sign?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "could not be made, so nothing was recorded" in page and "pango-1.0-0" in page
    db.expire_all()
    assert db.exec(select(Decision)).one().status == DecisionStatus.adopted
    assert db.exec(select(PdfFile)).all() == []


@pytest.fixture
def osh_letter(seeded):
    from models import City

    city = seeded.exec(select(City).where(City.slug == "osh")).one()
    account = ledger.account_for(seeded, city)
    return seeded.exec(select(Letter).where(Letter.account_id == account.id)).one()


def _keep(app, db, letter):
    with app.app_context():
        letter_pdfs.keep_pdfs(db, [{"id": letter.id, "body_ru": letter.body_ru,
                                    "body_en": letter.body_en, "facts": letter.facts}])
        db.commit()
    return db.exec(select(PdfFile).where(PdfFile.letter_id == letter.id,
                                         PdfFile.language == "ru")).one()


def test_the_letter_sent_is_the_letter_downloaded_after_the_templates_change(
        app, client, auth, seeded, osh_letter, monkeypatch):
    row = _keep(app, seeded, osh_letter)
    monkeypatch.setattr(letter_pdfs, "sheet", lambda *a: "<p>a changed template</p>")
    auth.login(SECRETARIAT)
    response, data = _download(client, f"/dues/letters/{osh_letter.id}/ru.pdf")
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="MAG-warning-osh-2023-05-25-ru.pdf"'
    assert hashlib.sha256(data).hexdigest() == row.sha256
    assert "Руководителю города Оша" in text(data)


def test_a_kept_letter_whose_file_was_altered_is_not_sent(app, client, auth, seeded,
                                                          osh_letter):
    row = _keep(app, seeded, osh_letter)
    pdf_files.path_of(Path(app.config["DOCUMENT_DIR"]), row).write_bytes(b"%PDF-1.7 forged")
    auth.login(SECRETARIAT)
    response = client.get(f"/dues/letters/{osh_letter.id}/ru.pdf?lang=en")
    assert response.status_code == 500
    assert "does not match the checksum" in response.get_data(as_text=True)


def test_a_letter_kept_without_pdfs_is_rendered_from_its_kept_text(client, auth, seeded,
                                                                   osh_letter):
    auth.login(SECRETARIAT)
    page = client.get(f"/dues/letters/{osh_letter.id}/en").get_data(as_text=True)
    assert f"/dues/letters/{osh_letter.id}/en.pdf" in page
    response, data = _download(client, f"/dues/letters/{osh_letter.id}/en.pdf")
    assert response.status_code == 200
    assert_a4_with_embedded_fonts(data)
    assert "To the Head of the City of Osh" in text(data) and "amount not entered" in text(data)
    assert seeded.exec(select(PdfFile)).all() == []  # a GET keeps nothing
