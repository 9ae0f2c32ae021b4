"""Units of work: the only way the UI and the CLI read and change data.

The names below are imported when first used, so a caller that needs one small module of
``services`` (the quick agenda reader of ``print agenda``) does not pay for SQLAlchemy.
"""

from typing import TYPE_CHECKING

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError, ValidationError
from alliance_desk.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from alliance_desk.services.database import Database

__all__ = ["ConflictError", "Database", "DomainError", "NotFoundError", "ValidationError"]

__getattr__ = lazy_exports(__name__, {"database": ["Database"]})
