"""Personal names, phone numbers and addresses that look like a 洮南 register."""

from __future__ import annotations

import random

# Weighted roughly by frequency in northeast China.
_SURNAMES = (
    ("王", 12), ("李", 12), ("张", 11), ("刘", 10), ("陈", 5), ("杨", 5), ("赵", 6),
    ("黄", 2), ("周", 3), ("吴", 2), ("徐", 3), ("孙", 5), ("胡", 2), ("朱", 2),
    ("高", 4), ("林", 2), ("何", 1), ("郭", 3), ("马", 4), ("罗", 1), ("梁", 2),
    ("宋", 3), ("郑", 2), ("谢", 1), ("韩", 3), ("唐", 1), ("冯", 2), ("于", 4),
    ("董", 2), ("程", 1), ("曹", 2), ("袁", 1), ("邓", 1), ("许", 2), ("傅", 1),
    ("曲", 2), ("姜", 3), ("崔", 2), ("白", 2), ("吕", 1), ("丁", 1), ("付", 2),
    ("田", 2), ("范", 1), ("石", 1), ("贾", 1), ("宫", 1), ("隋", 1), ("包", 1),
)  # fmt: skip
_SURNAME_LIST = tuple(s for s, _ in _SURNAMES)
_SURNAME_WEIGHTS = tuple(w for _, w in _SURNAMES)

_GIVEN_NAMES = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "华", "平", "刚", "丹", "琳", "鑫", "博", "宇", "帅", "颖", "欣",
    "秀英", "桂英", "玉兰", "桂兰", "海燕", "建华", "建国", "志强", "晓东", "红梅",
    "丽娟", "春雷", "立新", "宏伟", "凤霞", "淑珍", "淑华", "玉梅", "秀兰", "金凤",
    "文博", "子涵", "浩然", "欣怡", "宇航", "振宇", "国庆", "建军", "春生", "晓燕",
    "雪梅", "海涛", "德胜", "永刚", "长海", "玉华", "丽华", "凤英", "淑芬", "晓光",
    "红霞", "立军", "宏亮", "春艳", "冬梅", "秋菊", "国华", "志刚", "立华", "文静",
    "晓丽", "佳琪", "思远", "一鸣", "雨萱", "俊杰", "立伟", "成林", "守仁", "忠义",
    "占山", "福贵", "宝军", "庆丰", "铁柱", "树林", "连生", "凤琴", "桂芝", "艳秋",
)  # fmt: skip

_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "199",
)  # fmt: skip

#: 洮南 is in 白城 (area code 0436); local numbers there start with 6.
AREA_CODE = "0436"

ROADS = (
    "兴安路", "团结路", "光明街", "洮府街", "富文路", "胜利路", "新华路", "人民大街",
    "中兴路", "建设街", "文化路", "站前路", "长庆街", "永康路", "福顺街", "兴隆街",
    "北环路", "南环路", "东环路", "西环路", "府前街", "育才路", "和平路", "友谊路",
    "铁东街", "民主街", "向阳路", "红旗街", "光华路", "吉祥路",
)  # fmt: skip


def person_name(rng: random.Random) -> str:
    surname = rng.choices(_SURNAME_LIST, weights=_SURNAME_WEIGHTS)[0]
    return surname + rng.choice(_GIVEN_NAMES)


def two_people(rng: random.Random) -> tuple[str, str]:
    """A secretary and a liaison: never the same name."""
    first = person_name(rng)
    second = person_name(rng)
    while second == first:
        second = person_name(rng)
    return first, second


def mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


def landline(rng: random.Random) -> str:
    return f"{AREA_CODE}-6{rng.choice('2345')}{rng.randrange(100_000):05d}"


def phone(rng: random.Random, landline_share: float) -> str:
    return landline(rng) if rng.random() < landline_share else mobile(rng)


def address(rng: random.Random) -> str:
    number = rng.randint(1, 999) if rng.random() < 0.9 else rng.randint(1000, 2999)
    return f"洮南市{rng.choice(ROADS)}{number}号"
