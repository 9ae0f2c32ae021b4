"""四项清单 (needs, resources, projects, responsibilities): states, rates, matching,
masking and wall-posting adjustments. Pure Python: no Qt, no SQLAlchemy, no clock."""
