"""The upload check reads the file with a PDF parser and refuses active content."""

import pytest

from tests.workflow import pdf_samples as samples
from webapp import create_app
from workflow.engine import Refusal
from workflow.pdf_safety import ACTIVE, check_pdf_content

REFUSED = [
    ("JAVASCRIPT", "active_content", "javascript"),
    ("OPEN_ACTION_JS", "active_content", "javascript"),
    ("ESCAPED_NAME", "active_content", "javascript"),
    ("ORPHAN_JS", "active_content", "javascript"),
    ("LAUNCH", "active_content", "launch"),
    ("PAGE_AA", "active_content", "automatic"),
    ("EMBEDDED", "active_content", "embedded"),
    ("XFA", "active_content", "form"),
    ("HTML_BEHIND_HEADER", "web_page", None),
    ("HTML_ONLY", "web_page", None),
    ("HTML_AFTER_EOF", "not_pdf", None),
    ("ENCRYPTED", "encrypted", None),
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """A request context in English, to read the refusals' messages."""
    app = create_app({"TESTING": True, "DATABASE_URL":
                      f"sqlite:///{tmp_path_factory.mktemp('pdf') / 'unused.sqlite3'}"})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize(("sample", "code", "kind"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_pdf_with_active_content_or_a_web_page_in_it_is_refused(english, sample, code, kind):
    with pytest.raises(Refusal) as refused:
        check_pdf_content(getattr(samples, sample))
    assert refused.value.code == code and refused.value.params == {"field": "letter"}
    if kind is not None:
        assert f"The PDF contains {ACTIVE[kind]}, which is not accepted" in str(
            refused.value.message)


@pytest.mark.parametrize("sample", ["PLAIN", "OPEN_ACTION_PAGE"])
def test_a_plain_letter_is_accepted(sample):
    check_pdf_content(getattr(samples, sample))


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%%EOF\n",  # a header and an end, nothing a parser can read
    samples.PLAIN.replace(b"/Type /Pages", b"/Type /Nothing"),  # no pages
    samples.PLAIN[:200] + b"\n%%EOF\n",  # cut short
])
def test_a_file_the_parser_cannot_read_as_a_letter_is_refused(data):
    with pytest.raises(Refusal) as refused:
        check_pdf_content(data)
    assert refused.value.code in ("unreadable", "no_pages")
