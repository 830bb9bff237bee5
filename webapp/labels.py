"""Translated names for the enums the pages show."""

from flask_babel import lazy_gettext as _l

from models import CityStatus, Role

CITY_STATUS = {
    CityStatus.applicant: _l("Applicant"),
    CityStatus.member: _l("Member"),
    CityStatus.excluded: _l("Excluded"),
    CityStatus.other: _l("Not a member"),
}

ROLES = {
    Role.applicant: _l("Applicant city"),
    Role.member: _l("Member city"),
    Role.secretariat: _l("Secretariat"),
    Role.board: _l("Board member"),
    Role.audit: _l("Audit Commission"),
    Role.president: _l("President"),
    Role.admin: _l("Administrator"),
}

# The association's source documents (files in the seeds folder).
DOCUMENTS = {
    "decision-29th-session-2023.txt": _l("Decision of the XXIX session (Khabarovsk, 25 May 2023)"),
    "plan-2024-proposals.txt": _l("Proposals for the 2024 plan of events"),
    "secretariat": _l("Recorded by the Secretariat"),
}
