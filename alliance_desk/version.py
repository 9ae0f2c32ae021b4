"""The program's version, as installed (wheel, editable checkout or frozen build)."""

from __future__ import annotations

DISTRIBUTION = "alliance-desk"


def app_version() -> str:
    """``0.1.0``-style version from the package metadata; empty when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return ""


def version_text() -> str:
    """What ``alliance-desk --version`` prints."""
    from alliance_desk.storage.schema import HEAD_REVISION

    return (
        f"党建联盟工作台 Alliance Desk {app_version() or '(未安装 not installed)'}"
        f"（数据库结构版本 schema {HEAD_REVISION}）"
    )
