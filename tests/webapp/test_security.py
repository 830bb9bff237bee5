"""Security headers, cookies and error pages."""

import pytest

from webapp import create_app


def test_pages_carry_security_headers(client, seeded):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers


def test_production_adds_hsts_and_secure_cookies(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"})
    response = app.test_client().get("/static/magflow.css")
    response.close()
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_error_page_shows_no_trace(tmp_path, monkeypatch):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/e.db"})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in page and "Traceback" not in page
    assert "Ничего не изменено" in page


@pytest.mark.parametrize("url", ["/", "/login", "/cities"])
def test_no_inline_script_in_pages(client, seeded, url):
    page = client.get(url).get_data(as_text=True)
    assert "<script>" not in page and "onclick=" not in page


def test_production_session_cookie_is_secure_httponly_and_samesite(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/c.db"})
    (cookie,) = app.test_client().get("/login").headers.getlist("Set-Cookie")
    flags = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert cookie.startswith("session=") and {"Secure", "HttpOnly", "SameSite"} <= flags
    assert "SameSite=Lax" in cookie
