"""书记一号工程 prints: 任务书 with one 责任书 per unit, the project card, the 督查通报."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.core.projects import WARNING_RULE
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.paged import DocumentPack
from alliance_desk.documents.richtext import element, heading, paragraph
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP, long_date

if TYPE_CHECKING:
    from alliance_desk.services.projects.records import InspectionRow, ProjectDetail
    from alliance_desk.services.projects.tasks import TaskItemRow, TaskSheet

__all__ = [
    "BULLETIN_LANDSCAPE",
    "CARD_LANDSCAPE",
    "TASKS_LANDSCAPE",
    "inspection_bulletin_document",
    "project_card_document",
    "tasks_document",
]

TASKS_LANDSCAPE = True
CARD_LANDSCAPE = False
BULLETIN_LANDSCAPE = False
DENSE_PT = 10.5
_TASK_HEADER = (
    "序号",
    "类别",
    "任务内容",
    "目标",
    "措施",
    "责任单位\n责任人",
    "完成时限",
    "节点",
    "进展",
)
_TASK_WIDTHS = (4, 7, 17, 13, 14, 13, 11, 11, 10)
_TASK_ALIGN = ("center", "center", None, None, None, None, "center", None, "center")


def _day(value: date | None) -> str:
    return "—" if value is None else f"{value:%Y-%m-%d}"


def _task_cells(item: TaskItemRow) -> list[str]:
    who = item.unit_name + ("\n" + item.responsible_person if item.responsible_person else "")
    return [
        str(item.seq),
        item.category,
        item.content,
        item.target,
        item.measures,
        who,
        _day(item.due_on),
        item.nodes,
        f"{item.status_label}\n{item.percent}%",
    ]


def _task_table(items: list[TaskItemRow]) -> LongTable:
    return LongTable(
        _TASK_HEADER, [_task_cells(i) for i in items], widths=_TASK_WIDTHS, align=_TASK_ALIGN
    )


def tasks_document(sheet: TaskSheet, *, printed_on: date) -> DocumentPack:
    """The 任务书, then one 责任书 per responsible unit (each from a new page)."""
    facts = GAP.join(
        [
            f"下达单位：{sheet.issuer or '—'}",
            f"下达日期：{long_date(sheet.issued_on) if sheet.issued_on else '—'}",
            f"任务 {len(sheet.items)} 项，已完成 {sheet.done} 项，逾期 {sheet.overdue} 项",
        ]
    )
    front: list[Part] = [title_markup(sheet.title) + paragraph(facts, class_="center")]
    if sheet.items:
        front.append(_task_table(list(sheet.items)))
    else:
        front.append(paragraph("（本年度任务书尚无任务）", class_="center"))
    documents = [LongTableDocument(front, body_pt=DENSE_PT, title=sheet.title)]
    for _unit_id, unit_name, items in sheet.by_unit():
        documents.append(_pledge(sheet, unit_name, items, printed_on))
    return DocumentPack(documents, title=sheet.title)


def _pledge(
    sheet: TaskSheet, unit_name: str, items: list[TaskItemRow], on: date
) -> LongTableDocument:
    title = f"{sheet.year}年度抓基层党建“书记一号工程”责任书"
    intro = (
        f"为压实抓基层党建工作责任，根据《{sheet.title}》，{unit_name}承担下列任务，"
        "书记为第一责任人，按期保质完成，接受街道党工委督查和年终考核。"
    )
    signatures = element(
        "table",
        element(
            "tr",
            element(
                "td",
                f"下达单位：{sheet.issuer or '街道党工委'}（盖章）\n\n"
                "负责人签字：____________\n\n____年____月____日",
            ),
            element(
                "td",
                f"责任单位：{unit_name}（盖章）\n\n书记签字：____________\n\n____年____月____日",
            ),
        ),
        width="100%",
        style="margin-top: 24px",
    )
    parts: list[Part] = [
        title_markup(title)
        + paragraph(f"责任单位：{unit_name}", class_="center")
        + paragraph(intro, class_="indent"),
        _task_table(items),
        signatures,
    ]
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)


# --- project card -------------------------------------------------------------------------------
def _facts_table(rows: list[tuple[str, str, str, str]]) -> LongTable:
    return LongTable(
        ("项目", "内容", "项目", "内容"),
        [list(r) for r in rows],
        widths=(15, 35, 15, 35),
        align=("center", None, "center", None),
    )


def project_card_document(detail: ProjectDetail, *, printed_on: date) -> LongTableDocument:
    """书记项目卡: what was declared, its review, its milestones, visits and inspections."""
    title = f"书记项目：{detail.name}"
    review = "—"
    if detail.review_result is not None:
        review = detail.review_result.label + (
            f"（{detail.review_comment}）" if detail.review_comment else ""
        )
    grade = detail.acceptance_grade.label if detail.acceptance_grade else "—"
    state = detail.state.label
    if detail.postpone_reason:
        state += f"（延期：{detail.postpone_reason}）"
    if detail.terminate_reason:
        state += f"（终止：{detail.terminate_reason}）"
    facts = [
        ("编号", detail.code, "类别", detail.category.label),
        (
            "领办书记",
            f"{detail.secretary_name} {detail.secretary_title}".strip(),
            "党组织",
            detail.unit_name,
        ),
        (
            "计划起止",
            f"{_day(detail.planned_start)} 至 {_day(detail.planned_end)}",
            "经费",
            f"{detail.budget:,.2f} 元",
        ),
        ("状态", state, "立项意见", review),
        ("验收等次", grade, "结项日期", _day(detail.closed_on)),
    ]
    parts: list[Part] = [
        title_markup(title) + paragraph(f"打印日期：{long_date(printed_on)}", class_="center"),
        _facts_table(facts),
        heading("一、拟解决问题") + paragraph(detail.problem or "—", class_="indent"),
        heading("二、内容措施") + paragraph(detail.measures or "—", class_="indent"),
        heading("三、预期成效") + paragraph(detail.expected or "—", class_="indent"),
        heading("四、进度节点（倒排工期）"),
    ]
    if detail.milestones:
        parts.append(
            LongTable(
                (
                    "序号",
                    "节点",
                    "工期\n（工作日）",
                    "计划开始",
                    "计划完成",
                    "实际完成",
                    "完成度",
                    "状态",
                    "预警",
                ),
                [
                    [
                        str(m.seq),
                        m.name,
                        str(m.duration),
                        _day(m.planned_start),
                        _day(m.planned_on),
                        _day(m.actual_on),
                        f"{m.percent}%",
                        m.state.label,
                        "—" if m.alert.value == "none" else m.alert.label,
                    ]
                    for m in detail.milestones
                ],
                widths=(5, 13, 8, 13, 13, 13, 8, 13, 14),
                align=(
                    "center",
                    None,
                    "center",
                    "center",
                    "center",
                    "center",
                    "right",
                    "center",
                    "center",
                ),
            )
        )
        parts.append(paragraph(WARNING_RULE))
    else:
        parts.append(paragraph("（尚未排定节点）"))
    parts.append(heading("五、现场办公"))
    if detail.visits:
        parts.append(
            LongTable(
                ("日期", "地点", "参加人员", "协调事项", "办理结果"),
                [
                    [_day(v.visited_on), v.place, v.participants, v.issues, v.outcome]
                    for v in detail.visits
                ],
                widths=(13, 15, 18, 27, 27),
                align=("center", None, None, None, None),
            )
        )
    else:
        parts.append(paragraph("（无）"))
    parts.append(heading("六、督查情况"))
    if detail.inspections:
        parts.append(
            LongTable(
                ("日期", "方式", "发现问题", "整改要求", "整改时限", "状态"),
                [
                    [
                        _day(i.inspected_on),
                        i.method.label,
                        i.problem,
                        i.requirement,
                        _day(i.fix_by),
                        i.status_label,
                    ]
                    for i in detail.inspections
                ],
                widths=(13, 10, 27, 26, 13, 11),
                align=("center", "center", None, None, "center", "center"),
            )
        )
    else:
        parts.append(paragraph("（无）"))
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)


# --- 督查通报 ------------------------------------------------------------------------------------
def inspection_bulletin_document(
    rows: list[InspectionRow], *, year: int, today: date, printed_on: date, issuer: str = ""
) -> LongTableDocument:
    """督查通报: the figures, then every problem with its requirement and whether it is closed."""
    title = f"{year}年度抓基层党建工作督查通报"
    closed = sum(1 for r in rows if r.closed_on is not None)
    overdue = sum(1 for r in rows if r.overdue)
    units = len({r.unit_name for r in rows})
    rate = f"{closed / len(rows) * 100:.1f}%" if rows else "—"
    by_method: dict[str, int] = {}
    for r in rows:
        by_method[r.method.label] = by_method.get(r.method.label, 0) + 1
    methods = "、".join(f"{k} {v} 次" for k, v in by_method.items()) or "无"
    summary = (
        f"截至{long_date(today)}，街道党工委对各单位抓基层党建工作和书记项目推进情况开展督查"
        f"（{methods}），涉及 {units} 个单位，发现问题 {len(rows)} 个，已整改销号 {closed} 个，"
        f"销号率 {rate}；逾期未整改 {overdue} 个。现将有关情况通报如下。"
    )
    parts: list[Part] = [
        title_markup(title),
        paragraph(summary, class_="indent"),
        heading("一、督查发现的问题及整改情况"),
    ]
    if rows:
        parts.append(
            LongTable(
                (
                    "序号",
                    "督查日期\n方式",
                    "责任单位\n（项目）",
                    "发现问题",
                    "整改要求\n整改时限",
                    "整改情况",
                ),
                [
                    [
                        str(n),
                        f"{_day(r.inspected_on)}\n{r.method.label}",
                        r.unit_name + (f"\n{r.project_code}" if r.project_code else ""),
                        r.problem,
                        f"{r.requirement}\n{_day(r.fix_by)}",
                        r.status_label
                        + (f"（{_day(r.closed_on)}）\n{r.close_note}" if r.closed_on else ""),
                    ]
                    for n, r in enumerate(rows, start=1)
                ],
                widths=(6, 13, 22, 20, 20, 19),
                align=("center", "center", None, None, None, None),
            )
        )
    else:
        parts.append(paragraph("（本年度尚无督查记录）"))
    parts.append(
        heading("二、工作要求")
        + paragraph(
            "对尚未销号的问题，责任单位要对照整改要求，在整改时限内完成整改并报送佐证材料；"
            "逾期未整改的，纳入年终考核扣分。",
            class_="indent",
        )
        + element("p", issuer or "街道党工委", style="margin-top: 16px", align="right")
        + paragraph(long_date(printed_on), class_="right")
    )
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)
