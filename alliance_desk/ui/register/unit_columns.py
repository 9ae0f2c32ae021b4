"""The columns of the unit table, shared by the page and its export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from alliance_desk.services.units import UnitRow
from alliance_desk.ui.models.row_table import Column


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnitsPage", text)


def unit_columns() -> list[Column[UnitRow]]:
    return [
        Column(_tr("单位名称"), lambda r: r.name, searchable=True),
        Column(_tr("类别"), lambda r: r.category.label),
        Column(_tr("党组织"), lambda r: r.party_org_name),
        Column(_tr("书记"), lambda r: r.secretary, searchable=True),
        Column(_tr("联络员"), lambda r: r.liaison, searchable=True),
        Column(_tr("联系电话"), lambda r: r.phone, searchable=True),
        Column(
            _tr("党员数"),
            lambda r: str(r.party_member_count),
            sort_key=lambda r: r.party_member_count,
            numeric=True,
        ),
        Column(
            _tr("联盟数"),
            lambda r: str(r.alliance_count),
            sort_key=lambda r: r.alliance_count,
            numeric=True,
        ),
        Column(_tr("所属联盟"), lambda r: "、".join(r.alliance_names)),
        Column(_tr("状态"), lambda r: _tr("在用") if r.active else _tr("停用")),
    ]
