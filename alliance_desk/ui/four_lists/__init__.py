"""四项清单 page: needs, resources, matching and projects, claims, wall postings, resident
ratings and statistics."""
