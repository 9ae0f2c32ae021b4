"""The demo's four lists at the article's scale, consistent with the services' rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

from alliance_desk.core.four_lists.vocab import NeedSource, NeedState, ProjectState
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.commitments import get_commitment
from alliance_desk.services.demo import DEMO_TODAY
from alliance_desk.services.four_lists.claims import list_claims
from alliance_desk.services.four_lists.needs import list_needs
from alliance_desk.services.four_lists.postings import list_postings, preview_posting
from alliance_desk.services.four_lists.projects import list_projects, matching_suggestions
from alliance_desk.services.four_lists.ratings import list_ratings
from alliance_desk.services.four_lists.resources import list_resources
from alliance_desk.services.four_lists.stats import list_statistics, unit_claim_figures

TODAY = DEMO_TODAY


def test_figures_at_the_articles_scale(demo: Database) -> None:
    needs = list_needs(demo)
    assert len(needs) >= 600
    assert {n.source for n in needs} == set(NeedSource)
    assert len({n.code for n in needs}) == len(needs)
    assert len(list_resources(demo)) >= 300
    projects = list_projects(demo, today=TODAY)
    assert len(projects) >= 260
    states = Counter(p.state for p in projects)
    assert set(states) == set(ProjectState)
    rated = {r.project_id for r in list_ratings(demo)}
    finished = [p for p in projects if p.state in (ProjectState.DONE, ProjectState.RATED)]
    assert len([p for p in finished if p.id in rated]) >= 220
    assert all(p.state is ProjectState.RATED for p in projects if p.id in rated)
    assert all(p.claim_units for p in finished)
    assert any(p.unclaimed_too_long for p in projects)
    by_need_state = Counter(n.state for n in needs)
    assert set(by_need_state) == set(NeedState)


def test_claims_are_commitments_with_their_history(demo: Database) -> None:
    claims = list_claims(demo, today=TODAY)
    assert len(claims) >= 260
    projects = {p.id: p for p in list_projects(demo, today=TODAY)}
    for claim in claims[::20]:
        detail = get_commitment(demo, claim.commitment_id, today=TODAY)
        assert detail.promisee_name == projects[claim.project_id].community_name
        assert detail.history[-1].to_state is detail.state
        if projects[claim.project_id].state in (ProjectState.DONE, ProjectState.RATED):
            assert detail.state is CommitmentState.FULFILLED


def test_postings_stats_and_suggestions(demo: Database) -> None:
    postings = list_postings(demo)
    assert len(postings) >= 48 and sum(1 for p in postings if p.adjustments) >= 10
    alliance = postings[0]
    preview = preview_posting(demo, alliance_id=None, today=TODAY)
    assert preview.first and preview.lines
    stats = list_statistics(demo, year=TODAY.year, today=TODAY)
    assert stats.total.needs > 0 and 0 < (stats.total.satisfaction_rate or 0) <= 1
    assert (
        sum(
            list_statistics(demo, year=y, today=TODAY).total.good_deeds
            for y in (TODAY.year - 2, TODAY.year - 1, TODAY.year)
        )
        >= 220
    )
    figures = unit_claim_figures(demo, TODAY.year - 1)
    assert any(f.claimed for f in figures)
    assert all(f.claim_rate is None or 0 <= f.claim_rate <= 1 for f in figures)
    first_alliance = min(p.alliance_id for p in list_projects(demo, today=TODAY))
    assert matching_suggestions(demo, first_alliance)
    assert alliance.posted_on <= date(TODAY.year, 12, 31)


def test_projects_matched_at_a_meeting_are_on_its_agenda_with_the_outcome(
    demo: Database,
) -> None:
    from alliance_desk.core.four_lists.vocab import ProjectOrigin

    projects = list_projects(demo, today=DEMO_TODAY)
    matched = [p for p in projects if p.origin is ProjectOrigin.MEETING]
    assert len(matched) >= 60
    for project in matched:
        assert project.agenda_item_id is not None
        assert "议定：会议同意立项" in project.meeting_outcome, project.meeting_outcome
    assert all(p.agenda_item_id is None for p in projects if p.origin is not ProjectOrigin.MEETING)
