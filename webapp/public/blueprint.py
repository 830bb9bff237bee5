"""URL rules for the public pages and each role's home page."""

from flask import Blueprint, render_template
from flask_babel import gettext
from flask_login import current_user

from models import CityStatus
from models.directory import cities_with_status, city_by_slug
from webapp.errors import refuse
from webapp.extensions import db
from webapp.public.home import role_home

bp = Blueprint("public", __name__)


@bp.route("/")
def home() -> str:
    if not current_user.is_authenticated:
        return render_template("public/home.html")
    return render_template("public/home.html", **role_home(current_user._get_current_object()))


@bp.route("/cities")
def cities() -> str:
    members = cities_with_status(db.session, [CityStatus.member])
    applicants = cities_with_status(db.session, [CityStatus.applicant])
    return render_template("public/cities.html", members=members, applicants=applicants)


@bp.route("/cities/<slug>")
def city(slug: str) -> str:
    found = city_by_slug(db.session, slug)
    if found is None:
        raise refuse(404, gettext("There is no such city in the association."))
    return render_template("public/city.html", city=found)
