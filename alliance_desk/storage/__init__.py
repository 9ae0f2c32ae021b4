"""Persistence: SQLAlchemy models, engine factory, schema upgrades, backups, audit."""
