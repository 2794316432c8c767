"""A date axis for timelines whose acts are days apart in one place, years in another.

The disclosure week spans six years: five acts over four months of 2012-13,
one in 2016, then a dozen within three weeks of 2019. A linear axis would put
the 2019 acts on top of each other. So the axis is a monotone, piecewise
linear map through the dates that matter (the knots):

* a gap longer than :data:`BREAK_DAYS` between two knots is *broken*: drawn
  as a narrow band labelled with the time skipped;
* elsewhere the distance between two knots grows with the square root of the
  days between them, so days and months both stay legible;
* two knots are never closer than the marks drawn on them need (``room``).

Ticks are chosen per unbroken segment by its length: each marked day for a
few weeks, month starts up to two years, years beyond. Every tick carries its
date, so the reader never has to trust the spacing.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["BREAK_DAYS", "AxisBreak", "DateAxis", "Segment", "Tick", "date_axis"]

BREAK_DAYS = 183
"""Gaps longer than this (about six months) are broken out of the axis."""
BREAK_WIDTH = 64.0
PAD = 14.0
"""Room at each end of a segment, besides what its marks need."""
MIN_SEGMENT = 84.0
"""The narrowest a segment is drawn, so its date label fits."""
CHAR_WIDTH = 6.5
"""About the width of one character of an 11px tick label."""
MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@dataclass(frozen=True)
class Tick:
    """A date marked on the axis; ``label`` is empty when it would crowd another."""

    at: dt.date
    x: float
    label: str


@dataclass(frozen=True)
class AxisBreak:
    """A skipped stretch of time between two segments."""

    x0: float
    x1: float
    label: str


@dataclass(frozen=True)
class Segment:
    """An unbroken stretch of the axis and its caption (``Feb - Mar 2019``)."""

    start: dt.date
    end: dt.date
    x0: float
    x1: float
    caption: str


@dataclass(frozen=True)
class DateAxis:
    """Where each date goes, from ``0`` to ``width``, with ticks and breaks."""

    knots: tuple[tuple[dt.date, float], ...]
    segments: tuple[Segment, ...]
    breaks: tuple[AxisBreak, ...]
    ticks: tuple[Tick, ...]
    width: float

    def x(self, day: dt.date) -> float:
        """The position of a date: interpolated between knots, clamped at the ends."""
        dates = [d for d, _ in self.knots]
        i = bisect_right(dates, day)
        if i == 0:
            return self.knots[0][1]
        if i == len(dates):
            return self.knots[-1][1]
        (d0, x0), (d1, x1) = self.knots[i - 1], self.knots[i]
        return x0 + (x1 - x0) * (day - d0).days / (d1 - d0).days


def _label_gap(before: str, after: str) -> float:
    """The least distance between two tick labels centred on their ticks."""
    return (len(before) + len(after)) * CHAR_WIDTH / 2 + 8.0


def _gap_text(days: int) -> str:
    """The time a break skips, rounded as people say it."""
    years, rest = divmod(days, 365)
    if years >= 1:
        return f"{years}{'½' if rest >= 182 else ''} year{'s' if years > 1 or rest >= 182 else ''}"
    return f"{round(days / 30.4)} months"


def _caption(start: dt.date, end: dt.date) -> str:
    if start.year != end.year:
        return f"{MONTHS[start.month - 1]} {start.year} \N{EN DASH} {MONTHS[end.month - 1]} {end.year}"
    if start.month != end.month:
        return (
            f"{MONTHS[start.month - 1]} \N{EN DASH} {MONTHS[end.month - 1]} {end.year}"
        )
    return f"{MONTHS[start.month - 1]} {end.year}"


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    out: list[dt.date] = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
        if day > end:
            return out
        out.append(day)


def _ticks(seg: list[dt.date]) -> list[tuple[dt.date, str]]:
    start, end = seg[0], seg[-1]
    days = (end - start).days
    if days <= 45:
        # The month is named at its first day only: "24 Feb", "11 Mar", "12", "14".
        return [
            (
                d,
                f"{d.day} {MONTHS[d.month - 1]}"
                if i == 0 or d.month != seg[i - 1].month
                else str(d.day),
            )
            for i, d in enumerate(seg)
        ]
    if days <= 730:
        return [
            (d, MONTHS[d.month - 1] if d.month != 1 else str(d.year))
            for d in _month_starts(start, end)
        ]
    return [(dt.date(y, 1, 1), str(y)) for y in range(start.year + 1, end.year + 1)]


def _split(dates: list[dt.date]) -> list[list[dt.date]]:
    segments = [[dates[0]]]
    for before, after in pairwise(dates):
        if (after - before).days > BREAK_DAYS:
            segments.append([after])
        else:
            segments[-1].append(after)
    return segments


def _layout(
    segments: list[list[dt.date]], room: Mapping[dt.date, float], k: float
) -> tuple[list[tuple[dt.date, float]], list[tuple[float, float]]]:
    """Knot positions and segment extents for a scale factor ``k`` (px per √day)."""
    knots: list[tuple[dt.date, float]] = []
    extents: list[tuple[float, float]] = []
    x = 0.0
    for n, seg in enumerate(segments):
        if n:
            x += BREAK_WIDTH
        x0 = x
        x += PAD + room.get(seg[0], 0.0)
        knots.append((seg[0], x))
        for before, after in pairwise(seg):
            # The marks' room is added, not compared: a day crowded with acts
            # is given width on top of the time it stands for.
            need = room.get(before, 0.0) + room.get(after, 0.0) + 4.0
            x += need + k * math.sqrt((after - before).days)
            knots.append((after, x))
        x += PAD + room.get(seg[-1], 0.0)
        if x - x0 < MIN_SEGMENT:
            # Centre the knots of a narrow segment in its minimum width.
            shift = (MIN_SEGMENT - (x - x0)) / 2
            knots[-len(seg) :] = [(d, px + shift) for d, px in knots[-len(seg) :]]
            x = x0 + MIN_SEGMENT
        extents.append((x0, x))
    return knots, extents


def date_axis(
    dates: Iterable[dt.date], width: float, room: Mapping[dt.date, float] | None = None
) -> DateAxis:
    """An axis through the given dates, as close to ``width`` as the marks allow.

    Args:
        dates: every date something is drawn at (acts, span ends); at least one.
        width: the width to fill.
        room: per date, the half-width its marks need; the axis is wider than
            ``width`` when the marks cannot fit in it.

    Returns:
        The axis, with knots at each distinct date.
    """
    room = room or {}
    segments = _split(sorted(set(dates)))
    low, high = 0.0, width
    if _layout(segments, room, 0.0)[1][-1][1] < width:
        for _ in range(40):  # bisection: the layout's width grows with k
            mid = (low + high) / 2
            if _layout(segments, room, mid)[1][-1][1] > width:
                high = mid
            else:
                low = mid
    knots, extents = _layout(segments, room, low)
    axis = DateAxis(tuple(knots), (), (), (), extents[-1][1])
    ticks: list[Tick] = []
    last, last_label = -math.inf, ""
    for seg in segments:
        for day, label in _ticks(seg):
            x = axis.x(day)
            shown = label if x - last >= _label_gap(last_label, label) else ""
            if shown:
                last, last_label = x, shown
            ticks.append(Tick(day, x, shown))
    return DateAxis(
        knots=tuple(knots),
        segments=tuple(
            Segment(seg[0], seg[-1], x0, x1, _caption(seg[0], seg[-1]))
            for seg, (x0, x1) in zip(segments, extents, strict=True)
        ),
        breaks=tuple(
            AxisBreak(
                extents[i][1],
                extents[i + 1][0],
                _gap_text((segments[i + 1][0] - segments[i][-1]).days),
            )
            for i in range(len(segments) - 1)
        ),
        ticks=tuple(ticks),
        width=extents[-1][1],
    )
