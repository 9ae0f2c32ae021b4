"""Files attached to progress updates (佐证材料), kept in the data folder.

A clerk's evidence (a photo, a signed sheet, a PDF) is **copied** to
``<data folder>/attachments/commitment-<id>/<file name>``: the original may sit on a
USB stick or in a download folder that is emptied tomorrow. The progress update
stores the path relative to the data folder, so a moved or restored data folder
still finds its files.

Copy first, then record in one transaction; when the database refuses (a rule, a
conflict, a lost connection), the copy is removed again, so no file is left that
nothing points to.
"""

from __future__ import annotations

import shutil
from contextlib import suppress
from datetime import date
from pathlib import Path, PurePosixPath

from alliance_desk import config
from alliance_desk.core.errors import DomainError
from alliance_desk.services.commitments.progress import add_progress
from alliance_desk.services.commitments.records import CommitmentDetail
from alliance_desk.services.database import Database

ATTACHMENTS_FOLDER = "attachments"
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
"""A generous limit: evidence is a photo or a scan, not a video archive."""
PATH_LIMIT = 500
"""``ProgressUpdate.attachment_path`` is a VARCHAR(500)."""
_UNSAFE = set('<>:"/\\|?*')


def commitment_folder(commitment_id: int) -> Path:
    return config.data_dir() / ATTACHMENTS_FOLDER / f"commitment-{commitment_id}"


def attachment_file(stored_path: str) -> Path:
    """The file of a progress update's ``attachment_path`` (relative to the data folder;
    an absolute path written by hand is taken as it is)."""
    path = Path(stored_path)
    return path if path.is_absolute() else config.data_dir() / path


def _safe_name(name: str) -> str:
    """The file name without characters Windows refuses, never empty or a dot name."""
    cleaned = "".join("_" if c in _UNSAFE or ord(c) < 32 else c for c in name).strip(" .")
    return cleaned or "附件"


def _free_target(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name(2)``, ``name(3)``… when a file of that name is there."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}({number}){suffix}"
        number += 1
    return candidate


def _check_source(source: Path) -> None:
    if not source.is_file():
        raise DomainError(f"找不到文件“{source}”，它可能已被移动或删除。", field="attachment")
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise DomainError(
            f"无法读取文件“{source.name}”：{exc.strerror or exc}", field="attachment"
        ) from exc
    if size > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        raise DomainError(
            f"文件“{source.name}”超过 {limit} MB，请压缩或只附上关键页后再试。", field="attachment"
        )


def copy_attachment(commitment_id: int, source: Path) -> tuple[Path, str]:
    """Copy ``source`` into the commitment's folder: (the copy, its stored path)."""
    source = Path(source)
    _check_source(source)
    folder = commitment_folder(commitment_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_target(folder, _safe_name(source.name))
        shutil.copy2(source, target)
    except OSError as exc:
        raise DomainError(
            f"无法把文件“{source.name}”复制到数据文件夹：{exc.strerror or exc}",
            field="attachment",
        ) from exc
    stored = str(PurePosixPath(target.relative_to(config.data_dir()).as_posix()))
    if len(stored) > PATH_LIMIT:
        _remove(target)
        raise DomainError("附件的文件名太长，请改短后再试。", field="attachment")
    return target, stored


def _remove(copy: Path) -> None:
    copy.unlink(missing_ok=True)
    with suppress(OSError):
        copy.parent.rmdir()  # only when it is empty


def add_progress_with_attachment(
    db: Database,
    commitment_id: int,
    *,
    recorded_on: date,
    note: str,
    percent: int,
    evidence_note: str = "",
    attachment: Path | None = None,
    expected_version: int | None = None,
) -> CommitmentDetail:
    """``add_progress`` (same rules), with ``attachment`` copied into the data folder and
    recorded on the new progress line in the same transaction.

    Without ``attachment`` it is exactly ``add_progress``.
    """
    copy, stored = (
        (None, "") if attachment is None else copy_attachment(commitment_id, Path(attachment))
    )
    try:
        return add_progress(
            db,
            commitment_id,
            recorded_on=recorded_on,
            note=note,
            percent=percent,
            evidence_note=evidence_note,
            attachment_path=stored,
            expected_version=expected_version,
        )
    except BaseException:
        if copy is not None:
            _remove(copy)
        raise
