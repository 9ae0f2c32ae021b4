"""Evidence files on progress updates: copied into the data folder, recorded in the same
transaction, and removed again when the database refuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_commitments_support import World, make, world

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.commitments import get_commitment, transition
from alliance_desk.services.commitments.attachments import (
    add_progress_with_attachment,
    attachment_file,
    commitment_folder,
)

__all__ = ["world"]

DAY = date(2026, 2, 1)


def _accepted(db: Database, world: World) -> int:
    commitment = make(db, world)
    transition(
        db, commitment.id, CommitmentState.ACCEPTED, on=DAY, expected_version=commitment.version
    )
    return commitment.id


def _evidence(tmp_path: Path, name: str = "签到表.pdf", body: bytes = b"%PDF-1.4 evidence") -> Path:
    source = tmp_path / "outside" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(body)
    return source


def test_the_file_is_copied_into_the_data_folder_and_recorded(
    db: Database, world: World, data_dir: Path, tmp_path: Path
) -> None:
    commitment_id = _accepted(db, world)
    source = _evidence(tmp_path)

    detail = add_progress_with_attachment(
        db,
        commitment_id,
        recorded_on=DAY,
        note="完成第一次助老服务",
        percent=30,
        evidence_note="签到表一份",
        attachment=source,
    )

    entry = detail.progress[-1]
    assert entry.attachment_path == f"attachments/commitment-{commitment_id}/签到表.pdf"
    copy = attachment_file(entry.attachment_path)
    assert copy == data_dir / "attachments" / f"commitment-{commitment_id}" / "签到表.pdf"
    assert copy.read_bytes() == source.read_bytes()
    source.unlink()  # the original may go away: the copy stays
    assert copy.is_file()
    assert detail.state is CommitmentState.IN_PROGRESS
    assert get_commitment(db, commitment_id).progress[-1].evidence_note == "签到表一份"


def test_a_second_file_of_the_same_name_does_not_overwrite_the_first(
    db: Database, world: World, tmp_path: Path
) -> None:
    commitment_id = _accepted(db, world)
    first = add_progress_with_attachment(
        db,
        commitment_id,
        recorded_on=DAY,
        note="一",
        percent=10,
        attachment=_evidence(tmp_path, body=b"one"),
    )
    second = add_progress_with_attachment(
        db,
        commitment_id,
        recorded_on=DAY,
        note="二",
        percent=20,
        attachment=_evidence(tmp_path, body=b"two"),
    )
    paths = [p.attachment_path for p in second.progress]
    assert paths == [
        first.progress[-1].attachment_path,
        f"attachments/commitment-{commitment_id}/签到表(2).pdf",
    ]
    assert [attachment_file(p).read_bytes() for p in paths] == [b"one", b"two"]


def test_a_refused_update_leaves_no_copy_behind(db: Database, world: World, tmp_path: Path) -> None:
    proposed = make(db, world)  # not accepted yet: progress is refused
    with pytest.raises(DomainError, match="请先标记为已认领"):
        add_progress_with_attachment(
            db,
            proposed.id,
            recorded_on=DAY,
            note="做了",
            percent=10,
            attachment=_evidence(tmp_path),
        )
    assert not commitment_folder(proposed.id).exists()
    assert get_commitment(db, proposed.id).progress == ()


def test_a_stale_version_leaves_no_copy_and_no_update(
    db: Database, world: World, tmp_path: Path
) -> None:
    commitment_id = _accepted(db, world)
    stale = get_commitment(db, commitment_id).version - 1
    with pytest.raises(ConflictError):
        add_progress_with_attachment(
            db,
            commitment_id,
            recorded_on=DAY,
            note="做了",
            percent=10,
            attachment=_evidence(tmp_path),
            expected_version=stale,
        )
    folder = commitment_folder(commitment_id)
    assert not folder.exists() or not any(folder.iterdir())
    assert get_commitment(db, commitment_id).progress == ()


def test_a_missing_file_is_refused_at_its_field_before_anything_is_saved(
    db: Database, world: World, tmp_path: Path
) -> None:
    commitment_id = _accepted(db, world)
    with pytest.raises(DomainError, match="找不到文件") as raised:
        add_progress_with_attachment(
            db,
            commitment_id,
            recorded_on=DAY,
            note="做了",
            percent=10,
            attachment=tmp_path / "没有这个文件.jpg",
        )
    assert raised.value.field == "attachment"
    assert get_commitment(db, commitment_id).progress == ()


def test_without_a_file_it_is_a_plain_progress_update(db: Database, world: World) -> None:
    commitment_id = _accepted(db, world)
    detail = add_progress_with_attachment(
        db, commitment_id, recorded_on=DAY, note="做了", percent=10
    )
    assert detail.progress[-1].attachment_path == ""
    assert not commitment_folder(commitment_id).exists()


@pytest.mark.parametrize(
    "stored",
    ["/etc/passwd", "attachments/../../secret.txt", "../outside.pdf", "C:\\Windows\\x.exe",
     "attachments\\..\\..\\x.pdf"],
)
def test_a_stored_path_outside_the_attachments_folder_is_never_opened(stored: str) -> None:
    with pytest.raises(DomainError, match="不在附件文件夹中"):
        attachment_file(stored)


def test_only_documents_and_pictures_open_without_asking() -> None:
    from alliance_desk.services.commitments.attachments import is_document

    assert is_document(Path("签到表.PDF")) and is_document(Path("现场.jpg"))
    for name in ("setup.exe", "run.bat", "快捷方式.lnk", "macro.xlsm", "script.js", "noext"):
        assert not is_document(Path(name))


def test_another_clerk_opens_the_attachment_from_the_database(
    db: Database, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared database: the clerk who attached the file has it in their data folder; a
    clerk on another PC (another data folder) gets it from the database."""
    from alliance_desk.services.commitments.attachments import local_attachment

    commitment_id = _accepted(db, world)
    detail = add_progress_with_attachment(
        db, commitment_id, recorded_on=DAY, note="完成", percent=30,
        attachment=_evidence(tmp_path, body=b"%PDF-1.4 signed sheet"),
    )
    entry = detail.progress[-1]
    other_pc = tmp_path / "other-pc"
    other_pc.mkdir()
    monkeypatch.setenv("ALLIANCE_DESK_DATA_DIR", str(other_pc))
    assert not attachment_file(entry.attachment_path).exists()
    opened = local_attachment(db, entry.id, entry.attachment_path)
    assert opened.is_relative_to(other_pc) and opened.read_bytes() == b"%PDF-1.4 signed sheet"
