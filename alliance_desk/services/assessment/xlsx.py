"""The year's assessment as an .xlsx: weights, results, raw figures, ballots, surveys.

The 综合考核结果 sheet holds every indicator's score in a column named as on the
指标权重 sheet, with 加分 and 扣分, so 综合分 can be recomputed in the same file:
Σ(权重 × 分项) ÷ 100 + 加分 − 扣分 (a missing score counts 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alliance_desk.core.assessment import BALLOT_FORMULA, SURVEY_FORMULA, ballot_score
from alliance_desk.services.assessment.results import AssessmentReport
from alliance_desk.services.assessment.setup import BallotLine, SurveyRow
from alliance_desk.services.reports.xlsx_book import Sheet, write_workbook

WEIGHTS_SHEET = "指标权重"
RESULTS_SHEET = "综合考核结果"


def assessment_sheets(
    report: AssessmentReport, ballots: list[BallotLine], surveys: list[SurveyRow]
) -> list[Sheet]:
    weights = report.setup.counted
    weight_rows: list[list[Any]] = [
        [w.indicator.name, w.weight, w.indicator.formula, w.indicator.source] for w in weights
    ]
    weight_rows.append(["合计", sum(w.weight for w in weights), report.formula, ""])
    names = [w.indicator.name for w in weights]
    result_rows = [
        [
            line.rank,
            line.unit_name,
            *(p.score for p in line.parts),
            line.bonus,
            line.penalty,
            line.cap.label if line.cap else "",
            line.total,
            line.grade.label,
            "；".join(line.reasons),
        ]
        for line in report.lines
    ]
    raw_rows = [[line.unit_name, *(p.detail for p in line.parts)] for line in report.lines]
    ballot_rows = [
        [
            b.group.name,
            b.group.weight,
            b.unit_name,
            b.votes.good,
            b.votes.fairly_good,
            b.votes.average,
            b.votes.poor,
            b.votes.valid,
            _round(ballot_score(b.votes)),
        ]
        for b in ballots
    ]
    survey_rows = [
        [
            s.unit_name,
            s.participants,
            s.satisfied,
            s.basically_satisfied,
            s.unsatisfied,
            _round(s.rate),
        ]
        for s in surveys
    ]
    return [
        Sheet(
            WEIGHTS_SHEET,
            ["指标", "权重（%）", "计分公式", "数据来源"],
            weight_rows,
            widths=(20, 10, 70, 16),
            bold_rows={len(weight_rows) - 1},
        ),
        Sheet(
            RESULTS_SHEET,
            [
                "排名",
                "成员单位",
                *names,
                "加分",
                "扣分",
                "一票否决等次上限",
                "综合分",
                "等次",
                "加减分及否决事由",
            ],
            result_rows,
            widths=(6, 30, *(12,) * len(names), 8, 8, 14, 10, 8, 40),
        ),
        Sheet("分项原始数据", ["成员单位", *names], raw_rows, widths=(30, *(18,) * len(names))),
        Sheet(
            "述职评议汇总",
            ["评议组", "评议组权重", "成员单位", "好", "较好", "一般", "差", "有效票", "折算分"],
            [*ballot_rows, [BALLOT_FORMULA]],
            widths=(12, 10, 30, 6, 6, 6, 6, 8, 10),
        ),
        Sheet(
            "满意度测评汇总",
            ["成员单位", "参评人数", "满意", "基本满意", "不满意", "满意率（%）"],
            [*survey_rows, [SURVEY_FORMULA]],
            widths=(30, 10, 8, 10, 8, 12),
        ),
    ]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def write_assessment_xlsx(
    report: AssessmentReport, ballots: list[BallotLine], surveys: list[SurveyRow], path: Path
) -> Path:
    return write_workbook(Path(path), assessment_sheets(report, ballots, surveys))
