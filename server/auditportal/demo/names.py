"""Deterministic, realistic Chinese customer names, regions and people for the demo."""

from __future__ import annotations

import random
from dataclasses import dataclass

from auditportal.customers.models import CustomerTier

# (region, cities) as the firm's sales regions are usually cut.
REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("华东", ("上海", "杭州", "南京", "苏州", "宁波", "合肥")),
    ("华南", ("广州", "深圳", "厦门", "福州", "南宁")),
    ("华北", ("北京", "天津", "石家庄", "太原", "济南")),
    ("华中", ("武汉", "长沙", "郑州", "南昌")),
    ("西南", ("成都", "重庆", "昆明", "贵阳")),
    ("西北", ("西安", "兰州", "乌鲁木齐")),
    ("东北", ("沈阳", "大连", "长春", "哈尔滨")),
)
_WORDS = (
    "恒信", "华瑞", "中联", "鼎泰", "万达", "金桥", "宏远", "嘉禾", "瑞丰", "天成", "博远",
    "正泰", "永安", "新元", "盛世", "汇通", "长城", "海纳", "润丰", "东方", "鸿基", "同创",
    "安泰", "凯盛", "中科", "德信", "信达", "恒润", "利民", "腾飞", "锦程", "明珠",
)  # fmt: skip
INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("贸易", "商贸有限公司"),
    ("制造", "机械制造有限公司"),
    ("物流", "物流有限公司"),
    ("医药", "医药股份有限公司"),
    ("电子", "电子科技有限公司"),
    ("食品", "食品有限公司"),
    ("建材", "建材有限公司"),
    ("金融服务", "融资租赁有限公司"),
    ("软件", "信息技术有限公司"),
    ("零售", "连锁零售有限公司"),
)
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
GIVEN = ("伟", "敏", "静", "强", "磊", "洋", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚")


@dataclass(frozen=True)
class DemoCustomer:
    code: str
    name: str
    region: str
    city: str
    industry: str
    tier: CustomerTier
    contact: str


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def customers(count: int, seed: int = 2026) -> list[DemoCustomer]:
    """``count`` distinct customers; about 15 % key, 15 % high risk, the rest normal."""
    rng = random.Random(seed)
    made: list[DemoCustomer] = []
    seen: set[str] = set()
    while len(made) < count:
        region, cities = rng.choice(REGIONS)
        city = rng.choice(cities)
        industry, suffix = rng.choice(INDUSTRIES)
        name = f"{city}{rng.choice(_WORDS)}{suffix}"
        if name in seen:
            name = f"{city}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{suffix}"
            if name in seen:
                continue
        seen.add(name)
        roll = rng.random()
        tier = (
            CustomerTier.KEY if roll < 0.15
            else CustomerTier.HIGH_RISK if roll < 0.30
            else CustomerTier.NORMAL
        )  # fmt: skip
        made.append(
            DemoCustomer(
                code=f"DEMO-{len(made) + 1:04d}",
                name=name,
                region=region,
                city=city,
                industry=industry,
                tier=tier,
                contact=person(rng),
            )
        )
    return made
