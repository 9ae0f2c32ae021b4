"""What the packages are made of: version, .deb control data, menu entry, build inputs."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_desk import cli
from alliance_desk.storage.schema import HEAD_REVISION
from alliance_desk.version import app_version
from scripts import build

ROOT = Path(__file__).resolve().parents[1]


def test_version_prints_the_version_and_the_schema_revision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert app_version() == build.project_version()
    assert f"Alliance Desk {build.project_version()}" in out
    assert f"schema {HEAD_REVISION}" in out


def test_the_control_file_depends_on_xcb_and_a_chinese_font() -> None:
    control = build.control_text("1.2.3", 4096, "amd64")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if ": " in line)
    assert fields["Package"] == "alliance-desk"
    assert fields["Version"] == "1.2.3"
    assert fields["Architecture"] == "amd64"
    depends = [alternatives.split(" | ") for alternatives in fields["Depends"].split(", ")]
    names = {re.sub(r" \(.*\)", "", name) for group in depends for name in group}
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1"} <= names
    (fonts,) = [group for group in depends if "fonts-noto-cjk" in group]
    assert len(fonts) > 1  # any CJK font will do
    assert control.endswith("\n") and "\n\n" not in control


def test_the_menu_entry_is_chinese_and_starts_the_program() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(build.DESKTOP_FILE, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "党建联盟工作台"
    assert section["Exec"] == "alliance-desk"
    assert section["Icon"] == build.ICON.stem
    assert section["Terminal"] == "false"
    assert build.ICON.is_file()


def test_every_file_the_spec_and_the_installer_name_exists() -> None:
    spec = (ROOT / "packaging" / "alliance-desk.spec").read_text(encoding="utf-8")
    for parts in re.findall(r'ROOT((?: / "[^"]+")+)', spec):
        path = ROOT.joinpath(*re.findall(r'"([^"]+)"', parts))
        assert list(path.parent.glob(path.name)), path
    installer = (ROOT / "packaging" / "windows" / "alliance-desk.iss").read_text(encoding="utf-8")
    assert r"..\..\resources\icons\alliance-desk.ico" in installer
    assert (ROOT / "resources" / "icons" / "alliance-desk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert "{group}" in installer and "AllianceDesk.exe" in installer


def test_the_inno_version_file_follows_the_project(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "ROOT", tmp_path)
    target = build.write_inno_version("2.0.1")
    assert target.read_text(encoding="utf-8") == '#define AppVersion "2.0.1"\n'


def test_check_reads_without_the_orm(tmp_path: Path) -> None:
    """Commands that only read stay off the ORM (``print agenda``: tests/services)."""
    from alliance_desk.services.bootstrap import open_database

    path = tmp_path / "check.sqlite"
    open_database(str(path), auto_backup=False).dispose()
    code = (
        "import sys; from alliance_desk.cli import main; "
        f"code = main(['check', '--db', r'{path}']); "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy.orm', 'alembic')))); "
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert "正常" in result.stdout
    assert result.stdout.strip().endswith("[]"), result.stdout
