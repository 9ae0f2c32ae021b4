"""Build what a clerk installs: ``uv run python -m scripts.build``.

1. ``dist/AllianceDesk/``: the PyInstaller one-folder build (``packaging/alliance-desk.spec``),
   no Python or uv needed on the target machine.
2. On Linux, ``dist/alliance-desk_VERSION_amd64.deb`` made with ``dpkg-deb`` from that folder:
   the program under ``/opt/alliance-desk``, ``alliance-desk`` on PATH, a menu entry.

On Windows step 2 is the Inno Setup script instead (see README "Windows installer").
``--no-deb`` stops after step 1; ``--deb-only`` packs an existing folder again.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "alliance-desk.spec"
DIST = ROOT / "dist"
FROZEN = DIST / "AllianceDesk"
WORK = ROOT / "build" / "pyinstaller"
PACKAGE = "alliance-desk"
INSTALL_DIR = "/opt/alliance-desk"
DESKTOP_FILE = ROOT / "packaging" / "linux" / "alliance-desk.desktop"
ICON = ROOT / "resources" / "icons" / "alliance-desk.png"

# What the frozen Qt needs from the system on a plain Debian/Ubuntu (and UOS, Kylin) desktop:
# the xcb platform plugin's libraries, GL/EGL, fontconfig, and a font that draws Chinese.
DEB_DEPENDS = (
    "libc6 (>= 2.31)",
    "libfontconfig1",
    "libfreetype6",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-uming"
    " | fonts-droid-fallback",
)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def build_frozen() -> Path:
    """Run PyInstaller on the spec; return the folder it made."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    if not (FROZEN / executable_name()).is_file():
        raise SystemExit(f"PyInstaller did not produce {FROZEN / executable_name()}")
    return FROZEN


def write_inno_version(version: str) -> Path:
    """``build/windows/version.iss``: the version the Inno Setup script includes."""
    target = ROOT / "build" / "windows" / "version.iss"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'#define AppVersion "{version}"\n', encoding="utf-8")
    return target


def executable_name() -> str:
    return "alliance-desk.exe" if sys.platform == "win32" else "alliance-desk"


def deb_architecture() -> str:
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64"}.get(machine, machine)


def control_text(version: str, installed_kib: int, architecture: str) -> str:
    """The DEBIAN/control file of the package."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        "Section: office\n"
        "Priority: optional\n"
        f"Architecture: {architecture}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        "Maintainer: Alliance Desk maintainers <alliance-desk@localhost>\n"
        "Description: 党建联盟工作台 Alliance Desk\n"
        " A desktop workbench for street-office clerks who run party-building\n"
        " alliances: register, rotating chair, joint meetings and their printed\n"
        " documents, two-way commitments, evaluations and statistics.\n"
        " .\n"
        " Data stays in each user's data folder (~/.local/share/AllianceDesk);\n"
        " upgrading or removing the package does not touch it.\n"
    )


def _directory_kib(folder: Path) -> int:
    total = sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_symlink())
    return max(1, total // 1024)


def build_deb(frozen: Path, version: str) -> Path:
    """Pack ``frozen`` as ``dist/alliance-desk_VERSION_ARCH.deb`` with dpkg-deb."""
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb not found: the .deb is built on Debian/Ubuntu only")
    architecture = deb_architecture()
    staging = ROOT / "build" / "deb" / f"{PACKAGE}_{version}_{architecture}"
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / INSTALL_DIR.lstrip("/")
    shutil.copytree(frozen, opt, symlinks=True)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(f"{INSTALL_DIR}/alliance-desk")
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(DESKTOP_FILE, applications / DESKTOP_FILE.name)
    icons = staging / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ICON, icons / ICON.name)
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        control_text(version, _directory_kib(staging), architecture), encoding="utf-8"
    )
    for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
    target = DIST / f"{PACKAGE}_{version}_{architecture}.deb"
    target.unlink(missing_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)],
        check=True,
    )
    shutil.rmtree(staging)  # a second copy of the whole folder
    return target


def _size_mib(path: Path) -> float:
    if path.is_dir():
        return sum(p.lstat().st_size for p in path.rglob("*")) / 1_048_576
    return path.stat().st_size / 1_048_576


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build", description=__doc__)
    parser.add_argument("--no-deb", action="store_true", help="only the frozen folder")
    parser.add_argument("--deb-only", action="store_true", help="pack an existing dist folder")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    start = time.perf_counter()
    if args.deb_only:
        frozen = FROZEN
    else:
        frozen = build_frozen()
        print(f"frozen folder: {frozen} ({_size_mib(frozen):.0f} MiB, "
              f"{time.perf_counter() - start:.0f} s)")
    if sys.platform == "win32":
        write_inno_version(project_version())
        print("next: iscc packaging\\windows\\alliance-desk.iss")
    if sys.platform.startswith("linux") and not args.no_deb:
        deb = build_deb(frozen, project_version())
        print(f"Debian package: {deb} ({_size_mib(deb):.0f} MiB)")
    print(f"build time: {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
