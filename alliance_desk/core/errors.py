"""The one error type a clerk reads: its message is Chinese and names the field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; ``message`` says what and why, ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Several fields can be wrong at once; ``errors`` maps field → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_field, _first_message = next(iter(errors.items()))
        super().__init__("；".join(errors.values()), field=first_field)
        self.errors = dict(errors)


class ConflictError(DomainError):
    """Another clerk saved the same record first (version counter moved on)."""

    def __init__(self, what: str = "该记录") -> None:
        super().__init__(f"{what}已被他人修改，请重新载入后再保存。")


class NotFoundError(DomainError):
    pass


class DatabaseClosedError(DomainError):
    """Work asked of a database the window has let go of (replaced, or being restored)."""

    def __init__(self, where: str) -> None:
        super().__init__(f"这个数据库已关闭（已换用其他数据库或正在从备份恢复）：{where}")
