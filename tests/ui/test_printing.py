"""The 打印… button, 另存为 PDF without the file dialog, print preview, error messages."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import ModalCloser, activate

import alliance_desk.ui.printing as printing
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.documents.compose import new_document
from alliance_desk.documents.richtext import paragraph, title
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.clock import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.register.units_page import UnitsPage

UNITS = [
    ("人民路社区", UnitCategory.COMMUNITY, "王立民"),
    ("市人民医院", UnitCategory.INSTITUTION, "高方"),
    ("市民政局", UnitCategory.GOVERNMENT, "李行"),
    ("用方行高立一科技有限公司", UnitCategory.PRIVATE_ENTERPRISE, "张一"),
]


def _pdf_text(path: Path) -> str:
    """All text of the PDF, without whitespace (cells wrap differently per extractor)."""
    pages = pypdf.PdfReader(path, strict=True).pages
    return "".join("".join(page.extract_text().split()) for page in pages)


def _seed(db: Database) -> None:
    for name, category, secretary in UNITS:
        create_unit(db, UnitInput(name=name, category=category, secretary=secretary))


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> UnitsPage:
    _seed(db)
    units_page = UnitsPage(db)
    qtbot.addWidget(units_page)
    units_page.show()
    return units_page


@pytest.fixture(autouse=True)
def no_file_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches the real (modal) file dialog fails instead of hanging."""

    def refuse(*_args: object, **_kwargs: object) -> tuple[str, str]:
        raise AssertionError("the modal file dialog was opened in a test")

    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", refuse)


@pytest.fixture
def suggested_names(monkeypatch: pytest.MonkeyPatch, pdf_path: Path) -> list[str]:
    """The file dialog is bypassed: 另存为 PDF saves to ``pdf_path``; records the names offered."""
    asked: list[str] = []

    def ask(_parent: object, suggested_name: str) -> Path:
        asked.append(suggested_name)
        return pdf_path

    monkeypatch.setattr(printing, "ask_pdf_path", ask)
    return asked


@pytest.fixture
def pdf_path(tmp_path: Path) -> Path:
    return tmp_path / "名册.pdf"


def _saved_notes(page: UnitsPage) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets() + page.findChildren(QMessageBox)
        if isinstance(w, QMessageBox) and w.objectName() == "pdfSavedNote" and w.isVisible()
    ]


def test_units_page_prints_the_visible_rows_to_pdf(
    qtbot: QtBot, page: UnitsPage, pdf_path: Path, suggested_names: list[str]
) -> None:
    page.search.setText("人民")  # QTest.keyClicks only types ASCII
    visible = [unit.name for unit in page.model.visible_rows()]
    assert visible == ["人民路社区", "市人民医院"]

    page.print_button.save_action.trigger()

    assert pdf_path.exists()
    assert suggested_names == [f"成员单位名册（筛选结果）_{local_today():%Y%m%d}.pdf"]
    text = _pdf_text(pdf_path)
    assert text.startswith("成员单位名册（筛选结果）共2个单位")
    assert "1人民路社区" in text and "2市人民医院" in text
    for name, *_ in UNITS:
        if name not in visible:
            assert name not in text
    qtbot.waitUntil(lambda: bool(_saved_notes(page)))
    assert str(pdf_path) in _saved_notes(page)[0].text()


def test_whole_sorted_register_is_printed_in_the_shown_order(
    page: UnitsPage, pdf_path: Path, suggested_names: list[str]
) -> None:
    assert not page.filters_active()
    page.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # 书记
    shown = [unit.name for unit in page.model.visible_rows()]
    assert len(shown) == len(UNITS)

    page.print_button.save_action.trigger()

    text = _pdf_text(pdf_path)
    assert text.startswith("成员单位名册共4个单位")
    assert "筛选结果" not in text
    positions = [text.find(f"{n}{name}") for n, name in enumerate(shown, start=1)]
    assert -1 not in positions and positions == sorted(positions)
    assert pypdf.PdfReader(pdf_path).pages[0].mediabox.width > 800  # landscape A4


def test_category_filter_counts_as_a_filter(
    page: UnitsPage, pdf_path: Path, suggested_names: list[str]
) -> None:
    page.category.setCurrentIndex(page.category.findData(UnitCategory.GOVERNMENT))
    assert page.print_job().title == "成员单位名册（筛选结果）"
    page.print_button.save_action.trigger()
    text = _pdf_text(pdf_path)
    assert "市民政局" in text and "人民路社区" not in text


def test_print_button_has_ctrl_p_and_three_choices(page: UnitsPage) -> None:
    button = page.print_button
    assert button.text() == "打印名册"
    assert button.shortcut() == QKeySequence("Ctrl+P")
    assert [a.text() for a in button.menu().actions()] == [
        "预览并打印(&V)…",
        "直接打印(&P)…",
        "另存为 PDF(&S)…",
    ]


def test_cancelled_save_writes_nothing(
    page: UnitsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "ask_pdf_path", lambda _parent, _name: None)
    assert page.print_button.save_as_pdf() is None
    assert not list(tmp_path.glob("*.pdf"))


def test_failed_save_explains_in_chinese(
    qtbot: QtBot,
    page: UnitsPage,
    tmp_path: Path,
    modal_closer: ModalCloser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = new_document(title("人民") + paragraph("一"))
    missing = tmp_path / "没有的文件夹" / "名册.pdf"
    assert printing.save_pdf_to(page, document, missing) is None
    assert "不存在" in modal_closer.texts[-1]

    import alliance_desk.documents.pdf as pdf_module

    def locked(*_args: object, **_kwargs: object) -> Path:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(pdf_module, "write_pdf", locked)
    assert printing.save_pdf_to(page, document, tmp_path / "名册.pdf") is None
    assert "其他程序" in modal_closer.texts[-1]
    assert QApplication.overrideCursor() is None  # the busy cursor is gone again


def test_describe_save_error(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    assert "不存在" in printing.describe_save_error(
        FileNotFoundError(errno.ENOENT, "x"), tmp_path / "no" / "a.pdf"
    )
    assert "正被其他程序" in printing.describe_save_error(
        PermissionError(errno.EACCES, "x"), target
    )
    assert "正被其他程序" in printing.describe_save_error(OSError("无法开始打印"), target)
    assert "磁盘空间不足" in printing.describe_save_error(OSError(errno.ENOSPC, "full"), target)


def test_file_name_is_safe_for_windows() -> None:
    job = printing.PrintJob('A/B:C*"联盟"? ', lambda: new_document(paragraph("")))
    assert job.file_name(date(2025, 1, 2)) == "A_B_C__联盟___20250102.pdf"


def test_alliance_roster_job_needs_a_selection(
    qtbot: QtBot, db: Database, modal_closer: ModalCloser
) -> None:
    with pytest.raises(DomainError):
        printing.alliance_roster_job(None)
    button = printing.PrintButton("打印本联盟名册", lambda: printing.alliance_roster_job(None))
    qtbot.addWidget(button)
    assert button.save_as_pdf() is None
    assert modal_closer.texts == ["请先选择一个联盟。"]


def test_alliance_roster_job_saves_the_roster(
    qtbot: QtBot, db: Database, pdf_path: Path, suggested_names: list[str]
) -> None:
    from alliance_desk.services.alliances import get_alliance
    from alliance_desk.services.units import list_units

    _seed(db)
    alliance = create_alliance(
        db, AllianceInput(name="人民路党建联盟", lead_organisation="街道党工委")
    )
    add_members(
        db, alliance.alliance.id, [u.id for u in list_units(db)], joined_on=date(2023, 1, 1)
    )
    detail = get_alliance(db, alliance.alliance.id)
    button = printing.PrintButton("打印本联盟名册", lambda: printing.alliance_roster_job(detail))
    qtbot.addWidget(button)
    assert button.save_as_pdf() == pdf_path
    text = _pdf_text(pdf_path)
    assert text.startswith("人民路党建联盟成员名册")
    for name, *_ in UNITS:
        assert name in text
    assert pypdf.PdfReader(pdf_path).pages[0].mediabox.height > 800  # portrait A4


def test_preview_dialog_paints_the_document(qtbot: QtBot, page: UnitsPage) -> None:
    job = page.print_job()
    dialog = printing.build_preview_dialog(page, job.build(), title=job.title, landscape=True)
    qtbot.addWidget(dialog)
    painted: list[int] = []
    dialog.paintRequested.connect(
        lambda printer: painted.append(printer.pageLayout().orientation())
    )
    assert dialog.windowTitle() == "打印预览 - 成员单位名册"
    dialog.open()
    qtbot.waitUntil(lambda: bool(painted))
    dialog.reject()


def test_ctrl_p_opens_the_print_menu(qtbot: QtBot, page: UnitsPage) -> None:
    activate(qtbot, page)
    seen: list[str] = []

    def close_menu() -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            seen.extend(action.text() for action in popup.actions())
            popup.close()

    timer = QTimer()
    timer.timeout.connect(close_menu)
    timer.start(20)
    try:
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(seen))
    finally:
        timer.stop()
    assert seen[0] == "预览并打印(&V)…"


def test_ask_pdf_path_adds_the_suffix_and_remembers_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def answer(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(tmp_path / "名册"), ""

    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", answer)
    assert printing.ask_pdf_path(None, "成员单位名册.pdf") == tmp_path / "名册.pdf"
    assert printing.ask_pdf_path(None, "b.pdf") == tmp_path / "名册.pdf"
    assert offered[1] == str(tmp_path / "b.pdf")


def test_print_document_paints_after_the_print_dialog(
    page: UnitsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    options: list[bool] = []

    def accept(dialog: QPrintDialog) -> int:
        options.append(dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        return 1

    painted: list[tuple[str, object]] = []

    def paint(document: object, printer: object) -> int:
        painted.append((document.toPlainText(), printer.pageLayout().orientation()))  # type: ignore[attr-defined]
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    monkeypatch.setattr(printing, "paint_on_printer", paint)
    page.search.setText("民政")
    page.print_button.print_directly()
    assert options == [False]
    ((text, orientation),) = painted
    assert "市民政局" in text and "人民路社区" not in text
    assert orientation == QPageLayout.Orientation.Landscape

    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: 0)
    page.print_button.print_directly()  # cancelled: nothing painted
    assert len(painted) == 1


def _long_table_job() -> printing.PrintJob:
    from alliance_desk.documents.long_table import LongTable, LongTableDocument

    rows = [[str(n), f"人民路第{n}社区"] for n in range(1, 121)]
    table = LongTable(("序号", "单位名称"), rows, widths=(20, 80), align=("center", None))
    document = LongTableDocument([title("名单"), table], body_pt=12, title="名单")
    return printing.PrintJob("名单", lambda: document)


def test_a_document_painting_its_own_pages_saves_and_previews(
    qtbot: QtBot, page: UnitsPage, tmp_path: Path
) -> None:
    job = _long_table_job()
    path = printing.save_pdf_to(page, job.build, tmp_path / "名单.pdf", announce=False)
    assert path is not None
    text = _pdf_text(path)
    assert text.startswith("名单序号单位名称1人民路第1社区") and "120人民路第120社区" in text
    assert len(pypdf.PdfReader(path).pages) >= 3
    dialog = printing.build_preview_dialog(page, job.build(), title=job.title)
    qtbot.addWidget(dialog)
    pages: list[int] = []
    dialog.paintRequested.connect(
        lambda printer: pages.append(printing.paint_on_printer(job.build(), printer))
    )
    dialog.open()
    qtbot.waitUntil(lambda: bool(pages))
    assert pages[0] >= 3
    dialog.reject()
