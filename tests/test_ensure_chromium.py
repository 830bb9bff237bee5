"""`make test` on a machine without Debian's chromium: installed when root, else one line.

The script is run with a chromium path that does not exist and a chosen uid, and
with a fake ``apt-get`` first on PATH that records its calls: nothing is really
installed or removed.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure-chromium"
INSTALL = "apt-get install -y chromium"
FAKE_APT = """#!/bin/sh
echo "$*" >> "{log}"
[ "{fails}" = yes ] && exit 100
if [ "$1" = install ]; then printf '#!/bin/sh\\n' > "$CHROMIUM"; chmod +x "$CHROMIUM"; fi
exit 0
"""


def _run(tmp_path, *command, uid, chromium=None, apt_fails=False, cwd=ROOT):
    """Run ``command`` with the fake apt-get; returns (result, the apt-get calls)."""
    tools, log = tmp_path / "bin", tmp_path / "apt.log"
    tools.mkdir(exist_ok=True)
    fake = tools / "apt-get"
    fake.write_text(FAKE_APT.format(log=log, fails="yes" if apt_fails else "no"))
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    env.update(PATH=f"{tools}:{env['PATH']}", MAGFLOW_UID=str(uid),
               CHROMIUM=str(chromium or tmp_path / "missing" / "chromium"))
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


def test_without_chromium_and_not_root_it_stops_with_one_line(tmp_path):
    result, calls = _run(tmp_path, str(SCRIPT), uid=1000)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert f"sudo {INSTALL}" in result.stderr and "is missing" in result.stderr
    assert calls == []


def test_without_chromium_root_installs_debians_package(tmp_path):
    chromium = tmp_path / "usr" / "bin" / "chromium"
    chromium.parent.mkdir(parents=True)
    result, calls = _run(tmp_path, str(SCRIPT), uid=0, chromium=chromium)
    assert result.returncode == 0, result.stderr
    assert calls == ["update -qq", "install -y -qq chromium"]
    assert os.access(chromium, os.X_OK)


def test_a_failed_install_says_so_in_one_line(tmp_path):
    result, calls = _run(tmp_path, str(SCRIPT), uid=0, apt_fails=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].endswith(f"run {INSTALL} and see what apt-get says")
    assert calls == ["update -qq"]


def test_with_chromium_nothing_is_done(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    for uid in (0, 1000):
        result, calls = _run(tmp_path, str(SCRIPT), uid=uid, chromium=chromium)
        assert (result.returncode, result.stdout, result.stderr, calls) == (0, "", "", [])


@pytest.mark.parametrize("target", ["test", "chromium"])
def test_make_test_without_chromium_runs_nothing_and_prints_one_line(tmp_path, target):
    result, calls = _run(tmp_path, "make", target, uid=1000)
    lines = (result.stdout + result.stderr).splitlines()
    assert result.returncode != 0
    assert len(lines) == 1, lines  # neither the set-up nor pytest ran
    assert f"sudo {INSTALL}" in lines[0]
    assert calls == []


def test_make_as_root_installs_chromium_and_says_so(tmp_path):
    chromium = tmp_path / "usr" / "bin" / "chromium"
    chromium.parent.mkdir(parents=True)
    result, calls = _run(tmp_path, "make", "chromium", uid=0, chromium=chromium)
    assert result.returncode == 0, result.stderr
    assert "installing Debian's chromium" in result.stdout
    assert calls == ["update -qq", "install -y -qq chromium"] and os.access(chromium, os.X_OK)
