"""A package ``__getattr__`` that imports a submodule when one of its names is first used.

A service package re-exports its public names; importing them all eagerly costs every
caller every submodule (the printing CLI needs one reader of a dozen modules, and the
rest cost it 40 ms). With ``__getattr__ = lazy_exports(__name__, {...})`` the package
imports nothing until a name is asked for, then caches it in the package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """``exports`` maps a submodule's name (relative to ``package``) to the names it gives."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
