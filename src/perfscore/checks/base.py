"""Building findings: severity comes from the registry (:mod:`.registry`), the place from YAML keys."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Sequence

from ..findings import Finding
from ..model import SEP, Indicator, IndicatorSet
from .registry import CODES


def finding(code: str, file: str | None, message: str, keys: Sequence[str | int] = (),
            indicator: Sequence[str] | str | None = None, declared: Decimal | None = None,
            computed: Decimal | None = None) -> Finding:
    path = indicator if isinstance(indicator, str) or indicator is None else SEP.join(indicator)
    return Finding(code, CODES[code].severity, file, message, path or None, declared, computed, keys=tuple(keys))


def nodes_with_keys(iset: IndicatorSet) -> Iterator[tuple[tuple[str, ...], tuple[str | int, ...], Indicator]]:
    """Every node with its name path and its YAML key path (indicators/0/children/2/…)."""
    def go(prefix: tuple[str, ...], keys: tuple[str | int, ...], nodes: list[Indicator]
           ) -> Iterator[tuple[tuple[str, ...], tuple[str | int, ...], Indicator]]:
        for i, node in enumerate(nodes):
            path, here = prefix + (node.name,), keys + (i,)
            yield path, here, node
            yield from go(path, here + ("children",), node.children)
    return go((), ("indicators",), iset.indicators)


_UNIT_IN_NAME = re.compile(r"[（(]\s*%\s*[)）]\s*$")


def indicator_unit(node: Indicator) -> str | None:
    """The unit an indicator is measured in: its ``unit``, else its target's, else ``%`` from a name like 满意度(%)."""
    if node.unit:
        return node.unit
    if node.target is not None and node.target.unit:
        return node.target.unit
    return "%" if _UNIT_IN_NAME.search(node.name) else None


@lru_cache(maxsize=4096)   # the same few hundred names, for every evaluation of a batch
def base_name(name: str) -> str:
    """An indicator name without its printed unit suffix or spaces: 服务对象满意度(%) → 服务对象满意度."""
    return re.sub(r"\s+", "", _UNIT_IN_NAME.sub("", name))
