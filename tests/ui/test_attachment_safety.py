"""打开附件: never outside the attachments folder; a program is opened only when asked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import create_commitment, transition
from alliance_desk.services.commitments.attachments import add_progress_with_attachment
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.commitments.page import CommitmentsPage
from alliance_desk.ui.navigation import PageContext, area


def _commitment_with(db: Database, attachment: Path) -> int:
    community = create_unit(db, UnitInput(name="东湖社区", category=UnitCategory.COMMUNITY))
    bureau = create_unit(db, UnitInput(name="区民政局", category=UnitCategory.GOVERNMENT))
    alliance = create_alliance(db, AllianceInput(name="东片联盟")).alliance.id
    add_members(db, alliance, [community.unit.id, bureau.unit.id], joined_on=date(2020, 1, 1))
    today = local_today()
    made = create_commitment(
        db, alliance_id=alliance, promisor_unit_id=bureau.unit.id,
        promisee_unit_id=community.unit.id, direction=CommitmentDirection.UNIT_TO_COMMUNITY,
        content="开展助老服务", category="志愿服务", made_on=today - timedelta(days=30),
        due_on=today + timedelta(days=30),
    )
    transition(db, made.id, CommitmentState.ACCEPTED, on=today - timedelta(days=20),
               expected_version=made.version)
    add_progress_with_attachment(db, made.id, recorded_on=today - timedelta(days=10),
                                 note="已开展", percent=30, attachment=attachment)
    return made.id


@pytest.mark.parametrize(("answer", "opens"), [(False, False), (True, True)])
def test_a_program_attached_as_evidence_is_opened_only_after_asking(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    answer: bool, opens: bool,
) -> None:
    program = tmp_path / "证明材料.bat"
    program.write_text("echo hi", encoding="utf-8")
    commitment_id = _commitment_with(db, program)
    page = CommitmentsPage(PageContext(db, area("commitments"), lambda *_a: None))
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_detail(commitment_id)
    assert dialog is not None
    table = dialog.progress_table
    table.selectionModel().select(
        table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if answer else QMessageBox.StandardButton.No

    opened: list[QUrl] = []
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert dialog.open_attachment() is opens
    assert len(asked) == 1 and ".bat" in asked[0]
    assert bool(opened) is opens
    dialog.close()
