"""Masking personal information in printed lists for posting and in exports (张*明, 138****1234)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明; empty stays empty."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) <= 2:
        return "*" * len(digits)
    return "*" * (len(digits) - 2) + digits[-2:]


def mask_address(address: str) -> str:
    """Keep the residential area (up to the first 小区/社区/苑/园), hide the building and door."""
    address = address.strip()
    for marker in ("小区", "社区", "花园", "苑", "园", "村"):
        at = address.find(marker)
        if at >= 0:
            return address[: at + len(marker)] + ("***" if at + len(marker) < len(address) else "")
    return address[:2] + "***" if len(address) > 2 else "*" * len(address)
