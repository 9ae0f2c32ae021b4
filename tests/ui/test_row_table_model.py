from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from alliance_desk.ui.models.row_table import ROW_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Item:
    name: str
    phone: str
    count: int
    active: bool


ROWS = [
    Item("市人民医院", "13912345678", 56, True),
    Item("ＡＢＣ物业公司", "0436-6221234", 12, True),
    Item("市民政局", "13800000000", 30, False),
    Item("人民路社区", "13700000000", 8, True),
]

COLUMNS = [
    Column[Item]("名称", lambda r: r.name, searchable=True),
    Column[Item]("电话", lambda r: r.phone, searchable=True),
    Column[Item]("党员", lambda r: str(r.count), sort_key=lambda r: r.count, numeric=True),
]


def _model() -> RowTableModel[Item]:
    model: RowTableModel[Item] = RowTableModel(COLUMNS, muted=lambda r: not r.active)
    model.set_rows(ROWS)
    return model


def _names(model: RowTableModel[Item]) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = _model()
    qtmodeltester.check(model)
    model.set_search_text("人民")
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_search_is_width_and_case_insensitive_and_narrows() -> None:
    model = _model()
    model.set_search_text("abc")
    assert _names(model) == ["ＡＢＣ物业公司"]
    model.set_search_text("人民")
    assert _names(model) == ["市人民医院", "人民路社区"]
    model.set_search_text("人民 医院")
    assert _names(model) == ["市人民医院"]
    model.set_search_text("0436")
    assert _names(model) == ["ＡＢＣ物业公司"]
    model.set_search_text("")
    assert len(_names(model)) == 4


def test_sort_by_key_keeps_filter_and_persistent_selection() -> None:
    model = _model()
    model.set_predicate(lambda r: r.active)
    selected = QPersistentModelIndex(model.index(0, 0))
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["人民路社区", "ＡＢＣ物业公司", "市人民医院"]
    assert selected.data() == "市人民医院"
    assert model.index(2, 0).data(ROW_ROLE) == ROWS[0]


def test_muted_rows_are_grey() -> None:
    model = _model()
    row = model.view_row_of(lambda r: r.name == "市民政局")
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_search_by_pinyin_and_sort_by_pinyin() -> None:
    from alliance_desk.ui.models.row_table import Column, RowTableModel

    model: RowTableModel[str] = RowTableModel(
        [Column("名称", lambda name: name, searchable=True)]
    )
    model.set_rows(["中心社区", "翠园社区", "北关社区", "吉祥社区"])
    model.sort(0)
    assert model.visible_rows() == ["北关社区", "翠园社区", "吉祥社区", "中心社区"]
    model.set_search_text("cy")
    assert model.visible_rows() == ["翠园社区"]
    model.set_search_text("cuiyuan")
    assert model.visible_rows() == ["翠园社区"]
    model.set_search_text("翠园")
    assert model.visible_rows() == ["翠园社区"]


def test_ascii_and_chinese_needles_find_what_one_folded_text_would() -> None:
    """ASCII needles look in the ASCII runs and the pinyin, others in the folded text:
    together they must find exactly what a search of the whole text plus pinyin finds."""
    import itertools

    from alliance_desk.core.pinyin import search_forms
    from alliance_desk.ui.models.row_table import fold

    model = _model()
    wide = {r.name: fold(f"{r.name}\x1f{r.phone}") + "\x1f" + search_forms(r.name) for r in ROWS}
    needles = ["abc", "ab物", "0436-6", "138", "6-62", "人民", "sm", "shi", "minzheng", "c物业",
               "ｂｃ", "x", "1\x1f", "市 138", "rmyy 1391", "zz"]
    for text in itertools.chain(needles, (f"{a} {b}" for a, b in itertools.pairwise(needles))):
        model.set_search_text(text)
        expected = [r.name for r in ROWS if all(n in wide[r.name] for n in fold(text).split())]
        assert _names(model) == expected, text
    model.set_search_text("bc物")  # a needle across an ASCII run and Chinese
    assert _names(model) == ["ＡＢＣ物业公司"]


def test_rows_prepared_on_another_thread_behave_as_rows_set_directly() -> None:
    import threading

    from alliance_desk.ui.models.row_table import PreparedRows

    direct, prepared_model = _model(), RowTableModel(COLUMNS)
    prepared: list[PreparedRows[Item]] = []
    worker = threading.Thread(target=lambda: prepared.append(prepared_model.prepare(ROWS)))
    worker.start()
    worker.join()
    prepared_model.set_rows(prepared[0])
    for text in ("人民", "abc", "138", "rmyy", ""):
        direct.set_search_text(text)
        prepared_model.set_search_text(text)
        assert _names(prepared_model) == _names(direct), text
