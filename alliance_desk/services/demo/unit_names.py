"""Name catalogues for member units, one per category: real-looking fixed names plus
templates with slots for variety. Uniqueness is checked by the caller on ``name_key``."""

from __future__ import annotations

import random
from dataclasses import dataclass

from alliance_desk.core.vocab import UnitCategory

COMMUNITY_NAMES = (
    "幸福", "光明", "团结", "和平", "友谊", "文化", "新华", "向阳", "胜利", "兴隆",
    "富文", "洮府", "铁东", "铁西", "站前", "府前", "长青", "康宁", "永安", "民主",
    "新兴", "东风", "建设", "繁荣", "安康", "阳光", "福顺", "春华", "丰收", "北苑",
    "南苑", "金城", "银河", "翠园", "锦绣", "嘉和", "瑞祥", "德兴", "仁和", "惠民",
    "和谐", "明珠", "文苑", "红旗", "东方", "双拥", "通达", "新城",
)  # fmt: skip

_PLACES = (
    "城东", "城西", "城南", "城北", "兴隆", "光明", "团结", "富文", "洮府", "胜利",
    "新华", "向阳", "永安", "长青", "通达", "站前", "府前", "银河", "铁东", "铁西",
)  # fmt: skip
_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_BRANDS = (
    "鑫达", "恒信", "瑞丰", "宏业", "金鼎", "华泰", "润泽", "兴旺", "利民", "安居",
    "福源", "嘉禾", "盛世", "天成", "永兴", "万和", "德润", "众诚", "佳和", "泰丰",
    "顺达", "康宁", "锦程", "祥瑞", "东方", "北辰", "新源", "广厦", "汇通", "宏图",
    "金秋", "龙腾", "富民", "鸿运", "华宇", "恒泰", "天润", "源丰", "聚福", "亿丰",
)  # fmt: skip
_TRADES = (
    "物业服务有限公司", "物业服务有限公司", "物业管理有限公司", "房地产开发有限公司",
    "商贸有限公司", "商贸有限公司", "建筑工程有限公司", "餐饮管理有限公司",
    "超市连锁有限公司", "农业科技发展有限公司", "物流有限公司", "家政服务有限公司",
    "医药连锁有限公司", "汽车销售服务有限公司", "粮油经销有限公司", "酒店管理有限公司",
    "印刷有限公司", "电子商务有限公司", "律师事务所", "会计师事务所有限公司",
)  # fmt: skip
_REGIONS = ("洮南市", "洮南市", "洮南市", "吉林省", "白城市", "")
_VOLUNTEERS = (
    "红马甲", "夕阳红", "暖心", "爱心", "春风", "向日葵", "萤火虫", "同心", "邻里",
    "蒲公英", "红烛", "微光",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Catalogue:
    quota: int  # units of this category per block (scale 1 = one block)
    fixed_share: int  # how many of them come from ``fixed`` (at most)
    fixed: tuple[str, ...]
    templates: tuple[str, ...]


CATALOGUES: dict[UnitCategory, Catalogue] = {
    UnitCategory.GOVERNMENT: Catalogue(38, 34, (
        "市委组织部", "市委宣传部", "市委统战部", "市委政法委员会", "市纪委监委",
        "市委网络安全和信息化委员会办公室", "市委老干部局", "市委党校", "市发展和改革局",
        "市教育局", "市科学技术和工业信息化局", "市公安局", "市民政局", "市司法局",
        "市财政局", "市人力资源和社会保障局", "市自然资源局", "市住房和城乡建设局",
        "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化广播电视和旅游局",
        "市卫生健康局", "市退役军人事务局", "市应急管理局", "市审计局", "市市场监督管理局",
        "市统计局", "市医疗保障局", "市城市管理行政执法局", "市信访局",
        "市政务服务和数字化建设管理局", "市林业和草原局", "市民族宗教事务局",
        "国家税务总局洮南市税务局", "市人民法院", "市人民检察院", "市总工会", "团市委",
        "市妇联", "市残联", "市科协", "市工商业联合会", "市消防救援大队", "市国防动员办公室",
        "白城市生态环境局洮南市分局", "市人民武装部",
    ), ("市公安局{place}派出所", "市司法局{place}司法所", "市市场监督管理局{place}市场监管所")),
    UnitCategory.INSTITUTION: Catalogue(32, 18, (
        "市人民医院", "市中医院", "市妇幼保健计划生育服务中心", "市疾病预防控制中心",
        "市图书馆", "市文化馆", "市融媒体中心", "市职业教育中心", "市不动产登记中心",
        "市就业服务中心", "市社会保险事业管理中心", "市公共资源交易中心",
        "市园林绿化管理中心", "市环境卫生管理中心", "市老年大学", "市青少年活动中心",
        "市档案馆", "市博物馆", "市特殊教育学校", "市实验幼儿园", "市实验中学",
    ), ("市第{ordinal}中学", "市第{ordinal}实验小学", "市{place}小学", "市第{ordinal}幼儿园",
        "市{place}社区卫生服务中心")),
    UnitCategory.STATE_ENTERPRISE: Catalogue(18, 13, (
        "国网洮南市供电公司", "中国移动洮南分公司", "中国联通洮南市分公司", "中国电信洮南分公司",
        "中国邮政集团有限公司洮南市分公司", "中国工商银行洮南支行", "中国农业银行洮南市支行",
        "中国银行洮南支行", "中国建设银行洮南支行", "吉林银行洮南支行",
        "洮南市自来水有限责任公司", "洮南市城市供热有限公司", "洮南市城市建设投资有限公司",
        "洮南市公共交通有限责任公司", "中国人寿保险股份有限公司洮南市支公司",
        "中国人民财产保险股份有限公司洮南支公司", "中国邮政储蓄银行洮南市支行",
        "吉林省烟草公司白城市公司洮南营销部", "洮南市粮食储备库",
    ), ("洮南农村商业银行{place}支行", "中国石油洮南{place}加油站",
        "中国石化洮南{place}加油站", "中国邮政洮南{place}邮政支局")),
    UnitCategory.PRIVATE_ENTERPRISE: Catalogue(30, 0, (), ("{region}{brand}{trade}",)),
    UnitCategory.SOCIAL_ORGANISATION: Catalogue(23, 12, (
        "洮南市青年志愿者协会", "洮南市义工联合会", "洮南市慈善总会", "洮南市红十字会",
        "洮南市个体劳动者协会", "洮南市老年人体育协会", "洮南市书法家协会",
        "洮南市摄影家协会", "洮南市作家协会", "洮南市餐饮行业协会", "洮南市物业管理协会",
        "洮南市关心下一代工作委员会", "洮南市律师协会", "洮南市家庭教育研究会",
        "洮南市退役军人志愿服务协会", "洮南市爱心助残协会",
    ), ("洮南市{brand}社会工作服务中心", "洮南市{brand}养老服务中心",
        "洮南市{volunteer}志愿服务队", "洮南市{volunteer}志愿者协会",
        "{place}社区社会组织联合会")),
}  # fmt: skip

COMMUNITIES_PER_BLOCK = 24
UNITS_PER_BLOCK = COMMUNITIES_PER_BLOCK + sum(c.quota for c in CATALOGUES.values())


def from_template(rng: random.Random, templates: tuple[str, ...]) -> str:
    return rng.choice(templates).format(
        place=rng.choice(_PLACES),
        ordinal=rng.choice(_ORDINALS),
        brand=rng.choice(_BRANDS),
        trade=rng.choice(_TRADES),
        region=rng.choice(_REGIONS),
        volunteer=rng.choice(_VOLUNTEERS),
    )
