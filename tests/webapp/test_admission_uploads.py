"""The letter of intent: checked with a PDF parser, replaced with its history, within a quota,
and served under a name the app makes."""

import io
import re

import pytest
from sqlmodel import select
from werkzeug.test import EnvironBuilder

from models.admission import ApplicationDocument
from tests.webapp.test_admission_views import _fresh, tver  # noqa: F401 - the fixture
from tests.workflow import pdf_samples as samples
from workflow.admission import letter_of_intent


def _letter(number: int, padding: int = 0) -> bytes:
    """A distinct one-page letter, ``padding`` bytes longer than the plain one."""
    extra = f"<< /Length {padding} >>\nstream\n{'0' * padding}\nendstream"
    return samples.pdf(objects=(f"<< /Letter {number} >>", extra))


def _upload(client, application, data, name="letter.pdf", lang="ru"):
    # A builder of our own, closed here: a large body is spooled to a temporary file.
    builder = EnvironBuilder(path=f"/admission/{application.id}/edit?lang={lang}",
                             method="POST", data={
                                 "action": "save", "region": "Тверская область",
                                 "letter": (io.BytesIO(data), name, "application/pdf")})
    environ = builder.get_environ()
    try:
        response = client.open(environ)
        return response.status_code, response.get_data(as_text=True)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def _documents(db):
    db.expire_all()
    return db.exec(select(ApplicationDocument).order_by(ApplicationDocument.id)).all()


def _field_error(page: str) -> str:
    found = re.search(r'id="letter-errors" role="alert">\s*<p>([^<]*)', page)
    return found.group(1) if found else ""


# One of each kind of refusal (tests/workflow/test_pdf_safety.py reads every sample).
@pytest.mark.parametrize(("sample", "says"), [
    ("OPEN_ACTION_JS", "содержит JavaScript"),
    ("EMBEDDED", "вложенный файл"),
    ("HTML_BEHIND_HEADER", "скрыта веб-страница"),
    ("ENCRYPTED", "защищён паролем"),
])
def test_a_letter_with_active_content_is_refused_at_the_field_and_nothing_is_kept(
    client, seeded, tver, sample, says  # noqa: F811 - the fixture
):
    status, page = _upload(client, tver, getattr(samples, sample))
    assert status == 200 and says in _field_error(page)
    assert _documents(seeded) == []
    assert _fresh(seeded, tver).region == "Тверская область"  # the rest of the form is saved


def test_the_letter_leaves_under_a_name_the_app_makes(client, seeded, tver):  # noqa: F811
    _upload(client, tver, samples.PLAIN, name="poly.html")
    [document] = _documents(seeded)
    response = client.get(f"/admission/{tver.id}/documents/{document.id}")
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=application-{tver.id}-letter.pdf")
    assert response.mimetype == "application/pdf" and response.data == samples.PLAIN
    response.close()
    page = client.get(f"/admission/{tver.id}").get_data(as_text=True)
    assert f"application-{tver.id}-letter.pdf" in page and "poly.html" not in page


def test_a_new_letter_replaces_the_one_before_which_stays_as_an_earlier_version(
    client, seeded, tver  # noqa: F811
):
    _upload(client, tver, _letter(1))
    _upload(client, tver, _letter(2))
    first, second = _documents(seeded)
    assert first.replaced_at is not None and second.replaced_at is None
    assert letter_of_intent(seeded, tver.id).id == second.id
    response = client.get(f"/admission/{tver.id}/documents/{second.id}")
    assert response.headers["Content-Disposition"].endswith(f"application-{tver.id}-letter-v2.pdf")
    response.close()
    page = client.get(f"/admission/{tver.id}?lang=en").get_data(as_text=True)
    assert page.count("an earlier version, replaced on") == 1 and "in force" in page
    form = client.get(f"/admission/{tver.id}/edit").get_data(as_text=True)
    assert f"application-{tver.id}-letter-v2.pdf" in form


def test_the_same_letter_sent_again_adds_nothing(client, seeded, tver):  # noqa: F811
    for _ in range(3):
        assert _upload(client, tver, samples.PLAIN)[0] == 302
    assert len(_documents(seeded)) == 1


def test_an_application_keeps_at_most_the_configured_number_of_documents(
    app, client, seeded, tver  # noqa: F811
):
    app.config["APPLICATION_MAX_DOCUMENTS"] = 2
    for number in (1, 2):
        assert _upload(client, tver, _letter(number))[0] == 302
    status, page = _upload(client, tver, _letter(3), lang="en")
    assert status == 200
    assert "already keeps 2 documents, earlier versions included" in _field_error(page)
    assert len(_documents(seeded)) == 2
    assert letter_of_intent(seeded, tver.id).size == len(_letter(2))


def test_an_application_keeps_at_most_the_configured_megabytes(
    app, client, seeded, tver  # noqa: F811
):
    app.config["APPLICATION_MAX_MEGABYTES"] = 1
    assert _upload(client, tver, _letter(1, padding=600_000))[0] == 302
    status, page = _upload(client, tver, _letter(2, padding=600_000))
    assert status == 200 and "больше 1 МБ" in _field_error(page)
    assert len(_documents(seeded)) == 1
