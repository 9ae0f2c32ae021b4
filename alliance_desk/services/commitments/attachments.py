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
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
"""Evidence is a photo or a scan, not a video archive; it is also kept in the database."""
PATH_LIMIT = 500
"""``ProgressUpdate.attachment_path`` is a VARCHAR(500)."""
_UNSAFE = set('<>:"/\\|?*')


def commitment_folder(commitment_id: int) -> Path:
    return config.data_dir() / ATTACHMENTS_FOLDER / f"commitment-{commitment_id}"


# What opens as a document or a picture; anything else (.exe, .bat, .lnk, .js …) could
# run a program when opened, so the clerk is asked first.
DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".ofd", ".doc", ".docx", ".wps", ".wpt", ".rtf", ".odt", ".xls", ".xlsx", ".et",
    ".ods", ".csv", ".ppt", ".pptx", ".dps", ".odp", ".txt", ".jpg", ".jpeg", ".png", ".gif",
    ".bmp", ".tif", ".tiff", ".webp", ".heic",
})


def attachment_file(stored_path: str) -> Path:
    """The file of a progress update's ``attachment_path``, inside the attachments folder.

    The stored path comes from the database, which another clerk or an imported file may
    have written: an absolute path, or one that climbs out with ``..``, is refused.
    """
    root = (config.data_dir() / ATTACHMENTS_FOLDER).resolve()
    relative = PurePosixPath(stored_path.replace("\\", "/"))
    if relative.is_absolute() or Path(stored_path).is_absolute() or ":" in stored_path:
        raise DomainError(f"附件路径“{stored_path}”不在附件文件夹中，为安全起见不打开。")
    path = (config.data_dir() / relative).resolve()
    if not path.is_relative_to(root):
        raise DomainError(f"附件路径“{stored_path}”不在附件文件夹中，为安全起见不打开。")
    return path


def is_document(path: Path) -> bool:
    """A document or a picture (opening it runs no program of its own)."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def safe_file_name(name: str) -> str:
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
        target = _free_target(folder, safe_file_name(source.name))
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
    copy, stored = (None, "") if attachment is None else copy_attachment(
        commitment_id, Path(attachment)
    )
    try:
        content = None if copy is None else copy.read_bytes()
        return add_progress(
            db,
            commitment_id,
            recorded_on=recorded_on,
            note=note,
            percent=percent,
            evidence_note=evidence_note,
            attachment_path=stored,
            attachment_content=content,
            expected_version=expected_version,
        )
    except BaseException:
        if copy is not None:
            _remove(copy)
        raise


def local_attachment(db: Database, progress_id: int, stored_path: str) -> Path:
    """The attachment's file in this PC's data folder, written from the database when it
    is not there yet (another clerk of a shared database attached it, or the data folder
    was moved). Raises ``DomainError`` when neither has it."""
    path = attachment_file(stored_path)
    if path.is_file():
        return path
    from sqlalchemy import select

    from alliance_desk.storage.models import AttachmentContent

    with db.reading() as session:
        content = session.scalar(
            select(AttachmentContent.content).where(
                AttachmentContent.progress_update_id == progress_id
            )
        )
    if content is None:
        raise DomainError(f"附件“{path.name}”既不在本机的数据文件夹中，也没有保存在数据库里。")
    return write_local_copy(path, content)


def write_local_copy(path: Path, content: bytes) -> Path:
    """``content`` written to ``path`` in the data folder as a whole (never half a file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(content)
        partial.replace(path)
    except OSError as exc:
        raise DomainError(f"无法把附件写到数据文件夹：{exc.strerror or exc}") from exc
    return path
