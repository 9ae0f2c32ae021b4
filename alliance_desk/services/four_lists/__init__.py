"""四项清单: needs, resources, projects, claims (as commitments), resident ratings, wall
postings, statistics and the needs import. Rules live in ``core.four_lists``."""
