"""年终考核 rules: 折算分, 综合分, caps, 等次 and 排名, property-tested."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_desk.core.assessment import (
    GRADE_ORDER,
    Grade,
    GradeMode,
    GradeRule,
    VoteCounts,
    ballot_score,
    composite,
    grades,
    quota_count,
    ranks,
    review_score,
    survey_error,
    survey_rate,
    tally_error,
    weights_error,
)

counts = st.integers(0, 500)
totals = st.lists(
    st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 2)), min_size=0, max_size=60
)


@given(counts, counts, counts, counts)
def test_ballot_score_is_between_the_lowest_and_highest_coefficient(a, b, c, d) -> None:  # type: ignore[no-untyped-def]
    votes = VoteCounts(a, b, c, d)
    score = ballot_score(votes)
    if votes.valid == 0:
        assert score is None
    else:
        assert score is not None and 0 <= score <= 100
        assert score == pytest.approx((a * 1.0 + b * 0.8 + c * 0.6) / votes.valid * 100)


def test_ballot_score_example() -> None:
    # 30 好, 10 较好, 5 一般, 5 差: (30 + 8 + 3) / 50 × 100 = 82
    assert ballot_score(VoteCounts(30, 10, 5, 5)) == pytest.approx(82.0)


@given(counts, counts, counts, counts, counts, counts)
def test_tally_check(a, b, c, d, returned, issued) -> None:  # type: ignore[no-untyped-def]
    error = tally_error(VoteCounts(a, b, c, d), returned, issued)
    assert (error is None) == (a + b + c + d <= returned <= issued)


def test_review_score_weights_only_groups_with_votes() -> None:
    assert review_score([(40, 90.0), (60, None)]) == 90.0
    assert review_score([(40, 90.0), (60, 80.0)]) == pytest.approx(84.0)
    assert review_score([(40, None)]) is None


@given(counts, counts, counts, counts)
def test_survey_rate(participants, s, b, u) -> None:  # type: ignore[no-untyped-def]
    error = survey_error(participants, s, b, u)
    assert (error is None) == (s + b + u <= participants)
    rate = survey_rate(participants, s, b)
    if error is None and participants:
        assert rate is not None and 0 <= rate <= 100


weights = st.lists(st.integers(0, 100), min_size=1, max_size=8)


@given(weights)
def test_weights_must_add_up_to_100(ws: list[int]) -> None:
    error = weights_error({str(i): float(w) for i, w in enumerate(ws)})
    assert (error is None) == (sum(ws) == 100)


@given(
    st.lists(st.tuples(st.integers(0, 100), st.one_of(st.none(), st.floats(0, 100))), max_size=8),
    st.floats(0, 20),
    st.floats(0, 20),
)
def test_composite_is_the_printed_formula(parts, bonus, penalty) -> None:  # type: ignore[no-untyped-def]
    total = composite(parts, bonus, penalty)
    expected = sum(w * (s or 0) for w, s in parts) / 100 + bonus - penalty
    assert total == pytest.approx(expected, abs=0.006)


@given(totals)
def test_ranks_are_competition_ranks(values: list[float]) -> None:
    result = ranks(values)
    for i, r in enumerate(result):
        assert r == 1 + sum(1 for v in values if v > values[i])


caps = st.one_of(st.none(), st.sampled_from([Grade.FAIR, Grade.POOR]))


@given(st.data(), totals, st.floats(0, 100), st.floats(0, 100))
def test_quota_grades_respect_quotas_order_and_caps(data, values, excellent, good) -> None:  # type: ignore[no-untyped-def]
    if excellent + good > 100:
        good = 100 - excellent
    unit_caps = data.draw(st.lists(caps, min_size=len(values), max_size=len(values)))
    rule = GradeRule(
        mode=GradeMode.QUOTAS, excellent_quota=excellent, good_quota=good, fair_from=60
    )
    result = grades(values, unit_caps, rule)
    free = [i for i, c in enumerate(unit_caps) if c is None]
    assert sum(1 for g in result if g is Grade.EXCELLENT) <= quota_count(excellent, len(free))
    assert sum(1 for g in result if g is Grade.GOOD) <= quota_count(good, len(free))
    for i, cap in enumerate(unit_caps):
        if cap is not None:
            assert GRADE_ORDER.index(result[i]) >= GRADE_ORDER.index(cap)
        if values[i] < 60:
            assert result[i] is Grade.POOR
    # among uncapped units a higher total never gets a worse grade
    for i in free:
        for j in free:
            if values[i] > values[j]:
                assert GRADE_ORDER.index(result[i]) <= GRADE_ORDER.index(result[j])


@given(st.data(), totals)
def test_threshold_grades(data, values) -> None:  # type: ignore[no-untyped-def]
    unit_caps = data.draw(st.lists(caps, min_size=len(values), max_size=len(values)))
    rule = GradeRule()
    for total, cap, grade in zip(values, unit_caps, grades(values, unit_caps, rule), strict=True):
        expected = (
            Grade.EXCELLENT
            if total >= 90
            else Grade.GOOD
            if total >= 80
            else Grade.FAIR
            if total >= 60
            else Grade.POOR
        )
        if cap is not None and GRADE_ORDER.index(cap) > GRADE_ORDER.index(expected):
            expected = cap
        assert grade is expected


def test_quota_tie_at_the_edge_goes_down_together() -> None:
    rule = GradeRule(mode=GradeMode.QUOTAS, excellent_quota=20, good_quota=40, fair_from=60)
    result = grades([95, 90, 90, 85, 70], [None] * 5, rule)
    # one 优秀 slot; then 2 良好 slots for the tie at 90
    assert result == [Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.FAIR, Grade.FAIR]


def test_bad_grade_rules_are_explained() -> None:
    assert GradeRule(excellent_from=70, good_from=80).error()
    assert GradeRule(mode=GradeMode.QUOTAS, excellent_quota=70, good_quota=40).error()
    assert GradeRule().error() is None
