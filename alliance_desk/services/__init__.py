"""Units of work: the only way the UI and the CLI read and change data."""

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError, ValidationError
from alliance_desk.services.database import Database

__all__ = ["ConflictError", "Database", "DomainError", "NotFoundError", "ValidationError"]
