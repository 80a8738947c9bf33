"""Grade scales as data: ordered (grade, lower bound) pairs, read half-open upward."""
from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from .numbers import Exact, fmt


class GradeBand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    grade: str
    min: Exact | None = None            # inclusive lower bound; None = no lower bound (差)
    max: Exact | None = None            # the upper end as printed (75（含）–89 → 89); only checked


class GradeScale(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    bands: tuple[GradeBand, ...]

    def grade_of(self, total: Decimal) -> str | None:
        """The grade of a total: the band with the highest lower bound not above it."""
        for band in sorted(self.bands, key=lambda b: b.min if b.min is not None else Decimal("-Infinity"),
                           reverse=True):
            if band.min is None or total >= band.min:
                return band.grade
        return None

    def gaps(self) -> list[str]:
        """Printed ends that leave a gap or overlap with the next band (PS105)."""
        out = [f"“{b.grade}”下限{fmt(b.min)}大于上限{fmt(b.max)}，区间颠倒" for b in self.bands
               if b.min is not None and b.max is not None and b.min > b.max]
        ordered = sorted(self.bands, key=lambda b: b.min if b.min is not None else Decimal("-Infinity"))
        for low, high in pairwise(ordered):
            if low.max is None or high.min is None:
                continue
            if low.max < high.min:
                out.append(f"“{low.grade}”止于{fmt(low.max)}，“{high.grade}”始于{fmt(high.min)}（含），"
                           f"{fmt(low.max)}与{fmt(high.min)}之间的得分没有等级")
            elif low.max > high.min:
                out.append(f"“{low.grade}”止于{fmt(low.max)}，“{high.grade}”始于{fmt(high.min)}，两档重叠")
        return out

    def words(self) -> list[str]:
        return [b.grade for b in self.bands]


def _scale(name: str, *bands: tuple[str, int | None, int | None]) -> GradeScale:
    return GradeScale(name=name, bands=tuple(
        GradeBand(grade=g, min=None if lo is None else Decimal(lo), max=None if hi is None else Decimal(hi))
        for g, lo, hi in bands))


BUILTIN: dict[str, GradeScale] = {
    "mof-2020": _scale("财预〔2020〕10号", ("优", 90, None), ("良", 80, None), ("中", 60, None), ("差", None, None)),
    "five-band": _scale("五档", ("优", 90, None), ("良", 80, None), ("中", 70, None), ("合格", 60, None),
                        ("差", None, None)),
}
