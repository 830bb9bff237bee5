"""The application factory and its configuration."""

import pytest

from webapp import create_app
from webapp.config import ConfigurationError, from_environment


def test_production_refuses_default_secret_key(tmp_path):
    with pytest.raises(ConfigurationError, match="MAGFLOW_SECRET_KEY"):
        create_app({"ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_production_with_secret_key_starts_with_secure_cookies(tmp_path):
    app = create_app(
        {"ENV": "production", "SECRET_KEY": "s3cret-" * 6, "DATABASE_URL": f"sqlite:///{tmp_path}/x"}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_environment_variables_override_defaults():
    found = from_environment({"MAGFLOW_DATABASE_URL": "postgresql+psycopg://db/x",
                              "MAGFLOW_INVITATION_DAYS": "3"})
    assert found == {"DATABASE_URL": "postgresql+psycopg://db/x", "INVITATION_DAYS": 3}


def test_malformed_environment_variable_is_a_clear_error():
    with pytest.raises(ConfigurationError, match="MAGFLOW_INVITATION_DAYS"):
        from_environment({"MAGFLOW_INVITATION_DAYS": "soon"})


def test_database_defaults_to_sqlite_in_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("MAGFLOW_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("MAGFLOW_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'magflow.sqlite3'}"
    assert app.config["UPLOAD_DIR"] == str(tmp_path / "uploads")


def test_trusted_proxies_must_be_a_whole_number(tmp_path):
    with pytest.raises(ConfigurationError, match="MAGFLOW_TRUSTED_PROXIES"):
        from_environment({"MAGFLOW_TRUSTED_PROXIES": "yes"})
    with pytest.raises(ConfigurationError, match="MAGFLOW_TRUSTED_PROXIES"):
        create_app({"TRUSTED_PROXIES": -1, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_production_builds_https_links(tmp_path):
    app = create_app(
        {"ENV": "production", "SECRET_KEY": "s3cret-" * 6, "DATABASE_URL": f"sqlite:///{tmp_path}/x"}
    )
    assert app.config["PREFERRED_URL_SCHEME"] == "https"


@pytest.mark.parametrize(("value", "env", "expected"), [
    ("https://mag.example/", "production", "https://mag.example"),
    (" https://mag.example/magflow ", "production", "https://mag.example/magflow"),
    (None, "development", "http://127.0.0.1:5000"),
    ("", "production", None),
])
def test_base_url_of_e_mail_links(tmp_path, value, env, expected):
    app = create_app({"ENV": env, "SECRET_KEY": "s3cret-" * 6, "BASE_URL": value,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/x"})
    assert app.config["BASE_URL"] == expected


@pytest.mark.parametrize("value", ["mag.example", "ftp://mag.example", "https://",
                                   "https://mag.example/?x=1", "https://u:p@mag.example"])
def test_a_base_url_that_is_no_site_address_is_refused(tmp_path, value):
    with pytest.raises(ConfigurationError, match="MAGFLOW_BASE_URL"):
        create_app({"BASE_URL": value, "DATABASE_URL": f"sqlite:///{tmp_path}/x"})


@pytest.mark.parametrize("key", ["APPLICATION_MAX_DOCUMENTS", "APPLICATION_MAX_MEGABYTES"])
@pytest.mark.parametrize("value", [0, -1, 10_001, "many"])
def test_an_upload_quota_is_a_whole_number_from_one(tmp_path, key, value):
    with pytest.raises(ConfigurationError, match=f"MAGFLOW_{key}"):
        if isinstance(value, str):
            from_environment({f"MAGFLOW_{key}": value})
        else:
            create_app({key: value, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
